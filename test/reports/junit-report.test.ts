// The JUnit writer: well-formed XML 1.0 (a strict little parser below checks every file, and
// Chromium's XML parser, a real one, checks the nastiest), one suite per service and one case per
// check, a <failure> per unmuted FAIL and an <error> per unmuted ERROR, all-MANUAL checks skipped,
// muted findings only in <system-out>, exact counts, escaping of hostile text, atomic write.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { JUNIT_EVIDENCE_CHARS, writeJunitReport, xmlAttr, xmlText } from '../../reports/junit/junit-report.js';
import type { ReportInput } from '../../reports/report-input.js';
import type { Finding, Status } from '../../runner/findings/finding.js';
import { makeTmp, removeTmp } from '../cli/harness.js';
import { sampleReportInput, XSS_MESSAGE } from '../helpers/sample-findings.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isXmlChar(cp: number): boolean {
  return cp === 0x9 || cp === 0xa || cp === 0xd || (cp >= 0x20 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function isNameChar(c: string, first: boolean): boolean {
  const letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === ':';
  return first ? letter : letter || (c >= '0' && c <= '9') || c === '-' || c === '.';
}

/**
 * A strict, regex-free parser for the XML the writer produces: every character legal in XML 1.0,
 * one root element, names well formed, attributes quoted and unique with no `<` inside, only the
 * five predefined entities and character references, `]]>` never in text, tags balanced. Attribute
 * values are normalised as the specification says (literal tab, CR, LF become spaces), and text
 * line ends as well (CRLF and lone CR become LF), so a test sees what any XML parser would see.
 */
function parseXml(src: string): XmlElement {
  for (const ch of src) assert.ok(isXmlChar(ch.codePointAt(0) ?? 0), `illegal XML character U+${(ch.codePointAt(0) ?? 0).toString(16)}`);
  let i = 0;
  const fail = (msg: string): never => assert.fail(`not well-formed at ${i}: ${msg} near ${JSON.stringify(src.slice(i, i + 40))}`);
  const skipWs = (): void => {
    while (i < src.length && ' \t\r\n'.includes(src[i])) i++;
  };
  const name = (): string => {
    const start = i;
    if (!isNameChar(src[i] ?? '', true)) fail('expected a name');
    i++;
    while (i < src.length && isNameChar(src[i], false)) i++;
    return src.slice(start, i);
  };
  const reference = (): string => {
    const semi = src.indexOf(';', i);
    if (semi < 0 || semi - i > 12) fail('unterminated reference');
    const ref = src.slice(i + 1, semi);
    i = semi + 1;
    if (ref in PREDEFINED) return PREDEFINED[ref];
    if (ref.startsWith('#')) {
      const hex = ref[1] === 'x';
      const digits = ref.slice(hex ? 2 : 1);
      if (digits === '') fail('empty character reference');
      for (const d of digits) if (!(hex ? '0123456789abcdefABCDEF' : '0123456789').includes(d)) fail(`bad character reference &${ref};`);
      const cp = parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(cp)) fail(`character reference to an illegal character &${ref};`);
      return String.fromCodePoint(cp);
    }
    return fail(`undefined entity &${ref};`);
  };
  const attrValue = (): string => {
    const quote = src[i];
    if (quote !== '"' && quote !== "'") fail('attribute value not quoted');
    i++;
    let value = '';
    while (src[i] !== quote) {
      if (i >= src.length) fail('unterminated attribute value');
      const c = src[i];
      if (c === '<') fail('< in an attribute value');
      if (c === '&') value += reference();
      else {
        value += c === '\t' || c === '\n' || c === '\r' ? ' ' : c;
        i++;
      }
    }
    i++;
    return value;
  };
  const element = (): XmlElement => {
    if (src[i] !== '<') fail('expected <');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      const hadWs = i < src.length && ' \t\r\n'.includes(src[i]);
      skipWs();
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      if (!hadWs) fail('attributes must be separated by white space');
      const attr = name();
      if (attr in el.attrs) fail(`duplicate attribute ${attr}`);
      skipWs();
      if (src[i] !== '=') fail('expected =');
      i++;
      skipWs();
      el.attrs[attr] = attrValue();
    }
    for (;;) {
      if (i >= src.length) fail(`unclosed <${el.name}>`);
      if (src.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipWs();
        if (src[i] !== '>') fail('expected >');
        i++;
        return el;
      }
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (src.startsWith('<![CDATA[', i)) {
        const end = src.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        el.text += src.slice(i + 9, end);
        i = end + 3;
      } else if (src[i] === '<') {
        el.children.push(element());
      } else if (src[i] === '&') {
        el.text += reference();
      } else {
        if (src.startsWith(']]>', i)) fail(']]> in text');
        if (src[i] === '\r') {
          el.text += '\n';
          i += src[i + 1] === '\n' ? 2 : 1;
        } else el.text += src[i++];
      }
    }
  };
  if (src.startsWith('\uFEFF')) i++;
  if (src.startsWith('<?xml', i)) {
    const end = src.indexOf('?>', i);
    if (end < 0) fail('unterminated XML declaration');
    assert.ok(src.slice(i, end).includes('encoding="UTF-8"'));
    i = end + 2;
  }
  skipWs();
  const root = element();
  skipWs();
  if (i !== src.length) fail('content after the root element');
  return root;
}

