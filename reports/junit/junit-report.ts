// JUnit XML report (`--output-formats junit`) so that any CI shows readiness at a glance: one
// <testsuite> per service, one <testcase> per check that produced findings (classname = service,
// name = "check_id: title"), in the order the checks first appear among the findings.
//
// Inside a test case, in input order: each unmuted FAIL finding is a <failure>, each unmuted ERROR
// finding an <error> (message = the finding's message, type = its severity, text = resource,
// region, finding id and compact evidence, truncated). A check whose findings are all MANUAL is
// <skipped>. Muted findings are not failures or errors (the mutelist accepted them; they do not set
// exit code 3 either): they, and MANUAL findings, are listed in the test case's <system-out> with a
// count of every status.
//
// Counts are those of JUnit and of the CIs that read it (Jenkins, GitLab): per test case, not per
// element, and every test case has exactly one outcome, so tests = passed + failures + errors +
// skipped in every suite and in <testsuites>. The outcome is failure if the check has an unmuted
// FAIL, else error if it has an unmuted ERROR, else skipped if every finding is MANUAL, else passed.
// A check with both FAIL and ERROR findings therefore holds <error> elements but counts once, as a
// failure (GitLab and Jenkins also show such a case as failed).
//
// Streaming: a first pass over the findings keeps one small record per check (counts, and the
// index range where its findings lie), which the suite and test case attributes need before their
// elements; the elements are then written check by check by scanning that index range. Memory
// stays O(number of checks); time is O(findings) when findings are grouped by check, as a scan
// produces them, and at worst O(findings × checks) for an input in random order.
//
// XML escaping is a small hand-written function: there is no XML library among our dependencies,
// and escaping for XML 1.0 is two rules that generic HTML escapers get wrong: characters XML 1.0
// cannot carry at all (C0 controls other than tab, LF and CR; lone surrogates; U+FFFE, U+FFFF)
// are removed, since not even a character reference may name them, and in attribute values tab,
// LF and CR are written as character references, or every parser would turn them into spaces.
import { writeStreamAtomic } from '../../runner/util/atomic-write.js';
import type { Finding } from '../../runner/findings/finding.js';
import type { ReportInput } from '../report-input.js';

// Chunks stay well below V8's large-object size (128 KiB, 64 K two-byte characters): larger strings
// live in large-object space, which only a full GC frees, and RSS would grow with the report.
const CHUNK_CHARS = 32 * 1024;
/** Evidence in a failure's text is cut here: the full evidence is in the JSON and OCSF reports. */
export const JUNIT_EVIDENCE_CHARS = 2000;

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

// Characters outside XML 1.0's Char production. With the u flag, [\uD800-\uDFFF] matches only a
// surrogate that is not part of a pair (a valid pair is one code point above U+FFFF).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const TEXT_SPECIAL = /[&<>"'\r]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ATTR_SPECIAL = /[&<>"'\t\n\r]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDFFF]/gu;

const entity = (c: string): string => ENTITIES[c] ?? '';

/** Escapes element text: the five predefined entities, CR as a reference, illegal characters removed. */
export function xmlText(s: string): string {
  return s.replace(TEXT_SPECIAL, entity);
}

/** Escapes an attribute value: as xmlText, and tab, LF and CR as references so they survive. */
export function xmlAttr(s: string): string {
  return s.replace(ATTR_SPECIAL, entity);
}

interface CheckStats {
  service: string;
  checkId: string;
  title: string;
  first: number;
  last: number;
  total: number;
  pass: number;
  fail: number;
  error: number;
  manual: number;
  muted: number;
  mutedFail: number;
  mutedError: number;
}

type Outcome = 'failure' | 'error' | 'skipped' | 'passed';

function outcome(c: CheckStats): Outcome {
  if (c.fail > 0) return 'failure';
  if (c.error > 0) return 'error';
  if (c.manual === c.total) return 'skipped';
  return 'passed';
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function countsOf(checks: CheckStats[]): Counts {
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  for (const c of checks) {
    counts.tests++;
    const o = outcome(c);
    if (o === 'failure') counts.failures++;
    else if (o === 'error') counts.errors++;
    else if (o === 'skipped') counts.skipped++;
  }
  return counts;
}

const countAttrs = (c: Counts): string => `tests="${c.tests}" failures="${c.failures}" errors="${c.errors}" skipped="${c.skipped}"`;

/** One pass: per (service, check) counts and index range, services in order of first appearance. */
function collect(input: ReportInput): Map<string, CheckStats[]> {
  const titles = new Map(input.checks.map((c) => [c.id, c.title]));
  const byKey = new Map<string, CheckStats>();
  const services = new Map<string, CheckStats[]>();
  const findings = input.result.findings;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const key = `${f.service}\u0000${f.check_id}`;
    let c = byKey.get(key);
    if (!c) {
      c = { service: f.service, checkId: f.check_id, title: titles.get(f.check_id) ?? f.title, first: i, last: i, total: 0, pass: 0, fail: 0, error: 0, manual: 0, muted: 0, mutedFail: 0, mutedError: 0 };
      byKey.set(key, c);
      let list = services.get(f.service);
      if (!list) services.set(f.service, (list = []));
      list.push(c);
    }
    c.last = i;
    c.total++;
    if (f.muted) c.muted++;
    switch (f.status) {
      case 'PASS':
        c.pass++;
        break;
      case 'MANUAL':
        c.manual++;
        break;
      case 'FAIL':
        if (f.muted) c.mutedFail++;
        else c.fail++;
        break;
      case 'ERROR':
        if (f.muted) c.mutedError++;
        else c.error++;
        break;
    }
  }
  return services;
}

