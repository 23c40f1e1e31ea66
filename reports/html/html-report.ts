// The self-contained HTML report: one file, no external requests, a strict Content-Security-Policy
// (inline script and style allowed by their sha256 hashes only).
//
// The scan is embedded once, as JSON in <script type="application/json" id="qready-data">, escaped
// so that no field can end the element. The JSON is compact (CompactReportData): check metadata
// once per check; findings as parallel columns that reference checks, statuses, severities,
// services, regions and resource types by index; repeated ARN prefixes, message sentences and
// evidence keys/values stored once. Packing is lossless and report.js undoes it per finding on
// demand. reports/html/assets/report.js (plain browser JS) and report.css are read from the
// package at run time and inlined; the script filters over the columns and renders rows lazily,
// so 50,000 findings stay usable.
//
// Two optional views: a Compliance tab (input.compliance, the per-framework requirement summaries,
// embedded as they are: a few hundred rows at most) and a Changes tab (input.diff, the comparison
// with a baseline scan; entries whose finding is in this report are stored as a reference to it,
// see CompactDiff). Both are rendered the first time their tab is opened.
//
// The Amazon Q inventory tab adds no data of its own. The check `qbusiness_inventory` emits one
// MANUAL finding per Q Business application whose `evidence` is the application's tree
// (runner/views/qbusiness-inventory.ts: indices with their data sources, retrievers, plugins, web
// experiences, data accessors), so the native JSON report already carries the inventory in those
// findings' evidence, and this page reads the same evidence back from the finding columns. The tab
// is shown when the report has a finding of that check. Findings are placed on the tree's
// resources by ARN in the browser (resource.arn, else resource.id): the application ARN itself, or
// `<application ARN>/…/<kind>/<resource id>` for its children (runner/sources/qbusiness-data.ts).
import { join } from 'node:path';
import { checkSummary, type CheckSummary, type ReportInput } from '../report-input.js';
import type { FrameworkSummary } from '../../runner/compliance/compliance-types.js';
import type { DiffEntry, ScanDiff } from '../../runner/diff/diff-types.js';
import {
  SEVERITIES,
  SEVERITY_RANK,
  STATUSES,
  type Compliance,
  type Finding,
  type JsonValue,
  type Remediation,
  type ScanInfo,
  type Severity,
  type Status,
} from '../../runner/findings/finding.js';
import { writeStreamAtomic } from '../../runner/util/atomic-write.js';
import { jsonForScript, loadPageAssets, pageHead, SHARED_STYLESHEET } from './page-assets.js';
import { Interner } from './interner.js';

/** Bumped when the embedded data layout changes; report.js checks it. */
export const HTML_DATA_VERSION = 1;

/** Check metadata as embedded: once per check, referenced by index from the findings. A finding
 * of a check the caller did not describe stands in with its own metadata and no IR phase. */
export type CompactCheck = Omit<CheckSummary, 'ir_phase'> & { ir_phase: CheckSummary['ir_phase'] | null };

/** Per-finding values that differ from the check's (rare, so stored sparsely). */
export interface FindingOverride {
  title?: string;
  remediation?: Remediation;
  compliance?: Compliance;
  account_id?: string;
}

/**
 * A string that may start with an interned ARN prefix (`arn:partition:service:region:account:`):
 * either the string itself or [index into `px`, rest].
 */
export type PackedString = string | [number, string];

/** An ARN: as a packed string, or [prefix index, middle, 1] = prefix + middle + the resource id. */
export type PackedArn = PackedString | [number, string, 1];

/**
 * Evidence objects stored by column. Objects whose key list (shape) two findings or more share are
 * stored in `shapes`: the keys once, then one array of values per key with a row per finding, in
 * finding order. Columns listed in `i` hold indices into `strings` (string values that repeat).
 * Other objects are stored as they are in `raw`, in finding order.
 */
export interface EvidenceStore {
  shapes: { k: string[]; c: JsonValue[][]; i: number[] }[];
  strings: string[];
  raw: { [key: string]: JsonValue }[];
}

/**
 * The findings as parallel columns, one entry per finding. Integers index `checks`, `statuses`,
 * `severities`, `services`, `regions` and `types`.
 */