const kids = (el: XmlElement, name: string): XmlElement[] => el.children.filter((c) => c.name === name);
const num = (el: XmlElement, attr: string): number => Number(el.attrs[attr]);

function suiteOf(root: XmlElement, service: string): XmlElement {
  const suite = kids(root, 'testsuite').find((s) => s.attrs.name === service);
  assert.ok(suite, `suite ${service}`);
  return suite;
}

function caseOf(root: XmlElement, checkId: string): XmlElement {
  for (const s of kids(root, 'testsuite')) {
    const c = kids(s, 'testcase').find((t) => t.attrs.name.startsWith(`${checkId}: `));
    if (c) return c;
  }
  return assert.fail(`no test case for ${checkId}`);
}

/** Counts by test case, recomputed from the elements: one outcome per case, failure before error. */
function outcomeCounts(cases: XmlElement[]): { tests: number; failures: number; errors: number; skipped: number } {
  const c = { tests: cases.length, failures: 0, errors: 0, skipped: 0 };
  for (const t of cases) {
    if (kids(t, 'failure').length) c.failures++;
    else if (kids(t, 'error').length) c.errors++;
    else if (kids(t, 'skipped').length) c.skipped++;
  }
  return c;
}

/** Every suite's and the root's attributes equal the counts recomputed from the test cases. */
function assertCountsExact(root: XmlElement): void {
  const all: XmlElement[] = [];
  for (const s of kids(root, 'testsuite')) {
    const cases = kids(s, 'testcase');
    all.push(...cases);
    const c = outcomeCounts(cases);
    assert.deepEqual({ tests: num(s, 'tests'), failures: num(s, 'failures'), errors: num(s, 'errors'), skipped: num(s, 'skipped') }, c, `suite ${s.attrs.name}`);
  }
  const c = outcomeCounts(all);
  assert.deepEqual({ tests: num(root, 'tests'), failures: num(root, 'failures'), errors: num(root, 'errors'), skipped: num(root, 'skipped') }, c, 'testsuites');
}

function baseFinding(): Finding {
  const f = sampleReportInput(40, { credentialUsers: 0, mutedEvery: 0 }).result.findings.find((x) => x.status === 'FAIL' && x.resource.arn !== null && x.resource.name !== null);
  assert.ok(f);
  return structuredClone(f);
}

function withFindings(findings: Finding[]): ReportInput {
  const base = sampleReportInput(0);
  return { ...base, result: { ...base.result, findings } };
}