function resourceLine(f: Finding): string {
  const r = f.resource;
  let s = `${r.type} ${r.id}`;
  if (r.arn && r.arn !== r.id) s += ` ${r.arn}`;
  if (r.name && r.name !== r.id) s += ` (${r.name})`;
  return s;
}

function evidenceSummary(f: Finding): string {
  const json = JSON.stringify(f.evidence);
  return json.length <= JUNIT_EVIDENCE_CHARS ? json : `${json.slice(0, JUNIT_EVIDENCE_CHARS)}… (${json.length} characters, truncated)`;
}

/** The body of a <failure> or <error>: where, which finding, and why. */
function details(f: Finding): string {
  return `resource: ${resourceLine(f)}\nregion: ${f.region}\naccount: ${f.account_id}\nfinding: ${f.id}\nevidence: ${evidenceSummary(f)}\n`;
}

function summaryLine(c: CheckStats): string {
  const parts = [`${c.fail + c.mutedFail} FAIL`, `${c.error + c.mutedError} ERROR`, `${c.manual} MANUAL`, `${c.pass} PASS`];
  return `${c.total} finding${c.total === 1 ? '' : 's'}: ${parts.join(', ')}; ${c.muted} muted\n`;
}

/** A <system-out> line for a finding that is neither a failure nor an error but worth naming. */
function noteLine(f: Finding): string | null {
  if (f.muted) return `MUTED ${f.status} ${resourceLine(f)} [${f.region}]: ${f.message} (mute reason: ${f.mute_reason ?? 'none given'})\n`;
  if (f.status === 'MANUAL') return `MANUAL ${resourceLine(f)} [${f.region}]: ${f.message}\n`;
  return null;
}

function* testcase(c: CheckStats, findings: Finding[]): Generator<string> {
  const o = outcome(c);
  yield `    <testcase classname="${xmlAttr(c.service)}" name="${xmlAttr(`${c.checkId}: ${c.title}`)}" time="0">\n`;
  if (o === 'failure' || o === 'error') {
    for (let i = c.first; i <= c.last; i++) {
      const f = findings[i];
      if (f.muted || f.check_id !== c.checkId || f.service !== c.service) continue;
      if (f.status !== 'FAIL' && f.status !== 'ERROR') continue;
      const tag = f.status === 'FAIL' ? 'failure' : 'error';
      yield `      <${tag} message="${xmlAttr(f.message)}" type="${xmlAttr(f.severity)}">${xmlText(details(f))}</${tag}>\n`;
    }
  } else if (o === 'skipped') {
    yield `      <skipped message="${xmlAttr(`${c.manual} finding${c.manual === 1 ? '' : 's'} to review by hand (MANUAL)`)}"/>\n`;
  }
  yield `      <system-out>${xmlText(summaryLine(c))}`;
  if (c.muted > 0 || c.manual > 0) {
    for (let i = c.first; i <= c.last; i++) {
      const f = findings[i];
      if (f.check_id !== c.checkId || f.service !== c.service) continue;
      const line = noteLine(f);
      if (line !== null) yield xmlText(line);
    }
  }
  yield '</system-out>\n    </testcase>\n';
}

function* parts(input: ReportInput): Generator<string> {
  const { scan, findings } = input.result;
  const services = collect(input);
  const all = countsOf([...services.values()].flat());
  const started = Date.parse(scan.started_at);
  const finished = Date.parse(scan.finished_at);
  const seconds = Number.isFinite(started) && Number.isFinite(finished) && finished >= started ? (finished - started) / 1000 : 0;
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield `<testsuites name="${xmlAttr(`qready ${scan.account_id}`)}" ${countAttrs(all)} time="${seconds}">\n`;
  for (const [service, checks] of services) {
    yield `  <testsuite name="${xmlAttr(service)}" ${countAttrs(countsOf(checks))} time="0" timestamp="${xmlAttr(scan.started_at)}">\n`;
    yield '    <properties>\n';
    for (const [name, value] of [
      ['account_id', scan.account_id],
      ['partition', scan.partition],
      ['scan_id', scan.id],
      ['tool_version', scan.tool_version],
    ]) {
      yield `      <property name="${name}" value="${xmlAttr(value)}"/>\n`;
    }
    yield '    </properties>\n';
    for (const c of checks) yield* testcase(c, findings);
    yield '  </testsuite>\n';
  }
  yield '</testsuites>\n';
}

/** Joins the small parts into chunks of about CHUNK_CHARS characters for the writer. */
function* chunks(input: ReportInput): Generator<string> {
  let buf = '';
  for (const p of parts(input)) {
    buf += p;
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

export async function writeJunitReport(input: ReportInput, file: string): Promise<void> {
  await writeStreamAtomic(file, chunks(input));
}
