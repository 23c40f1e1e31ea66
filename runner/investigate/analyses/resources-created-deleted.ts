// Analysis 1: which Amazon Q resources were created and deleted. One row per (resource kind,
// resource, create|delete, outcome), so a failed attempt stays visible beside what happened
// without being counted as done. Conversations are the exception: a busy application starts
// thousands a day, so they get one row per (principal, application, create|delete, outcome)
// with the count and a few of their ids, and memory stays bounded by principals, not chats.
import type { Answer, AnswerItem } from '../answers.js';
import type { TrailEvent } from '../event.js';
import type { Analysis, AnalysisContext } from './analysis.js';
import { Evidence } from './evidence.js';

const QUESTION =
  'Which Amazon Q resources were created and deleted (applications, indices, retrievers, data sources, plugins, web experiences, data accessors, conversations)?';

interface Kind {
  label: string;
  plural: string;
  /** Where the request (delete) or the response (create) names the resource, best first. */
  idFields: string[];
}

/** The catalogue's resource kinds this answer reports; other kinds (users, sync jobs, messages…) belong to other answers. */
const KINDS: Record<string, Kind> = {
  application: { label: 'application', plural: 'applications', idFields: ['applicationId', 'applicationArn'] },
  index: { label: 'index', plural: 'indices', idFields: ['indexId', 'indexArn'] },
  retriever: { label: 'retriever', plural: 'retrievers', idFields: ['retrieverId', 'retrieverArn'] },
  data_source: { label: 'data source', plural: 'data sources', idFields: ['dataSourceId', 'dataSourceArn'] },
  plugin: { label: 'plugin', plural: 'plugins', idFields: ['pluginId', 'pluginArn'] },
  web_experience: { label: 'web experience', plural: 'web experiences', idFields: ['webExperienceId', 'webExperienceArn'] },
  data_accessor: { label: 'data accessor', plural: 'data accessors', idFields: ['dataAccessorId', 'dataAccessorArn'] },
  integration: { label: 'integration', plural: 'integrations', idFields: ['integrationId', 'integrationArn'] },
  conversation: { label: 'conversation', plural: 'conversations', idFields: ['conversationId'] },
  q_app: { label: 'Q App', plural: 'Q Apps', idFields: ['appId', 'appArn'] },
  library_item: { label: 'Q Apps library item', plural: 'Q Apps library items', idFields: ['libraryItemId'] },
  profile: { label: 'Q Developer profile', plural: 'Q Developer profiles', idFields: ['profileArn', 'identifier', 'arn'] },
  customization: { label: 'Q Developer customization', plural: 'Q Developer customizations', idFields: ['customizationArn', 'identifier', 'arn'] },
};

/** Chat calls without a conversationId start a conversation (the catalogue classifies them as messages). */
const CHAT_NAMES = new Set(['Chat', 'ChatSync']);

type Operation = 'create' | 'delete';

interface Row {
  kind: string;
  id: string | null;
  applicationId: string | null;
  operation: Operation;
  failed: boolean;
  /** The display name the create request gave, from the earliest event that had one. */
  name: { time: number; value: string } | null;
  errorCodes: Set<string>;
  principals: Map<string, string>;
  evidence: Evidence;
  /** Conversation rows: the lexically smallest few ids (order-independent), for the responder to look up. */
  conversationIds: string[];
}

const CONVERSATION_IDS_SHOWN = 5;

