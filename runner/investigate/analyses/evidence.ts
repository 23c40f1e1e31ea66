// What the analyses share, all order-independent (sources read files and regions in parallel):
// Evidence, the events behind one answer row (an exact count and the oldest few, so memory per
// row stays bounded); EarliestDistinct, a capped list of distinct values; isAccessDenied, what
// a refused call looks like.
import { MAX_EVENTS_PER_ITEM, type AnswerItem, type EventRef } from '../answers.js';
import type { TrailEvent } from '../event.js';

/** The resource an event acted on, as the answers name it. */
export function resourceOf(e: TrailEvent): string | null {
  const arn = e.resources.find((r) => r.arn)?.arn;
  if (arn) return arn;
  return e.applicationId;
}

export function eventRef(e: TrailEvent): EventRef {
  return {
    eventId: e.eventId,
    eventTime: e.eventTime,
    eventName: e.eventName,
    eventSource: e.eventSource,
    principal: e.principal.arn ?? e.principal.key,
    sourceIp: e.sourceIp,
    userAgent: e.userAgent,
    region: e.region,
    resource: resourceOf(e),
    errorCode: e.errorCode,
  };
}

function before(e: TrailEvent, k: { time: number; ref: EventRef }): boolean {
  return e.time < k.time || (e.time === k.time && e.eventId < k.ref.eventId);
}

export class Evidence {
  count = 0;
  firstTime = Number.POSITIVE_INFINITY;
  lastTime = Number.NEGATIVE_INFINITY;
  /** Sorted by time, oldest first; at most `cap` entries. */
  private readonly kept: { time: number; ref: EventRef }[] = [];

  constructor(private readonly cap = MAX_EVENTS_PER_ITEM) {}

  add(e: TrailEvent): void {
    this.count += 1;
    if (e.time < this.firstTime) this.firstTime = e.time;
    if (e.time > this.lastTime) this.lastTime = e.time;
    const kept = this.kept;
    // Ordered by (time, event id), so events of the same second give the same rows in any order.
    if (kept.length === this.cap && !before(e, kept[kept.length - 1])) return;
    // Insertion keeps the list sorted; rows hold few events, so this beats a heap.
    let i = kept.length;
    while (i > 0 && before(e, kept[i - 1])) i -= 1;
    kept.splice(i, 0, { time: e.time, ref: eventRef(e) });
    if (kept.length > this.cap) kept.pop();
  }

  get events(): EventRef[] {
    return this.kept.map((k) => k.ref);
  }

  /** ISO time of the first / last event (empty string when none). */
  get firstSeen(): string {
    return this.count ? new Date(this.firstTime).toISOString() : '';
  }

  get lastSeen(): string {
    return this.count ? new Date(this.lastTime).toISOString() : '';
  }

  item(label: string, detail: AnswerItem['detail'], flagged = false): AnswerItem {
    return { label, detail: { ...detail, first_seen: this.firstSeen, last_seen: this.lastSeen }, flagged, eventCount: this.count, events: this.events };
  }
}

/** Error codes of a call refused for lack of permission, across services (without a `Client.` prefix). */
export const ACCESS_DENIED_CODES: ReadonlySet<string> = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'UnauthorizedException',
  'AuthorizationError',
  'AuthorizationErrorException',
  'Forbidden',
  'ForbiddenException',
]);

/** Whether an errorCode says the caller was not allowed (`Client.UnauthorizedOperation` as EC2 logs it, too). */
export function isAccessDenied(code: string | null): boolean {
  if (!code) return false;
  return ACCESS_DENIED_CODES.has(code.startsWith('Client.') ? code.slice('Client.'.length) : code);
}

/**
 * Up to `cap` distinct values, those first seen earliest (ties by value), whatever order they
 * arrive in: a value that arrives later with an earlier time displaces the latest kept one.
 */
export class EarliestDistinct {
  private readonly firstSeen = new Map<string, number>();
  /** The kept value seen latest: the one to displace (undefined when it must be recomputed). */
  private latest: [string, number] | undefined;

  constructor(private readonly cap: number) {}

  add(value: string, time: number): void {
    const known = this.firstSeen.get(value);
    if (known !== undefined) {
      if (time < known) {
        this.firstSeen.set(value, time);
        if (this.latest?.[0] === value) this.latest = undefined;
      }
      return;
    }
    if (this.firstSeen.size < this.cap) {
      this.firstSeen.set(value, time);
      if (this.latest && later(time, value, this.latest[1], this.latest[0])) this.latest = [value, time];
      return;
    }
    const latest = this.latestKept();
    if (!latest || !later(latest[1], latest[0], time, value)) return;
    this.firstSeen.delete(latest[0]);
    this.firstSeen.set(value, time);
    this.latest = undefined;
  }

  /** The kept values, first seen first. */
  values(): string[] {
    return [...this.firstSeen].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([v]) => v);
  }

  get size(): number {
    return this.firstSeen.size;
  }

  private latestKept(): [string, number] | undefined {
    if (!this.latest) {
      for (const [v, t] of this.firstSeen) if (!this.latest || later(t, v, this.latest[1], this.latest[0])) this.latest = [v, t];
    }
    return this.latest;
  }
}

/** Whether (t1, v1) comes after (t2, v2): by time, then by value. */
function later(t1: number, v1: string, t2: number, v2: string): boolean {
  return t1 > t2 || (t1 === t2 && v1 > v2);
}
