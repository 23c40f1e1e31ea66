// Analysis 2: which plugins were used, created or changed. One row per plugin (and per OAuth
// connection or auth grant, the catalogue's other plugin-category kinds), counting what the calls
// did; failed calls are counted apart and never as use or change.
import type { Answer, AnswerItem } from '../answers.js';
import type { TrailEvent } from '../event.js';
import type { Analysis, AnalysisContext } from './analysis.js';
import { Evidence } from './evidence.js';

const QUESTION = 'Which plugins were used, created or changed?';

/** Q Developer's plugins live outside any Q Business application; their rows name the product instead. */
const Q_DEVELOPER = 'Amazon Q Developer';

const KIND_LABELS: Record<string, string> = { plugin: 'plugin', oauth_app_connection: 'OAuth app connection', auth_grant: 'auth grant' };

type Count = 'used' | 'actions' | 'created' | 'changed' | 'deleted' | 'read' | 'failed';

interface Row {
  kind: string;
  id: string | null;
  applicationId: string | null;
  product: string;
  counts: Record<Count, number>;
  /** Latest display name and type the requests gave (create and update carry them). */
  name: Latest | null;
  type: Latest | null;
  errorCodes: Set<string>;
  principals: Map<string, string>;
  evidence: Evidence;
}

interface Latest {
  time: number;
  value: string;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | null => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Q Business `arn:…:application/A/plugin/P` and Q Developer `arn:aws:qdeveloper:…:plugin/P` → `P`. */
const PLUGIN_ARN = /[:/]plugin\/([^/]+)/;

function pluginIdOf(e: TrailEvent): string | null {
  const req = e.requestParameters;
  const res = e.responseElements;
  return (
    str(req?.pluginId) ??
    str(res?.pluginId) ??
    PLUGIN_ARN.exec(str(req?.pluginArn) ?? str(res?.pluginArn) ?? e.resources.find((r) => r.arn && PLUGIN_ARN.test(r.arn))?.arn ?? '')?.[1] ??
    null
  );
}

/**
 * The plugin a chat used, per the ChatSync input: `actionExecution.pluginId` (the user confirmed
 * a plugin action) or `chatMode: PLUGIN_MODE` with `chatModeConfiguration.pluginConfiguration.pluginId`.
 */
function chatPlugin(e: TrailEvent): { id: string | null; action: boolean } | null {
  const req = e.requestParameters;
  if (!req) return null;
  const action = str(obj(req.actionExecution)?.pluginId);
  if (action) return { id: action, action: true };
  if (req.chatMode !== 'PLUGIN_MODE') return null;
  return { id: str(obj(obj(req.chatModeConfiguration)?.pluginConfiguration)?.pluginId), action: false };
}

interface Observation {
  kind: string;
  id: string | null;
  count: Exclude<Count, 'failed' | 'actions'>;
  action: boolean;
}

function observationOf(e: TrailEvent): Observation | null {
  const cls = e.qClass;
  if (!cls) return null;
  if (cls.name === 'Chat' || cls.name === 'ChatSync') {
    const used = chatPlugin(e);
    return used ? { kind: 'plugin', id: used.id, count: 'used', action: used.action } : null;
  }
  if (cls.category !== 'plugin') return null;
  const kind = cls.resourceKind ?? 'plugin';
  const id = kind === 'plugin' ? pluginIdOf(e) : genericIdOf(e, kind);
  if (cls.name === 'UsePlugin') return { kind, id, count: 'used', action: false };
  const count = cls.operation === 'create' ? 'created' : cls.operation === 'delete' ? 'deleted' : cls.operation === 'change' ? 'changed' : 'read';
  return { kind, id, count, action: false };
}

/** `oauth_app_connection` → request/response `oauthAppConnectionId` (or …Arn). */
function genericIdOf(e: TrailEvent, kind: string): string | null {
  const camel = kind.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  for (const source of [e.requestParameters, e.responseElements]) {
    const v = str(source?.[`${camel}Id`]) ?? str(source?.[`${camel}Arn`]);
    if (v) return v;
  }
  return null;
}

/** Later wins (ties: the larger value), so the answer does not depend on arrival order. */
function later(current: Latest | null, time: number, value: string | null): Latest | null {
  if (!value) return current;
  if (!current || time > current.time || (time === current.time && value > current.value)) return { time, value };
  return current;
}

function principalNames(principals: Map<string, string>): string {
  const names = [...new Set(principals.values())].sort();
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

export function createPluginsAnalysis(_ctx: AnalysisContext): Analysis {
  const rows = new Map<string, Row>();

  function observe(e: TrailEvent): void {
    if (e.scope !== 'q') return;
    const seen = observationOf(e);
    if (!seen) return;
    const product = e.eventSource === 'q.amazonaws.com' ? Q_DEVELOPER : 'Amazon Q Business';
    // A call without a plugin id (ListPlugins, a failed CreatePlugin) is told apart by the name it asked for.
    const requestedName = str(e.requestParameters?.displayName);
    const key = [product, e.applicationId ?? '', seen.kind, seen.id ?? (requestedName ? `name:${requestedName}` : '')].join('\u0000');
    let row = rows.get(key);
    if (!row) {
      const counts = { used: 0, actions: 0, created: 0, changed: 0, deleted: 0, read: 0, failed: 0 };
      row = { kind: seen.kind, id: seen.id, applicationId: e.applicationId, product, counts, name: null, type: null, errorCodes: new Set(), principals: new Map(), evidence: new Evidence() };
      rows.set(key, row);
    }
    row.evidence.add(e);
    row.principals.set(e.principal.key, e.principal.name);
    row.name = later(row.name, e.time, requestedName ?? str(e.responseElements?.displayName));
    row.type = later(row.type, e.time, seen.kind === 'plugin' ? (str(e.requestParameters?.type) ?? str(e.responseElements?.type)) : null);
    if (e.errorCode) {
      // An attempt, not a use or a change: visible, counted apart.
      row.counts.failed += 1;
      row.errorCodes.add(e.errorCode);
      return;
    }
    row.counts[seen.count] += 1;
    if (seen.action) row.counts.actions += 1;
  }

  function itemOf(row: Row): AnswerItem {
    const kindLabel = KIND_LABELS[row.kind] ?? row.kind.replace(/_/g, ' ');
    const what = row.id ? `${kindLabel} ${row.id}${row.name ? ` ("${row.name.value}")` : ''}` : row.name ? `${kindLabel} "${row.name.value}"` : `${kindLabel}s (no id in the calls)`;
    const where = row.applicationId ? `application ${row.applicationId}` : row.product;
    const c = row.counts;
    const did = (['used', 'created', 'changed', 'deleted', 'read', 'failed'] as const).filter((k) => c[k] > 0).map((k) => `${k} ${c[k]}×`);
    return row.evidence.item(`${what} in ${where}: ${did.join(', ')}`, {
      kind: row.kind,
      plugin_id: row.id,
      name: row.name?.value ?? null,
      plugin_type: row.type?.value ?? null,
      application_id: row.applicationId,
      product: row.product,
      used: c.used,
      actions_executed: c.actions,
      created: c.created,
      changed: c.changed,
      deleted: c.deleted,
      read: c.read,
      failed: c.failed,
      error_code: row.errorCodes.size ? [...row.errorCodes].sort().join(', ') : null,
      principals: row.principals.size,
      principal_names: principalNames(row.principals),
    });
  }

  function answer(): Answer {
    const all = [...rows.values()];
    return { id: 'plugins', question: QUESTION, summary: summaryOf(all), flagged: false, items: all.map(itemOf).sort(byFirstSeenThenLabel), omittedItems: 0 };
  }

  return { id: 'plugins', question: QUESTION, observe, observeBaseline: () => undefined, answer };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Oldest first; ISO times of one format sort as strings. The first event id settles equal labels. */
function byFirstSeenThenLabel(a: AnswerItem, b: AnswerItem): number {
  return compare(String(a.detail.first_seen), String(b.detail.first_seen)) || compare(a.label, b.label) || compare(a.events[0]?.eventId ?? '', b.events[0]?.eventId ?? '');
}

/** "3 plugins: 2 used (14 times, 3 actions run), 1 created, 1 changed, 1 deleted; 2 calls failed." */
function summaryOf(rows: Row[]): string {
  const plugins = rows.filter((r) => r.kind === 'plugin' && r.id);
  const rowsWith = (k: Count): number => plugins.filter((r) => r.counts[k] > 0).length;
  const sum = (k: Count): number => rows.reduce((n, r) => n + r.counts[k], 0);
  const used = rowsWith('used');
  const parts: string[] = [];
  if (used) {
    const actions = sum('actions');
    parts.push(`${used} used (${sum('used')} ${sum('used') === 1 ? 'time' : 'times'}${actions ? `, ${actions} ${actions === 1 ? 'action' : 'actions'} run` : ''})`);
  }
  for (const k of ['created', 'changed', 'deleted'] as const) if (rowsWith(k)) parts.push(`${rowsWith(k)} ${k}`);
  const onlyRead = plugins.filter((r) => r.counts.read > 0 && r.counts.used + r.counts.created + r.counts.changed + r.counts.deleted === 0).length;
  if (onlyRead) parts.push(`${onlyRead} only read`);
  // Calls that name no plugin (ListPlugins, plugin-mode chats that did not log the id, OAuth
  // connections) are rows too; they are said apart rather than counted as plugins.
  const unnamed = rows.length - plugins.length;
  const failed = sum('failed');
  if (parts.length === 0 && unnamed === 0) return failed ? `No plugin was used, created or changed in the window; ${failed} plugin ${failed === 1 ? 'call' : 'calls'} failed.` : 'No plugin was used, created or changed in the window.';
  const head = parts.length ? `${plugins.length} ${plugins.length === 1 ? 'plugin' : 'plugins'}: ${parts.join(', ')}` : 'No named plugin was used, created or changed';
  const more = unnamed ? `; ${unnamed} more ${unnamed === 1 ? 'row' : 'rows'} of plugin activity without a plugin id` : '';
  const fails = failed ? `; ${failed} ${failed === 1 ? 'call' : 'calls'} failed` : '';
  return `${head}${more}${fails}.`;
}
