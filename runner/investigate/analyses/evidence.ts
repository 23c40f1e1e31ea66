// The events behind one answer row: an exact count and the oldest few, whatever order events
// arrive in (sources read files and regions in parallel), so memory per row stays bounded.
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