let seq = 0;
function finding(checkId: string, service: string, status: Status, opts: { muted?: boolean; message?: string; name?: string } = {}): Finding {
  const f = baseFinding();
  seq++;
  f.id = String(seq).padStart(40, '0');
  f.check_id = checkId;
  f.title = `Title of ${checkId}`;
  f.service = service;
  f.status = status;
  f.muted = opts.muted ?? false;
  f.mute_reason = f.muted ? `accepted risk ${seq}` : null;
  f.message = opts.message ?? `${checkId} ${status} #${seq}`;
  f.resource = { type: 'AwsIamUser', id: `arn:aws:iam::123456789012:user/u${seq}`, arn: `arn:aws:iam::123456789012:user/u${seq}`, name: opts.name ?? `u${seq}` };
  return f;
}

// The functions passed to page.evaluate run in Chromium; the project compiles without the DOM lib.
interface DomElement {
  tagName: string;
  getAttribute(name: string): string | null;
  textContent: string | null;
  getElementsByTagName(name: string): { length: number; [i: number]: DomElement };
}
declare const DOMParser: new () => { parseFromString(text: string, type: string): DomElement & { documentElement: DomElement } };

describe('JUnit report writer', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = makeTmp('qready-junit-');
  });
  afterEach(() => removeTmp(tmp));

  async function writeAndParse(inp: ReportInput, name = 'report.junit.xml'): Promise<{ xml: string; root: XmlElement }> {
    const file = join(tmp, name);
    await writeJunitReport(inp, file);
    const xml = readFileSync(file, 'utf8');
    const root = parseXml(xml);
    assert.equal(root.name, 'testsuites');
    assertCountsExact(root);
    return { xml, root };
  }

  it('groups checks by service with exact counts: FAIL → failure, ERROR → error, all MANUAL → skipped, muted → neither', async () => {
    const findings = [
      finding('a_fails', 'iam', 'FAIL'),
      finding('b_errors', 'qbusiness', 'ERROR'),
      finding('a_fails', 'iam', 'PASS'),
      finding('c_manual', 'iam', 'MANUAL'),
      finding('d_passes', 'qbusiness', 'PASS'),
      finding('a_fails', 'iam', 'FAIL'),
      finding('c_manual', 'iam', 'MANUAL', { muted: true }),
      finding('e_muted_fail', 'iam', 'FAIL', { muted: true }),
      finding('e_muted_fail', 'iam', 'PASS'),
      finding('f_fail_and_error', 'qbusiness', 'ERROR'),
      finding('f_fail_and_error', 'qbusiness', 'FAIL'),
      finding('g_manual_and_muted_fail', 'cloudtrail', 'MANUAL'),
      finding('g_manual_and_muted_fail', 'cloudtrail', 'FAIL', { muted: true }),
      finding('h_muted_error', 'cloudtrail', 'ERROR', { muted: true }),
      finding('i_manual_and_pass', 'cloudtrail', 'MANUAL'),
      finding('i_manual_and_pass', 'cloudtrail', 'PASS'),
      finding('b_errors', 'qbusiness', 'ERROR'),
    ];
    const { root } = await writeAndParse(withFindings(findings));
    assert.deepEqual(kids(root, 'testsuite').map((s) => s.attrs.name), ['iam', 'qbusiness', 'cloudtrail']);
    const attrs = (el: XmlElement): number[] => ['tests', 'failures', 'errors', 'skipped'].map((a) => num(el, a));
    assert.deepEqual(attrs(root), [9, 2, 1, 1]);
    assert.deepEqual(attrs(suiteOf(root, 'iam')), [3, 1, 0, 1]);
    assert.deepEqual(attrs(suiteOf(root, 'qbusiness')), [3, 1, 1, 0]);
    assert.deepEqual(attrs(suiteOf(root, 'cloudtrail')), [3, 0, 0, 0]);
    assert.deepEqual(kids(suiteOf(root, 'iam'), 'testcase').map((t) => t.attrs.name), ['a_fails: Title of a_fails', 'c_manual: Title of c_manual', 'e_muted_fail: Title of e_muted_fail']);
    for (const s of kids(root, 'testsuite')) for (const t of kids(s, 'testcase')) assert.equal(t.attrs.classname, s.attrs.name);

    const a = caseOf(root, 'a_fails');
    assert.deepEqual(kids(a, 'failure').map((x) => x.attrs.message), [findings[0].message, findings[5].message]);
    assert.equal(kids(a, 'error').length, 0);
    assert.ok(kids(a, 'failure')[0].text.includes(`resource: AwsIamUser ${findings[0].resource.id} (${findings[0].resource.name})\nregion: ${findings[0].region}\n`));
    assert.ok(kids(a, 'failure')[0].text.includes(`finding: ${findings[0].id}`));
    assert.ok(kids(a, 'failure')[0].text.includes(`evidence: ${JSON.stringify(findings[0].evidence)}`));
    assert.equal(kids(a, 'failure')[0].attrs.type, findings[0].severity);

    const b = caseOf(root, 'b_errors');
    assert.deepEqual(kids(b, 'error').map((x) => x.attrs.message), [findings[1].message, findings[16].message]);

    const c = caseOf(root, 'c_manual');
    assert.equal(kids(c, 'skipped').length, 1);
    assert.equal(kids(c, 'skipped')[0].attrs.message, '2 findings to review by hand (MANUAL)');
    assert.ok(kids(c, 'system-out')[0].text.includes(`MUTED MANUAL`));

    const e = caseOf(root, 'e_muted_fail');
    assert.equal(kids(e, 'failure').length, 0);
    const out = kids(e, 'system-out')[0].text;
    assert.ok(out.includes(`MUTED FAIL AwsIamUser ${findings[7].resource.id} (${findings[7].resource.name}) [${findings[7].region}]: ${findings[7].message} (mute reason: ${findings[7].mute_reason})`), out);
    assert.ok(out.startsWith('2 findings: 1 FAIL, 0 ERROR, 0 MANUAL, 1 PASS; 1 muted\n'), out);

    const f = caseOf(root, 'f_fail_and_error');
    assert.equal(kids(f, 'failure').length, 1);
    assert.equal(kids(f, 'error').length, 1);
    assert.deepEqual(f.children.slice(0, 2).map((x) => x.name), ['error', 'failure'], 'input order');

    for (const id of ['g_manual_and_muted_fail', 'h_muted_error', 'i_manual_and_pass', 'd_passes']) {
      const t = caseOf(root, id);
      assert.deepEqual(t.children.map((x) => x.name), ['system-out'], id);
    }
    assert.ok(kids(caseOf(root, 'h_muted_error'), 'system-out')[0].text.includes('MUTED ERROR'));
  });

  it('counts exactly on a large generated scan in random order, every unmuted FAIL and ERROR an element', async () => {
    const inp = sampleReportInput(3000, { xss: true });
    const { root } = await writeAndParse(inp);
    const findings = inp.result.findings;
    const cases = kids(root, 'testsuite').flatMap((s) => kids(s, 'testcase'));
    assert.equal(cases.length, new Set(findings.map((f) => f.check_id)).size);
    assert.equal(num(root, 'tests'), cases.length);
    const failures = cases.flatMap((t) => kids(t, 'failure').map((x) => x.attrs.message));
    const errors = cases.flatMap((t) => kids(t, 'error').map((x) => x.attrs.message));
    assert.equal(failures.length, findings.filter((f) => f.status === 'FAIL' && !f.muted).length);
    assert.equal(errors.length, findings.filter((f) => f.status === 'ERROR' && !f.muted).length);
    assert.ok(errors.includes(`${XSS_MESSAGE} <!-- comment`));
    assert.ok(failures.includes(XSS_MESSAGE));
    // Every case's failures are its own check's unmuted FAILs, in input order.
    for (const t of cases) {
      const checkId = t.attrs.name.slice(0, t.attrs.name.indexOf(': '));
      const own = findings.filter((f) => f.check_id === checkId && f.status === 'FAIL' && !f.muted).map((f) => f.message);
      assert.deepEqual(kids(t, 'failure').map((x) => x.attrs.message), own, checkId);
    }
    assert.ok(num(root, 'failures') > 0 && num(root, 'errors') >= 0 && num(root, 'skipped') >= 1);
  });

  it('escapes &, <, >, quotes and apostrophes, keeps tab/CR/LF in attributes, and removes characters illegal in XML 1.0', async () => {
    const nasty = `a & b < c > d "e" 'f' ]]> <![CDATA[x]]> &amp; line1\nline2\r\nline3\rtab\there \u0000\u0001\u0008\u000b\u000c\u001b\u001f\ufffe\uffff lone\ud800high lone\udc00low 😀 ü 漢字 \u2028 \u0085 \u007f end`;
    const clean = `a & b < c > d "e" 'f' ]]> <![CDATA[x]]> &amp; line1\nline2\r\nline3\rtab\there  lonehigh lonelow 😀 ü 漢字 \u2028 \u0085 \u007f end`;
    const f = finding('x_nasty', 'iam', 'FAIL', { message: nasty, name: nasty });
    f.evidence = { note: nasty };
    const m = finding('x_nasty', 'iam', 'FAIL', { muted: true, message: nasty });
    const { root } = await writeAndParse(withFindings([f, m]));
    const [failure] = kids(caseOf(root, 'x_nasty'), 'failure');
    assert.equal(failure.attrs.message, clean);
    // Text keeps CR exactly (written as &#13;, so no parser folds it into LF).
    assert.ok(failure.text.includes(`(${clean})`), failure.text);
    // JSON escapes the C0 controls and lone surrogates itself; U+FFFE and U+FFFF it leaves, and XML drops them.
    assert.ok(failure.text.includes(`evidence: ${JSON.stringify({ note: nasty }).replace(/[\ufffe\uffff]/g, '')}`), failure.text);
    assert.ok(kids(caseOf(root, 'x_nasty'), 'system-out')[0].text.includes(`: ${clean} (mute reason: `));

    assert.equal(xmlAttr(`<&>"'\t\n\r`), '&lt;&amp;&gt;&quot;&apos;&#9;&#10;&#13;');
    assert.equal(xmlText(`<&>"'\t\n\r`), '&lt;&amp;&gt;&quot;&apos;\t\n&#13;');
    assert.equal(xmlText('\u0000a\ud800b\udfffc😀\ufffe'), 'abc😀');
  });

  it('uses check titles from the input and escapes check ids, titles and services in attributes', async () => {
    const inp = sampleReportInput(50);
    const f = finding('quote_check', 'se"r<v>ice&', 'FAIL');
    const { root } = await writeAndParse({ ...inp, result: { ...inp.result, findings: [...inp.result.findings, f] } });
    assert.equal(kids(suiteOf(root, 'se"r<v>ice&'), 'testcase')[0].attrs.classname, 'se"r<v>ice&');
    const titles = new Map(inp.checks.map((c) => [c.id, c.title]));
    for (const t of kids(suiteOf(root, 'iam'), 'testcase')) {
      const id = t.attrs.name.slice(0, t.attrs.name.indexOf(': '));
      assert.equal(t.attrs.name, `${id}: ${titles.get(id)}`);
    }
  });

  it('truncates long evidence in failure text', async () => {
    const f = finding('long_evidence', 'iam', 'FAIL');
    f.evidence = { blob: 'x'.repeat(JUNIT_EVIDENCE_CHARS * 3) };
    const { root } = await writeAndParse(withFindings([f]));
    const text = kids(caseOf(root, 'long_evidence'), 'failure')[0].text;
    assert.ok(text.includes(`(${JSON.stringify(f.evidence).length} characters, truncated)`));
    assert.ok(text.length < JUNIT_EVIDENCE_CHARS + 500);
  });

  it('handles 0 findings: an empty <testsuites> with zero counts', async () => {
    const { root } = await writeAndParse(withFindings([]));
    assert.deepEqual(root.children, []);
    assert.deepEqual(['tests', 'failures', 'errors', 'skipped'].map((a) => root.attrs[a]), ['0', '0', '0', '0']);
    assert.equal(root.attrs.time, '207');
  });

  it('leaves no temporary file and overwrites an existing report', async () => {
    const file = join(tmp, 'qready-123456789012-20260301120000.xml');
    writeFileSync(file, 'previous report');
    await writeJunitReport(sampleReportInput(600), file);
    assert.deepEqual(readdirSync(tmp), ['qready-123456789012-20260301120000.xml']);
    assertCountsExact(parseXml(readFileSync(file, 'utf8')));
  });

  it('rejects when the target cannot be replaced, leaving no temporary file', async () => {
    const target = join(tmp, 'report.xml');
    mkdirSync(target);
    await assert.rejects(writeJunitReport(sampleReportInput(300), target));
    assert.deepEqual(readdirSync(tmp), ['report.xml']);
    assert.deepEqual(readdirSync(target), []);
  });

  describe("in Chromium's XML parser", function () {
    this.timeout(60000);
    let browser: Browser;
    before(async function () {
      // No try/catch and no skip, as in the HTML report tests: a missing browser fails the run.
      browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
    });
    after(async function () {
      await browser?.close();
    });

    it('parses the nasty report without error and reads the same counts and messages', async () => {
      const nasty = `<&>"' ]]> \u0000\u0007\u001b\ufffe lone\ud800 line\nbreak\r\n😀`;
      const inp = sampleReportInput(400, { xss: true });
      const extra = [finding('x_nasty', 'iam', 'FAIL', { message: nasty, name: nasty }), finding('x_nasty', 'iam', 'ERROR', { message: nasty })];
      const file = join(tmp, 'nasty.xml');
      await writeJunitReport({ ...inp, result: { ...inp.result, findings: [...inp.result.findings, ...extra] } }, file);
      const xml = readFileSync(file, 'utf8');
      const ours = parseXml(xml);
      const page = await browser.newPage();
      try {
        const seen = await page.evaluate((text) => {
          const doc = new DOMParser().parseFromString(text, 'application/xml');
          const err = doc.getElementsByTagName('parsererror');
          if (err.length) return { error: err[0].textContent ?? 'parsererror', root: '', counts: [], suites: 0, cases: 0, failures: [], errors: [] };
          const root = doc.documentElement;
          const all = (name: string): DomElement[] => {
            const list = doc.getElementsByTagName(name);
            const out: DomElement[] = [];
            for (let k = 0; k < list.length; k++) out.push(list[k]);
            return out;
          };
          return {
            error: null,
            root: root.tagName,
            counts: ['tests', 'failures', 'errors', 'skipped'].map((a) => root.getAttribute(a)),
            suites: all('testsuite').length,
            cases: all('testcase').length,
            failures: all('failure').map((x) => x.getAttribute('message')),
            errors: all('error').map((x) => x.getAttribute('message')),
          };
        }, xml);
        assert.equal(seen.error, null);
        assert.equal(seen.root, 'testsuites');
        assert.deepEqual(seen.counts, ['tests', 'failures', 'errors', 'skipped'].map((a) => ours.attrs[a]));
        assert.equal(seen.suites, kids(ours, 'testsuite').length);
        const cases = kids(ours, 'testsuite').flatMap((s) => kids(s, 'testcase'));
        assert.equal(seen.cases, cases.length);
        assert.deepEqual(seen.failures, cases.flatMap((t) => kids(t, 'failure').map((x) => x.attrs.message)));
        assert.deepEqual(seen.errors, cases.flatMap((t) => kids(t, 'error').map((x) => x.attrs.message)));
        const cleaned = `<&>"' ]]>  lone line\nbreak\r\n😀`;
        assert.ok(seen.failures.includes(cleaned));
        assert.ok(seen.errors.includes(cleaned));
      } finally {
        await page.close();
      }
    });
  });
});
