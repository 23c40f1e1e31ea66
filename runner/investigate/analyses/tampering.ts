// Analysis 6: guardrail and logging tampering. Changes to Amazon Q Business guardrails (chat
// controls, chat response configurations, the application's resource policy: the catalogue's
// `guardrail` category) and to the logging that would record an incident (CloudTrail trails,
// event selectors and event data stores; the CloudWatch Logs vended log deliveries and log groups
// that carry Q Business conversation logs; the catalogue's `logging` category). Whoever did it,
// and failed attempts too: an attempt to stop logging matters even when it was denied. Every row
// is flagged (exit code 3). One row per (action, target, outcome), so a failed attempt is never
// counted as done.
//
// CloudWatch Logs: Q Business delivers its conversation and feedback logs (log type EVENT_LOGS)
// through vended log delivery to a log group, an S3 bucket or Firehose of the customer's choice.
// Deleting a delivery, its source or destination (or a destination's cross-account policy) stops
// them wherever they go: always flagged. Log-group calls (DeleteLogGroup, DeleteLogStream,
// PutRetentionPolicy, DeleteSubscriptionFilter, DisassociateKmsKey) are routine in most accounts,
// so they are flagged only when the log group is named like Amazon Q's (looksLikeAmazonQLogs);
// likewise a PutDeliveryDestination (it may re-point an existing destination) and a
// DeleteResourcePolicy (the AWSLogDeliveryWrite… policy lets delivery write to log groups). A
// CreateDelivery from an Amazon Q source into another account copies the conversation logs out.
// PutDeliverySource and UpdateDeliveryConfiguration are in the timeline (filters.ts
// isLoggingChange keeps all of these, whatever the name) but not here: they cannot be told apart
// from setting logging up.
import type { Answer, AnswerItem } from '../answers.js';
import type { TrailEvent } from '../event.js';
import { dataEventCoverage, fieldAdmits, operators } from '../../evaluate/evaluators/event-selector.js';
import { FIELD_OPERATORS, type AdvancedEventSelector, type AdvancedFieldSelector, type ClassicEventSelector, type CloudTrailSelectors } from '../../sources/cloudtrail-sources.js';
import type { Analysis, AnalysisContext } from './analysis.js';
import { Evidence, resourceOf } from './evidence.js';

const QUESTION = 'Guardrail and logging tampering: chat-control changes, data-event selector changes, StopLogging, DeleteTrail, log-delivery deletion.';

type Request = Record<string, unknown>;

