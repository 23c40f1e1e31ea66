// Analysis 7: what Amazon Q did in other services on a user's behalf. After q:PassRequest, Q
// calls the target service with the user's permissions and CloudTrail logs those calls with
// userIdentity.invokedBy (or sourceIPAddress) q.amazonaws.com: the normaliser gives them scope
// `q_invoked`. The Amazon Q Developer agent in the CLI or the IDE runs the AWS CLI for its user
// instead: no invokedBy, the user's own IP, and a marker in the user agent (normalise.ts); those
// rows name the client that acted (as the IDE analysis reads it from the user agent), so a
// responder can tell which tool did it. One row per (principal, service, event name, client);
// changing calls first, because those are the ones a responder must undo. Information, never
// flagged.
import type { Answer, AnswerItem } from '../answers.js';
import type { TrailEvent } from '../event.js';
import { isQAgentUserAgent } from '../normalise.js';
import type { Analysis, AnalysisContext } from './analysis.js';
import { EarliestDistinct, Evidence } from './evidence.js';
import { ideClientOf } from './ide-usage.js';

const QUESTION = "Actions performed by Q on a user's behalf (invokedBy / source q.amazonaws.com)";

/** Names of calls that only read, for records that do not say (readOnly is absent in some). */
const READ_PREFIXES = /^(Get|List|Describe|Lookup|Search|Head|BatchGet|Query|Scan|Select|View|Check|Validate|Estimate|Preview|Test)/;

/**
 * An agent call whose user agent names no client the IDE analysis knows. The client table reads
 * every marker the normaliser accepts, so a normalised call never gets this; it keeps the row
 * honest should the two ever drift apart.
 */
export const UNRECOGNISED_AGENT_CLIENT = 'Amazon Q Developer agent (client not recognised)';
/** Distinct client versions a row names (the earliest seen). */
const MAX_CLIENT_VERSIONS = 10;

/** The Q Developer client that ran the call (with its version when the user agent says), or null when Q itself called (invokedBy). */
function agentClientOf(e: TrailEvent): { client: string; version: string | null } | null {
  if (!isQAgentUserAgent(e.userAgent)) return null;
  return ideClientOf(e.userAgent) ?? { client: UNRECOGNISED_AGENT_CLIENT, version: null };
}

/** readOnly as logged, else guessed from the name. */
function isReadOnly(e: TrailEvent): boolean {
  return e.readOnly ?? READ_PREFIXES.test(e.eventName);
}

interface Row {
  principalKey: string;
  principalName: string;
  service: string;
  eventName: string;
  /** The Q Developer client (CLI or IDE) whose agent made the calls, or null for calls Q made itself. */
  client: string | null;
  clientVersions: EarliestDistinct;
  readOnly: boolean;
  /** Whether any event of the row said readOnly itself (else the name decided). */
  readOnlyLogged: boolean;
  failed: number;
  errorCodes: Set<string>;
  invokedBy: Set<string>;
  evidence: Evidence;
}

export function createActionsByQAnalysis(_ctx: AnalysisContext): Analysis {
  const rows = new Map<string, Row>();

  function observe(e: TrailEvent): void {
    if (e.scope !== 'q_invoked') return;
    const agent = agentClientOf(e);
    const key = [e.principal.key, e.eventSource, e.eventName, agent?.client ?? ''].join('\u0000');
    let row = rows.get(key);
    if (!row) {
      row = {
        principalKey: e.principal.key,
        principalName: e.principal.name,
        service: e.eventSource,
        eventName: e.eventName,
        client: agent?.client ?? null,
        clientVersions: new EarliestDistinct(MAX_CLIENT_VERSIONS),
        readOnly: true,
        readOnlyLogged: false,
        failed: 0,
        errorCodes: new Set(),
        invokedBy: new Set(),
        evidence: new Evidence(),
      };
      rows.set(key, row);
    }
    row.evidence.add(e);
    if (agent?.version) row.clientVersions.add(agent.version, e.time);
    // A row is changing when any of its events changed something (or may have): the AND over
    // events does not depend on their order.
    row.readOnly = row.readOnly && isReadOnly(e);
    if (e.readOnly !== null) row.readOnlyLogged = true;
    if (e.errorCode) {
      row.failed += 1;
      row.errorCodes.add(e.errorCode);
    }
    row.invokedBy.add(e.invokedBy ?? e.sourceIp);
  }

  function answer(): Answer {
    const all = [...rows.values()];
    const items = all.map(itemOf).sort(changingFirstThenFirstSeen);
    return { id: 'actions_by_q', question: QUESTION, summary: summaryOf(all), flagged: false, items, omittedItems: 0 };
  }

  return { id: 'actions_by_q', question: QUESTION, observe, observeBaseline: () => undefined, answer };
}

function serviceName(eventSource: string): string {
  return eventSource.replace(/\.amazonaws\.com$/, '');
}

function itemOf(row: Row): AnswerItem {
  const count = row.evidence.count;
  const failures = row.failed ? (row.failed === count ? ', all failed' : `, ${row.failed} failed`) : '';
  const via = row.client ? ` via ${row.client}` : '';
  const label = `Q called ${serviceName(row.service)}:${row.eventName} for ${row.principalName}${via} (${count}×${failures})`;
  return row.evidence.item(label, {
    principal: row.principalKey,
    principal_name: row.principalName,
    service: row.service,
    event_name: row.eventName,
    read_only: row.readOnly,
    read_only_source: row.readOnlyLogged ? 'logged' : 'name',
    succeeded: count - row.failed,
    failed: row.failed,
    error_codes: row.errorCodes.size ? [...row.errorCodes].sort().join(', ') : null,
    invoked_by: [...row.invokedBy].sort().join(', '),
    client: row.client,
    client_versions: row.clientVersions.values().join(', ') || null,
  });
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function changingFirstThenFirstSeen(a: AnswerItem, b: AnswerItem): number {
  return Number(a.detail.read_only) - Number(b.detail.read_only) || compare(String(a.detail.first_seen), String(b.detail.first_seen)) || compare(a.label, b.label);
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "Amazon Q made 42 calls for 3 principals in 4 services: 5 changing (2 failed), 37 read-only." */
function summaryOf(rows: Row[]): string {
  if (rows.length === 0) return "Amazon Q made no calls on a user's behalf in the window.";
  let changing = 0;
  let changingFailed = 0;
  let reading = 0;
  for (const r of rows) {
    if (r.readOnly) reading += r.evidence.count;
    else {
      changing += r.evidence.count;
      changingFailed += r.failed;
    }
  }
  const total = changing + reading;
  const principals = new Set(rows.map((r) => r.principalKey)).size;
  const services = new Set(rows.map((r) => r.service)).size;
  const failed = changingFailed ? ` (${changingFailed} failed)` : '';
  return `Amazon Q made ${plural(total, 'call', 'calls')} for ${plural(principals, 'principal', 'principals')} in ${plural(services, 'service', 'services')}: ${changing} changing${failed}, ${reading} read-only.`;
}