export interface FindingColumns {
  /** check index */
  c: number[];
  /** status index */
  s: number[];
  /** severity index */
  v: number[];
  /** service index */
  sv: number[];
  /** region index */
  g: number[];
  /** resource type index */
  t: number[];
  /** resource id */
  i: PackedString[];
  /** resource ARN: 0 when it equals the resource id */
  a: (PackedArn | 0 | null)[];
  /** resource name: 1 = the last `/` segment of the resource id, 2 = the resource id */
  n: (string | 1 | 2 | null)[];
  /** message: the text, or an index into `mt` */
  m: (string | number)[];
  /**
   * evidence: 0 = none; -1 = the next object of `ev.raw`; k > 0 = the next row of `ev.shapes[k - 1]`
   * ("next" counting in finding order)
   */
  e: number[];
  /** finding ids; empty when they are packed in `xb` */
  x: string[];
}

/**
 * A diff entry whose finding is in this report, as [finding index, index into `statuses` of the
 * status before or -1 when the finding did not exist, 1 when it was muted before else 0]: every
 * other field equals the finding's (status_after and muted_after are its status and muted flag).
 * Any other entry (a finding that is gone, or one that differs) is stored as it is.
 */
export type PackedDiffEntry = [number, number, 0 | 1] | DiffEntry;

/** The comparison with a baseline scan: the diff's entry lists in display order. */
export interface CompactDiff {
  old_scan: ScanInfo;
  new_scan: ScanInfo;
  /** [list name (new_failures, resolved_failures, …), entries] */
  groups: [string, PackedDiffEntry[]][];
}

export interface CompactReportData {
  v: typeof HTML_DATA_VERSION;
  scan: ScanInfo;
  statuses: readonly Status[];
  severities: readonly Severity[];
  checks: CompactCheck[];
  services: string[];
  regions: string[];
  types: string[];
  /** ARN prefixes referenced by packed strings */
  px: string[];
  /**
   * When every finding id is 40 lowercase hex digits (the stable ids qready writes): all of them,
   * in finding order, as unpadded base64 of 27 characters each; `f.x` is then empty. Else null.
   */
  xb: string | null;
  ev: EvidenceStore;
  /**
   * message templates shared by two findings or more: U+0001 stands for the finding's resource
   * name, U+0002 for its resource id
   */
  mt: string[];
  f: FindingColumns;
  /** [finding index, mute reason] for every muted finding */
  muted: [number, string | null][];
  /** [finding index, override] where a finding's metadata differs from its check's */
  o: [number, FindingOverride][];
  /** Per-framework requirement summaries, when the scan computed them. */
  compliance?: FrameworkSummary[];
  /** The comparison with a baseline scan, when one was given. */
  diff?: CompactDiff;
}

const STATUS_ORDER: Record<Status, number> = { FAIL: 0, ERROR: 1, MANUAL: 2, PASS: 3 };


/** Findings in report order: FAIL, ERROR, MANUAL, PASS; then severity, check, region, resource. */
function reportOrder(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (x, y) =>
      STATUS_ORDER[x.status] - STATUS_ORDER[y.status] ||
      SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity] ||
      cmp(x.check_id, y.check_id) ||
      cmp(x.region, y.region) ||
      naturalOrder.compare(x.resource.name ?? x.resource.id, y.resource.name ?? y.resource.id) ||
      cmp(x.id, y.id),
  );
}

/** "trail-2" before "trail-10"; a fixed locale so the order does not depend on the machine. */
const naturalOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'variant' });

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ARN_PREFIX = /^(arn:[^:]*:[^:]*:[^:]*:[^:]*:)([^]+)$/;

function packer(prefixes: Interner): (value: string) => PackedString {
  return (value) => {
    const m = ARN_PREFIX.exec(value);
    return m ? [prefixes.of(m[1]), m[2]] : value;
  };
}

const NAME_MARK = '\u0001';
const ID_MARK = '\u0002';