interface Action {
  /** What the target is, as a person says it. */
  target: string;
  /** Request fields naming the target, best first. */
  fields: string[];
  /** The target, when it takes more than one field to name (a stream in its log group). */
  targetOf?: (r: Request) => string | null;
  /** Whether the call touches Amazon Q's logs; absent: it always matters. */
  concernsQ?: (r: Request, e: TrailEvent) => boolean;
  /** What the label adds about the request (the new retention, where logs now go). */
  note?: (r: Request) => string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
/** CloudTrail logs request fields in camelCase; the API documents them in PascalCase. Accept both. */
const field = (o: Record<string, unknown>, camel: string): unknown => o[camel] ?? o[camel.charAt(0).toUpperCase() + camel.slice(1)];

/**
 * Whether a log group, delivery or policy name (or ARN) looks like Amazon Q's. The name is the
 * customer's choice, commonly under /aws/vendedlogs/; this is the documented pattern, case-blind:
 * `qbusiness`, `q-business`, `q_business` or `codewhisperer` anywhere (MyQBusinessLogs too);
 * `amazonq`, `amazon-q`, `amazon_q` not followed by another letter unless it goes on as
 * business/apps/developer (so not Amazon QLDB or amazon-quicksight); `qapps`, `q-apps`,
 * `qdeveloper`, `q-developer` at the start of a word. A false match costs a row a responder
 * dismisses; a miss costs the evidence.
 */
const AMAZON_Q_LOG_NAME = /q[-_]?business|codewhisperer|amazon[-_]?q(?:[-_]?(?:business|apps|developer))?(?![a-z])|(?:^|[^a-z0-9])q[-_]?(?:apps|developer)/i;

export function looksLikeAmazonQLogs(name: string): boolean {
  return AMAZON_Q_LOG_NAME.test(name);
}

/** The resource policy CloudWatch Logs creates so that vended log delivery may write to log groups. */
const LOG_DELIVERY_POLICY = /^AWSLogDeliveryWrite/;

const namesQ = (...values: unknown[]): boolean => values.some((v) => typeof v === 'string' && looksLikeAmazonQLogs(v));
const logGroupOf = (r: Request): string | null => str(r.logGroupName) ?? str(r.logGroupIdentifier) ?? str(r.resourceIdentifier);
const qLogGroup = (r: Request): boolean => namesQ(r.logGroupName, r.logGroupIdentifier, r.resourceIdentifier);
const accountOfArn = (arn: string | null): string | null => (arn ? (arn.split(':')[4] ?? null) || null : null);
const destinationOf = (r: Request): string | null => {
  const config = r.deliveryDestinationConfiguration;
  return isObject(config) ? str(config.destinationResourceArn) : null;
};
const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

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
    DeleteDeliveryDestinationPolicy: { target: 'log delivery destination', fields: ['deliveryDestinationName'] },
    PutDeliveryDestination: {
      target: 'log delivery destination',
      fields: ['name'],
      concernsQ: (r) => namesQ(r.name, destinationOf(r)),
      note: (r) => `created or overwritten${destinationOf(r) ? `: delivers to ${destinationOf(r)}` : ''}`,
    },
    CreateDelivery: {
      target: 'log delivery source',
      fields: ['deliverySourceName'],
      concernsQ: (r, e) => {
        const account = accountOfArn(str(r.deliveryDestinationArn));
        return namesQ(r.deliverySourceName) && account !== null && account !== e.accountId;
      },
      note: (r) => `delivers to another account: ${str(r.deliveryDestinationArn) ?? ''}`,
    },
    DeleteLogGroup: { target: 'log group', fields: ['logGroupName', 'logGroupIdentifier'], concernsQ: qLogGroup },
    DeleteLogStream: {
      target: 'log stream',
      fields: ['logStreamName'],
      targetOf: (r) => (str(r.logStreamName) && logGroupOf(r) ? `${str(r.logStreamName)} in log group ${logGroupOf(r)}` : null),
      concernsQ: qLogGroup,
    },
    PutRetentionPolicy: {
      target: 'log group',
      fields: ['logGroupName', 'logGroupIdentifier'],
      concernsQ: qLogGroup,
      note: (r) => (typeof r.retentionInDays === 'number' ? `retention ${plural(r.retentionInDays, 'day', 'days')}` : null),
    },
    DeleteSubscriptionFilter: {
      target: 'subscription filter',
      fields: ['filterName'],
      targetOf: (r) => (str(r.filterName) && logGroupOf(r) ? `${str(r.filterName)} of log group ${logGroupOf(r)}` : null),
      concernsQ: qLogGroup,
    },
    DisassociateKmsKey: { target: 'log group', fields: ['logGroupName', 'resourceIdentifier'], concernsQ: qLogGroup },
    DeleteResourcePolicy: {
      target: 'log resource policy',
      fields: ['policyName', 'resourceArn'],
      concernsQ: (r) => LOG_DELIVERY_POLICY.test(str(r.policyName) ?? '') || namesQ(r.policyName, r.resourceArn),
    },
  },
};

/** The CloudWatch Logs calls this analysis may flag (filters.ts keeps each of them in the timeline). */
export const TAMPERING_LOGS_EVENTS: readonly string[] = Object.keys(LOGGING_ACTIONS['logs.amazonaws.com']);

/** Request fields that only name the target or make the call idempotent: not "what changed". */
const NOT_CHANGES = new Set([
  'name', 'trailName', 'eventDataStore', 'id', 'applicationId', 'clientToken',
  'logGroupName', 'logGroupIdentifier', 'resourceIdentifier', 'logStreamName', 'filterName', 'policyName', 'deliveryDestinationName', 'deliverySourceName',
]);

// ---- event selectors ------------------------------------------------------------------------

/** The data-event resource types of Amazon Q (REFERENCE.md), in the order rows list them. */
export const Q_DATA_EVENT_TYPES = [
  'AWS::QBusiness::Application',
  'AWS::QBusiness::Index',
  'AWS::QBusiness::DataSource',
  'AWS::QBusiness::WebExperience',
  'AWS::QApps::QApp',
  'AWS::QApps::QAppSession',
  'AWS::CodeWhisperer::Profile',
  'AWS::CodeWhisperer::Customization',
] as const;

export type Capture = 'all' | 'some' | 'none';

export interface TypeCapture {
  type: string;
  /** all: every data event of the type is recorded; some: a selector records part of them; none: nothing. */
  capture: Capture;
  /** The selectors that capture all, or why not all (the scan's coverage wording). */
  reason: string;
}

/** The partition a region's ARNs are in. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** `NotStartsWith` → `notStartsWith`: how CloudTrail logs an operator in requestParameters. */
const camelOp = (op: string): string => op.charAt(0).toLowerCase() + op.slice(1);

function fieldSelectorOf(f: Record<string, unknown>): AdvancedFieldSelector {
  const out: AdvancedFieldSelector = { Field: str(field(f, 'field')) ?? '' };
  for (const op of FIELD_OPERATORS) {
    const values = strings(f[camelOp(op)] ?? f[op]);
    if (values.length) out[op] = values;
  }
  return out;
}

