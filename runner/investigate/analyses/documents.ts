// Analysis 4: were files or documents uploaded or deleted. Document uploads and deletions
// (BatchPutDocument, BatchDeleteDocument, Q Apps imports), chat attachments, upload URLs and data
// source sync jobs; one row per (principal, application and target, action, outcome), with the
// number of documents CloudTrail logged and a few of their ids.
import type { Answer, AnswerItem } from '../answers.js';
import type { EventOperation, TrailEvent } from '../event.js';
import type { Analysis, AnalysisContext } from './analysis.js';
import { Evidence } from './evidence.js';

const QUESTION = 'Were files or documents uploaded (`BatchPutDocument`, chat attachments) or deleted?';

type Action =
  | 'uploaded'
  | 'deleted'
  | 'attached'
  | 'attachment_deleted'
  | 'upload_url_created'
  | 'sync_started'
  | 'sync_stopped'
  | 'workspace_created'
  | 'workspace_deleted'
  | 'created'
  | 'removed'
  | 'changed';

/** What each document-category call does; other document-category names fall back to their operation. */
const ACTION_OF: Record<string, Action> = {
  BatchPutDocument: 'uploaded',
  ImportDocument: 'uploaded',
  ImportDocumentToQApp: 'uploaded',
  ImportDocumentToQAppSession: 'uploaded',
  BatchDeleteDocument: 'deleted',
  Chat: 'attached',
  ChatSync: 'attached',
  DeleteAttachment: 'attachment_deleted',
  CreatePresignedUrl: 'upload_url_created',
  CreateUploadUrl: 'upload_url_created',
  CreateArtifactUploadUrl: 'upload_url_created',
  StartDataSourceSyncJob: 'sync_started',
  StopDataSourceSyncJob: 'sync_stopped',
  CreateWorkspace: 'workspace_created',
  DeleteWorkspace: 'workspace_deleted',
};

const FALLBACK: Record<Exclude<EventOperation, 'read'>, Action> = { create: 'created', delete: 'removed', change: 'changed' };

/** How a row reads (done, and attempted), and whether it counts documents (null: the call names none). */
const PHRASES: Record<Action, { verb: string; attempt: string; noun: string | null; after?: string }> = {
  uploaded: { verb: 'uploaded', attempt: 'upload', noun: 'document' },
  deleted: { verb: 'deleted', attempt: 'delete', noun: 'document' },
  attached: { verb: 'attached', attempt: 'attach', noun: 'file', after: 'to chats' },
  attachment_deleted: { verb: 'deleted', attempt: 'delete', noun: 'chat attachment' },
  upload_url_created: { verb: 'created upload URLs', attempt: 'create upload URLs', noun: null },
  sync_started: { verb: 'started sync jobs', attempt: 'start sync jobs', noun: null },
  sync_stopped: { verb: 'stopped sync jobs', attempt: 'stop sync jobs', noun: null },
  workspace_created: { verb: 'created workspace indexes', attempt: 'create workspace indexes', noun: null },
  workspace_deleted: { verb: 'deleted workspace indexes', attempt: 'delete workspace indexes', noun: null },
  created: { verb: 'created', attempt: 'create', noun: null },
  removed: { verb: 'removed', attempt: 'remove', noun: null },
  changed: { verb: 'changed', attempt: 'change', noun: null },
};

/** A few document ids per row: enough to start looking, bounded whatever the volume. */
const MAX_DOCUMENT_IDS = 5;

interface Documents {
  count: number;
  /** Ids or file names as logged. */
  ids: string[];
  /** False when CloudTrail did not log the list (the count is then a lower bound). */
  listed: boolean;
  /** Documents the response says were not taken (failedDocuments, failedAttachments). */
  failed: number;
}

