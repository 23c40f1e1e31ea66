// Analysis 3: which applications principals reached and which they used. One row per
// (principal, application): successful calls are reach as CloudTrail shows it, chats are use.
// Who could reach an application by policy is `qready scan`'s question, not this one.
//
// A second kind of row (kind `anonymous_url`), listed first: who created an anonymous access URL
// (qbusiness:CreateAnonymousWebExperienceUrl) for which application and web experience. Such a
// URL lets whoever holds it chat with an ANONYMOUS application without signing in, so it widens
// who could reach the application beyond any principal CloudTrail names. The call also counts as
// reach in its principal's access row, like any other call. Information, not flagged: an
// anonymous web experience needs one URL per visitor (single use, valid 5 minutes), so a site
// that embeds one creates them all day; a new principal or source doing it is what the unknown
// activity analysis flags, and an application being anonymous at all is a `qready scan` finding.
import type { Answer, AnswerItem } from '../answers.js';
import type { TrailEvent } from '../event.js';
import type { Analysis, AnalysisContext } from './analysis.js';
import { EarliestDistinct, Evidence } from './evidence.js';

const QUESTION =
  'Which applications could principals reach during the window, and which were actually used (Chat/ChatSync/conversations per principal and application)?';

/** Console chat and troubleshooting (q.amazonaws.com) belong to no Q Business application: they count as this one. */
const Q_DEVELOPER_APPLICATION = 'Amazon Q Developer';

/** Error codes that mean "not allowed" (IAM, SCPs, the application's resource policy), not a bad request. */
const DENIED = /AccessDenied|Unauthorized|Forbidden|NotAuthorized/i;

/** The call that creates a URL opening an anonymous web experience without sign-in. */
const ANONYMOUS_URL_EVENT = 'CreateAnonymousWebExperienceUrl';
/** Distinct source IPs an anonymous-URL row names (the earliest seen; the events carry their own). */
const MAX_SOURCE_IPS = 10;
const WEB_EXPERIENCE_ARN = /:application\/[^/]+\/web-experience\/([^/]+)/;

interface Row {
  principalKey: string;
  principalName: string;
  principalType: string;
  /** The Q Business application id, or null for Amazon Q Developer. */
  applicationId: string | null;
  calls: number;
  denied: number;
  failed: number;
  conversationCalls: number;
  chats: number;
  conversations: Set<string>;
  evidence: Evidence;
}

