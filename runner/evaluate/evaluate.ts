// Evaluation: a pure function of (snapshot, checks, parameters, now) → findings. No I/O.
// A data source that failed turns every check that needs it into ERROR findings that name the
// missing permission; missing data is never read as PASS.
import { celTypes, type ParamValue } from '../cel/environment.js';
import type { Check, CelContext } from '../checks/check.js';
import { resourceHash, scopeHash } from '../findings/finding-id.js';
import type { Finding, JsonValue, ResourceRef, Status } from '../findings/finding.js';
import { globalRegion, type AccountSnapshot, type SourceError } from '../snapshot/snapshot.js';
import { sourceDecl } from '../sources/source.js';
import { findView } from '../views/registry.js';
import { accountResource, type ViewDef, type ViewItem, type ViewResource } from '../views/view.js';
import type { EvaluatorContext } from './evaluators/evaluator.js';
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
  /**
   * CEL values, converted once per item and shared by every check on this view; an Error when the
   * item has an error of its own or cannot be converted. This and the lists below are read by
   * position, so that the loop over the items reads no property of objects whose shapes differ
   * from view to view.
   */
  cel: (object | Error)[];
  /** items[i].value and items[i].resource. */
  values: Record<string, unknown>[];
  resources: ViewResource[];
  /** Each item's resource half of the finding id (resourceHash), worked out when a check first reports on it. */
  hashes: (string | undefined)[];
  /** The evaluation's resource hashes by resource id, shared by all views: a user or policy is an item of several. */
  hashMemo: Map<string, string>;
  /** The findings' `resource` of each item, for checks of resource type refsType (see itemRef). */
  refs: (ResourceRef | undefined)[];
  refsType: string | undefined;
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
  const hashMemo = new Map<string, string>();
  let total = 0;
  for (const [view, indices] of byView) {
    // The view's items per region, and their resources' id hashes, shared by its checks only. A
    // view's regions depend on the view alone, so every check on it has the same.
    const runs = planned[indices[0]].regions.map((region) => regionRun(view, account, region, now, hashMemo));
    for (const i of indices) total += (perCheck[i] = evaluateCheck(planned[i], runs, account.account_id, now)).length;
  }
  return concatenated(perCheck, total);
}

/**
 * The lists one after the other, in an array of the final size (Array.prototype.flat grows its
 * result as it goes). Its own function, so that evaluateAccount is not made hot by this loop.
 */
function concatenated<T>(lists: readonly T[][], total: number): T[] {
  const out = new Array<T>(total);
  let n = 0;
  for (const list of lists) for (let i = 0; i < list.length; i++) out[n++] = list[i];
  return out;
}

/**
 * `{ ...value, ...evidence }`, copied key by key: a spread makes V8 compile the copy for the
 * shapes of the values it has seen, some of them shapes of snapshot objects, which V8 forgets
 * when the snapshot is collected (and throws away the code that copied them, evaluateCheck with it).
 */
export function withEvidence(value: Record<string, unknown>, evidence: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  copyInto(out, value);
  copyInto(out, evidence);
  return out;
}

/** `{ ...source }`, copied key by key (see withEvidence). */
function copyOf(source: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  copyInto(out, source as Record<string, unknown>);
  return out;
}

function copyInto(out: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(source)) {
    // `out[key] =` would set the prototype for a key named __proto__; a spread defines it.
    if (key === '__proto__') Object.defineProperty(out, key, { value: source[key], enumerable: true, writable: true, configurable: true });
    else out[key] = source[key];
  }
}

/**
 * A view in one region, with what every check's findings there share. Everything read from the
 * account is read here: evaluateCheck, which runs for every item, then touches only objects
 * qready made. (Objects parsed from a snapshot are of shapes that V8 forgets once the snapshot is
 * collected; code specialised to them is thrown away then, and a loop that runs for tens of
 * thousands of items would be compiled again for the next snapshot.)
 */
interface RegionRun {
  region: string;
  /** The view's items in the region, or why they could not be read. */
  view: PreparedView | SourceError;
  /** The resource that stands for the account in the region: of ERROR findings for the view, and of `empty` findings. */
  accountResource: ViewResource;
  /** What evaluators read besides the item (they only read it). */
  evaluatorCtx: EvaluatorContext;
}

function regionRun(view: ViewDef, account: AccountSnapshot, region: string, now: Date, hashMemo: Map<string, string>): RegionRun {
  return { region, view: prepareView(view, account, region, hashMemo), accountResource: accountResource({ account, region }), evaluatorCtx: { now, account, region } };
}

/** The items of a view in a region (prepared once, for all the checks on the view). */
function prepareView(view: ViewDef, account: AccountSnapshot, region: string, hashMemo: Map<string, string>): PreparedView | SourceError {
  const data: Record<string, unknown> = {};
  const failed = view.sources.map((id) => sourceFailure(account, id, region, data)).find((e) => e !== null);
  if (failed) return failed;
  try {
    const items = view.build(data, { account, region });
    const cel = new Array<object | Error>(items.length);
    const values = new Array<Record<string, unknown>>(items.length);
    const resources = new Array<ViewResource>(items.length);
    for (let i = 0; i < items.length; i++) {
      const it = items[i];
      values[i] = it.value;
      resources[i] = it.resource;
      if (it.error) cel[i] = new Error(it.error.message);
      else {
        try {
          cel[i] = celTypes.convert(view.itemType, it.value);
        } catch (e) {
          cel[i] = e as Error;
        }
      }
    }
    return { items, cel, values, resources, hashes: new Array<string | undefined>(items.length), hashMemo, refs: new Array<ResourceRef | undefined>(items.length), refsType: undefined };
  } catch (e) {
    return { code: 'InvalidSnapshotData', message: `cannot read ${view.id}: ${(e as Error).message}`, action: null };
  }
}

