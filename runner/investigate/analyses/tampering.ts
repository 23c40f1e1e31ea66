// Analysis 6: guardrail and logging tampering. Changes to Amazon Q Business guardrails (chat
// controls, chat response configurations, the application's resource policy: the catalogue's
// `guardrail` category) and to the logging that would record an incident (CloudTrail trails,
// event selectors and event data stores; CloudWatch Logs vended log deliveries, which carry Q
// Business conversation logs; the catalogue's `logging` category). Whoever did it, and failed
// attempts too: an attempt to stop logging matters even when it was denied. Every row is
// flagged (exit code 3). One row per (action, target, outcome), so a failed attempt is never
// counted as done.
import type { Answer, AnswerItem } from '../answers.js';
import type { TrailEvent } from '../event.js';
import type { Analysis, AnalysisContext } from './analysis.js';
import { Evidence, resourceOf } from './evidence.js';

const QUESTION = 'Guardrail and logging tampering: chat-control changes, data-event selector changes, StopLogging, DeleteTrail, log-delivery deletion.';

interface Action {
  /** What the target is, as a person says it. */
  target: string;
  /** Request fields naming the target, best first. */
  fields: string[];
}

/** Logging changes outside Amazon Q, by event source and event name. */
const LOGGING_ACTIONS: Record<string, Record<string, Action>> = {
  'cloudtrail.amazonaws.com': {
    StopLogging: { target: 'trail', fields: ['name'] },
    DeleteTrail: { target: 'trail', fields: ['name'] },
    UpdateTrail: { target: 'trail', fields: ['name'] },
    PutEventSelectors: { target: 'trail', fields: ['trailName'] },
    DeleteEventDataStore: { target: 'event data store', fields: ['eventDataStore'] },
    StopEventDataStoreIngestion: { target: 'event data store', fields: ['eventDataStore'] },
    UpdateEventDataStore: { target: 'event data store', fields: ['eventDataStore'] },
  },
  'logs.amazonaws.com': {
    DeleteDelivery: { target: 'log delivery', fields: ['id'] },
    DeleteDeliverySource: { target: 'log delivery source', fields: ['name'] },
    DeleteDeliveryDestination: { target: 'log delivery destination', fields: ['name'] },
  },
};

/** Request fields that only name the target or make the call idempotent: not "what changed". */
const NOT_CHANGES = new Set(['name', 'trailName', 'eventDataStore', 'id', 'applicationId', 'clientToken']);

const QBUSINESS_TYPE_PREFIX = 'AWS::QBusiness::';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
/** CloudTrail logs request fields in camelCase; the API documents them in PascalCase. Accept both. */
const field = (o: Record<string, unknown>, camel: string): unknown => o[camel] ?? o[camel.charAt(0).toUpperCase() + camel.slice(1)];

/**
 * Whether new event selectors (PutEventSelectors, UpdateEventDataStore) still log Amazon Q
 * Business data events: some advanced selector must select a `resources.type` of
 * AWS::QBusiness::… (Equals, or StartsWith a prefix of it). Basic event selectors cannot select
 * Q Business data events at all. Null when the request sets no selectors (or was not logged).
 */
export function qBusinessDataEventSelection(request: Record<string, unknown> | null): { kept: boolean; types: string[] } | null {
  if (!request) return null;
  const advanced = field(request, 'advancedEventSelectors');
  if (Array.isArray(advanced)) {
    const types = new Set<string>();
    for (const selector of advanced) {
      if (!isObject(selector)) continue;
      const fieldSelectors = field(selector, 'fieldSelectors');
      if (!Array.isArray(fieldSelectors)) continue;
      for (const fs of fieldSelectors) {
        if (!isObject(fs) || field(fs, 'field') !== 'resources.type') continue;
        for (const t of strings(field(fs, 'equals'))) if (t.startsWith(QBUSINESS_TYPE_PREFIX)) types.add(t);
        for (const p of strings(field(fs, 'startsWith'))) if (QBUSINESS_TYPE_PREFIX.startsWith(p) || p.startsWith(QBUSINESS_TYPE_PREFIX)) types.add(`${p}*`);
      }
    }
    return { kept: types.size > 0, types: [...types].sort() };
  }
  if (Array.isArray(field(request, 'eventSelectors'))) return { kept: false, types: [] };
  return null;
}

interface Change {
  kind: 'guardrail' | 'logging';
  action: string;
  targetKind: string;
  target: string;
}

/** The tampering an event is, or null. */
function changeOf(e: TrailEvent): Change | null {
  const action = LOGGING_ACTIONS[e.eventSource]?.[e.eventName];
  if (action) {
    const r = e.requestParameters;
    const named = r ? action.fields.map((f) => str(r[f])).find((v) => v !== null) : undefined;
    return { kind: 'logging', action: e.eventName, targetKind: action.target, target: named ?? resourceOf(e) ?? '(not logged)' };
  }
  const cls = e.scope === 'q' ? e.qClass : null;
  if (!cls || cls.operation === 'read' || (cls.category !== 'guardrail' && cls.category !== 'logging')) return null;
  // Chat controls and the resource policy belong to the application; a chat response
  // configuration has its own id (chatResponseConfigurationId) inside it.
  const app = e.applicationId ?? resourceOf(e) ?? '(not logged)';
  const kind = cls.resourceKind;
  const subId = kind ? str(e.requestParameters?.[`${camel(kind)}Id`]) ?? str(e.responseElements?.[`${camel(kind)}Id`]) : null;
  if (kind && subId && kind !== 'application') return { kind: cls.category, action: cls.name, targetKind: kind.replace(/_/g, ' '), target: `${subId} in application ${app}` };
  return { kind: cls.category, action: cls.name, targetKind: 'application', target: app };
}

