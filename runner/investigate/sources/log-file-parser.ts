// One CloudTrail log file's bytes → the normalised events an investigation keeps. Runs in the
// worker threads (parse-worker.ts) and directly in tests. Speed matters here: a log set of a
// million records passes through this loop, so the file is decompressed and parsed in one go
// (zlib and JSON.parse are native) and most records leave after normaliseRecord's scope test.
import { gunzipSync } from 'node:zlib';
import type { EventCatalogue, TrailEvent } from '../event.js';
import { isTrailRecord, normaliseRecord } from '../normalise.js';

/** Which events to keep: [start, end) epoch ms and the wanted regions (null = all). */
export interface ParseFilter {
  start: number;
  end: number;
  regions: readonly string[] | null;
}

export interface ParsedLogFile {
  /** Kept events (in scope, in the window, in a wanted region), in file order. */
  events: TrailEvent[];
  /** Raw records in the file, kept or not. */
  records: number;
  /** Records that are not objects with eventTime, eventSource and eventName. */
  malformed: number;
  /** Why the file could not be read as a whole (then events is empty), or null. */
  problem: string | null;
}

const GZIP_MAGIC = [0x1f, 0x8b];

function looksGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Decompresses (when `gzip`, or when the bytes carry the gzip header anyway), parses and filters
 * one file. Never throws for bad input: a file that cannot be read comes back with `problem`.
 */
export function parseLogFile(bytes: Uint8Array, gzip: boolean, filter: ParseFilter, catalogue: EventCatalogue): ParsedLogFile {
  const failed = (problem: string): ParsedLogFile => ({ events: [], records: 0, malformed: 0, problem });
  let text: string;
  try {
    if (gzip && !looksGzip(bytes)) return failed('not a gzip file (no gzip header)');
    const raw = gzip || looksGzip(bytes) ? gunzipSync(bytes) : bytes;
    text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  } catch (err) {
    return failed(`cannot decompress: ${messageOf(err)}`);
  }
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (err) {
    return failed(`invalid JSON: ${messageOf(err)}`);
  }
  const records = (document as { Records?: unknown } | null)?.Records;
  if (!Array.isArray(records)) return failed('not a CloudTrail log file: no "Records" array');
  return { ...filterRecords(records, filter, catalogue), problem: null };
}

function filterRecords(records: unknown[], filter: ParseFilter, catalogue: EventCatalogue): Omit<ParsedLogFile, 'problem'> {
  const regions = filter.regions === null ? null : new Set(filter.regions);
  const events: TrailEvent[] = [];
  let malformed = 0;
  for (const raw of records) {
    if (!isTrailRecord(raw)) {
      malformed++;
      continue;
    }
    const event = normaliseRecord(raw, catalogue);
    if (event === null) continue;
    if (event.time < filter.start || event.time >= filter.end) continue;
    if (regions !== null && !regions.has(event.region)) continue;
    events.push(event);
  }
  return { events, records: records.length, malformed };
}

/** The problem line for a file with malformed records (reported once per file, not per record). */
export function malformedMessage(count: number): string {
  return `${count} record${count === 1 ? '' : 's'} without eventTime/eventSource/eventName`;
}
