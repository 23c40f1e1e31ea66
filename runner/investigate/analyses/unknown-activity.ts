// Analysis 8: unknown activity (flagged rows set exit code 3). Three things:
//
// 1. Novelty: principals, source IPs, user agents and event names of the window's Amazon Q and
//    Q-invoked events that the responder does not know: not seen in the baseline window
//    (`--baseline`, events given to observeBaseline) and/or not in the allowlist
//    (`--allowlist`). With both, a value is unknown only when it is in neither. With neither,
//    nothing is compared, and the summary says so. A principal is compared by its key (a role
//    session by its session ARN, so a new person on a known role is new; the allowlist can list
//    the role's ARN to allow every session), an event name with its event source, a source IP
//    as logged (values that are not IP addresses, AWS service names, are not source IPs).
//    A user agent is compared with the baseline by its family (userAgentFamily: the agent
//    with its version numbers masked), so an SDK, CLI, browser or kernel update is not new but
//    another tool is; the allowlist matches each full user agent (allowlist.ts), so listing
//    `aws-cli/2.*` does not allow aws-cli/1. A family row is unknown for the full user agents
//    in it that are neither allowlisted nor of a family the baseline saw; the row shows the
//    earliest full user agent, the family and the first few full user agents, and its events
//    carry their own.
// 2. Bursts of AccessDenied: at least BURST_THRESHOLD denied calls by one principal within any
//    BURST_SPAN_MS (inclusive), on every scope the investigation passes in, in any arrival
//    order. IAM/STS/CloudTrail/Logs refusals reach the analyses only for principals with Amazon Q
//    activity (investigate.ts), so a principal probing IAM counts here once it has touched Q.
// 3. Amazon Q event names the catalogue does not know: always flagged, the catalogue must learn them.
//
// Memory: only distinct values are kept. A value already known (allowlisted, or seen in the
// baseline) is never tracked; a tracked value is dropped when a baseline event shows it is known.
// Novelty rows keep fewer events (NOVELTY_EVENTS_PER_ROW) than other answers because a busy
// window can hold thousands of new source IPs; their counts stay exact.
import { isIP } from 'node:net';
import { MAX_EVENTS_PER_ITEM, type Answer, type AnswerItem, type EventRef } from '../answers.js';
import type { TrailEvent } from '../event.js';
import { AllowlistMatcher } from '../allowlist.js';
import type { Analysis, AnalysisContext } from './analysis.js';
import { Evidence } from './evidence.js';
import { EarliestDistinct, isAccessDenied } from './evidence.js';

const QUESTION =
  'Unknown activity: principals, source IPs, user agents and event names not seen in a baseline window or not in an allowlist; bursts of AccessDenied.';

export const BURST_THRESHOLD = 10;
export const BURST_SPAN_MS = 5 * 60 * 1000;

/** Events kept per novelty row (the count stays exact). */
const NOVELTY_EVENTS_PER_ROW = 5;
/** Full user agents a user-agent family row names. */
const USER_AGENTS_PER_ROW = 5;

/**
 * A version inside a user agent: a run of digits with dots (`2.15.0`, `go1.23.2`, `10.0`),
 * digits joined by underscores at the start of a token (`10_15_7`), or digits right after a
 * separator a version follows (`/`, `#`, `:`, `-`, `.`: `Linux/6`, `#48`, `rv:121`, `-48`,
 * `amzn.2`). Digits inside a name stay (`Boto3`, `Win64`, `x86_64`, `amzn2023`, `s3`): they say
 * which tool or platform, not which release.
 */
