// One CloudTrail log file of the generated set: where it lies in the organisation-trail layout,
// which account, region and time slice it covers, and its `{"Records":[…]}` text (ASCII bytes). Each file has
// its own PRNG stream (seeded from the set's seed and the file's index), so the set is the same
// whichever worker writes which file.
import { deriveSeed, Rng } from './rng.js';
import { ACCOUNT_IDS, ORGANIZATION_ID, REGIONS, TRAIL_END, TRAIL_START, WINDOW_START, type Estate } from './trail-estate.js';
import { intruderCaller } from './trail-callers.js';
import { intruderRelatedEvent, ordinaryEvent, qInvokedEvent, relatedEvent } from './trail-other-events.js';
import { intruderQEvent, qEvent } from './trail-q-events.js';
import { recordJson, type EventContext, type EventParts } from './trail-record.js';

/** Shares of the records (the rest is ordinary traffic the investigation drops). */
export const Q_SHARE = 0.05;
export const RELATED_SHARE = 0.15;
export const Q_INVOKED_SHARE = 0.002;
/** Share of the window's records that are the intruder's. */
const INTRUDER_SHARE = 0.0003;

const Q_SOURCES = new Set(['qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'q.amazonaws.com', 'codewhisperer.amazonaws.com']);

export interface TrailFileSpec {
  index: number;
  account: number;
  region: string;
  /** The file's records lie in [start, end), epoch ms. */
  start: number;
  end: number;
  records: number;
  seed: number;
}

/** What a file holds, summed over the set for the benchmark's checks. */
export interface TrailCounts {
  records: number;
  /** Records whose eventSource is an Amazon Q service (what the jq filter selects). */
  q: number;
  qInWindow: number;
  related: number;
  qInvoked: number;
  inWindow: number;
}

export const emptyCounts = (): TrailCounts => ({ records: 0, q: 0, qInWindow: 0, related: 0, qInvoked: 0, inWindow: 0 });

export function addCounts(into: TrailCounts, c: TrailCounts): void {
  into.records += c.records;
  into.q += c.q;
  into.qInWindow += c.qInWindow;
  into.related += c.related;
  into.qInvoked += c.qInvoked;
  into.inWindow += c.inWindow;
}

/** The files of a set: consecutive time slices of the 40 days, accounts and regions in turn. */
export function trailFileSpecs(records: number, recordsPerFile: number, seed: number): TrailFileSpec[] {
  const files = Math.max(1, Math.ceil(records / recordsPerFile));
  const span = TRAIL_END - TRAIL_START;
  const specs: TrailFileSpec[] = [];
  for (let i = 0; i < files; i++) {
    specs.push({
      index: i,
      account: i % ACCOUNT_IDS.length,
      region: REGIONS[Math.floor(i / ACCOUNT_IDS.length) % REGIONS.length],
      start: TRAIL_START + Math.floor((i * span) / files),
      end: TRAIL_START + Math.floor(((i + 1) * span) / files),
      records: Math.min(recordsPerFile, records - i * recordsPerFile),
      seed: deriveSeed(seed, i),
    });
  }
  return specs;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `AWSLogs/o-…/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/ACCOUNT_CloudTrail_REGION_YYYYMMDDTHHmmZ_RANDOM.json.gz`. */
function trailFilePath(account: string, region: string, delivered: number, rng: Rng): string {
  const d = new Date(delivered);
  const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  const stamp = `${y}${m}${day}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}Z`;
  return `AWSLogs/${ORGANIZATION_ID}/${account}/CloudTrail/${region}/${y}/${m}/${day}/${account}_CloudTrail_${region}_${stamp}_${rng.alnum(16)}.json.gz`;
}

/** Builds one file: its path (relative to the set's root), its text and what it holds. */
export function buildTrailFile(estate: Estate, spec: TrailFileSpec): { path: string; json: Buffer; counts: TrailCounts } {
  const rng = new Rng(spec.seed);
  const account = estate.accounts[spec.account];
  const c: EventContext = { rng, estate, account, region: spec.region, iso: '', sessionStartIso: '', inWindow: false };
  const counts = emptyCounts();
  // Each record is written out as soon as it is built: its template string dies young (cheap to
  // collect), where a list of a file's records would be promoted and cost full collections.
  const out = new TextBuffer(spec.records * 1800);
  out.write('{"Records":[');
  const step = (spec.end - spec.start) / Math.max(1, spec.records);
  let last = spec.start;
  for (let k = 0; k < spec.records; k++) {
    const time = Math.floor(spec.start + (k + rng.next()) * step);
    last = time;
    const iso = new Date(time).toISOString();
    c.iso = iso.slice(0, 19) + 'Z';
    c.sessionStartIso = iso.slice(0, 14) + '00:00Z';
    c.inWindow = time >= WINDOW_START;
    let parts: EventParts;
    let invoked = false;
    if (c.inWindow && rng.next() < INTRUDER_SHARE) {
      const intruder = intruderCaller(c);
      parts = rng.next() < 0.7 ? intruderQEvent(c, intruder) : intruderRelatedEvent(c, intruder);
    } else {
      const u = rng.next();
      if (u < Q_SHARE) parts = qEvent(c);
      else if (u < Q_SHARE + RELATED_SHARE) parts = relatedEvent(c);
      else if (u < Q_SHARE + RELATED_SHARE + Q_INVOKED_SHARE) {
        parts = qInvokedEvent(c);
        invoked = true;
      } else parts = ordinaryEvent(c);
    }
    if (k > 0) out.write(',');
    out.write(recordJson(c, parts));
    counts.records++;
    if (c.inWindow) counts.inWindow++;
    if (Q_SOURCES.has(parts.source)) {
      counts.q++;
      if (c.inWindow) counts.qInWindow++;
    } else if (invoked) counts.qInvoked++;
    else if (/^(iam|sts|cloudtrail|logs)\./.test(parts.source)) counts.related++;
  }
  // CloudTrail delivers about five minutes after the last record; the set's last file still
  // lands before the window's end, so a source that prunes folders by date reads every file.
  const delivered = Math.min(last + 5 * 60_000, TRAIL_END - 60_000);
  const path = trailFilePath(account.id, spec.region, delivered, rng);
  out.write(']}');
  return { path, json: out.contents(), counts };
}

/** An ASCII text accumulator over one growing buffer. */
class TextBuffer {
  private buffer: Buffer;
  private length = 0;

  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  write(text: string): void {
    if (this.length + text.length > this.buffer.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + text.length));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
    this.length += this.buffer.write(text, this.length, 'latin1');
  }

  contents(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}
