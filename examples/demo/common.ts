// What every part of the demo snapshot shares: the two accounts, their regions, the collection
// time and small builders for source results.
import type { SourceResult, SourceTable } from '../../runner/snapshot/snapshot.js';

export const DEMO_COLLECTED_AT = '2026-11-30T09:00:00.000Z';
export const PROD = '111122223333';
export const SANDBOX = '444455556666';
export const DEMO_REGIONS = ['us-east-1', 'eu-west-1'];

/** Which of the two demo accounts a builder is making sources for. */
export interface DemoAccount {
  kind: 'prod' | 'sandbox';
  id: string;
}

/** An ISO timestamp `days` before the demo's collection time. */
export const ago = (days: number): string => new Date(new Date(DEMO_COLLECTED_AT).getTime() - days * 86_400_000).toISOString();

export const ok = (data: unknown): SourceResult => ({ status: 'ok', data, fetched_at: DEMO_COLLECTED_AT });

/** A global source's table (IAM data lives in us-east-1 in the aws partition). */
export const globalSource = (data: unknown): Record<string, SourceResult> => ({ 'us-east-1': ok(data) });

/** A regional source's table, one result per region. */
export const perRegion = (byRegion: Record<string, SourceResult>): Record<string, SourceResult> => byRegion;

/** A builder of one service group's part of an account's sources. */
export type DemoSources = (account: DemoAccount) => SourceTable;