/** Who created (or tried to create) anonymous access URLs for one web experience. */
interface AnonymousUrlRow {
  principalKey: string;
  principalName: string;
  principalType: string;
  applicationId: string | null;
  webExperienceId: string | null;
  created: number;
  denied: number;
  failed: number;
  /** The longest session a URL asked for (15–60 minutes), or null when no call set one (the service default applies). */
  longestSessionMinutes: number | null;
  sourceIps: EarliestDistinct;
  regions: Set<string>;
  evidence: Evidence;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** A number as logged (a JSON number, or digits in a string as some sources rebuild records). */
function num(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** The web experience a call names: its request parameter, else a web-experience resource ARN. */
function webExperienceOf(e: TrailEvent): string | null {
  const fromRequest = str(e.requestParameters?.webExperienceId);
  if (fromRequest) return fromRequest;
  for (const r of e.resources) {
    const m = r.arn ? WEB_EXPERIENCE_ARN.exec(r.arn) : null;
    if (m) return m[1];
  }
  return null;
}

/** The application an event reached: its Q Business application, Amazon Q Developer for q.amazonaws.com, else none. */
function applicationOf(e: TrailEvent): { id: string | null; name: string } | null {
  if (e.applicationId) return { id: e.applicationId, name: e.applicationId };
  if (e.eventSource === 'q.amazonaws.com') return { id: null, name: Q_DEVELOPER_APPLICATION };
  return null;
}

export function createApplicationAccessAnalysis(_ctx: AnalysisContext): Analysis {
  const rows = new Map<string, Row>();
  const anonymousUrls = new Map<string, AnonymousUrlRow>();

  function observeAnonymousUrl(e: TrailEvent): void {
    const applicationId = e.applicationId;
    const webExperienceId = webExperienceOf(e);
    const key = [e.principal.key, applicationId ?? '', webExperienceId ?? ''].join('\u0000');
    let row = anonymousUrls.get(key);
    if (!row) {
      row = {
        principalKey: e.principal.key,
        principalName: e.principal.name,
        principalType: e.principal.type,
        applicationId,
        webExperienceId,
        created: 0,
        denied: 0,
        failed: 0,
        longestSessionMinutes: null,
        sourceIps: new EarliestDistinct(MAX_SOURCE_IPS),
        regions: new Set(),
        evidence: new Evidence(),
      };
      anonymousUrls.set(key, row);
    }
    row.evidence.add(e);
    if (e.sourceIp) row.sourceIps.add(e.sourceIp, e.time);
    if (e.region) row.regions.add(e.region);
    const minutes = num(e.requestParameters?.sessionDurationInMinutes);
    if (minutes !== null && (row.longestSessionMinutes === null || minutes > row.longestSessionMinutes)) row.longestSessionMinutes = minutes;
    if (!e.errorCode) row.created += 1;
    else if (DENIED.test(e.errorCode)) row.denied += 1;
    else row.failed += 1;
  }

  function observe(e: TrailEvent): void {
    // Q Developer in the IDE (codewhisperer) carries no application: the IDE analysis answers for it.
    if (e.scope !== 'q') return;
    if (e.eventSource === 'qbusiness.amazonaws.com' && e.qClass?.name === ANONYMOUS_URL_EVENT) observeAnonymousUrl(e);
    const app = applicationOf(e);
    if (!app) return;
    const key = `${e.principal.key}\u0000${app.name}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        principalKey: e.principal.key,
        principalName: e.principal.name,
        principalType: e.principal.type,
        applicationId: app.id,
        calls: 0,
        denied: 0,
        failed: 0,
        conversationCalls: 0,
        chats: 0,
        conversations: new Set(),
        evidence: new Evidence(),
      };
      rows.set(key, row);
    }
    row.evidence.add(e);
    if (e.errorCode) {
      if (DENIED.test(e.errorCode)) row.denied += 1;
      else row.failed += 1;
      return;
    }
    row.calls += 1;
    if (e.qClass?.category !== 'conversation') return;
    row.conversationCalls += 1;
    // Creates in the conversation category send something into a conversation (Chat, ChatSync,
    // SendMessage, StartConversation, PutFeedback, a Q App session); reads only list or fetch.
    if (e.qClass.operation === 'create') row.chats += 1;
    const conversation = str(e.requestParameters?.conversationId) ?? str(e.responseElements?.conversationId);
    if (conversation) row.conversations.add(conversation);
  }

  function itemOf(row: Row): AnswerItem {
    const app = row.applicationId ? `application ${row.applicationId}` : Q_DEVELOPER_APPLICATION;
    const state = row.chats > 0 ? 'used' : row.calls > 0 ? 'reached, not used' : 'denied';
    return row.evidence.item(`${row.principalName} → ${app}: ${state}`, {
      kind: 'access',
      principal: row.principalName,
      principal_key: row.principalKey,
      principal_type: row.principalType,
      application_id: row.applicationId,
      application: row.applicationId ?? Q_DEVELOPER_APPLICATION,
      reached: row.calls > 0,
      used: row.chats > 0,
      calls: row.calls,
      denied: row.denied,
      failed: row.failed,
      conversation_calls: row.conversationCalls,
      chats: row.chats,
      conversations: row.conversations.size,
    });
  }

  function answer(): Answer {
    const all = [...rows.values()];
    const anonymous = [...anonymousUrls.values()];
    // Anonymous access URLs first: they say who opened an application to people CloudTrail cannot name.
    const items = [...anonymous.map(anonymousUrlItem).sort(byFirstSeenThenLabel), ...all.map(itemOf).sort(byFirstSeenThenLabel)];
    return { id: 'application_access', question: QUESTION, summary: summaryOf(all, anonymous), flagged: false, items, omittedItems: 0 };
  }

  return { id: 'application_access', question: QUESTION, observe, observeBaseline: () => undefined, answer };
}

/** "created ×2 (1 denied)", "attempted, not created (1 denied)": failed attempts are reported, never dropped. */
function anonymousUrlOutcome(row: AnonymousUrlRow): string {
  const refused = [row.denied ? `${row.denied} denied` : '', row.failed ? `${row.failed} failed` : ''].filter(Boolean).join(', ');
  return `${row.created ? `created ×${row.created}` : 'attempted, not created'}${refused ? ` (${refused})` : ''}`;
}

function anonymousUrlItem(row: AnonymousUrlRow): AnswerItem {
  const app = row.applicationId ? `application ${row.applicationId}` : 'unknown application';
  return row.evidence.item(`${row.principalName} → ${app}, web experience ${row.webExperienceId ?? 'unknown'}: anonymous access URL ${anonymousUrlOutcome(row)}`, {
    kind: 'anonymous_url',
    principal: row.principalName,
    principal_key: row.principalKey,
    principal_type: row.principalType,
    application_id: row.applicationId,
    application: row.applicationId,
    web_experience_id: row.webExperienceId,
    created: row.created > 0,
    urls_created: row.created,
    denied: row.denied,
    failed: row.failed,
    longest_session_minutes: row.longestSessionMinutes,
    source_ips: row.sourceIps.values().join(', ') || null,
    regions: [...row.regions].sort().join(', ') || null,
  });
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Oldest first; ISO times of one format sort as strings. The first event id settles equal labels. */
function byFirstSeenThenLabel(a: AnswerItem, b: AnswerItem): number {
  return compare(String(a.detail.first_seen), String(b.detail.first_seen)) || compare(a.label, b.label) || compare(a.events[0]?.eventId ?? '', b.events[0]?.eventId ?? '');
}

const SCOPE_NOTE = 'reach here means successful calls in CloudTrail; who could reach an application by policy is for `qready scan`';

const n = (k: number, one: string, many: string): string => `${k} ${k === 1 ? one : many}`;

/**
 * "3 principals reached 2 applications, 2 principals used 2 applications (chatted), 1 principal was denied on 1 application;
 * 1 principal created 4 anonymous access URLs for 1 application (…), 1 attempt to create one denied; reach here means…"
 */
function summaryOf(rows: Row[], anonymous: AnonymousUrlRow[]): string {
  const anonymousPart = anonymous.length ? `; ${anonymousUrlSummary(anonymous)}` : '';
  if (rows.length === 0) return `No principal called an Amazon Q application in the window${anonymousPart}; ${SCOPE_NOTE}.`;
  const distinct = (pick: (r: Row) => boolean, of: (r: Row) => string): number => new Set(rows.filter(pick).map(of)).size;
  const principal = (r: Row): string => r.principalKey;
  const app = (r: Row): string => r.applicationId ?? Q_DEVELOPER_APPLICATION;
  const reached = (r: Row): boolean => r.calls > 0;
  const used = (r: Row): boolean => r.chats > 0;
  const denied = (r: Row): boolean => r.denied > 0;
  const parts: string[] = [];
  if (rows.some(reached)) {
    parts.push(`${n(distinct(reached, principal), 'principal', 'principals')} reached ${n(distinct(reached, app), 'application', 'applications')}`);
    parts.push(rows.some(used) ? `${n(distinct(used, principal), 'principal', 'principals')} used ${n(distinct(used, app), 'application', 'applications')} (chatted)` : 'none chatted');
  } else {
    parts.push('No principal reached an Amazon Q application');
  }
  if (rows.some(denied)) parts.push(`${n(distinct(denied, principal), 'principal was', 'principals were')} denied on ${n(distinct(denied, app), 'application', 'applications')}`);
  return `${parts.join(', ')}${anonymousPart}; ${SCOPE_NOTE}.`;
}

/** "1 principal created 4 anonymous access URLs for 1 application (whoever holds one can chat without signing in), 1 attempt to create one denied" */
function anonymousUrlSummary(rows: AnonymousUrlRow[]): string {
  const sum = (of: (r: AnonymousUrlRow) => number): number => rows.reduce((k, r) => k + of(r), 0);
  const creators = rows.filter((r) => r.created > 0);
  const parts: string[] = [];
  if (creators.length) {
    const principals = new Set(creators.map((r) => r.principalKey)).size;
    const applications = new Set(creators.map((r) => r.applicationId ?? '')).size;
    parts.push(
      `${n(principals, 'principal', 'principals')} created ${n(sum((r) => r.created), 'anonymous access URL', 'anonymous access URLs')} for ${n(applications, 'application', 'applications')} (whoever holds one can chat without signing in)`,
    );
  } else {
    parts.push('no anonymous access URL was created');
  }
  const denied = sum((r) => r.denied);
  const failed = sum((r) => r.failed);
  if (denied) parts.push(`${n(denied, 'attempt', 'attempts')} to create one denied`);
  if (failed) parts.push(`${n(failed, 'attempt', 'attempts')} to create one failed`);
  return parts.join(', ');
}
