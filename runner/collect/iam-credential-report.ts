// iam.credential_report: generate the report (IAM builds it asynchronously, so poll), read it, and
// turn its CSV into typed rows. The special values N/A, no_information and not_supported become
// null so checks can tell "no data" from "false".
import { GenerateCredentialReportCommand, GetCredentialReportCommand, type IAMClient } from '@aws-sdk/client-iam';
import { parse } from 'csv-parse/sync';
import type { CredentialReportData, CredentialReportRow } from '../sources/iam-data.js';
import type { CollectContext, Collector } from './collector.js';

/** Give up after about two minutes; IAM usually completes a report within seconds. */
export const REPORT_WAIT_LIMIT_MS = 120_000;
const FIRST_POLL_MS = 1_000;
const MAX_POLL_MS = 15_000;

const SPECIAL_VALUES = new Set(['N/A', 'no_information', 'not_supported', '']);

type ColumnKind = 'text' | 'boolean' | 'date';

/** The report's columns in report order, with how each cell is typed (`user`/`arn` are always text). */
const COLUMNS: readonly [keyof CredentialReportRow, ColumnKind][] = [
  ['user', 'text'], ['arn', 'text'], ['user_creation_time', 'date'],
  ['password_enabled', 'boolean'], ['password_last_used', 'date'], ['password_last_changed', 'date'], ['password_next_rotation', 'date'],
  ['mfa_active', 'boolean'],
  ['access_key_1_active', 'boolean'], ['access_key_1_last_rotated', 'date'], ['access_key_1_last_used_date', 'date'],
  ['access_key_1_last_used_region', 'text'], ['access_key_1_last_used_service', 'text'],
  ['access_key_2_active', 'boolean'], ['access_key_2_last_rotated', 'date'], ['access_key_2_last_used_date', 'date'],
  ['access_key_2_last_used_region', 'text'], ['access_key_2_last_used_service', 'text'],
  ['cert_1_active', 'boolean'], ['cert_1_last_rotated', 'date'], ['cert_2_active', 'boolean'], ['cert_2_last_rotated', 'date'],
];

function present(value: string | undefined): string | null {
  return value === undefined || SPECIAL_VALUES.has(value) ? null : value;
}

function toBoolean(value: string | undefined): boolean | null {
  const v = present(value);
  if (v === 'true') return true;
  if (v === 'false') return false;
  return null;
}

function toIsoDate(value: string | undefined): string | null {
  const v = present(value);
  if (v === null) return null;
  const date = new Date(v);
  // An unparseable date is no usable date; null keeps checks on the "no data" path.
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** One CSV record (header → cell) as a typed row; unknown columns are ignored, missing ones are null. */
export function credentialRow(record: Record<string, string>): CredentialReportRow {
  const row: Record<string, string | boolean | null> = {};
  for (const [column, kind] of COLUMNS) {
    const cell = record[column];
    if (column === 'user' || column === 'arn') row[column] = cell ?? '';
    else if (kind === 'boolean') row[column] = toBoolean(cell);
    else if (kind === 'date') row[column] = toIsoDate(cell);
    else row[column] = present(cell);
  }
  return row as unknown as CredentialReportRow;
}

/** The report CSV (header line first) → rows. Quoted cells (user names with commas) are handled by csv-parse. */
export function parseCredentialReport(csv: string): CredentialReportRow[] {
  const records: Record<string, string>[] = parse(csv, { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  return records.map(credentialRow);
}

/** Calls GenerateCredentialReport until IAM says COMPLETE, backing off between polls. */
async function generateReport(iam: IAMClient, sleep: CollectContext['sleep']): Promise<void> {
  let waited = 0;
  let delay = FIRST_POLL_MS;
  for (;;) {
    const out = await iam.send(new GenerateCredentialReportCommand({}));
    if (out.State === 'COMPLETE') return;
    if (waited >= REPORT_WAIT_LIMIT_MS) {
      const err = new Error(`credential report still ${out.State ?? 'unknown'} after ${Math.round(waited / 1000)} s`);
      err.name = 'CredentialReportTimeout';
      throw err;
    }
    await sleep(delay);
    waited += delay;
    delay = Math.min(delay * 2, MAX_POLL_MS);
  }
}

export const credentialReportCollector: Collector = {
  id: 'iam.credential_report',
  async collect(ctx): Promise<CredentialReportData> {
    const iam = ctx.clients.iam();
    await generateReport(iam, ctx.sleep);
    const out = await iam.send(new GetCredentialReportCommand({}));
    const csv = out.Content ? Buffer.from(out.Content).toString('utf8') : '';
    return {
      generated_at: out.GeneratedTime ? out.GeneratedTime.toISOString() : null,
      rows: parseCredentialReport(csv),
    };
  },
};
