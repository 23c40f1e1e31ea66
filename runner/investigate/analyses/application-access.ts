// Analysis 3: which applications principals reached and which they used. One row per
// (principal, application): successful calls are reach as CloudTrail shows it, chats are use.
// Who could reach an application by policy is `qready scan`'s question, not this one.
import type { Answer, AnswerItem } from '../answers.js';
import type { TrailEvent } from '../event.js';
import type { Analysis, AnalysisContext } from './analysis.js';
import { Evidence } from './evidence.js';

const QUESTION =
  'Which applications could principals reach during the window, and which were actually used (Chat/ChatSync/conversations per principal and application)?';

/** Console chat and troubleshooting (q.amazonaws.com) belong to no Q Business application: they count as this one. */
const Q_DEVELOPER_APPLICATION = 'Amazon Q Developer';

/** Error codes that mean "not allowed" (IAM, SCPs, the application's resource policy), not a bad request. */
const DENIED = /AccessDenied|Unauthorized|Forbidden|NotAuthorized/i;

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

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The application an event reached: its Q Business application, Amazon Q Developer for q.amazonaws.com, else none. */
function applicationOf(e: TrailEvent): { id: string | null; name: string } | null {
  if (e.applicationId) return { id: e.applicationId, name: e.applicationId };
  if (e.eventSource === 'q.amazonaws.com') return { id: null, name: Q_DEVELOPER_APPLICATION };
  return null;
}

export function createApplicationAccessAnalysis(_ctx: AnalysisContext): Analysis {
  const rows = new Map<string, Row>();

  function observe(e: TrailEvent): void {
    // Q Developer in the IDE (codewhisperer) carries no application: the IDE analysis answers for it.
    if (e.scope !== 'q') return;
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
    return { id: 'application_access', question: QUESTION, summary: summaryOf(all), flagged: false, items: all.map(itemOf).sort(byFirstSeenThenLabel), omittedItems: 0 };
  }

  return { id: 'application_access', question: QUESTION, observe, observeBaseline: () => undefined, answer };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Oldest first; ISO times of one format sort as strings. The first event id settles equal labels. */
function byFirstSeenThenLabel(a: AnswerItem, b: AnswerItem): number {
  return compare(String(a.detail.first_seen), String(b.detail.first_seen)) || compare(a.label, b.label) || compare(a.events[0]?.eventId ?? '', b.events[0]?.eventId ?? '');
}

const SCOPE_NOTE = 'reach here means successful calls in CloudTrail; who could reach an application by policy is for `qready scan`';

/** "3 principals reached 2 applications, 2 principals used 2 applications (chatted), 1 principal was denied on 1 application; reach here means…" */
function summaryOf(rows: Row[]): string {
  if (rows.length === 0) return `No principal called an Amazon Q application in the window; ${SCOPE_NOTE}.`;
  const distinct = (pick: (r: Row) => boolean, of: (r: Row) => string): number => new Set(rows.filter(pick).map(of)).size;
  const principal = (r: Row): string => r.principalKey;
  const app = (r: Row): string => r.applicationId ?? Q_DEVELOPER_APPLICATION;
  const n = (k: number, one: string, many: string): string => `${k} ${k === 1 ? one : many}`;
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
  return `${parts.join(', ')}; ${SCOPE_NOTE}.`;
}