function advancedSelectorOf(s: Record<string, unknown>): AdvancedEventSelector {
  const name = str(field(s, 'name'));
  const fields = field(s, 'fieldSelectors');
  const selector: AdvancedEventSelector = { FieldSelectors: Array.isArray(fields) ? fields.filter(isObject).map(fieldSelectorOf) : [] };
  if (name) selector.Name = name;
  return selector;
}

function classicSelectorOf(s: Record<string, unknown>): ClassicEventSelector {
  const out: ClassicEventSelector = {};
  const rw = str(field(s, 'readWriteType'));
  const management = field(s, 'includeManagementEvents');
  if (rw) out.ReadWriteType = rw;
  if (typeof management === 'boolean') out.IncludeManagementEvents = management;
  return out;
}

/** The selectors a PutEventSelectors / UpdateEventDataStore request sets, as the scan reads them; null when it sets none. */
function selectorsOf(request: Request): CloudTrailSelectors | null {
  const advanced = field(request, 'advancedEventSelectors');
  const classic = field(request, 'eventSelectors');
  if (!Array.isArray(advanced) && !Array.isArray(classic)) return null;
  return {
    advanced_event_selectors: Array.isArray(advanced) ? advanced.filter(isObject).map(advancedSelectorOf) : [],
    event_selectors: Array.isArray(classic) ? classic.filter(isObject).map(classicSelectorOf) : [],
  };
}

/**
 * Whether a resources.ARN field selector may admit some ARN that starts with `prefix` (the
 * counterpart of the scan's "admits every one"): a positive operator needs a value inside the
 * prefix (or, StartsWith, around it); NotStartsWith must not exclude the whole prefix. NotEquals,
 * EndsWith and NotEndsWith leave some ARN in.
 */
function arnMayAdmit(f: AdvancedFieldSelector, prefix: string): boolean {
  return operators(f).every(([op, values]) => {
    if (op === 'Equals') return values.some((v) => v.startsWith(prefix));
    if (op === 'StartsWith') return values.some((v) => v.startsWith(prefix) || prefix.startsWith(v));
    if (op === 'NotStartsWith') return !values.some((v) => prefix.startsWith(v));
    return true;
  });
}

/**
 * Whether one advanced selector may record some data events of `type`: it selects data events of
 * the type, its readOnly admits true or false, its eventSource admits the service, and its
 * resources.ARN may admit an ARN of the service. Narrowing by eventName or other fields leaves
 * "some" (the scan's coverage says they are not all).
 */
function maySelect(s: AdvancedEventSelector, type: string, service: string, prefix: string): boolean {
  const on = (name: string): AdvancedFieldSelector[] => (s.FieldSelectors ?? []).filter((f) => f.Field === name);
  const admits = (name: string, value: string): boolean => on(name).every((f) => fieldAdmits(f, value));
  if (!on('eventCategory').length || !admits('eventCategory', 'Data')) return false;
  if (!on('resources.type').length || !admits('resources.type', type)) return false;
  if (!admits('readOnly', 'true') && !admits('readOnly', 'false')) return false;
  if (!admits('eventSource', `${service}.amazonaws.com`)) return false;
  return on('resources.ARN').every((f) => arnMayAdmit(f, prefix));
}

/**
 * What new event selectors (PutEventSelectors, UpdateEventDataStore) record of each Amazon Q
 * data-event type, for every resource of the type in the region's partition: "all" by the scan's
 * own coverage logic (event-selector.ts dataEventCoverage: some selectors, not narrowed beyond
 * type, ARN and readOnly, admit every ARN of the service and both readOnly values), "some" when a
 * selector records part of them, "none" otherwise (classic selectors cannot log them). Null when
 * the request sets no selectors (or was not logged).
 */
