// Where CloudTrail puts its log files, and which folders an investigation can skip. Trails write
// `AWSLogs/<ACCOUNT>/CloudTrail/<REGION>/YYYY/MM/DD/<file>.json.gz`, organization trails
// `AWSLogs/o-<org>/<ACCOUNT>/CloudTrail/…`, both possibly under a key prefix. The same rules serve
// local folders (path segments) and S3 (key segments), so both sources prune alike. A folder is
// skipped only when its place in that layout is recognised; anything else is read.
import type { SourceQuery } from './source.js';

const DAY_MS = 86_400_000;

/** Folders beside `CloudTrail/` that hold digests and Insights events, not API records. */
const NON_RECORD_FOLDERS = new Set(['CloudTrail-Digest', 'CloudTrail-Insight']);

const ACCOUNT = /^\d{12}$/;
const ORGANIZATION = /^o-[a-z0-9]{10,32}$/;
/** us-east-1, us-gov-west-1, ap-southeast-2, cn-north-1, eu-central-2… */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const YEAR = /^\d{4}$/;
const TWO_DIGITS = /^\d{2}$/;

/** A CloudTrail log file by name: gzip JSON as delivered, or plain JSON (unpacked by hand). */
export function isLogFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.endsWith('.json.gz') || lower.endsWith('.json');
}

/** Whether the bytes of a file named `name` are expected to be gzip (by extension, as S3 stores them without Content-Encoding). */
export function isGzipName(name: string): boolean {
  return name.toLowerCase().endsWith('.gz');
}

/** What a folder's path says about the files under it, as far as the layout is recognised. */
export interface FolderPlace {
  /** A digest or Insights folder, or a folder of another AWS service's logs beside CloudTrail's. */
  notCloudTrail: boolean;
  region: string | null;
  /** The UTC span the folder's date segments cover ([start, end) epoch ms), or null when none is recognised. */
  span: { start: number; end: number } | null;
}

/**
 * Reads a folder's place from its path segments (a local path split on the separator, or an S3
 * key prefix split on `/`). Segments are matched from the last `CloudTrail` folder whose next
 * segment is a region, so a user folder that happens to be called `CloudTrail` prunes nothing.
 */
export function folderPlace(segments: readonly string[]): FolderPlace {
  const place: FolderPlace = { notCloudTrail: false, region: null, span: null };
  const last = segments[segments.length - 1];
  if (last !== undefined && NON_RECORD_FOLDERS.has(last)) return { ...place, notCloudTrail: true };
  if (isOtherServiceFolder(segments)) return { ...place, notCloudTrail: true };

  const anchor = cloudTrailAnchor(segments);
  if (anchor < 0) return place;
  place.region = segments[anchor + 1];
  place.span = dateSpan(segments.slice(anchor + 2, anchor + 5));
  return place;
}

/**
 * `AWSLogs/[o-org/]<ACCOUNT>/<service>/`: AWS delivers other services' logs (Config, ELB, VPC flow
 * logs) into the same account folder; only `CloudTrail/` holds API records.
 */
function isOtherServiceFolder(segments: readonly string[]): boolean {
  const awsLogs = segments.lastIndexOf('AWSLogs');
  if (awsLogs < 0) return false;
  const account = ORGANIZATION.test(segments[awsLogs + 1] ?? '') ? awsLogs + 2 : awsLogs + 1;
  const service = segments[account + 1];
  return ACCOUNT.test(segments[account] ?? '') && service !== undefined && service !== 'CloudTrail';
}

/** The index of the last `CloudTrail` segment followed by a region, or -1. */
function cloudTrailAnchor(segments: readonly string[]): number {
  for (let i = segments.length - 2; i >= 0; i--) {
    if (segments[i] === 'CloudTrail' && REGION.test(segments[i + 1])) return i;
  }
  return -1;
}

/** The span of `YYYY[/MM[/DD]]`, or null when the first segment is not a year; stops at the first segment that is not a valid date part. */
function dateSpan(parts: readonly string[]): { start: number; end: number } | null {
  const [y, m, d] = parts;
  if (y === undefined || !YEAR.test(y)) return null;
  const year = Number(y);
  if (m === undefined || !TWO_DIGITS.test(m) || Number(m) < 1 || Number(m) > 12) {
    return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
  }
  const month = Number(m) - 1;
  const daysInMonth = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  if (d === undefined || !TWO_DIGITS.test(d) || Number(d) < 1 || Number(d) > daysInMonth) {
    return { start: Date.UTC(year, month, 1), end: Date.UTC(year, month + 1, 1) };
  }
  const start = Date.UTC(year, month, Number(d));
  return { start, end: start + DAY_MS };
}

/**
 * The span of day folders that can hold events of the query window: CloudTrail delivers a file
 * up to about 15 minutes after its events, into the folder of the delivery day, so the folder of
 * the day after the window's last day may still hold the window's last minutes.
 */
export function dayFolderWindow(query: SourceQuery): { start: number; end: number } {
  const start = Number.isFinite(query.start) ? startOfUtcDay(query.start) : -Infinity;
  const end = Number.isFinite(query.end) ? startOfUtcDay(query.end - 1) + 2 * DAY_MS : Infinity;
  return { start, end };
}

function startOfUtcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Whether anything under the folder can matter to the query (see folderPlace for what is recognised). */
export function folderWanted(segments: readonly string[], query: SourceQuery): boolean {
  const place = folderPlace(segments);
  if (place.notCloudTrail) return false;
  if (place.region !== null && query.regions !== null && !query.regions.includes(place.region)) return false;
  if (place.span !== null) {
    const window = dayFolderWindow(query);
    if (place.span.end <= window.start || place.span.start >= window.end) return false;
  }
  return true;
}

/** The `YYYY/MM/DD` day folders of the window, or null when the window is open-ended or longer than `maxDays`. */
export function dayFoldersOf(query: SourceQuery, maxDays: number): string[] | null {
  const window = dayFolderWindow(query);
  if (!Number.isFinite(window.start) || !Number.isFinite(window.end)) return null;
  if ((window.end - window.start) / DAY_MS > maxDays) return null;
  const days: string[] = [];
  for (let t = window.start; t < window.end; t += DAY_MS) {
    const d = new Date(t);
    days.push(`${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`);
  }
  return days;
}

/** Whether the segments end at a region folder (`…/CloudTrail/<region>`), below which the date folders start. */
export function isRegionFolder(segments: readonly string[]): boolean {
  const n = segments.length;
  return n >= 2 && segments[n - 2] === 'CloudTrail' && REGION.test(segments[n - 1]);
}