const UA_VERSION = /\d+(?:\.\d+)+|(?<![A-Za-z0-9_])\d+(?:_\d+)+|(?<=[/#:.-])\d+/g;

/**
 * The family of a user agent: the agent with each version masked as `*`
 * (`aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2` → `aws-cli/* Python/* Linux/* exe/x86_64.amzn.*`).
 * Baseline comparison uses it, so a version bump is not a new user agent.
 */
export function userAgentFamily(userAgent: string): string {
  return userAgent.replace(UA_VERSION, '*');
}
/** Novelty rows beyond this are left out of the items (counted in omittedItems); bursts and unclassified names never are. */
export const MAX_NOVELTY_ITEMS = 500;

const NOVELTY_KINDS = ['principal', 'source_ip', 'user_agent', 'event_name'] as const;
type NoveltyKind = (typeof NOVELTY_KINDS)[number];

const KIND_WORDS: Record<NoveltyKind, [string, string]> = {
  principal: ['principal', 'principals'],
  source_ip: ['source IP', 'source IPs'],
  user_agent: ['user agent', 'user agents'],
  event_name: ['event name', 'event names'],
};

interface Candidate {
  kind: NoveltyKind;
  /** What the row shows: the principal's ARN, the IP, the user agent, the event name. */
  value: string;
  eventSource: string | null;
  principalName: string | null;
  principalType: string | null;
  /** user_agent rows: the earliest full user agents of the family. */
  userAgents: EarliestDistinct | null;
  evidence: Evidence;
}

interface DeniedPrincipal {
  name: string;
  times: number[];
  /** The oldest events of each BURST_SPAN_MS bucket: every event of a bucket lies within one span. */
  buckets: Map<number, Evidence>;
  errorCodes: Set<string>;
  eventNames: EarliestDistinct;
}

interface Unclassified {
  eventSource: string;
  eventName: string;
  principals: Set<string>;
  evidence: Evidence;
}

/** The comparison key of each novelty kind for an event (null when the event has none). */
function noveltyKeys(e: TrailEvent): Record<NoveltyKind, string | null> {
  const name = e.qClass?.name ?? e.eventName;
  return {
    principal: e.principal.key,
    // Source values that are not addresses name AWS services (q.amazonaws.com, AWS Internal).
    source_ip: isIP(e.sourceIp) ? e.sourceIp : null,
    // By family (versions masked): the baseline knows a tool, not each of its releases.
    user_agent: e.userAgent ? userAgentFamily(e.userAgent) : null,
    // Unclassified names have rows of their own (below); not repeated as unknown names.
    event_name: e.scope === 'q' && e.qClass === null ? null : `${e.eventSource}\u0000${name}`,
  };
}

export function createUnknownActivityAnalysis(ctx: AnalysisContext): Analysis {
  const allowlist = ctx.allowlist ? new AllowlistMatcher(ctx.allowlist) : null;
  const useBaseline = ctx.baseline !== null;
  const comparing = useBaseline || allowlist !== null;
  const baselineSeen: Record<NoveltyKind, Set<string>> = { principal: new Set(), source_ip: new Set(), user_agent: new Set(), event_name: new Set() };
  /** Keys the allowlist allows, remembered so that each distinct value is matched once. */
  const allowed: Record<NoveltyKind, Set<string>> = { principal: new Set(), source_ip: new Set(), user_agent: new Set(), event_name: new Set() };
  /**
   * Full user agent → whether the allowlist allows it: the allowlist matches full user agents,
   * so within one family (the key) some may be allowed and others not.
   */
  const allowedUserAgents = new Map<string, boolean>();
  let baselineEvents = 0;
  /** kind → comparison key → candidate. */
  const candidates: Record<NoveltyKind, Map<string, Candidate>> = { principal: new Map(), source_ip: new Map(), user_agent: new Map(), event_name: new Map() };
  const denied = new Map<string, DeniedPrincipal>();
  const unclassified = new Map<string, Unclassified>();

  function allowlisted(kind: NoveltyKind, e: TrailEvent): boolean {
    if (!allowlist) return false;
    if (kind === 'principal') return allowlist.principal(e.principal);
    if (kind === 'source_ip') return allowlist.sourceIp(e.sourceIp);
    if (kind === 'user_agent') return allowlist.userAgent(e.userAgent);
    // The catalogue's name only: the decision must follow from the key (source and name).
    return allowlist.eventName(e.qClass?.name ?? e.eventName);
  }

  function userAgentAllowlisted(ua: string): boolean {
    if (!allowlist) return false;
    let ok = allowedUserAgents.get(ua);
    if (ok === undefined) {
      ok = allowlist.userAgent(ua);
      allowedUserAgents.set(ua, ok);
    }
    return ok;
  }

  function observeNovelty(e: TrailEvent): void {
    const keys = noveltyKeys(e);
    for (const kind of NOVELTY_KINDS) {
      const key = keys[kind];
      if (key === null || baselineSeen[kind].has(key) || allowed[kind].has(key)) continue;
      if (kind === 'user_agent' && userAgentAllowlisted(e.userAgent)) continue;
      let c = candidates[kind].get(key);
      if (!c) {
        // Whether a value is allowed follows from its key alone, so it is matched once (user
        // agents, whose key is their family, were matched one by one above).
        if (kind !== 'user_agent' && allowlisted(kind, e)) {
          allowed[kind].add(key);
          continue;
        }
        c = {
          kind,
          value: kind === 'principal' ? (e.principal.arn ?? e.principal.key) : kind === 'event_name' ? (e.qClass?.name ?? e.eventName) : kind === 'user_agent' ? e.userAgent : key,
          eventSource: kind === 'event_name' ? e.eventSource : null,
          principalName: kind === 'principal' ? e.principal.name : null,
          principalType: kind === 'principal' ? e.principal.type : null,
          userAgents: kind === 'user_agent' ? new EarliestDistinct(USER_AGENTS_PER_ROW) : null,
          evidence: new Evidence(NOVELTY_EVENTS_PER_ROW),
        };
        candidates[kind].set(key, c);
      }
      c.evidence.add(e);
      c.userAgents?.add(e.userAgent, e.time);
    }
  }

  function observeDenied(e: TrailEvent): void {
    let d = denied.get(e.principal.key);
    if (!d) {
      d = { name: e.principal.arn ?? e.principal.name, times: [], buckets: new Map(), errorCodes: new Set(), eventNames: new EarliestDistinct(10) };
      denied.set(e.principal.key, d);
    }
    d.times.push(e.time);
    const bucket = Math.floor(e.time / BURST_SPAN_MS);
    let ev = d.buckets.get(bucket);
    if (!ev) {
      ev = new Evidence();
      d.buckets.set(bucket, ev);
    }
    ev.add(e);
    if (e.errorCode) d.errorCodes.add(e.errorCode);
    d.eventNames.add(e.eventName, e.time);
  }

  function observe(e: TrailEvent): void {
    if (isAccessDenied(e.errorCode)) observeDenied(e);
    if (e.scope === 'related') return;
    if (e.scope === 'q' && e.qClass === null) {
      const key = `${e.eventSource}\u0000${e.eventName}`;
      let u = unclassified.get(key);
      if (!u) {
        u = { eventSource: e.eventSource, eventName: e.eventName, principals: new Set(), evidence: new Evidence() };
        unclassified.set(key, u);
      }
      u.evidence.add(e);
      u.principals.add(e.principal.key);
    }
    if (comparing) observeNovelty(e);
  }

  function observeBaseline(e: TrailEvent): void {
    if (!useBaseline || e.scope === 'related') return;
    baselineEvents += 1;
    const keys = noveltyKeys(e);
    for (const kind of NOVELTY_KINDS) {
      const key = keys[kind];
      if (key === null) continue;
      baselineSeen[kind].add(key);
      candidates[kind].delete(key);
    }
  }

  function noveltyItem(c: Candidate): AnswerItem {
    const notInBaseline = useBaseline ? true : null;
    const notInAllowlist = allowlist ? true : null;
    const why = useBaseline && allowlist ? 'in neither the baseline nor the allowlist' : useBaseline ? 'not seen in the baseline' : 'not in the allowlist';
    // A family row shows its earliest full user agent (whatever order events came in).
    const userAgents = c.userAgents?.values() ?? null;
    const value = userAgents?.[0] ?? c.value;
    const shown = c.eventSource ? `${c.eventSource.replace(/\.amazonaws\.com$/, '')}:${value}` : value;
    const family = userAgents ? userAgentFamily(value) : null;
    const detail: AnswerItem['detail'] = {
      kind: c.kind,
      value,
      event_source: c.eventSource,
      principal_name: c.principalName,
      principal_type: c.principalType,
      not_in_baseline: notInBaseline,
      not_in_allowlist: notInAllowlist,
    };
    if (userAgents) {
      detail.family = family;
      detail.user_agents = userAgents.join(' | ');
    }
    return c.evidence.item(`unknown ${KIND_WORDS[c.kind][0]} ${shown} (${family ? `family ${family}, ` : ''}${why})`, detail, true);
  }

  function answer(): Answer {
    const novelty: AnswerItem[] = [];
    const counts: Record<NoveltyKind, number> = { principal: 0, source_ip: 0, user_agent: 0, event_name: 0 };
    for (const kind of NOVELTY_KINDS) {
      // observeBaseline has removed every value a baseline event showed, whenever it came.
      for (const c of candidates[kind].values()) {
        novelty.push(noveltyItem(c));
        counts[kind] += 1;
      }
    }
    novelty.sort(byFirstSeenThenLabel);
    const kept = novelty.slice(0, MAX_NOVELTY_ITEMS);
    const bursts = [...denied].map(([key, d]) => burstItem(key, d)).filter((x): x is AnswerItem => x !== null);
    const unknownNames = [...unclassified.values()].map(unclassifiedItem);
    const items = [...bursts, ...unknownNames, ...kept].sort(byFirstSeenThenLabel);
    const summary = summaryOf({ comparing, useBaseline, allowlist: allowlist !== null, baselineEvents, counts, bursts: bursts.length, unclassified: [...unclassified.values()] });
    return { id: 'unknown_activity', question: QUESTION, summary, flagged: items.length > 0, items, omittedItems: novelty.length - kept.length };
  }

  return { id: 'unknown_activity', question: QUESTION, observe, observeBaseline, answer };
}

/**
 * The burst row of a principal, or null when no BURST_SPAN_MS span holds BURST_THRESHOLD denied
 * calls. Events in a burst: every event some qualifying span covers (a sliding window over the
 * sorted times; a span's events are marked once, so this is linear).
 */
function burstItem(key: string, d: DeniedPrincipal): AnswerItem | null {
  if (d.times.length < BURST_THRESHOLD) return null;
  const times = Float64Array.from(d.times).sort();
  const intervals: [number, number][] = [];
  let inBursts = 0;
  let maxInSpan = 0;
  let coveredTo = -1; // highest index already counted
  let left = 0;
  for (let right = 0; right < times.length; right++) {
    while (times[right] - times[left] > BURST_SPAN_MS) left += 1;
    const n = right - left + 1;
    if (n > maxInSpan) maxInSpan = n;
    if (n < BURST_THRESHOLD) continue;
    const from = Math.max(left, coveredTo + 1);
    inBursts += right - from + 1;
    // Contiguous marked indices make one burst: no event lies between them, so widening the
    // interval over the gap marks nothing else.
    const last = intervals[intervals.length - 1];
    if (last && left <= coveredTo + 1) last[1] = times[right];
    else intervals.push([times[from], times[right]]);
    coveredTo = right;
  }
  if (inBursts === 0) return null;
  const inBurst = (t: number): boolean => intervals.some(([a, b]) => t >= a && t <= b);
  // Every event of a bucket lies within one span: a bucket with BURST_THRESHOLD events or more is
  // all burst, and a smaller one is kept whole, so the oldest burst events are all here.
  const refs: { time: number; ref: EventRef }[] = [];
  for (const [bucket, ev] of d.buckets) {
    const start = bucket * BURST_SPAN_MS;
    if (!intervals.some(([a, b]) => start <= b && start + BURST_SPAN_MS > a)) continue;
    for (const ref of ev.events) {
      const t = Date.parse(ref.eventTime);
      if (inBurst(t)) refs.push({ time: t, ref });
    }
  }
  refs.sort((a, b) => a.time - b.time || (a.ref.eventId < b.ref.eventId ? -1 : a.ref.eventId > b.ref.eventId ? 1 : 0));
  const first = intervals[0][0];
  const last = intervals[intervals.length - 1][1];
  return {
    label: `AccessDenied burst: ${d.name} was refused ${inBursts} times in bursts (up to ${maxInSpan} within 5 minutes)`,
    detail: {
      kind: 'access_denied_burst',
      value: key,
      principal_name: d.name,
      denied_in_bursts: inBursts,
      denied_total: times.length,
      max_within_span: maxInSpan,
      bursts: intervals.length,
      error_codes: [...d.errorCodes].sort().join(', '),
      event_names: d.eventNames.values().join(', '),
      first_seen: new Date(first).toISOString(),
      last_seen: new Date(last).toISOString(),
    },
    flagged: true,
    eventCount: inBursts,
    events: refs.slice(0, MAX_EVENTS_PER_ITEM).map((r) => r.ref),
  };
}

function unclassifiedItem(u: Unclassified): AnswerItem {
  return u.evidence.item(
    `unclassified Amazon Q event ${u.eventSource.replace(/\.amazonaws\.com$/, '')}:${u.eventName} (not in the event catalogue)`,
    { kind: 'unclassified_event', value: u.eventName, event_source: u.eventSource, principals: u.principals.size },
    true,
  );
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function byFirstSeenThenLabel(a: AnswerItem, b: AnswerItem): number {
  return compare(String(a.detail.first_seen), String(b.detail.first_seen)) || compare(a.label, b.label);
}

const plural = (n: number, [one, many]: [string, string]): string => `${n} ${n === 1 ? one : many}`;

interface SummaryFacts {
  comparing: boolean;
  useBaseline: boolean;
  allowlist: boolean;
  baselineEvents: number;
  counts: Record<NoveltyKind, number>;
  bursts: number;
  unclassified: Unclassified[];
}

/** "2 principals and 1 source IP not in the baseline; 1 AccessDenied burst; no unclassified Amazon Q event name." */
function summaryOf(f: SummaryFacts): string {
  const parts: string[] = [];
  if (!f.comparing) {
    parts.push('no baseline or allowlist was given, so principals, source IPs, user agents and event names were not compared');
  } else {
    const against = f.useBaseline && f.allowlist ? 'in neither the baseline nor the allowlist' : f.useBaseline ? 'not seen in the baseline' : 'not in the allowlist';
    const emptyBaseline = f.useBaseline && f.baselineEvents === 0 ? ' (the baseline window had no Amazon Q events, so everything is new)' : '';
    const found = NOVELTY_KINDS.filter((k) => f.counts[k] > 0).map((k) => plural(f.counts[k], KIND_WORDS[k]));
    if (found.length) parts.push(`${joinAnd(found)} ${against}${emptyBaseline}`);
    else parts.push(`no principal, source IP, user agent or event name ${against}`);
  }
  parts.push(f.bursts ? `${plural(f.bursts, ['AccessDenied burst', 'AccessDenied bursts'])} (${BURST_THRESHOLD} or more refused calls by one principal within 5 minutes)` : 'no AccessDenied burst');
  if (f.unclassified.length) {
    const names = f.unclassified.map((u) => u.eventName).sort();
    const shown = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
    parts.push(`${plural(names.length, ['Amazon Q event name', 'Amazon Q event names'])} the catalogue does not know (${shown})`);
  } else parts.push('no unclassified Amazon Q event name');
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

function joinAnd(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
