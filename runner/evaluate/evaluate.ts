// Evaluation: a pure function of (snapshot, checks, parameters, now) → findings. No I/O.
// A data source that failed turns every check that needs it into ERROR findings that name the
// missing permission; missing data is never read as PASS.
import { celTypes, type ParamValue } from '../cel/environment.js';
import type { Check, CelContext } from '../checks/check.js';
import { FindingIds, scopeHash } from '../findings/finding-id.js';
import type { Finding, JsonValue, Status } from '../findings/finding.js';
import { globalRegion, type AccountSnapshot, type SourceError } from '../snapshot/snapshot.js';
import { sourceDecl } from '../sources/source.js';
import { findView } from '../views/registry.js';
import { accountResource, type ViewDef, type ViewItem, type ViewResource } from '../views/view.js';
import { findEvaluator } from './evaluators/registry.js';

export type ParamOverrides = Record<string, Record<string, ParamValue>>;

export interface EvaluateOptions {
  now: Date;
  /** Per-check parameter overrides from the configuration file. */
  params?: ParamOverrides;
}

/**
 * The regions a view is evaluated in: the IAM region for global data; for regional data, the
 * regions its sources were collected in (a service that exists in only some regions, like Amazon
 * Q Business, was collected only there). A source missing from the snapshot altogether is
 * evaluated in every scanned region, so that its checks say ERROR rather than nothing.
 */
export function viewRegions(view: ViewDef, account: AccountSnapshot): string[] {
  const regional = view.sources.filter((s) => sourceDecl(s).scope === 'regional');
  if (regional.length === 0) return [globalRegion(account.partition)];
  const collected = new Set<string>();
  for (const s of regional) {
    const table = account.sources[s];
    if (!table) return account.regions;
    for (const r of Object.keys(table)) collected.add(r);
  }
  return account.regions.filter((r) => collected.has(r));
}

interface PreparedView {
  items: ViewItem[];
  /** CEL values, converted once per item and shared by every check on this view. */
  cel: (object | Error)[];
}

/** A check with what its evaluation needs, worked out before any item is read. */
interface PlannedCheck {
  check: Check;
  view: ViewDef;
  paramValues: Record<string, ParamValue>;
  celParams: object;
  evaluator: ReturnType<typeof findEvaluator>;
  regions: string[];
}

/**
 * Evaluates every check against one account's snapshot. Findings come in check order. The checks
 * are evaluated view by view, each view's items kept only while its checks run: a view of ten
 * thousand principals that stayed alive through the whole evaluation would be copied by every
 * garbage collection of the young generation, at a cost to every check that came after it.
 */
export function evaluateAccount(account: AccountSnapshot, checks: readonly Check[], options: EvaluateOptions): Finding[] {
  const now = options.now;
  // What can fail before items are read fails here, in check order, as it would check by check.
  const planned: PlannedCheck[] = checks.map((check) => {
    const view = findView(check.doc.source);
    if (!view) throw new Error(`check ${check.id}: unknown source ${check.doc.source}`);
    const paramValues = { ...check.params, ...(options.params?.[check.id] ?? {}) };
    const celParams = celTypes.convert(check.paramsType, paramValues);
    const evaluator = check.rule.kind === 'evaluator' ? findEvaluator(check.rule.evaluator) : undefined;
    return { check, view, paramValues, celParams, evaluator, regions: viewRegions(view, account) };
  });
  const byView = new Map<ViewDef, number[]>();
  planned.forEach((p, i) => {
    const list = byView.get(p.view);
    if (list) list.push(i);
    else byView.set(p.view, [i]);
  });
  const perCheck: Finding[][] = new Array<Finding[]>(planned.length);
  for (const [view, indices] of byView) {
    // The view's items per region, and their resources' id hashes, shared by its checks only.
    const prepared = new Map<string, PreparedView | SourceError>();
    const ids = new FindingIds();
    for (const i of indices) perCheck[i] = evaluateCheck(planned[i], view, account, now, prepared, ids);
  }
  return perCheck.flat();
}

/** The items of a view in a region (prepared once, for all the checks on the view). */
function prepareView(view: ViewDef, account: AccountSnapshot, region: string, prepared: Map<string, PreparedView | SourceError>): PreparedView | SourceError {
  const hit = prepared.get(region);
  if (hit) return hit;
  let result: PreparedView | SourceError;
  const data: Record<string, unknown> = {};
  const failed = view.sources.map((id) => sourceFailure(account, id, region, data)).find((e) => e !== null);
  if (failed) result = failed;
  else {
    try {
      const items = view.build(data, { account, region });
      const cel = items.map((it) => {
        if (it.error) return new Error(it.error.message);
        try {
          return celTypes.convert(view.itemType, it.value);
        } catch (e) {
          return e as Error;
        }
      });
      result = { items, cel };
    } catch (e) {
      result = { code: 'InvalidSnapshotData', message: `cannot read ${view.id}: ${(e as Error).message}`, action: null };
    }
  }
  prepared.set(region, result);
  return result;
}