/** The message with the resource name (or else id) replaced by its marker; null when it cannot be templated. */
function messageTemplate(finding: Finding): string | null {
  const { message } = finding;
  if (typeof message !== 'string' || message.includes(NAME_MARK) || message.includes(ID_MARK)) return null;
  const { name, id } = finding.resource;
  if (name && name.length > 1 && message.includes(name)) return message.split(name).join(NAME_MARK);
  if (id && id.length > 1 && message.includes(id)) return message.split(id).join(ID_MARK);
  return message;
}

const HEX_ID = /^[0-9a-f]{40}$/;

function packName(name: string | null | undefined, id: string): string | 1 | 2 | null {
  if (name === null || name === undefined) return null;
  if (name === id) return 2;
  const slash = id.lastIndexOf('/');
  if (name.length > 0 && slash >= 0 && id.slice(slash + 1) === name) return 1;
  return name;
}

function shapeKey(evidence: { [key: string]: JsonValue }): string {
  return Object.keys(evidence).join('\u0000');
}

/** The embedded data of a report: what report.js reads from #qready-data. */
export function compactReportData(input: ReportInput): CompactReportData {
  const checks: CompactCheck[] = [];
  const checkIndex = new Map<string, number>();
  const checkJson = new Map<number, { remediation: string; compliance: string }>();
  for (const c of input.checks) {
    if (checkIndex.has(c.id)) continue;
    checkIndex.set(c.id, checks.length);
    checks.push(checkSummary(c));
  }
  const services = new Interner();
  const regions = new Interner();
  const types = new Interner();
  const prefixes = new Interner();
  const pack = packer(prefixes);
  for (const r of input.result.scan.regions) regions.of(r);
  // Evidence objects of one check usually share their keys: list each key set shared by two
  // findings or more once, and store those objects as their values alone.
  const shapeUse = new Map<string, number>();
  for (const finding of input.result.findings) {
    if (!isEvidence(finding.evidence)) continue;
    const key = shapeKey(finding.evidence);
    shapeUse.set(key, (shapeUse.get(key) ?? 0) + 1);
  }
  const shapes = new Interner();
  const ev: EvidenceStore = { shapes: [], strings: [], raw: [] };
  const hexIds = input.result.findings.every((finding) => HEX_ID.test(finding.id));
  const xb: string[] = [];
  const packArn = (arn: string | null | undefined, id: string): PackedArn | 0 | null => {
    if (arn === null || arn === undefined) return null;
    if (arn === id) return 0;
    const packed = pack(arn);
    if (typeof packed === 'string') return packed;
    const rest = packed[1];
    // Most ARNs end with the resource id (…:key/<id>, …:application/<id>): keep only what precedes it.
    if (id.length >= 4 && rest.length > id.length && rest.endsWith(id)) return [packed[0], rest.slice(0, rest.length - id.length), 1];
    return packed;
  };
  // Messages are mostly one sentence per check with the resource's name in it: list each such
  // sentence shared by two findings or more once.
  const templateOf = new Map<Finding, string | null>();
  const templateUse = new Map<string, number>();
  for (const finding of input.result.findings) {
    const t = messageTemplate(finding);
    templateOf.set(finding, t);
    if (t !== null) templateUse.set(t, (templateUse.get(t) ?? 0) + 1);
  }
  const templates = new Interner();
  const f: FindingColumns = { c: [], s: [], v: [], sv: [], g: [], t: [], i: [], a: [], n: [], m: [], e: [], x: [] };
  const muted: [number, string | null][] = [];
  const overrides: [number, FindingOverride][] = [];
  const statusIndex = new Map<Status, number>(STATUSES.map((s, i) => [s, i]));
  const severityIndex = new Map<Severity, number>(SEVERITIES.map((s, i) => [s, i]));
  const account = input.result.scan.account_id;

  const packEvidence = (evidence: Finding['evidence']): number => {
    if (!isEvidence(evidence)) return 0;
    const key = shapeKey(evidence);
    if ((shapeUse.get(key) ?? 0) < 2) {
      ev.raw.push(evidence);
      return -1;
    }
    const index = shapes.of(key);
    if (index === ev.shapes.length) ev.shapes.push({ k: Object.keys(evidence), c: Object.keys(evidence).map(() => []), i: [] });
    const columns = ev.shapes[index].c;
    Object.values(evidence).forEach((value, k) => columns[k].push(value));
    return index + 1;
  };

  const ordered = reportOrder(input.result.findings);
  ordered.forEach((finding, k) => {
    let ci = checkIndex.get(finding.check_id);
    if (ci === undefined) {
      // A finding of a check the caller did not describe: its own metadata stands for the check.
      ci = checks.length;
      checkIndex.set(finding.check_id, ci);
      checks.push({
        id: finding.check_id,
        title: finding.title,
        service: finding.service,
        severity: finding.severity,
        description: '',
        risk: '',
        remediation: finding.remediation,
        compliance: finding.compliance,
        ir_phase: null,
        caf: [],
      });
    }
    const check = checks[ci];
    let cj = checkJson.get(ci);
    if (!cj) {
      cj = { remediation: JSON.stringify(check.remediation), compliance: JSON.stringify(check.compliance) };
      checkJson.set(ci, cj);
    }
    f.c.push(ci);
    f.s.push(statusIndex.get(finding.status) ?? 0);
    f.v.push(severityIndex.get(finding.severity) ?? SEVERITIES.length - 1);
    f.sv.push(services.of(finding.service));
    f.g.push(regions.of(finding.region));
    f.t.push(types.of(finding.resource.type));
    const { id, arn } = finding.resource;
    f.i.push(pack(id));
    f.a.push(packArn(arn, id));
    f.n.push(packName(finding.resource.name, id));
    const template = templateOf.get(finding) ?? null;
    f.m.push(template !== null && (templateUse.get(template) ?? 0) > 1 ? templates.of(template) : finding.message);
    f.e.push(packEvidence(finding.evidence));
    if (hexIds) xb.push(Buffer.from(finding.id, 'hex').toString('base64').slice(0, 27));
    else f.x.push(finding.id);
    if (finding.muted) muted.push([k, finding.mute_reason]);
    const o: FindingOverride = {};
    if (finding.title !== check.title) o.title = finding.title;
    if (finding.remediation && JSON.stringify(finding.remediation) !== cj.remediation) o.remediation = finding.remediation;
    if (finding.compliance && JSON.stringify(finding.compliance) !== cj.compliance) o.compliance = finding.compliance;
    if (finding.account_id !== account) o.account_id = finding.account_id;
    if (Object.keys(o).length > 0) overrides.push([k, o]);
  });

  const data: CompactReportData = {
    v: HTML_DATA_VERSION,
    scan: input.result.scan,
    statuses: STATUSES,
    severities: SEVERITIES,
    checks,
    services: services.values,
    regions: regions.values,
    types: types.values,
    px: prefixes.values,
    xb: hexIds ? xb.join('') : null,
    ev: internEvidenceStrings(ev),
    mt: templates.values,
    f,
    muted,
    o: overrides,
  };
  if (input.compliance) data.compliance = input.compliance;
  if (input.diff) data.diff = packDiff(input.diff, ordered);
  return data;
}

