// The functions checks may call besides CEL's own: registered with cel-js by environment.ts and
// called directly by the fast path (fast-path.ts), so both evaluators share one implementation.

const DAY_MS = 86_400_000;
const TIMESTAMP = 'google.protobuf.Timestamp';

export interface CheckFunction {
  name: string;
  params: string[];
  returns: string;
  description: string;
  handler: (...args: never[]) => unknown;
}

export function maskValue(s: string): string {
  if (s.length <= 4) return '*'.repeat(s.length);
  return `${s.slice(0, 2)}${'*'.repeat(Math.min(s.length - 4, 8))}${s.slice(-2)}`;
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_v, i) => String(i).padStart(2, '0'));

/**
 * t.toISOString().slice(0, 10), without formatting the time of day that the slice drops (messages
 * name the day of every access key and password). Years outside 0–9999, which toISOString writes
 * with a sign and six digits, and invalid dates, for which it throws, are left to it.
 */
export function isoDate(t: Date): string {
  const year = t.getUTCFullYear();
  if (!(year >= 0 && year <= 9999)) return t.toISOString().slice(0, 10);
  return `${TWO_DIGITS[(year / 100) | 0]}${TWO_DIGITS[year % 100]}-${TWO_DIGITS[t.getUTCMonth() + 1]}-${TWO_DIGITS[t.getUTCDate()]}`;
}

// A check passes the same number of days for every item: its milliseconds are worked out once.
let lastDays: bigint | undefined;
let lastDaysMs = 0;

function daysMs(days: bigint): number {
  if (days !== lastDays) {
    lastDaysMs = Number(days) * DAY_MS;
    lastDays = days;
  }
  return lastDaysMs;
}

export const CHECK_FUNCTIONS: readonly CheckFunction[] = [
  {
    name: 'age_days',
    params: [TIMESTAMP, TIMESTAMP],
    returns: 'int',
    description: 'Whole days from the first timestamp to the second (age_days(item.password_last_used, now)).',
    handler: (t: Date, now: Date) => BigInt(Math.floor((now.getTime() - t.getTime()) / DAY_MS)),
  },
  {
    name: 'older_than_days',
    params: [TIMESTAMP, TIMESTAMP, 'int'],
    returns: 'bool',
    description: 'True when the first timestamp lies more than N days before the second (older_than_days(t, now, 90)).',
    handler: (t: Date, now: Date, days: bigint) => now.getTime() - t.getTime() > daysMs(days),
  },
  {
    name: 'date',
    params: [TIMESTAMP],
    returns: 'string',
    description: 'The calendar day (UTC) of a timestamp, YYYY-MM-DD, for messages.',
    handler: (t: Date) => isoDate(t),
  },
  {
    name: 'mask',
    params: ['string'],
    returns: 'string',
    description: 'Keeps the first and last two characters of a value and masks the rest.',
    handler: (s: string) => maskValue(s),
  },
];

export function signature(f: CheckFunction): string {
  return `${f.name}(${f.params.join(', ')}): ${f.returns}`;
}

/** Whether a run-time value is of a parameter type, for callers outside cel-js's type checks. */
export function valueIs(type: string, v: unknown): boolean {
  switch (type) {
    case TIMESTAMP:
      return v instanceof Date;
    case 'int':
      return typeof v === 'bigint';
    case 'string':
      return typeof v === 'string';
    default:
      return false;
  }
}