function keepSmallest(ids: string[], id: string): void {
  if (ids.includes(id)) return;
  if (ids.length === CONVERSATION_IDS_SHOWN && id >= ids[ids.length - 1]) return;
  ids.push(id);
  ids.sort();
  if (ids.length > CONVERSATION_IDS_SHOWN) ids.pop();
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** `data_source` → `DataSource`, `q_app` → `QApp`: the suffix of the API names that create or delete the kind itself. */
const pascal = (kind: string): string => kind.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');

function firstField(source: Record<string, unknown> | null, fields: string[]): string | null {
  if (!source) return null;
  for (const f of fields) {
    const v = str(source[f]);
    if (v) return v;
  }
  return null;
}

/** What the event created or deleted, or null when it does neither to a reported kind. */
function changeOf(e: TrailEvent): { kind: string; operation: Operation; id: string | null } | null {
  const cls = e.qClass;
  if (!cls) return null;
  if (CHAT_NAMES.has(cls.name)) {
    if (str(e.requestParameters?.conversationId)) return null;
    return { kind: 'conversation', operation: 'create', id: str(e.responseElements?.conversationId) };
  }
  if (cls.operation !== 'create' && cls.operation !== 'delete') return null;
  const kind = cls.resourceKind ? KINDS[cls.resourceKind] : undefined;
  // CreateAnonymousWebExperienceUrl acts on a web experience but creates a URL, not one: only
  // names that end with the kind (CreateIndex, CopyQApp, StartConversation) make or remove it.
  if (!kind || !cls.resourceKind || !cls.name.endsWith(pascal(cls.resourceKind))) return null;
  const source = cls.operation === 'create' ? e.responseElements : e.requestParameters;
  return { kind: cls.resourceKind, operation: cls.operation, id: firstField(source, kind.idFields) };
}

function displayName(e: TrailEvent): string | null {
  const r = e.requestParameters;
  return r ? (str(r.displayName) ?? str(r.name) ?? str(r.title)) : null;
}

function principalNames(principals: Map<string, string>): string {
  const names = [...new Set(principals.values())].sort();
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

export function createResourcesCreatedDeletedAnalysis(_ctx: AnalysisContext): Analysis {
  const rows = new Map<string, Row>();

  function observe(e: TrailEvent): void {
    if (e.scope !== 'q') return;
    const change = changeOf(e);
    if (!change) return;
    const failed = e.errorCode !== null;
    const conversation = change.kind === 'conversation';
    const who = conversation ? e.principal.key : (change.id ?? '');
    const key = [change.kind, e.applicationId ?? '', who, change.operation, failed ? 'failed' : 'ok'].join('\u0000');
    let row = rows.get(key);
    if (!row) {
      row = { ...change, id: conversation ? null : change.id, applicationId: e.applicationId, failed, name: null, errorCodes: new Set(), principals: new Map(), evidence: new Evidence(), conversationIds: [] };
      rows.set(key, row);
    }
    if (conversation && change.id) keepSmallest(row.conversationIds, change.id);
    row.evidence.add(e);
    row.principals.set(e.principal.key, e.principal.name);
    if (e.errorCode) row.errorCodes.add(e.errorCode);
    const name = displayName(e);
    // Earliest wins (ties: the smaller name), so the answer does not depend on arrival order.
    if (name && (!row.name || e.time < row.name.time || (e.time === row.name.time && name < row.name.value))) row.name = { time: e.time, value: name };
  }

  function itemOf(row: Row): AnswerItem {
    const kind = KINDS[row.kind];
    const verb = row.operation === 'create' ? (row.kind === 'conversation' ? 'started' : 'created') : 'deleted';
    const where = row.applicationId && row.kind !== 'application' ? ` in application ${row.applicationId}` : '';
    let label: string;
    if (row.kind === 'conversation') {
      const n = row.evidence.count;
      const who = principalNames(row.principals);
      label = row.failed ? `${n} failed attempt${n === 1 ? '' : 's'} to ${row.operation} a conversation by ${who}${where}` : `${n} ${n === 1 ? 'conversation' : 'conversations'} ${verb} by ${who}${where}`;
    } else {
      const what = row.id ?? (row.name ? `"${row.name.value}"` : '(id not logged)');
      label = row.failed ? `${kind.label} ${what}${where}: ${row.operation} attempt failed` : `${kind.label} ${what}${where} ${verb}`;
    }
    return row.evidence.item(label, {
      kind: row.kind,
      id: row.id,
      name: row.name?.value ?? null,
      application_id: row.applicationId,
      operation: row.operation,
      outcome: row.failed ? 'failed' : 'succeeded',
      error_code: row.errorCodes.size ? [...row.errorCodes].sort().join(', ') : null,
      principals: row.principals.size,
      principal_names: principalNames(row.principals),
      ...(row.kind === 'conversation' ? { conversations: row.evidence.count, conversation_ids: row.conversationIds.join(', ') || null } : {}),
    });
  }

  function answer(): Answer {
    const all = [...rows.values()];
    const items = all.map(itemOf).sort(byFirstSeenThenLabel);
    return { id: 'resources_created_deleted', question: QUESTION, summary: summaryOf(all), flagged: false, items, omittedItems: 0 };
  }

  return { id: 'resources_created_deleted', question: QUESTION, observe, observeBaseline: () => undefined, answer };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Oldest first; ISO times of one format sort as strings. The first event id settles equal labels. */
function byFirstSeenThenLabel(a: AnswerItem, b: AnswerItem): number {
  return compare(String(a.detail.first_seen), String(b.detail.first_seen)) || compare(a.label, b.label) || compare(a.events[0]?.eventId ?? '', b.events[0]?.eventId ?? '');
}

/** "3 Amazon Q resources created (1 application, 2 conversations) and 1 deleted (1 index); 2 attempts failed." */
function summaryOf(rows: Row[]): string {
  if (rows.length === 0) return 'No Amazon Q resource was created or deleted in the window.';
  const created = new Map<string, number>();
  const deleted = new Map<string, number>();
  let failedAttempts = 0;
  for (const row of rows) {
    if (row.failed) {
      failedAttempts += row.evidence.count;
      continue;
    }
    // A row with an id is one resource; without one (not logged, or a conversation row) each event is one.
    const n = row.id ? 1 : row.evidence.count;
    const tally = row.operation === 'create' ? created : deleted;
    tally.set(row.kind, (tally.get(row.kind) ?? 0) + n);
  }
  const parts: string[] = [];
  const byKind = (tally: Map<string, number>): string =>
    [...tally.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .map(([kind, n]) => `${n} ${n === 1 ? KINDS[kind].label : KINDS[kind].plural}`)
      .join(', ');
  const total = (tally: Map<string, number>): number => [...tally.values()].reduce((a, b) => a + b, 0);
  if (created.size) parts.push(`${total(created)} created (${byKind(created)})`);
  if (deleted.size) parts.push(`${total(deleted)} deleted (${byKind(deleted)})`);
  const done = parts.length ? `Amazon Q resources: ${parts.join(' and ')}` : 'No Amazon Q resource was created or deleted';
  const failures = failedAttempts ? `; ${failedAttempts} ${failedAttempts === 1 ? 'attempt' : 'attempts'} failed` : '';
  return `${done}${failures}.`;
}