/** The diff's entry lists, known ones first in the order the report shows them. */
const DIFF_GROUPS = ['new_failures', 'resolved_failures', 'still_failing', 'newly_muted', 'not_evaluated'];
const DIFF_ENTRY_KEYS = ['id', 'check_id', 'title', 'severity', 'region', 'resource', 'status_before', 'status_after', 'muted_before', 'muted_after', 'message'].sort().join(',');

function packDiff(diff: ScanDiff, ordered: readonly Finding[]): CompactDiff {
  const index = new Map<string, number>();
  ordered.forEach((f, k) => index.set(f.id, k));
  const statusIndex = new Map<Status | null, number>(STATUSES.map((s, i) => [s, i]));
  statusIndex.set(null, -1);
  const pack = (e: DiffEntry): PackedDiffEntry => {
    const k = index.get(e.id);
    if (k === undefined) return e;
    const f = ordered[k];
    const before = statusIndex.get(e.status_before);
    const same =
      before !== undefined &&
      typeof e.muted_before === 'boolean' &&
      Object.keys(e).sort().join(',') === DIFF_ENTRY_KEYS &&
      e.status_after === f.status &&
      e.muted_after === f.muted &&
      e.check_id === f.check_id &&
      e.title === f.title &&
      e.severity === f.severity &&
      e.region === f.region &&
      e.message === f.message &&
      sameResource(e.resource, f.resource);
    return same ? [k, before, e.muted_before ? 1 : 0] : e;
  };
  const lists = Object.entries(diff).filter((entry): entry is [string, DiffEntry[]] => Array.isArray(entry[1]));
  const rank = (name: string): number => (DIFF_GROUPS.includes(name) ? DIFF_GROUPS.indexOf(name) : DIFF_GROUPS.length);
  lists.sort((a, b) => rank(a[0]) - rank(b[0]));
  return { old_scan: diff.old_scan, new_scan: diff.new_scan, groups: lists.map(([name, entries]) => [name, entries.map(pack)]) };
}