function evaluateCheck(planned: PlannedCheck, view: ViewDef, account: AccountSnapshot, now: Date, prepared: Map<string, PreparedView | SourceError>, ids: FindingIds): Finding[] {
  const { check, paramValues, celParams, evaluator } = planned;
  const findings: Finding[] = [];
  // One context object per check, its item swapped per item: evaluation is synchronous.
  const ctx: CelContext = { item: celParams, params: celParams, now };
  for (const region of planned.regions) {
    // Evaluators only read their context: one per region, not one per item.
    const evaluatorCtx = { now, account, region };
    const scope = scopeHash(check.id, account.account_id, region);
    const make = (status: Status, resource: ViewResource, message: string, evidence: Record<string, unknown>): Finding =>
      buildFinding(scope + ids.resource(resource), check, account, region, status, resource, message, evidence);
    const p = prepareView(view, account, region, prepared);
    if (!('items' in p)) {
      findings.push(make('ERROR', accountResource({ account, region }), errorMessage(p), { error: { ...p } }));
      continue;
    }
    let emitted = 0;
    for (let i = 0; i < p.items.length; i++) {
      const item = p.items[i];
      const celItem = p.cel[i];
      if (item.error) {
        findings.push(make('ERROR', item.resource, errorMessage(item.error), { error: { ...item.error } }));
        emitted++;
        continue;
      }
      if (celItem instanceof Error) {
        findings.push(make('ERROR', item.resource, `Snapshot data for this resource is invalid: ${celItem.message}`, item.value));
        emitted++;
        continue;
      }
      ctx.item = celItem;
      try {
        if (check.where && check.where(ctx) !== true) continue;
        emitted++;
        if (check.rule.kind === 'assert') {
          const ok = check.rule.assert(ctx) === true;
          const template = ok ? check.messages.pass : check.messages.fail;
          findings.push(make(ok ? 'PASS' : 'FAIL', item.resource, template!(ctx), item.value));
        } else if (check.rule.kind === 'manual') {
          findings.push(make('MANUAL', item.resource, check.messages.manual!(ctx), item.value));
        } else {
          const verdict = evaluator!.evaluate(item, paramValues, evaluatorCtx);
          if (!verdict) {
            emitted--;
            continue;
          }
          const template = check.messages[verdict.status === 'PASS' ? 'pass' : verdict.status === 'FAIL' ? 'fail' : 'manual'];
          const message = template ? template(ctx) : verdict.message;
          // Without evidence of its own, the finding's evidence is the item, as for assert and manual checks.
          findings.push(make(verdict.status, item.resource, message, verdict.evidence ? { ...item.value, ...verdict.evidence } : item.value));
        }
      } catch (e) {
        findings.push(make('ERROR', item.resource, `Check could not be evaluated: ${(e as Error).message.split('\n')[0]}`, item.value));
      }
    }
    if (emitted === 0 && check.doc.empty) {
      findings.push(make(check.doc.empty.status, accountResource({ account, region }), check.doc.empty.message, {}));
    }
  }
  return findings;
}

/** Null when the source was read; else why not. Fills `data` with the source's data. */
function sourceFailure(account: AccountSnapshot, id: string, region: string, data: Record<string, unknown>): SourceError | null {
  // A global source (IAM) feeding a regional view is read where it was collected.
  const at = sourceDecl(id).scope === 'global' ? globalRegion(account.partition) : region;
  const result = account.sources[id]?.[at];
  if (!result) return { code: 'NotCollected', message: `${id} was not collected in ${at}`, action: sourceDecl(id).actions.join(', ') };
  if (result.status === 'error') return result.error;
  data[id] = result.data;
  return null;
}

function errorMessage(e: SourceError): string {
  if (/AccessDenied|UnauthorizedOperation|AccessDeniedException|UnrecognizedClient|InvalidClientTokenId/i.test(e.code)) {
    return `Missing permission${e.action ? ` ${e.action}` : ''}: ${e.code}. Grant the scanner the actions in 'qready policy'.`;
  }
  return `Data could not be read${e.action ? ` (${e.action})` : ''}: ${e.code}: ${e.message}`;
}

function buildFinding(id: string, check: Check, account: AccountSnapshot, region: string, status: Status, resource: ViewResource, message: string, evidence: Record<string, unknown>): Finding {
  const d = check.doc;
  return {
    id,
    check_id: check.id,
    title: d.title,
    status,
    muted: false,
    mute_reason: null,
    severity: d.severity,
    service: d.service,
    account_id: account.account_id,
    region,
    resource: { type: d.resource_type, id: resource.id, arn: resource.arn, name: resource.name },
    message,
    evidence: evidence as { [key: string]: JsonValue },
    remediation: d.remediation,
    compliance: d.compliance,
  };
}
