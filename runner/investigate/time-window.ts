// --start / --end / --baseline values: ISO-8601 instants or durations back from now (`7d`, `12h`).
import { UsageError } from '../cli/io.js';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DURATION = /^(\d+)([mhdw])$/;
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** `30d` → milliseconds, or null when the value is not a duration. */
export function parseDuration(value: string): number | null {
  const m = DURATION.exec(value.trim());
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

/** An instant: ISO-8601 (a date alone means midnight UTC) or a duration before `now`. */
export function parseInstant(flag: string, value: string, now: Date): number {
  const back = parseDuration(value);
  if (back !== null) return now.getTime() - back;
  const m = ISO.exec(value.trim());
  // A time without a zone is read as UTC, like CloudTrail's own times (a date alone already is).
  const t = m ? Date.parse(m[1] && !m[4] ? `${value.trim()}Z` : value.trim()) : Number.NaN;
  if (Number.isNaN(t)) throw new UsageError(`${flag} '${value}' is neither an ISO-8601 time (2026-11-24T08:00:00Z) nor a duration back from now (7d, 12h, 30m, 2w)`);
  return t;
}

export interface Windows {
  window: { start: number; end: number };
  baseline: { start: number; end: number } | null;
}

/** The investigation window and the baseline before it, checked for sense. */
export function resolveWindows(opts: { start?: string; end?: string; baseline?: string }, now: Date): Windows {
  const end = opts.end ? parseInstant('--end', opts.end, now) : now.getTime();
  const start = parseInstant('--start', opts.start ?? '7d', now);
  if (start >= end) throw new UsageError(`--start (${new Date(start).toISOString()}) must be before --end (${new Date(end).toISOString()})`);
  let baseline: Windows['baseline'] = null;
  if (opts.baseline !== undefined) {
    const span = parseDuration(opts.baseline);
    if (span === null || span === 0) throw new UsageError(`--baseline '${opts.baseline}' must be a duration before --start, like 30d`);
    baseline = { start: start - span, end: start };
  }
  return { window: { start, end }, baseline };
}