function sameResource(a: Finding['resource'] | undefined, b: Finding['resource']): boolean {
  if (!a || typeof a !== 'object') return false;
  const keys = Object.keys(a).sort().join(',');
  return keys === 'arn,id,name,type' && a.type === b.type && a.id === b.id && a.arn === b.arn && a.name === b.name;
}

/** Replaces each all-string evidence column whose values repeat (at most half distinct) by indices into `strings`. */
function internEvidenceStrings(ev: EvidenceStore): EvidenceStore {
  const strings = new Interner();
  for (const shape of ev.shapes) {
    shape.c.forEach((column, k) => {
      if (!column.every((v) => typeof v === 'string')) return;
      if (new Set(column).size * 2 > column.length) return;
      shape.c[k] = (column as string[]).map((v) => strings.of(v));
      shape.i.push(k);
    });
  }
  ev.strings = strings.values;
  return ev;
}

function isEvidence(evidence: Finding['evidence'] | null | undefined): evidence is Finding['evidence'] {
  return typeof evidence === 'object' && evidence !== null && !Array.isArray(evidence) && Object.keys(evidence).length > 0;
}

/** The page, in the order it is written. */
function* htmlChunks(input: ReportInput): Generator<string> {
  const assets = loadPageAssets(join('reports', 'html', 'assets'), 'report', { baseStylesheet: SHARED_STYLESHEET });
  const { js } = assets;
  const scan = input.result.scan;
  const title = `qready report: ${scan.account_id} (${scan.partition})`;
  yield `${pageHead(assets, title, scan.tool_version)}<a class="skip" href="#findings-heading">Skip to findings</a>
<header class="masthead" role="banner">
  <div class="masthead-inner">
    <div class="brand">
      <span class="logo" aria-hidden="true">q</span>
      <div>
        <h1>Amazon Q incident-readiness report</h1>
        <p class="subtitle">Generated by qready <span id="tool-version"></span></p>
      </div>
    </div>
    <dl class="scan-meta" id="scan-meta" data-testid="scan-meta"></dl>
  </div>
</header>
<noscript><p class="noscript">This report is rendered by its embedded script. Enable JavaScript for this file to see the findings.</p></noscript>
<main id="main" class="container">
  <section class="summary" aria-labelledby="summary-heading" data-testid="summary">
    <h2 id="summary-heading">Summary</h2>
    <div class="summary-grid">
      <div class="status-cards" id="status-cards" role="list"></div>
      <div class="card matrix-card">
        <h3>Findings by severity</h3>
        <table class="matrix" id="severity-matrix" data-testid="severity-matrix"></table>
      </div>
    </div>
  </section>

  <div class="tabs" role="tablist" aria-label="Report sections" id="tabs">
    <button type="button" role="tab" id="tab-findings" aria-controls="panel-findings" aria-selected="true" data-testid="tab-findings">Findings <span class="tab-count" id="tab-count-findings"></span></button>
    <button type="button" role="tab" id="tab-muted" aria-controls="panel-muted" aria-selected="false" tabindex="-1" data-testid="tab-muted">Muted <span class="tab-count" id="tab-count-muted"></span></button>
    <button type="button" role="tab" id="tab-qinventory" aria-controls="panel-qinventory" aria-selected="false" tabindex="-1" data-testid="tab-qinventory" hidden>Amazon Q inventory <span class="tab-count" id="tab-count-qinventory"></span></button>
    <button type="button" role="tab" id="tab-credentials" aria-controls="panel-credentials" aria-selected="false" tabindex="-1" data-testid="tab-credentials" hidden>Credential inventory <span class="tab-count" id="tab-count-credentials"></span></button>
    <button type="button" role="tab" id="tab-compliance" aria-controls="panel-compliance" aria-selected="false" tabindex="-1" data-testid="tab-compliance" hidden>Compliance <span class="tab-count" id="tab-count-compliance"></span></button>
    <button type="button" role="tab" id="tab-changes" aria-controls="panel-changes" aria-selected="false" tabindex="-1" data-testid="tab-changes" hidden>Changes since baseline <span class="tab-count" id="tab-count-changes"></span></button>
  </div>

  <form class="filters card" id="filters" data-testid="filters" role="search" aria-label="Filter findings">
    <div class="filter-row">
      <label class="search-field">
        <span class="label">Search</span>
        <input type="search" id="search" data-testid="search" placeholder="Message, resource, ARN, check id or title" autocomplete="off" spellcheck="false">
      </label>
      <label><span class="label">Service</span><select id="filter-service" data-testid="filter-service"><option value="">All services</option></select></label>
      <label><span class="label">Region</span><select id="filter-region" data-testid="filter-region"><option value="">All regions</option></select></label>
      <label class="check-field"><span class="label">Check</span><select id="filter-check" data-testid="filter-check"><option value="">All checks</option></select></label>
    </div>
    <div class="filter-row">
      <fieldset class="chips" id="filter-status" data-testid="filter-status"><legend class="label">Status</legend></fieldset>
      <fieldset class="chips" id="filter-severity" data-testid="filter-severity"><legend class="label">Severity</legend></fieldset>
      <div class="resource-filter" id="resource-filter" data-testid="resource-filter" hidden>
        <span class="label">Resource</span>
        <span class="resource-filter-chip"><span class="resource-filter-name" id="resource-filter-name" data-testid="resource-filter-name"></span><button type="button" class="resource-filter-clear" id="resource-filter-clear" data-testid="resource-filter-clear" aria-label="Remove the resource filter" title="Remove the resource filter">&#215;</button></span>
      </div>
      <button type="button" class="btn btn-secondary" id="clear-filters" data-testid="clear-filters">Clear filters</button>
    </div>
  </form>

  <section class="panel" id="panel-findings" role="tabpanel" aria-labelledby="tab-findings" data-testid="findings">
    <h2 id="findings-heading" class="panel-heading">Findings</h2>
    <p class="match-count" id="match-count" data-testid="match-count" aria-live="polite"></p>
    <table class="findings" data-testid="findings-table">
      <colgroup><col class="col-status"><col class="col-sev"><col class="col-check"><col class="col-region"><col class="col-resource"><col class="col-message"></colgroup>
      <thead><tr><th scope="col">Status</th><th scope="col">Severity</th><th scope="col">Check</th><th scope="col">Region</th><th scope="col">Resource</th><th scope="col">Message</th></tr></thead>
      <tbody id="findings-body"></tbody>
    </table>
    <p class="empty" id="findings-empty" hidden>No findings match the filters.</p>
    <div class="more"><button type="button" class="btn" id="findings-more" data-testid="show-more" hidden></button></div>
    <div class="sentinel" id="findings-sentinel" aria-hidden="true"></div>
  </section>

  <section class="panel" id="panel-muted" role="tabpanel" aria-labelledby="tab-muted" data-testid="muted" hidden>
    <h2 class="panel-heading">Muted findings</h2>
    <p class="panel-note">Findings suppressed by the mutelist. They do not count towards the summary or the exit code.</p>
    <p class="match-count" id="muted-count" data-testid="muted-count" aria-live="polite"></p>
    <table class="findings muted-table" data-testid="muted-table">
      <colgroup><col class="col-status"><col class="col-sev"><col class="col-check"><col class="col-region"><col class="col-resource"><col class="col-reason"></colgroup>
      <thead><tr><th scope="col">Status</th><th scope="col">Severity</th><th scope="col">Check</th><th scope="col">Region</th><th scope="col">Resource</th><th scope="col">Mute reason</th></tr></thead>
      <tbody id="muted-body"></tbody>
    </table>
    <p class="empty" id="muted-empty" hidden>No muted findings match the filters.</p>
    <div class="more"><button type="button" class="btn" id="muted-more" data-testid="muted-show-more" hidden></button></div>
    <div class="sentinel" id="muted-sentinel" aria-hidden="true"></div>
  </section>

  <section class="panel" id="panel-qinventory" role="tabpanel" aria-labelledby="tab-qinventory" data-testid="q-inventory" data-empty="true" hidden>
    <h2 class="panel-heading">Amazon Q inventory</h2>
    <p class="panel-note" id="qinventory-note" data-testid="q-inventory-note"></p>
    <div class="qinv-bar">
      <div class="qinv-totals" id="qinventory-totals" data-testid="q-inventory-totals"></div>
      <div class="qinv-actions">
        <button type="button" class="btn btn-ghost" id="qinventory-expand" data-testid="q-inventory-expand">Expand all</button>
        <button type="button" class="btn btn-ghost" id="qinventory-collapse" data-testid="q-inventory-collapse">Collapse all</button>
      </div>
    </div>
    <div class="qinv-regions" id="qinventory-regions" data-testid="q-inventory-regions"></div>
    <div class="qinv-apps" id="qinventory-apps"></div>
  </section>

  <section class="panel" id="panel-credentials" role="tabpanel" aria-labelledby="tab-credentials" data-testid="credential-inventory" data-empty="true" hidden>
    <h2 class="panel-heading">Credential inventory</h2>
    <p class="panel-note" id="credentials-note"></p>
    <div class="table-scroll">
      <table class="inventory" id="credentials-table" data-testid="credential-table"></table>
    </div>
  </section>

  <section class="panel" id="panel-compliance" role="tabpanel" aria-labelledby="tab-compliance" data-testid="compliance" hidden>
    <h2 class="panel-heading">Compliance</h2>
    <p class="panel-note">A requirement's status comes from the unmuted findings of the checks mapped to it: Fail if any fails, else Error if any could not be evaluated, else Manual if any needs a person's review, else Pass (also when the checks found nothing in scope). Not covered: no check for it ran in this scan. Select a check to see its findings.</p>
    <div class="compliance-bar">
      <label><span class="label">Framework</span><select id="compliance-framework" data-testid="compliance-framework"></select></label>
      <div class="req-counts" id="compliance-counts" data-testid="compliance-counts" role="list"></div>
    </div>
    <table class="findings compliance-table" data-testid="compliance-table">
      <colgroup><col class="col-req"><col class="col-req-title"><col class="col-status"><col class="col-counts"><col class="col-checks"></colgroup>
      <thead><tr><th scope="col">Requirement</th><th scope="col">Title</th><th scope="col">Status</th><th scope="col">Findings</th><th scope="col">Checks</th></tr></thead>
      <tbody id="compliance-body"></tbody>
    </table>
  </section>

  <section class="panel" id="panel-changes" role="tabpanel" aria-labelledby="tab-changes" data-testid="changes" hidden>
    <h2 class="panel-heading">Changes since baseline</h2>
    <p class="panel-note" id="changes-note" data-testid="changes-note"></p>
    <div class="status-cards diff-cards" id="diff-cards" data-testid="diff-cards" role="list"></div>
    <div id="diff-groups"></div>
  </section>
</main>
<footer class="footer container">
  <p>Self-contained report: this file makes no network requests. Ages are relative to the end of the scan.</p>
</footer>
<script type="application/json" id="qready-data">`;
  yield jsonForScript(compactReportData(input));
  yield `</script>
<script>${js}</script>
</body>
</html>
`;
}

/** The whole report as one HTML string. */
export function renderHtmlReport(input: ReportInput): string {
  return [...htmlChunks(input)].join('');
}

/** Writes the report atomically (temporary file, then rename). */
export async function writeHtmlReport(input: ReportInput, file: string): Promise<void> {
  await writeStreamAtomic(file, htmlChunks(input));
}