/** `chat_response_configuration` → `chatResponseConfiguration`: how request fields name a kind's id. */
const camel = (kind: string): string => kind.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

interface Row extends Change {
  eventSource: string;
  failed: boolean;
  errorCodes: Set<string>;
  principals: Map<string, string>;
  /** What the latest event (time, then event id) changed: its request fields and selectors. */
  latest: { time: number; eventId: string; fields: string; selection: ReturnType<typeof qBusinessDataEventSelection> } | null;
  evidence: Evidence;
}

export function createTamperingAnalysis(_ctx: AnalysisContext): Analysis {
  const rows = new Map<string, Row>();

  function observe(e: TrailEvent): void {
    const change = changeOf(e);
    if (!change) return;
    const failed = e.errorCode !== null;
    const key = [e.eventSource, change.action, change.target, failed ? 'failed' : 'ok'].join('\u0000');
    let row = rows.get(key);
    if (!row) {
      row = { ...change, eventSource: e.eventSource, failed, errorCodes: new Set(), principals: new Map(), latest: null, evidence: new Evidence() };
      rows.set(key, row);
    }
    row.evidence.add(e);
    row.principals.set(e.principal.key, e.principal.arn ?? e.principal.name);
    if (e.errorCode) row.errorCodes.add(e.errorCode);
    const l = row.latest;
    if (!l || e.time > l.time || (e.time === l.time && e.eventId > l.eventId)) {
      const fields = Object.keys(e.requestParameters ?? {}).filter((k) => !NOT_CHANGES.has(k)).sort().join(', ');
      row.latest = { time: e.time, eventId: e.eventId, fields, selection: qBusinessDataEventSelection(e.requestParameters) };
    }
  }

  function answer(): Answer {
    const all = [...rows.values()];
    const items = all.map(itemOf).sort(byFirstSeenThenLabel);
    return { id: 'tampering', question: QUESTION, summary: summaryOf(all), flagged: items.length > 0, items, omittedItems: 0 };
  }

  return { id: 'tampering', question: QUESTION, observe, observeBaseline: () => undefined, answer };
}

function itemOf(row: Row): AnswerItem {
  const selection = row.latest?.selection ?? null;
  let label = `${row.action} on ${row.targetKind} ${row.target}`;
  if (selection && !selection.kept) label += row.failed ? ' (would have stopped selecting Q Business data events)' : ' (Q Business data events no longer selected)';
  if (row.failed) label += `: attempt failed (${[...row.errorCodes].sort().join(', ')})`;
  const names = [...new Set(row.principals.values())].sort();
  return row.evidence.item(
    label,
    {
      kind: row.kind,
      service: row.eventSource,
      action: row.action,
      target_kind: row.targetKind,
      target: row.target,
      outcome: row.failed ? 'failed' : 'succeeded',
      error_code: row.errorCodes.size ? [...row.errorCodes].sort().join(', ') : null,
      principals: names.length,
      principal_names: names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`,
      changed_fields: row.latest?.fields || null,
      q_business_data_events_selected: selection ? selection.kept : null,
      q_business_selectors: selection?.types.length ? selection.types.join(', ') : null,
    },
    true,
  );
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function byFirstSeenThenLabel(a: AnswerItem, b: AnswerItem): number {
  return compare(String(a.detail.first_seen), String(b.detail.first_seen)) || compare(a.label, b.label);
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "Tampering found: StopLogging on 1 trail, UpdateChatControlsConfiguration on 1 application; 2 failed attempts (StopLogging)." */
function summaryOf(rows: Row[]): string {
  if (rows.length === 0) return 'No guardrail or logging change (chat controls, trails, event selectors, event data stores, log deliveries) in the window.';
  const done = new Map<string, Row[]>();
  const failedActions = new Set<string>();
  let failedAttempts = 0;
  for (const row of rows) {
    if (row.failed) {
      failedAttempts += row.evidence.count;
      failedActions.add(row.action);
      continue;
    }
    done.set(row.action, [...(done.get(row.action) ?? []), row]);
  }
  const parts = [...done]
    .sort((a, b) => compare(a[0], b[0]))
    .map(([action, rs]) => {
      const kinds = [...new Set(rs.map((r) => r.targetKind))].sort();
      const dropped = rs.some((r) => r.latest?.selection && !r.latest.selection.kept);
      return `${action} on ${rs.length} ${kinds.length === 1 ? (rs.length === 1 ? kinds[0] : pluralKind(kinds[0])) : 'targets'}${dropped ? ' (Q Business data events no longer selected)' : ''}`;
    });
  const failures = failedAttempts ? `${plural(failedAttempts, 'failed attempt', 'failed attempts')} (${[...failedActions].sort().join(', ')})` : '';
  if (!parts.length) return `Tampering attempted: ${failures}; nothing was changed.`;
  return `Tampering found: ${parts.join(', ')}${failures ? `; ${failures}` : ''}.`;
}

const pluralKind = (kind: string): string => (kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : `${kind}s`);
