// The CSV timeline (`timeline.csv`): a header row, then one row per event of the window in time
// order, streamed from the spool. Same dialect and the same formula-injection defence as the scan
// CSV (reports/csv/csv-report.ts, where the reasons are spelt out): RFC 4180 with CRLF, no BOM,
// and csv-stringify's `escape_formulas`, which prefixes `'` to any cell starting with = + - @ tab
// or CR. That matters even more here: user agents, session names and request values are written
// by whoever made the calls, an attacker included, and this file is opened in a spreadsheet
// during an incident.
import { CsvChunks } from '../csv/csv-chunks.js';
import type { TrailEvent } from '../../runner/investigate/event.js';
import type { InvestigationOutput } from '../../runner/investigate/investigation.js';
import { writeStreamAtomic } from '../../runner/util/atomic-write.js';
import { eventCategory, eventResources } from './event-text.js';

export const TIMELINE_COLUMNS = [
  'event_time',
  'event_source',
  'event_name',
  'scope',
  'category',
  'operation',
  'event_type',
  'principal',
  'principal_type',
  'account_id',
  'region',
  'source_ip',
  'user_agent',
  'application_id',
  'resource',
  'error_code',
  'event_id',
  'read_only',
] as const;


// A timeline row is about 400 characters: 64 rows keep each chunk under V8's large-object size
// (128 KiB), which only a full GC frees (see the scan CSV).
const ROWS_PER_CHUNK = 64;

/** One timeline row. `event_type` is the eventCategory CloudTrail logged (Management, Data, Insight). */
export function timelineRow(e: TrailEvent): string[] {
  return [
    e.eventTime,
    e.eventSource,
    e.eventName,
    e.scope,
    eventCategory(e),
    e.qClass?.operation ?? '',
    e.eventCategory,
    e.principal.key,
    e.principal.type,
    e.accountId,
    e.region,
    e.sourceIp,
    e.userAgent,
    e.applicationId ?? '',
    eventResources(e),
    e.errorCode ?? '',
    e.eventId,
    e.readOnly === null ? '' : String(e.readOnly),
  ];
}

async function* chunks(output: InvestigationOutput): AsyncGenerator<string> {
  const csv = new CsvChunks(ROWS_PER_CHUNK);
  yield csv.header(TIMELINE_COLUMNS);
  for await (const event of output.events()) {
    const chunk = csv.add(timelineRow(event));
    if (chunk !== null) yield chunk;
  }
  const rest = csv.end();
  if (rest !== null) yield rest;
}

export async function writeInvestigationCsv(output: InvestigationOutput, file: string): Promise<void> {
  await writeStreamAtomic(file, chunks(output));
}