export function qDataEventCapture(request: Request | null, region: string): TypeCapture[] | null {
  const selectors = request ? selectorsOf(request) : null;
  if (!selectors) return null;
  const partition = partitionOf(region);
  return Q_DATA_EVENT_TYPES.map((type) => {
    const service = type.split('::')[1].toLowerCase();
    const prefix = `arn:${partition}:${service}:`;
    const coverage = dataEventCoverage(selectors, type, { prefix });
    if (coverage.covered) return { type, capture: 'all', reason: `selector${coverage.via.length > 1 ? 's' : ''} ${coverage.via.join(' and ')}` };
    const some = selectors.advanced_event_selectors.some((s) => maySelect(s, type, service, prefix));
    return { type, capture: some ? 'some' : 'none', reason: coverage.reason };
  });
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
    // A call that matters only for Amazon Q's logs says whose logs in its request; unlogged, it stays out.
    if (action.concernsQ && (!r || !action.concernsQ(r, e))) return null;
    const named = r ? (action.targetOf?.(r) ?? action.fields.map((f) => str(r[f])).find((v) => v !== null)) : undefined;
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
  /** What the latest event (time, then event id) changed: its request fields, what the label adds, the selectors' capture. */
  latest: { time: number; eventId: string; fields: string; note: string | null; selection: TypeCapture[] | null } | null;
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
      const r = e.requestParameters;
      const note = r ? (LOGGING_ACTIONS[e.eventSource]?.[e.eventName]?.note?.(r) ?? null) : null;
      row.latest = { time: e.time, eventId: e.eventId, fields, note, selection: qDataEventCapture(r, e.region) };
    }
  }

  function answer(): Answer {
    const all = [...rows.values()];
    const items = all.map(itemOf).sort(byFirstSeenThenLabel);
    return { id: 'tampering', question: QUESTION, summary: summaryOf(all), flagged: items.length > 0, items, omittedItems: 0 };
  }

  return { id: 'tampering', question: QUESTION, observe, observeBaseline: () => undefined, answer };
}

/** `AWS::QBusiness::Application` → `QBusiness::Application`: labels are long enough. */
const shortType = (type: string): string => type.replace(/^AWS::/, '');

/** "every Amazon Q data event captured", "Amazon Q data events: all captured for …; only some for …; none for …". */
function captureLabel(selection: TypeCapture[]): string {
  const with_ = (c: Capture): string[] => selection.filter((t) => t.capture === c).map((t) => shortType(t.type));
  const [all, some, none] = [with_('all'), with_('some'), with_('none')];
  if (all.length === selection.length) return 'every Amazon Q data event captured';
  if (none.length === selection.length) return 'no Amazon Q data event captured';
  const parts = [
    all.length ? `all captured for ${all.join(', ')}` : '',
    some.length ? `only some for ${some.join(', ')}` : '',
    none.length ? `none for ${none.join(', ')}` : '',
  ].filter(Boolean);
  return `Amazon Q data events: ${parts.join('; ')}`;
}

/** The types of one capture, as a detail value (null when none). */
function typesWith(selection: TypeCapture[] | null, c: Capture): string | null {
  const types = (selection ?? []).filter((t) => t.capture === c).map((t) => t.type);
  return types.length ? types.join(', ') : null;
}

const notAllCaptured = (selection: TypeCapture[] | null | undefined): boolean => !!selection && selection.some((t) => t.capture !== 'all');

function itemOf(row: Row): AnswerItem {
  const selection = row.latest?.selection ?? null;
  let label = `${row.action} on ${row.targetKind} ${row.target}`;
  if (row.latest?.note) label += ` (${row.latest.note})`;
  if (selection) label += ` (${row.failed ? 'requested: ' : ''}${captureLabel(selection)})`;
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
      // Whether every Q Business application data event (Chat, ChatSync, BatchPutDocument…) is still recorded.
      q_business_data_events_selected: selection ? selection.some((t) => t.type === 'AWS::QBusiness::Application' && t.capture === 'all') : null,
      q_data_events_all: typesWith(selection, 'all'),
      q_data_events_some: typesWith(selection, 'some'),
      q_data_events_none: typesWith(selection, 'none'),
      q_data_events_why: selection?.some((t) => t.capture !== 'all') ? selection.filter((t) => t.capture !== 'all').map((t) => `${t.type}: ${t.reason}`).join('; ') : null,
    },
    true,
  );
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function byFirstSeenThenLabel(a: AnswerItem, b: AnswerItem): number {
  return compare(String(a.detail.first_seen), String(b.detail.first_seen)) || compare(a.label, b.label);
}

/** "Tampering found: StopLogging on 1 trail, UpdateChatControlsConfiguration on 1 application; 2 failed attempts (StopLogging)." */
function summaryOf(rows: Row[]): string {
  if (rows.length === 0) return 'No guardrail or logging change (chat controls, trails, event selectors, event data stores, log deliveries, Amazon Q log groups) in the window.';
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
      const dropped = rs.some((r) => notAllCaptured(r.latest?.selection));
      return `${action} on ${rs.length} ${kinds.length === 1 ? (rs.length === 1 ? kinds[0] : pluralKind(kinds[0])) : 'targets'}${dropped ? ' (Amazon Q data events not all captured)' : ''}`;
    });
  const failures = failedAttempts ? `${plural(failedAttempts, 'failed attempt', 'failed attempts')} (${[...failedActions].sort().join(', ')})` : '';
  if (!parts.length) return `Tampering attempted: ${failures}; nothing was changed.`;
  return `Tampering found: ${parts.join(', ')}${failures ? `; ${failures}` : ''}.`;
}

const pluralKind = (kind: string): string => (kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : `${kind}s`);