interface Row {
  principalKey: string;
  principalName: string;
  applicationId: string | null;
  target: string | null;
  action: Action;
  failed: boolean;
  operations: Set<string>;
  documents: number;
  failedDocuments: number;
  callsWithoutList: number;
  /** The smallest ids seen, sorted: the same sample whatever the arrival order. */
  documentIds: string[];
  errorCodes: Set<string>;
  evidence: Evidence;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const list = (v: unknown): unknown[] | null => (Array.isArray(v) ? v : null);

function actionOf(e: TrailEvent): Action | null {
  const cls = e.qClass;
  if (!cls) return null;
  // Chats are conversation events; they belong here only when they carry files (ChatSyncInput.attachments).
  if (cls.name === 'Chat' || cls.name === 'ChatSync') return list(e.requestParameters?.attachments)?.length ? 'attached' : null;
  if (cls.category !== 'document' || cls.operation === 'read') return null;
  return ACTION_OF[cls.name] ?? FALLBACK[cls.operation];
}

/** The documents a call moved, from the request shapes of the SDK (BatchPutDocumentRequest.documents[].id, BatchDeleteDocumentRequest.documents[].documentId, ChatSyncInput.attachments[]). */
function documentsOf(e: TrailEvent, action: Action): Documents {
  const req = e.requestParameters;
  const res = e.responseElements;
  const failed = list(res?.failedDocuments)?.length ?? list(res?.failedAttachments)?.length ?? 0;
  const single = (id: string | null): Documents => ({ count: 1, ids: id ? [id] : [], listed: true, failed });
  const many = (items: unknown[] | null, id: (d: Json) => string | null): Documents =>
    items ? { count: items.length, ids: items.map((d) => id(obj(d) ?? {})).filter((x): x is string => x !== null), listed: true, failed } : { count: 0, ids: [], listed: false, failed };
  if (action === 'uploaded') return e.qClass?.name === 'BatchPutDocument' ? many(list(req?.documents), (d) => str(d.id)) : single(str(req?.fileName) ?? str(res?.fileId));
  if (action === 'deleted') return many(list(req?.documents), (d) => str(d.documentId) ?? str(d.id));
  if (action === 'attached') return many(list(req?.attachments), (a) => str(a.name) ?? str(obj(obj(a.copyFrom)?.conversation)?.attachmentId));
  if (action === 'attachment_deleted') return single(str(req?.attachmentId));
  return { count: 0, ids: [], listed: true, failed: 0 };
}

/** What inside the application the call acted on (chats stay one row per application, not per conversation). */
function targetOf(e: TrailEvent, action: Action): string | null {
  const req = e.requestParameters;
  const dataSource = str(req?.dataSourceId);
  if (dataSource) return `data source ${dataSource}`;
  const index = str(req?.indexId);
  if (index) return `index ${index}`;
  const qApp = e.eventSource === 'qapps.amazonaws.com' ? str(req?.appId) : null;
  if (qApp) return `Q App ${qApp}`;
  const conversation = action === 'attachment_deleted' ? str(req?.conversationId) : null;
  if (conversation) return `conversation ${conversation}`;
  // Q Developer in the IDE: the profile ARN (data events on AWS::CodeWhisperer::Profile).
  return e.applicationId ? null : (e.resources.find((r) => r.arn)?.arn ?? str(req?.profileArn));
}

function addIds(row: Row, ids: string[]): void {
  for (const id of ids) {
    if (row.documentIds.includes(id)) continue;
    if (row.documentIds.length === MAX_DOCUMENT_IDS && id >= row.documentIds[MAX_DOCUMENT_IDS - 1]) continue;
    row.documentIds.push(id);
    row.documentIds.sort();
    if (row.documentIds.length > MAX_DOCUMENT_IDS) row.documentIds.pop();
  }
}

export function createDocumentsAnalysis(_ctx: AnalysisContext): Analysis {
  const rows = new Map<string, Row>();

  function observe(e: TrailEvent): void {
    if (e.scope !== 'q') return;
    const action = actionOf(e);
    if (!action) return;
    const failed = e.errorCode !== null;
    const target = targetOf(e, action);
    const key = [e.principal.key, e.applicationId ?? '', target ?? '', action, failed ? 'failed' : 'ok'].join('\u0000');
    let row = rows.get(key);
    if (!row) {
      row = {
        principalKey: e.principal.key,
        principalName: e.principal.name,
        applicationId: e.applicationId,
        target,
        action,
        failed,
        operations: new Set(),
        documents: 0,
        failedDocuments: 0,
        callsWithoutList: 0,
        documentIds: [],
        errorCodes: new Set(),
        evidence: new Evidence(),
      };
      rows.set(key, row);
    }
    row.evidence.add(e);
    row.operations.add(e.qClass?.name ?? e.eventName);
    if (e.errorCode) row.errorCodes.add(e.errorCode);
    if (PHRASES[action].noun === null) return;
    const docs = documentsOf(e, action);
    if (!docs.listed) row.callsWithoutList += 1;
    row.documents += docs.count;
    row.failedDocuments += docs.failed;
    addIds(row, docs.ids);
  }

  function itemOf(row: Row): AnswerItem {
    const phrase = PHRASES[row.action];
    const calls = row.evidence.count;
    const where = [row.applicationId ? `application ${row.applicationId}` : null, row.target].filter((x) => x !== null).join(', ') || 'Amazon Q';
    const counted = phrase.noun ? countText(row.documents, row.callsWithoutList, calls, phrase.noun) : null;
    const object = [counted, phrase.after].filter((x) => x).join(' ');
    const what = row.failed
      ? `failed ${calls}× to ${phrase.attempt}${object ? ` ${object}` : ''}`
      : `${phrase.verb}${object ? ` ${object}` : ''} in ${calls} ${calls === 1 ? 'call' : 'calls'}`;
    return row.evidence.item(`${row.principalName} ${what} (${where})`, {
      principal: row.principalName,
      principal_key: row.principalKey,
      application_id: row.applicationId,
      target: row.target,
      action: row.action,
      operations: [...row.operations].sort().join(', '),
      outcome: row.failed ? 'failed' : 'succeeded',
      error_code: row.errorCodes.size ? [...row.errorCodes].sort().join(', ') : null,
      calls,
      documents: phrase.noun ? row.documents : null,
      failed_documents: phrase.noun ? row.failedDocuments : null,
      calls_without_document_list: phrase.noun ? row.callsWithoutList : null,
      document_ids: row.documentIds.length ? row.documentIds.join(', ') : null,
    });
  }

  function answer(): Answer {
    const all = [...rows.values()];
    return { id: 'documents', question: QUESTION, summary: summaryOf(all), flagged: false, items: all.map(itemOf).sort(byFirstSeenThenLabel), omittedItems: 0 };
  }

  return { id: 'documents', question: QUESTION, observe, observeBaseline: () => undefined, answer };
}

/** "3 documents"; "at least 3 documents" when some calls did not log their list; "documents (not listed in CloudTrail)" when none did. */
function countText(documents: number, callsWithoutList: number, calls: number, noun: string): string {
  if (callsWithoutList === calls) return `${noun}s (not listed in CloudTrail)`;
  return `${callsWithoutList ? 'at least ' : ''}${documents} ${documents === 1 ? noun : `${noun}s`}`;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Oldest first; ISO times of one format sort as strings. The first event id settles equal labels. */
function byFirstSeenThenLabel(a: AnswerItem, b: AnswerItem): number {
  return compare(String(a.detail.first_seen), String(b.detail.first_seen)) || compare(a.label, b.label) || compare(a.events[0]?.eventId ?? '', b.events[0]?.eventId ?? '');
}

/** "12 documents uploaded, 2 files attached to chats, 3 documents deleted, 1 sync job started; 1 attempt failed." */
function summaryOf(rows: Row[]): string {
  const done = rows.filter((r) => !r.failed);
  const failedAttempts = rows.filter((r) => r.failed).reduce((k, r) => k + r.evidence.count, 0);
  const of = (action: Action): Row[] => done.filter((r) => r.action === action);
  const sum = (rs: Row[], f: (r: Row) => number): number => rs.reduce((k, r) => k + f(r), 0);
  const calls = (action: Action): number => sum(of(action), (r) => r.evidence.count);
  const n = (k: number, one: string, many: string): string => `${k} ${k === 1 ? one : many}`;
  const parts: string[] = [];
  // Documents the responses did not report as failed; a lower bound when some calls logged no list.
  const counted = (action: Action, noun: string, verb: string): void => {
    const rs = of(action);
    if (!rs.length) return;
    const taken = rs.reduce((k, r) => k + r.documents - r.failedDocuments, 0);
    parts.push(`${countText(taken, sum(rs, (r) => r.callsWithoutList), calls(action), noun)} ${verb}`);
  };
  counted('uploaded', 'document', 'uploaded');
  counted('attached', 'file', 'attached to chats');
  counted('deleted', 'document', 'deleted');
  counted('attachment_deleted', 'chat attachment', 'deleted');
  const called = (action: Action, one: string, many: string): void => {
    if (calls(action)) parts.push(n(calls(action), one, many));
  };
  called('sync_started', 'sync job started', 'sync jobs started');
  called('sync_stopped', 'sync job stopped', 'sync jobs stopped');
  called('upload_url_created', 'upload URL created', 'upload URLs created');
  called('workspace_created', 'workspace index created', 'workspace indexes created');
  called('workspace_deleted', 'workspace index deleted', 'workspace indexes deleted');
  called('created', 'other document call that created something', 'other document calls that created something');
  called('removed', 'other document call that removed something', 'other document calls that removed something');
  called('changed', 'other document call that changed something', 'other document calls that changed something');
  const failures = failedAttempts ? `; ${n(failedAttempts, 'attempt', 'attempts')} failed` : '';
  if (parts.length === 0) return `No document or file was uploaded, attached or deleted, and no sync job was started or stopped in the window${failures}.`;
  const first = parts[0].charAt(0).toUpperCase() + parts[0].slice(1);
  return `${[first, ...parts.slice(1)].join(', ')}${failures}.`;
}