function evaluateCheck(planned: PlannedCheck, runs: readonly RegionRun[], accountId: string, now: Date): Finding[] {
  const { check, paramValues, celParams, evaluator } = planned;
  const findings: Finding[] = [];
  // One context object per check, its item swapped per item: evaluation is synchronous.
  const ctx: CelContext = { item: celParams, params: celParams, now };
  const rule = check.rule;
  for (const { region, view: p, accountResource: accountItself, evaluatorCtx } of runs) {
    const common = findingCommon(check, accountId, region);
    if (!('items' in p)) {
      findings.push(makeFinding(common, 'ERROR', resourceRef(common, accountItself), resourceHash(accountItself.id), errorMessage(p), { error: copyOf(p) }));
      continue;
    }
    const { items, cel, values } = p;
    let emitted = 0;
    for (let i = 0; i < cel.length; i++) {
      const celItem = cel[i];
      if (celItem instanceof Error) {
        const error = items[i].error;
        const message = error ? errorMessage(error) : `Snapshot data for this resource is invalid: ${celItem.message}`;
        findings.push(makeFinding(common, 'ERROR', itemRef(p, i, common), itemHash(p, i), message, error ? { error: copyOf(error) } : values[i]));
        emitted++;
        continue;
      }
      ctx.item = celItem;
      try {
        if (check.where && check.where(ctx) !== true) continue;
        emitted++;
        if (rule.kind === 'assert') {
          const ok = rule.assert(ctx) === true;
          const template = ok ? check.messages.pass : check.messages.fail;
          findings.push(makeFinding(common, ok ? 'PASS' : 'FAIL', itemRef(p, i, common), itemHash(p, i), template!(ctx), values[i]));
        } else if (rule.kind === 'manual') {
          findings.push(makeFinding(common, 'MANUAL', itemRef(p, i, common), itemHash(p, i), check.messages.manual!(ctx), values[i]));
        } else {
          const verdict = evaluator!.evaluate(items[i], paramValues, evaluatorCtx);
          if (!verdict) {
            emitted--;
            continue;
          }
          const template = check.messages[verdict.status === 'PASS' ? 'pass' : verdict.status === 'FAIL' ? 'fail' : 'manual'];
          const message = template ? template(ctx) : verdict.message;
          // Without evidence of its own, the finding's evidence is the item, as for assert and manual checks.
          findings.push(makeFinding(common, verdict.status, itemRef(p, i, common), itemHash(p, i), message, verdict.evidence ? withEvidence(values[i], verdict.evidence) : values[i]));
        }
      } catch (e) {
        findings.push(makeFinding(common, 'ERROR', itemRef(p, i, common), itemHash(p, i), `Check could not be evaluated: ${(e as Error).message.split('\n')[0]}`, values[i]));
      }
    }
    if (emitted === 0 && check.doc.empty) {
      findings.push(makeFinding(common, check.doc.empty.status, resourceRef(common, accountItself), resourceHash(accountItself.id), check.doc.empty.message, {}));
    }
  }
  return findings;
}

/** The resource half of the finding id of a prepared view's item i, hashed once for all the view's checks. */
function itemHash(p: PreparedView, i: number): string {
  let h = p.hashes[i];
  if (h === undefined) {
    const id = p.resources[i].id;
    h = p.hashMemo.get(id);
    if (h === undefined) p.hashMemo.set(id, (h = resourceHash(id)));
    p.hashes[i] = h;
  }
  return h;
}

/**
 * The `resource` of a finding on a prepared view's item i: one object for all the view's checks
 * of the same resource type (the first type asked for; others get their own), as the item's
 * value is one evidence object for all of them. Findings are read, never changed, once made.
 */
function itemRef(p: PreparedView, i: number, c: FindingCommon): ResourceRef {
  if (p.refsType === undefined) p.refsType = c.resourceType;
  if (p.refsType !== c.resourceType) return resourceRef(c, p.resources[i]);
  return (p.refs[i] ??= resourceRef(c, p.resources[i]));
}

function resourceRef(c: FindingCommon, resource: ViewResource): ResourceRef {
  return { type: c.resourceType, id: resource.id, arn: resource.arn, name: resource.name };
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

/**
 * What the findings of one check in one region share, read once. An object literal, not a class:
 * V8 keeps the shape of a literal for as long as the code that makes it, while the shape of a
 * class instance goes when the last instance does, and with it the optimised code that read it
 * (every evaluation would then compile that code again).
 */
interface FindingCommon {
  scope: string;
  checkId: string;
  title: string;
  severity: Finding['severity'];
  service: string;
  accountId: string;
  region: string;
  resourceType: string;
  remediation: Finding['remediation'];
  compliance: Finding['compliance'];
}

function findingCommon(check: Check, accountId: string, region: string): FindingCommon {
  const d = check.doc;
  return {
    scope: scopeHash(check.id, accountId, region),
    checkId: check.id,
    title: d.title,
    severity: d.severity,
    service: d.service,
    accountId,
    region,
    resourceType: d.resource_type,
    remediation: d.remediation,
    compliance: d.compliance,
  };
}

/** `hash` is resourceHash(resource.id). */
function makeFinding(c: FindingCommon, status: Status, resource: ResourceRef, hash: string, message: string, evidence: Record<string, unknown>): Finding {
  return {
    id: c.scope + hash,
    check_id: c.checkId,
    title: c.title,
    status,
    muted: false,
    mute_reason: null,
    severity: c.severity,
    service: c.service,
    account_id: c.accountId,
    region: c.region,
    resource,
    message,
    evidence: evidence as { [key: string]: JsonValue },
    remediation: c.remediation,
    compliance: c.compliance,
  };
}
