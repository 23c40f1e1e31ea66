// What each principal with Amazon Q activity did in the window: the HTML report's per-principal
// view. Events arrive in no order, so a principal's IAM/STS/CloudTrail events are counted even
// when they come before its first Q event; principals that never touch Q are dropped at the end.
// Everything is order-independent: counts are exact, and the capped lists keep the values seen
// earliest (not the values that happened to arrive first).
import type { PrincipalActivity } from '../investigation.js';
import type { TrailEvent } from '../event.js';
import { EarliestDistinct, isAccessDenied } from './evidence.js';

/** At most this many event names per principal (the most frequent). */
const TOP_EVENT_NAMES = 50;
/**
 * Caps of the distinct lists: enough to see a principal's spread (an IP list longer than 20
 * already says "many places") while a principal's statistics stay around a kilobyte and a half.
 */
const MAX_APPLICATIONS = 50;
const MAX_SOURCE_IPS = 20;
const MAX_USER_AGENTS = 20;
const MAX_REGIONS = 30;

/** The fields of an event the tracker reads: a principal seen once is kept as just these. */
type Observed = Pick<TrailEvent, 'time' | 'eventId' | 'eventName' | 'sourceIp' | 'userAgent' | 'region' | 'applicationId' | 'errorCode' | 'scope' | 'principal'>;

function observedOf(e: TrailEvent): Observed {
  return { time: e.time, eventId: e.eventId, eventName: e.eventName, sourceIp: e.sourceIp, userAgent: e.userAgent, region: e.region, applicationId: e.applicationId, errorCode: e.errorCode, scope: e.scope, principal: e.principal };
}

class PrincipalStats {
  /** The earliest event (time, id) names the principal: same key, same identity, but be deterministic. */
  private identityFrom: { time: number; eventId: string } | null = null;
  name = '';
  type = '';
  arn: string | null = null;
  firstTime = Number.POSITIVE_INFINITY;
  lastTime = Number.NEGATIVE_INFINITY;
  qEvents = 0;
  relatedEvents = 0;
  qInvokedEvents = 0;
  deniedEvents = 0;
  readonly names = new Map<string, number>();
  /** Created on the first Q event: most principals here only have related events. */
  applications: EarliestDistinct | null = null;
  readonly sourceIps = new EarliestDistinct(MAX_SOURCE_IPS);
  readonly userAgents = new EarliestDistinct(MAX_USER_AGENTS);
  readonly regions = new EarliestDistinct(MAX_REGIONS);

  add(e: Observed): void {
    if (!this.identityFrom || e.time < this.identityFrom.time || (e.time === this.identityFrom.time && e.eventId < this.identityFrom.eventId)) {
      this.identityFrom = { time: e.time, eventId: e.eventId };
      this.name = e.principal.name;
      this.type = e.principal.type;
      this.arn = e.principal.arn;
    }
    if (e.time < this.firstTime) this.firstTime = e.time;
    if (e.time > this.lastTime) this.lastTime = e.time;
    if (e.scope === 'q') this.qEvents += 1;
    else if (e.scope === 'q_invoked') this.qInvokedEvents += 1;
    else this.relatedEvents += 1;
    if (isAccessDenied(e.errorCode)) this.deniedEvents += 1;
    this.names.set(e.eventName, (this.names.get(e.eventName) ?? 0) + 1);
    if (e.applicationId) (this.applications ??= new EarliestDistinct(MAX_APPLICATIONS)).add(e.applicationId, e.time);
    if (e.sourceIp) this.sourceIps.add(e.sourceIp, e.time);
    if (e.userAgent) this.userAgents.add(e.userAgent, e.time);
    if (e.region) this.regions.add(e.region, e.time);
  }

  toActivity(key: string): PrincipalActivity {
    const eventNames = [...this.names]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, TOP_EVENT_NAMES)
      .map(([name, count]) => ({ name, count }));
    return {
      key,
      name: this.name,
      type: this.type,
      arn: this.arn,
      firstSeen: new Date(this.firstTime).toISOString(),
      lastSeen: new Date(this.lastTime).toISOString(),
      qEvents: this.qEvents,
      relatedEvents: this.relatedEvents,
      qInvokedEvents: this.qInvokedEvents,
      deniedEvents: this.deniedEvents,
      eventNames,
      applications: this.applications?.values() ?? [],
      sourceIps: this.sourceIps.values(),
      userAgents: this.userAgents.values(),
      regions: this.regions.values(),
    };
  }
}

export class PrincipalActivityTracker {
  /**
   * Most principals in IAM/STS/CloudTrail logs are role sessions seen once and never with Amazon Q:
   * such a principal is kept as the one event's few fields (about a tenth of full statistics) and
   * gets full statistics on its second event.
   */
  private readonly byKey = new Map<string, PrincipalStats | Observed>();

  observe(e: TrailEvent): void {
    const key = e.principal.key;
    const known = this.byKey.get(key);
    if (known === undefined) {
      this.byKey.set(key, observedOf(e));
      return;
    }
    const stats = known instanceof PrincipalStats ? known : statsOf(known);
    if (stats !== known) this.byKey.set(key, stats);
    stats.add(e);
  }

  /** Principals with Q or Q-invoked events, most Q events first (then Q-invoked events, then key). */
  result(): PrincipalActivity[] {
    const out: PrincipalActivity[] = [];
    for (const [key, known] of this.byKey) {
      const s = known instanceof PrincipalStats ? known : known.scope === 'related' ? null : statsOf(known);
      if (s && s.qEvents + s.qInvokedEvents > 0) out.push(s.toActivity(key));
    }
    return out.sort((a, b) => b.qEvents - a.qEvents || b.qInvokedEvents - a.qInvokedEvents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

function statsOf(once: Observed): PrincipalStats {
  const s = new PrincipalStats();
  s.add(once);
  return s;
}
