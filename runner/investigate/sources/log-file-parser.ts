// One CloudTrail log file's bytes → the normalised events an investigation keeps. Runs in the
// worker threads (parse-worker.ts) and directly in tests. Speed matters here: a log set of a
// million records passes through this loop, so the file is decompressed and parsed in one go
// (zlib and JSON.parse are native) and most records leave after the scope test (normalise.ts scopeOf).
import { gunzipSync } from 'node:zlib';
import type { EventCatalogue, TrailEvent } from '../event.js';
import { eventOf, isTrailRecord, scopeOf } from '../normalise.js';

/** Which events to keep: [start, end) epoch ms and the wanted regions (null = all). */
export interface ParseFilter {
  start: number;
  end: number;
  regions: readonly string[] | null;
  /** Related (IAM/STS/CloudTrail/Logs) events before this are dropped (SourceQuery.relatedSince). */
  relatedSince?: number;
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

/**
 * A file that decompresses to more than this is refused by name: its text alone would take up to
 * twice as much of a parse worker's heap (WORKER_HEAP_MB). CloudTrail delivers a file per account,
 * region and few minutes, so real log files stay far below it.
 */
export const MAX_LOG_FILE_BYTES = 256 * 1024 * 1024;

/**
 * Above this many characters a file is parsed record by record instead of in one JSON.parse, so
 * the parsed objects of a big file never exist all at once (one JSON.parse of a 100 MB file
 * needs several times that in heap).
 */
export const RECORD_BY_RECORD_CHARS = 32 * 1024 * 1024;

function looksGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Decompresses (when `gzip`, or when the bytes carry the gzip header anyway), parses and filters
 * one file. Never throws for bad input: a file that cannot be read comes back with `problem`.
 */
export function parseLogFile(bytes: Uint8Array, gzip: boolean, filter: ParseFilter, catalogue: EventCatalogue, recordByRecordChars = RECORD_BY_RECORD_CHARS): ParsedLogFile {
  const failed = (problem: string): ParsedLogFile => ({ events: [], records: 0, malformed: 0, problem });
  let text: string;
  try {
    if (gzip && !looksGzip(bytes)) return failed('not a gzip file (no gzip header)');
    if (bytes.byteLength > MAX_LOG_FILE_BYTES) return failed(tooLarge(bytes.byteLength));
    const raw = gzip || looksGzip(bytes) ? gunzipSync(bytes, { maxOutputLength: MAX_LOG_FILE_BYTES }) : bytes;
    text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  } catch (err) {
    if ((err as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') return failed(tooLarge(null));
    return failed(`cannot decompress: ${messageOf(err)}`);
  }
  if (text.length > recordByRecordChars) return parseRecordByRecord(text, filter, catalogue);
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

function tooLarge(bytes: number | null): string {
  return bytes === null ? `decompresses to more than ${limitText()}; not parsed (CloudTrail log files are far smaller)` : tooLargeMessage(bytes, 'parsed');
}

const limitText = (): string => `${MAX_LOG_FILE_BYTES / 1024 / 1024} MB`;

/**
 * The problem line of a file over MAX_LOG_FILE_BYTES. Sources that know the size first (S3's
 * listing, a file's stat) refuse it with 'read', before fetching or reading a byte of it.
 */
export function tooLargeMessage(bytes: number, refused: 'read' | 'parsed'): string {
  return `${bytes} bytes, larger than ${limitText()}; not ${refused} (CloudTrail log files are far smaller)`;
}

function filterRecords(records: Iterable<unknown>, filter: ParseFilter, catalogue: EventCatalogue): Omit<ParsedLogFile, 'problem'> {
  const regions = filter.regions === null ? null : new Set(filter.regions);
  const events: TrailEvent[] = [];
  let malformed = 0;
  let count = 0;
  const relatedSince = filter.relatedSince ?? Number.NEGATIVE_INFINITY;
  for (const raw of records) {
    count++;
    if (!isTrailRecord(raw)) {
      malformed++;
      continue;
    }
    // Scope and time first: most records leave here, before an event is built for them.
    const scope = scopeOf(raw.eventSource as string, raw.userIdentity, raw.sourceIPAddress, raw.userAgent, catalogue);
    if (scope === null) continue;
    const time = Date.parse(raw.eventTime as string);
    if (!(time >= filter.start && time < filter.end)) continue;
    if (scope === 'related' && time < relatedSince) continue;
    if (regions !== null && !regions.has(raw.awsRegion as string)) continue;
    events.push(eventOf(raw, scope, time, catalogue));
  }
  return { events, records: count, malformed };
}

/** A big file: the Records array's elements are found by a scan of the text and parsed one at a time. */
function parseRecordByRecord(text: string, filter: ParseFilter, catalogue: EventCatalogue): ParsedLogFile {
  try {
    return { ...filterRecords(recordTexts(text), filter, catalogue), problem: null };
  } catch (err) {
    return { events: [], records: 0, malformed: 0, problem: `invalid JSON: ${messageOf(err)}` };
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * The parsed elements of the top-level "Records" array, one at a time. The scan tracks strings
 * and nesting, so braces inside values do not confuse it; each element is then checked by
 * JSON.parse itself. Anything that is not `{"Records":[…]}` at the top level throws.
 */
export function* recordTexts(text: string): Generator<unknown> {
  const key = /^\s*\{\s*"Records"\s*:\s*\[/.exec(text);
  if (!key) throw new SyntaxError('not a CloudTrail log file: no "Records" array first');
  const length = text.length;
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = key[0].length; i < length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) {
        inString = false;
        if (depth === 0) yield JSON.parse(text.slice(start, i + 1));
      }
    } else if (c === QUOTE) {
      inString = true;
      if (depth === 0) start = i;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth === 0) start = i;
      depth++;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      if (depth === 0) {
        if (c !== CLOSE_BRACKET || !/^\s*\}\s*$/.test(text.slice(i + 1))) throw new SyntaxError(`unexpected content at position ${i}`);
        return;
      }
      depth--;
      if (depth === 0) yield JSON.parse(text.slice(start, i + 1));
    } else if (depth === 0 && !isSeparator(c)) {
      // A scalar element (a number, true, false, null): not a record, but counted like one.
      let end = i;
      while (end < length && !isSeparator(text.charCodeAt(end)) && text.charCodeAt(end) !== CLOSE_BRACKET) end++;
      yield JSON.parse(text.slice(i, end));
      i = end - 1;
    }
  }
  throw new SyntaxError('unexpected end of JSON input (the Records array is not closed)');
}

/** Whitespace or a comma between array elements. */
function isSeparator(c: number): boolean {
  return c === 0x2c || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** The problem line for a file with malformed records (reported once per file, not per record). */
export function malformedMessage(count: number): string {
  return `${count} record${count === 1 ? '' : 's'} without eventTime/eventSource/eventName`;
}
