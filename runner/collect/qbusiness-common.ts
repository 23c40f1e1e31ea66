// What the Amazon Q Business collectors share: one client and one concurrency limiter per
// (source, region), resource ARNs, per-call outcomes and tags.
//
// Concurrency: only API calls go through the limiter (a paginated listing holds one slot for its
// pages), never a task that waits for other limited tasks, so nesting (application → index →
// data source) cannot deadlock and at most `ctx.concurrency` calls of a source are in flight.
import { ListTagsForResourceCommand, type QBusinessClient } from '@aws-sdk/client-qbusiness';
import pLimit, { type LimitFunction } from 'p-limit';
import type { SourceError } from '../snapshot/snapshot.js';
import type { QBusinessApplicationsData, QBusinessTagged } from '../sources/qbusiness-data.js';
import type { CollectContext } from './collector.js';
import { toSourceError } from './source-error.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: SourceError };

export interface QBusinessCalls {
  client: QBusinessClient;
  /** The limiter itself, for a call whose failure should fail the whole source. */
  limit: LimitFunction;
  /** `arn:PARTITION:qbusiness:REGION:ACCOUNT:application/<path>` */
  arn(path: string): string;
  /** One limited call (or one paginated listing); a failure becomes the outcome's error. */
  run<T>(call: () => Promise<T>): Promise<Outcome<T>>;
  /** The resource's tags, or why they could not be read. */
  tags(arn: string): Promise<QBusinessTagged>;
}

export function qbusinessCalls(ctx: CollectContext): QBusinessCalls {
  const client = ctx.clients.get('qbusiness');
  const limit: LimitFunction = pLimit(ctx.concurrency);
  const run = async <T>(call: () => Promise<T>): Promise<Outcome<T>> => {
    try {
      return { ok: true, value: await limit(call) };
    } catch (err) {
      return { ok: false, error: toSourceError(err) };
    }
  };
  return {
    client,
    limit,
    arn: (path) => `arn:${ctx.partition}:qbusiness:${ctx.region}:${ctx.accountId}:application/${path}`,
    run,
    async tags(arn) {
      const out = await run(() => client.send(new ListTagsForResourceCommand({ resourceARN: arn })));
      if (!out.ok) return { tags: null, tags_error: out.error };
      return { tags: (out.value.tags ?? []).map((t) => ({ key: t.key ?? '', value: t.value ?? '' })) };
    },
  };
}

/** Every item of every page of an SDK paginator. */
export async function listAll<Page, Item>(pages: AsyncIterable<Page>, items: (page: Page) => Item[] | undefined): Promise<Item[]> {
  const all: Item[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

/** The applications the dependency `qbusiness.applications` listed in this region. */
export function listedApplications(ctx: CollectContext): { application_id: string }[] {
  return (ctx.deps['qbusiness.applications'] as QBusinessApplicationsData).applications;
}

export function iso(date: Date | undefined): string | null {
  return date ? date.toISOString() : null;
}

/** The name of the member that is set in an SDK union (`{ basicAuthConfiguration: {…} }`), `$unknown` members by their own name. */
export function unionMember(union: object | undefined): string | null {
  if (!union) return null;
  const unknown = (union as { $unknown?: [string, unknown] }).$unknown;
  if (unknown) return unknown[0];
  return Object.entries(union).find(([, value]) => value !== undefined)?.[0] ?? null;
}
