// The HTML report, checked as a file and in real headless Chromium: clean load with no network
// requests, summary counts, filters and search, row details, XSS safety, muted findings, the
// credential inventory, the Amazon Q inventory and lazy rendering. Chromium must launch: a missing browser fails the run
// (CI installs it, see .ci/run); it is never a skip.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ReportDocument, ReportWindow } from '../helpers/browser-globals.js';
import { launchChromium, openReportPage, type LoadedPage } from '../helpers/report-page.js';
import { compactReportData, renderHtmlReport, writeHtmlReport } from '../../reports/html/html-report.js';
import { jsonForScript } from '../../reports/html/page-assets.js';
import type { ReportInput } from '../../reports/report-input.js';
import type { FrameworkSummary } from '../../runner/compliance/compliance-types.js';
import type { DiffEntry, ScanDiff } from '../../runner/diff/diff-types.js';
import { findingId } from '../../runner/findings/finding-id.js';
import type { Finding, Status } from '../../runner/findings/finding.js';
import { INVENTORY_CHECK_ID, Q_INVENTORY_CHECK_ID, sampleQBusinessFindings, sampleReportInput, XSS_MESSAGE, XSS_NAME } from '../helpers/sample-findings.js';

// Browser globals of the functions run in Chromium (see browser-globals.ts).
declare const document: ReportDocument;
declare const window: ReportWindow;

function unmuted(input: ReportInput): Finding[] {
  return input.result.findings.filter((f) => !f.muted);
}

/** The same fields the page's search covers, lowercased. */
function searchText(f: Finding): string {
  return [f.message, f.resource.id, f.resource.arn ?? '', f.resource.name ?? '', f.resource.type, f.check_id, f.title, f.id].join('\n').toLowerCase();
}

async function rowCount(page: Page, testid = 'finding-row'): Promise<number> {
  return page.locator(`[data-testid="${testid}"]`).count();
}

async function matches(page: Page, testid = 'match-count'): Promise<number> {
  return Number(await page.getAttribute(`[data-testid="${testid}"]`, 'data-matches'));
}

/** Waits until the match count shows `n` (filters and the debounced search apply asynchronously). */
async function waitForMatches(page: Page, n: number, testid = 'match-count'): Promise<void> {
  await page.waitForFunction(
    ([id, expected]) => document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-matches') === String(expected),
    [testid, n] as const,
    { timeout: 10000 },
  );
}

async function rowAttr(page: Page, attr: string): Promise<string[]> {
  return page.$$eval('[data-testid="finding-row"]', (rows, a) => rows.map((r) => r.getAttribute(a) ?? ''), attr);
}

describe('HTML report', function () {
  this.timeout(120000);
  let browser: Browser;
  let dir: string;
  const opened: Page[] = [];

  before(function () {
    dir = mkdtempSync(join(tmpdir(), 'qready-html-'));
  });

  after(function () {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  afterEach(async function () {
    while (opened.length) await opened.pop()?.close();
  });

  async function load(input: ReportInput, name: string): Promise<LoadedPage> {
    const file = join(dir, `${name}.html`);
    await writeHtmlReport(input, file);
    const loaded = await openReportPage(browser, file);
    opened.push(loaded.page);
    return loaded;
  }

  describe('the file', function () {
    it('embeds the data once as escaped JSON, check metadata once per check, under a strict CSP', function () {
      const input = sampleReportInput(400, { xss: true });
      const html = renderHtmlReport(input);
      const open = '<script type="application/json" id="qready-data">';
      const start = html.indexOf(open) + open.length;
      const end = html.indexOf('</script>', start);
      const json = html.slice(start, end);
      assert.ok(!/[<>&\u2028\u2029]/.test(json), 'no raw <, >, &, U+2028, U+2029 in the embedded JSON');
      assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(compactReportData(input))));
      assert.equal(html.split(open).length, 2, 'one data element');
      // Metadata once per check, not once per finding.
      for (const c of input.checks) assert.equal(json.split(jsonForScript(c.description)).length - 1, 1, c.id);
      // Strict CSP, with the inline script and style allowed by hash only.
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
      assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
      assert.match(csp, /img-src data:/);
      assert.ok(!/unsafe-inline|unsafe-eval/.test(csp));
      // Nothing outside the data points at the network.
      const markup = html.slice(0, start) + html.slice(end);
      assert.ok(!/\b(src|href)=["']?(https?:)?\/\//i.test(markup), 'no external src/href');
      assert.ok(!/@import|url\(\s*['"]?(https?:)?\/\//i.test(markup), 'no external CSS resources');
    });

    it('escapes every character that could end the script element', function () {
      const s = jsonForScript({ a: '</script><!-- & \u2028\u2029 >' });
      assert.equal(s, '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029 \\u003e"}');
      assert.deepEqual(JSON.parse(s), { a: '</script><!-- & \u2028\u2029 >' });
    });

    it('writes atomically, leaving only the report behind', async function () {
      const input = sampleReportInput(50);
      const sub = mkdtempSync(join(dir, 'atomic-'));
      const file = join(sub, 'report.html');
      await writeHtmlReport(input, file);
      assert.deepEqual(readdirSync(sub), ['report.html']);
      assert.equal(readFileSync(file, 'utf8'), renderHtmlReport(input));
    });

    it('embeds compliance summaries as they are and diff entries as references to their findings', function () {
      const input = sampleReportInput(800, { compliance: true, baseline: true });
      const data = compactReportData(input);
      assert.deepEqual(data.compliance, input.compliance);
      const diff = input.diff as ScanDiff;
      assert.ok(data.diff);
      assert.deepEqual(data.diff.old_scan, diff.old_scan);
      assert.deepEqual(
        data.diff.groups.map(([name, entries]) => [name, entries.length]),
        ['new_failures', 'resolved_failures', 'still_failing', 'newly_muted', 'not_evaluated'].map((name) => [name, (diff[name as keyof ScanDiff] as DiffEntry[]).length]),
      );
      const resolved = data.diff.groups[1][1];
      assert.deepEqual(resolved.filter((e) => !Array.isArray(e)), diff.resolved_failures.filter((e) => e.status_after === null), 'findings that are gone are stored whole');
      assert.ok(!Array.isArray(data.diff.groups[2][1][0]), 'an entry that differs from its finding is stored whole');
      assert.ok(data.diff.groups[2][1].slice(1).every(Array.isArray), 'the rest reference their findings');
      const absent = compactReportData(sampleReportInput(50));
      assert.ok(!('compliance' in absent) && !('diff' in absent));
    });

    it('embeds no copy of the Amazon Q inventory: the tab reads the inventory findings\' evidence', function () {
      const input = sampleReportInput(300, { qbusiness: true });
      const data = compactReportData(input);
      assert.deepEqual(Object.keys(data), Object.keys(compactReportData(sampleReportInput(300))));
      const json = jsonForScript(data);
      // A value found only in an application's tree (a data source's enrichment Lambda) is stored once.
      assert.equal(json.split(':function:redact-pii').length - 1, 1);
    });

    it('stays under 20 MB with 50,000 findings', function () {
      const bytes = Buffer.byteLength(renderHtmlReport(sampleReportInput(50000)));
      assert.ok(bytes < 20 * 1024 * 1024, `${bytes} bytes`);
    });
  });

  describe('sampleReportInput', function () {
    it('is deterministic, has exactly n findings with unique ids, and covers every dimension', function () {
      const a = sampleReportInput(2000);
      assert.deepEqual(a, sampleReportInput(2000));
      assert.notDeepEqual(a.result.findings, sampleReportInput(2000, { seed: 2 }).result.findings);
      assert.equal(a.result.findings.length, 2000);
      assert.equal(sampleReportInput(1).result.findings.length, 1);
      assert.equal(new Set(a.result.findings.map((f) => f.id)).size, 2000);
      const distinct = (pick: (f: Finding) => string): number => new Set(a.result.findings.map(pick)).size;
      assert.equal(distinct((f) => f.status), 4);
      assert.equal(distinct((f) => f.severity), 5);
      assert.ok(distinct((f) => f.service) >= 5);
      assert.equal(distinct((f) => f.region), 6);
      assert.ok(distinct((f) => f.check_id) >= 10);
      assert.ok(a.result.findings.some((f) => f.muted && f.mute_reason));
      assert.equal(a.result.findings.filter((f) => f.check_id === INVENTORY_CHECK_ID).length, 1);
    });
  });

  describe('in Chromium', function () {
    before(async function () {
      // No try/catch and no skip: if Chromium cannot launch, this hook fails and with it the run.
      browser = await launchChromium();
    });

    after(async function () {
      await browser?.close();
    });

    it('loads with no console error, no page error and no request but the file itself', async function () {
      const input = sampleReportInput(300);
      const { page, url, consoleErrors, pageErrors, requests, dialogs } = await load(input, 'clean');
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(requests, [url]);
      assert.deepEqual(dialogs, []);
      const scan = input.result.scan;
      assert.equal(await page.textContent('[data-testid="meta-account"]'), scan.account_id);
      assert.equal(await page.textContent('[data-testid="meta-partition"]'), scan.partition);
      assert.equal(await page.textContent('[data-testid="meta-version"]'), scan.tool_version);
      const regions = (await page.textContent('[data-testid="meta-regions"]')) ?? '';
      for (const r of scan.regions) assert.ok(regions.includes(r), r);
      assert.equal(await page.textContent('[data-testid="meta-started"]'), '2026-03-01 12:00:00 UTC');
      assert.equal(await page.textContent('[data-testid="meta-finished"]'), '2026-03-01 12:03:27 UTC');
      assert.equal(await page.evaluate(() => typeof window.__qreadyReadyAt), 'number');
    });

    it('shows summary counts that match the input', async function () {
      const input = sampleReportInput(300);
      const { page } = await load(input, 'summary');
      const live = unmuted(input);
      const count = async (testid: string): Promise<number> => Number(await page.getAttribute(`[data-testid="${testid}"]`, 'data-count'));
      assert.equal(await count('summary-total'), live.length);
      for (const s of ['PASS', 'FAIL', 'MANUAL', 'ERROR'] as Status[]) {
        const expected = live.filter((f) => f.status === s).length;
        assert.ok(expected > 0, `sample has ${s}`);
        assert.equal(await count(`summary-${s}`), expected, s);
      }
      for (const v of ['critical', 'high', 'medium', 'low', 'informational']) {
        assert.equal(await count(`summary-severity-${v}`), live.filter((f) => f.severity === v).length, v);
        assert.equal(await count(`summary-fail-${v}`), live.filter((f) => f.severity === v && f.status === 'FAIL').length, `FAIL ${v}`);
      }
      assert.equal(await count('summary-muted'), input.result.findings.length - live.length);
      // Visible numbers agree with the data attributes.
      assert.equal((await page.textContent('[data-testid="summary-FAIL"] .count'))?.replace(/,/g, ''), String(await count('summary-FAIL')));
      // A status card filters the findings to that status.
      await page.click('[data-testid="summary-ERROR"]');
      await waitForMatches(page, live.filter((f) => f.status === 'ERROR').length);
      assert.equal(await page.isChecked('[data-testid="filter-status-ERROR"]'), true);
      assert.equal(await page.isChecked('[data-testid="filter-status-FAIL"]'), false);
    });

    it('filters by status, severity, service, region and check, searches, and clears', async function () {
      const input = sampleReportInput(300);
      const { page, url, consoleErrors, pageErrors, requests } = await load(input, 'filters');
      const live = unmuted(input);
      assert.equal(await matches(page), live.length);

      await page.check('[data-testid="filter-status-FAIL"]');
      const fails = live.filter((f) => f.status === 'FAIL');
      await waitForMatches(page, fails.length);
      assert.ok((await rowCount(page)) > 0);
      assert.deepEqual([...new Set(await rowAttr(page, 'data-status'))], ['FAIL']);
      const badges = await page.$$eval('[data-testid="finding-row"] .badge', (els) => [...new Set(els.map((e) => e.textContent))]);
      assert.deepEqual(badges, ['Fail']);

      await page.check('[data-testid="filter-severity-high"]');
      const failHigh = fails.filter((f) => f.severity === 'high');
      await waitForMatches(page, failHigh.length);
      assert.ok(failHigh.length < fails.length);
      assert.deepEqual([...new Set(await rowAttr(page, 'data-severity'))], ['high']);

      await page.click('[data-testid="clear-filters"]');
      await waitForMatches(page, live.length);
      assert.equal(await rowCount(page), Math.min(200, live.length));

      await page.selectOption('[data-testid="filter-service"]', { label: `qbusiness (${live.filter((f) => f.service === 'qbusiness').length})` });
      const qb = live.filter((f) => f.service === 'qbusiness');
      await waitForMatches(page, qb.length);
      assert.ok(qb.length > 0 && qb.length < live.length);
      assert.deepEqual([...new Set(await rowAttr(page, 'data-service'))], ['qbusiness']);

      const euWest = live.filter((f) => f.region === 'eu-west-1');
      await page.selectOption('[data-testid="filter-region"]', { label: `eu-west-1 (${euWest.length})` });
      const qbEu = qb.filter((f) => f.region === 'eu-west-1');
      await waitForMatches(page, qbEu.length);
      assert.ok(qbEu.length < qb.length);
      assert.deepEqual([...new Set(await rowAttr(page, 'data-region'))], ['eu-west-1']);

      await page.click('[data-testid="clear-filters"]');
      await waitForMatches(page, live.length);

      const checkId = 'iam_user_mfa_enabled_console_access';
      const ofCheck = live.filter((f) => f.check_id === checkId);
      await page.selectOption('[data-testid="filter-check"]', { label: `${checkId} (${ofCheck.length})` });
      await waitForMatches(page, ofCheck.length);
      assert.ok(ofCheck.length > 0 && ofCheck.length < live.length);
      assert.deepEqual([...new Set(await rowAttr(page, 'data-check'))], [checkId]);

      await page.click('[data-testid="clear-filters"]');
      await waitForMatches(page, live.length);

      // Search: a resource name (several checks), then two words that must both match.
      const target = live.find((f) => f.resource.type === 'AwsIamUser') as Finding;
      const term = (target.resource.name as string).toUpperCase();
      const byName = live.filter((f) => searchText(f).includes(term.toLowerCase()));
      await page.fill('[data-testid="search"]', term);
      await waitForMatches(page, byName.length);
      assert.ok(byName.length >= 1 && byName.length < live.length);
      const texts = await page.$$eval('[data-testid="finding-row"]', (rows) => rows.map((r) => r.textContent ?? ''));
      assert.ok(texts.every((t) => t.toLowerCase().includes(term.toLowerCase())));

      const both = live.filter((f) => searchText(f).includes('qbusiness') && searchText(f).includes('eu-central-1'));
      await page.fill('[data-testid="search"]', 'qbusiness eu-central-1');
      await page.press('[data-testid="search"]', 'Enter'); // the form must not submit (CSP form-action 'none')
      await waitForMatches(page, both.length);
      assert.ok(both.length > 0);

      // By check title.
      const byTitle = live.filter((f) => searchText(f).includes('chat logs'));
      await page.fill('[data-testid="search"]', 'Chat Logs');
      await waitForMatches(page, byTitle.length);
      assert.ok(byTitle.length > 0 && byTitle.every((f) => f.check_id === 'qbusiness_application_logging'));

      // By finding id (stored packed in the page).
      const pick = live[live.length - 1];
      await page.fill('[data-testid="search"]', pick.id);
      await waitForMatches(page, 1);
      assert.equal((await page.textContent('[data-testid="finding-row"]'))?.includes(pick.message), true);

      await page.fill('[data-testid="search"]', 'no-such-thing-anywhere');
      await waitForMatches(page, 0);
      assert.equal(await rowCount(page), 0);
      assert.equal(await page.isVisible('#findings-empty'), true);

      await page.click('[data-testid="clear-filters"]');
      await waitForMatches(page, live.length);
      assert.equal(await page.inputValue('[data-testid="search"]'), '');
      assert.equal(await rowCount(page), Math.min(200, live.length));
      assert.equal(page.url(), url);
      assert.deepEqual(requests, [url]);
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(pageErrors, []);
    });

    it('expands a row to show message, resource, evidence, remediation, compliance, description and risk', async function () {
      const input = sampleReportInput(120);
      const { page } = await load(input, 'details');
      const row = page.locator('[data-testid="finding-row"]').first();
      assert.equal(await row.getAttribute('aria-expanded'), 'false');
      await row.click();
      assert.equal(await row.getAttribute('aria-expanded'), 'true');
      const details = page.locator('[data-testid="finding-details"]');
      assert.equal(await details.count(), 1);
      const id = await details.locator('[data-testid="detail-finding-id"]').textContent();
      const finding = input.result.findings.find((f) => f.id === id) as Finding;
      assert.ok(finding, `finding ${id}`);
      // The first row is the most severe FAIL.
      assert.equal(finding.status, 'FAIL');
      assert.equal(finding.severity, 'critical');
      const check = input.checks.find((c) => c.id === finding.check_id);
      assert.ok(check);
      assert.equal(await details.locator('[data-testid="detail-message"]').textContent(), finding.message);
      assert.deepEqual(JSON.parse((await details.locator('[data-testid="detail-evidence"]').textContent()) ?? ''), finding.evidence);
      assert.equal(await details.locator('[data-testid="detail-resource-id"]').textContent(), finding.resource.id);
      assert.equal(await details.locator('[data-testid="detail-resource-type"]').textContent(), finding.resource.type);
      assert.equal(await details.locator('[data-testid="detail-remediation-text"]').textContent(), finding.remediation.text);
      assert.equal(await details.locator('code[data-testid="detail-remediation-cli"]').textContent(), finding.remediation.cli);
      const link = details.locator('a[data-testid="detail-remediation-link"]');
      assert.equal(await link.getAttribute('href'), finding.remediation.url);
      assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
      const compliance = (await details.locator('[data-testid="detail-compliance"]').textContent()) ?? '';
      for (const [fw, ids] of Object.entries(finding.compliance)) {
        assert.ok(compliance.includes(fw), fw);
        for (const id of ids) assert.ok(compliance.includes(id), id);
      }
      assert.equal(await details.locator('[data-testid="detail-description"]').textContent(), check.description);
      assert.equal(await details.locator('[data-testid="detail-risk"]').textContent(), check.risk);
      assert.equal(await details.locator('[data-testid="detail-finding-id"]').textContent(), finding.id);
      // Clicking again collapses; the keyboard works too.
      await row.click();
      assert.equal(await details.count(), 0);
      await row.focus();
      await page.keyboard.press('Enter');
      assert.equal(await details.count(), 1);
    });

    /** Expands every row and compares what the page shows with the input, field by field. */
    async function assertRoundTrip(input: ReportInput, name: string): Promise<void> {
      const { page, pageErrors } = await load(input, name);
      assert.equal(await matches(page), input.result.findings.length);
      await page.$$eval('[data-testid="finding-row"]', (rows) => rows.forEach((r) => (r as unknown as { click(): void }).click()));
      const shown = await page.$$eval('[data-testid="finding-details"]', (details) =>
        details.map((d) => {
          const text = (id: string): string | null => d.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
          return { id: text('detail-finding-id'), message: text('detail-message'), rid: text('detail-resource-id'), arn: text('detail-resource-arn'), name: text('detail-resource-name'), evidence: text('detail-evidence') };
        }),
      );
      assert.equal(shown.length, input.result.findings.length);
      const byId = new Map(input.result.findings.map((f) => [f.id, f]));
      for (const d of shown) {
        const f = byId.get(d.id ?? '');
        assert.ok(f, `finding ${d.id}`);
        assert.equal(d.message, f.message, f.id);
        assert.equal(d.rid, f.resource.id, f.id);
        assert.equal(d.arn, f.resource.arn, f.id);
        assert.equal(d.name, f.resource.name || null, f.id); // an empty name is not shown
        if (Object.keys(f.evidence).length) assert.equal(d.evidence, JSON.stringify(f.evidence, null, 2), f.id);
        else assert.equal(d.evidence, 'No evidence recorded.');
      }
      assert.equal(await page.evaluate(() => ({}) as { polluted?: unknown }).then((o) => o.polluted), undefined);
      assert.deepEqual(pageErrors, []);
    }

    function edgeCases(): ReportInput {
      const input = sampleReportInput(150, { mutedEvery: 0, credentialUsers: 3 });
      const base = input.result.findings[5];
      const edge = (k: number, over: Partial<Finding>): Finding => ({ ...base, ...over, id: findingId('edge', base.account_id, base.region, String(k)), resource: { ...base.resource, ...over.resource } });
      const user = (name: string, partition = 'aws'): Finding['resource'] => ({ type: 'AwsIamUser', id: `arn:${partition}:iam::123456789012:user/${name}`, arn: `arn:${partition}:iam::123456789012:user/${name}`, name });
      input.result.findings.push(
        edge(1, { message: 'twice: bob and bob again', resource: user('bob') }),
        edge(2, { message: 'twice: carol and carol again', resource: user('carol') }),
        edge(3, { message: 'no name, id i-0abc in text', resource: { type: 'AwsEc2Instance', id: 'i-0abc', arn: null, name: null } }),
        edge(4, { message: 'no name, id i-0def in text', resource: { type: 'AwsEc2Instance', id: 'i-0def', arn: 'arn:aws:ec2:eu-west-1:123456789012:instance/i-0def', name: null } }),
        edge(5, { message: 'control \u0001 and \u0002 characters for dave', resource: { type: 'AwsIamUser', id: 'dave', arn: 'arn:aws-cn:iam::123456789012:user/dave', name: 'dave' } }),
        edge(6, { message: 'x', evidence: JSON.parse('{"__proto__": {"polluted": true}, "b": [1, {"c": null}]}') as Finding['evidence'] }),
        edge(7, { message: 'y', evidence: JSON.parse('{"__proto__": {"polluted": false}, "b": []}') as Finding['evidence'] }),
        edge(8, { message: 'z', evidence: { only: 'one of its shape', nested: { deep: ['</script>'] } } }),
        edge(9, { message: 'name is a path segment but not the last', resource: { type: 'AwsS3Object', id: 'bucket/key/leaf', arn: 'arn:aws:s3:::bucket/key/leaf', name: 'key' } }),
        edge(10, { message: 'empty name', resource: { type: 'AwsS3Object', id: 'bucket/', arn: 'arn:aws:s3:::bucket/', name: '' } }),
        edge(11, { message: 'ARN ends with the id only by chance', resource: { type: 'X', id: 'abcd', arn: 'arn:aws:x:us-east-1:123456789012:abcd', name: 'abcd' } }),
      );
      return input;
    }

    it('decodes every finding exactly (packed ids, names, ARN prefixes, message templates, evidence shapes)', async function () {
      const input = edgeCases();
      const data = compactReportData(input);
      assert.ok(data.xb !== null && data.mt.length > 0 && data.ev.shapes.length > 0 && data.ev.raw.length > 0 && data.ev.strings.length > 0 && data.px.length > 0, 'the sample exercises every packing');
      assert.ok(data.f.n.includes(1) && data.f.n.includes(2) && data.f.a.some((a) => Array.isArray(a) && a.length === 3));
      await assertRoundTrip(input, 'roundtrip');
    });

    it('decodes finding ids that are not 40 hex digits', async function () {
      const input = edgeCases();
      input.result.findings[7].id = 'custom-finding-id';
      assert.equal(compactReportData(input).xb, null);
      await assertRoundTrip(input, 'roundtrip-raw-ids');
    });

    it('renders injected markup as literal text and never runs it', async function () {
      const input = sampleReportInput(300, { xss: true });
      const { page, consoleErrors, pageErrors, dialogs, requests, url } = await load(input, 'xss');
      await page.fill('[data-testid="search"]', 'onerror');
      const hits = unmuted(input).filter((f) => searchText(f).includes('onerror'));
      await waitForMatches(page, hits.length);
      assert.equal(hits.length, 2);
      const texts = await page.$$eval('[data-testid="finding-row"]', (rows) => rows.map((r) => r.textContent ?? ''));
      assert.ok(texts.every((t) => t.includes(XSS_NAME)), 'resource name shown literally');
      assert.ok(texts.every((t) => t.includes(XSS_MESSAGE)), 'message shown literally');
      assert.ok(texts.some((t) => t.includes('<svg onload=alert(5)>')), 'title shown literally');
      // Expand both rows: evidence, remediation and the javascript: URL stay inert.
      for (const row of await page.locator('[data-testid="finding-row"]').all()) await row.click();
      const details = (await page.locator('[data-testid="finding-details"]').allTextContents()).join('\n');
      assert.ok(details.includes('</script><img src=x onerror=alert(2)>'));
      assert.ok(details.includes('<script>window.__pwned=1</script>'));
      assert.ok(details.includes('echo "</code><img src=x onerror=alert(3)>"'));
      assert.equal(await page.locator('a[href^="javascript:"]').count(), 0);
      await page.waitForTimeout(200);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.equal(await page.evaluate(() => document.querySelectorAll('img, svg, iframe, object, embed').length), 0);
      assert.equal(await page.evaluate(() => document.scripts.length), 2, 'only the data and the report script');
      assert.deepEqual(dialogs, []);
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(requests, [url]);
    });

    it('shows muted findings apart, with their reasons', async function () {
      const input = sampleReportInput(300, { mutedEvery: 10 });
      const { page } = await load(input, 'muted');
      const mutedFindings = input.result.findings.filter((f) => f.muted);
      assert.ok(mutedFindings.length > 0);
      assert.equal(await matches(page), input.result.findings.length - mutedFindings.length);
      const mainIds = await rowAttr(page, 'data-index');
      const data = compactReportData(input);
      const mutedIndexes = new Set(data.muted.map(([i]) => String(i)));
      assert.ok(mainIds.every((i) => !mutedIndexes.has(i)), 'no muted finding in the main table');
      assert.equal(await page.isVisible('[data-testid="muted"]'), false);
      await page.click('[data-testid="tab-muted"]');
      assert.equal(await page.isVisible('[data-testid="muted"]'), true);
      assert.equal(await page.isVisible('[data-testid="findings"]'), false);
      assert.equal(await matches(page, 'muted-count'), mutedFindings.length);
      const rows = await page.$$eval('[data-testid="muted-row"]', (els) => els.map((r) => ({ i: r.getAttribute('data-index') ?? '', text: r.textContent ?? '' })));
      assert.equal(rows.length, mutedFindings.length);
      const reasons = new Map(data.muted.map(([i, reason]) => [String(i), reason]));
      for (const r of rows) assert.ok(r.text.includes(reasons.get(r.i) ?? '\u0000'), `row ${r.i} shows its reason`);
      await page.locator('[data-testid="muted-row"]').first().click();
      assert.equal(await page.textContent('[data-testid="detail-mute-reason"]'), reasons.get(rows[0].i));
      // Filters apply to muted findings too.
      await page.check('[data-testid="filter-status-PASS"]');
      await waitForMatches(page, mutedFindings.filter((f) => f.status === 'PASS').length, 'muted-count');
    });

    it('renders the credential inventory with one row per user', async function () {
      const input = sampleReportInput(200, { credentialUsers: 17 });
      const { page } = await load(input, 'inventory');
      const inventory = input.result.findings.find((f) => f.check_id === INVENTORY_CHECK_ID) as Finding;
      const users = inventory.evidence.users as { user: string }[];
      await page.click('[data-testid="tab-credentials"]');
      assert.equal(await page.isVisible('[data-testid="credential-inventory"]'), true);
      const rows = page.locator('[data-testid="credential-inventory"] [data-testid="credential-row"]');
      assert.equal(await rows.count(), users.length);
      const names = await rows.locator('th').evaluateAll((ths) => ths.map((th) => th.firstElementChild?.textContent ?? ''));
      assert.deepEqual(names, users.map((u) => u.user));
      const header = (await page.textContent('[data-testid="credential-table"] thead')) ?? '';
      for (const col of ['User', 'MFA', 'Key 1', 'Key 2', 'Password last used']) assert.ok(header.includes(col), col);

      const none = await load(sampleReportInput(50, { credentialUsers: 0 }), 'no-inventory');
      assert.equal(await none.page.isVisible('[data-testid="tab-credentials"]'), false);
    });

    /** What the Amazon Q inventory shows of each tree node. */
    interface ShownNode {
      kind: string;
      id: string;
      arn: string;
      name: string;
      text: string;
      fail: number;
      error: number;
      muted: number;
    }

    async function qNodes(page: Page, appArn: string): Promise<ShownNode[]> {
      return page.$$eval(`[data-testid="qapp"][data-arn="${appArn}"] [data-testid="qnode"]`, (items) =>
        items.map((li) => ({
          kind: li.getAttribute('data-kind') ?? '',
          id: li.getAttribute('data-id') ?? '',
          arn: li.getAttribute('data-arn') ?? '',
          name: li.querySelector('[data-testid="qnode-name"]')?.textContent ?? '',
          text: li.querySelector('.qrow')?.textContent ?? '',
          fail: Number(li.getAttribute('data-fail')),
          error: Number(li.getAttribute('data-error')),
          muted: Number(li.getAttribute('data-muted')),
        })),
      );
    }

    /** The findings on one resource as the inventory places them: by resource ARN (else id). */
    function onResource(input: ReportInput, arn: string): Finding[] {
      return input.result.findings.filter((f) => (f.resource.arn ?? f.resource.id) === arn);
    }

    function expectedCounts(input: ReportInput, arn: string): { fail: number; error: number; muted: number } {
      const on = onResource(input, arn);
      return { fail: on.filter((f) => !f.muted && f.status === 'FAIL').length, error: on.filter((f) => !f.muted && f.status === 'ERROR').length, muted: on.filter((f) => f.muted).length };
    }

    it('shows the Amazon Q inventory: each application as a tree, the findings on each resource next to it, badges that filter the findings', async function () {
      const input = sampleReportInput(300, { qbusiness: true, mutedEvery: 0 });
      const { q } = sampleQBusinessFindings(input.result.scan.account_id);
      const [hr, it, lost] = q.apps;
      const { page, url, consoleErrors, pageErrors, requests, dialogs } = await load(input, 'q-inventory');
      assert.equal(await page.isVisible('[data-testid="tab-qinventory"]'), true);
      assert.equal(await page.textContent('#tab-count-qinventory'), '3');
      assert.equal(await rowCount(page, 'qapp'), 0, 'rendered only when the tab is opened');

      await page.click('[data-testid="tab-qinventory"]');
      assert.equal(await page.isVisible('[data-testid="q-inventory"]'), true);
      assert.equal(await page.isVisible('[data-testid="findings"]'), false);
      assert.equal(await page.isVisible('[data-testid="filters"]'), false);

      // One card per application, by region: name, region, identity type, encryption, attachments, status.
      const apps = await page.$$eval('[data-testid="qapp"]', (cards) =>
        cards.map((c) => {
          const text = (id: string): string => c.querySelector(`[data-testid="${id}"]`)?.textContent ?? '';
          return {
            arn: c.getAttribute('data-arn'),
            region: text('qapp-region'),
            name: text('qapp-name'),
            identity: text('qapp-identity'),
            encryption: text('qapp-encryption'),
            attachments: text('qapp-attachments'),
            head: c.querySelector('.qapp-head')?.textContent ?? '',
            fail: Number(c.getAttribute('data-fail')),
            error: Number(c.getAttribute('data-error')),
          };
        }),
      );
      assert.deepEqual(
        apps.map((a) => [a.arn, a.region, a.name]),
        [it, hr, lost].map((a) => [a.arn, a.region, a.name]),
      );
      const [itCard, hrCard, lostCard] = apps;
      assert.deepEqual([hrCard.identity, hrCard.encryption, hrCard.attachments], ['Anonymous', 'AWS owned key', 'Enabled']);
      assert.equal(itCard.identity, 'IAM Identity Center');
      assert.ok(itCard.encryption.startsWith('Customer managed key') && itCard.encryption.includes(':key/1234abcd-'), itCard.encryption);
      assert.ok(hrCard.head.includes('Active'));
      assert.ok(hrCard.head.includes('1 index · 2 data sources · 1 retriever · 2 plugins · 2 web experiences · 1 data accessor (1 from another account)'), hrCard.head);
      for (const [card, app] of [[hrCard, hr], [itCard, it], [lostCard, lost]] as const) {
        const expected = expectedCounts(input, app.arn);
        assert.deepEqual([card.fail, card.error], [expected.fail, expected.error], app.name);
      }
      assert.deepEqual([hrCard.fail, hrCard.error], [1, 1], 'the application: AWS owned key (FAIL), data accessors not listed (ERROR)');
      // The application whose inventory could not be read: said so, its error counted.
      assert.equal(await page.isVisible(`[data-testid="qapp"][data-arn="${lost.arn}"] [data-testid="qapp-incomplete"]`), true);
      assert.equal(lostCard.error, 1);
      assert.ok(((await page.textContent('[data-testid="q-inventory-no-apps"]')) ?? '').includes(q.emptyRegion));

      // The tree: every resource of the evidence, with its attributes and its findings' counts.
      const tree = input.result.findings.find((f) => f.check_id === Q_INVENTORY_CHECK_ID && f.resource.arn === hr.arn)?.evidence as Record<string, Record<string, unknown>[]>;
      const nodes = await qNodes(page, hr.arn);
      const names = (kind: string): string[] => nodes.filter((n) => n.kind === kind).map((n) => n.name);
      const dataSources = tree.indices.flatMap((i) => i.data_sources as Record<string, unknown>[]);
      assert.deepEqual(names('index'), tree.indices.map((i) => i.display_name));
      assert.deepEqual(names('data-source'), dataSources.map((d) => d.display_name));
      assert.deepEqual(names('retriever'), tree.retrievers.map((r) => r.display_name));
      assert.deepEqual(names('plugin'), tree.plugins.map((p) => p.display_name));
      assert.deepEqual(names('web-experience'), tree.web_experiences.map((w) => w.title));
      assert.deepEqual(names('data-accessor'), tree.data_accessors.map((a) => a.display_name));
      assert.deepEqual(names('other'), [q.unlisted.name], 'a resource with findings that the inventory does not list');
      for (const n of nodes) {
        assert.ok(n.arn.startsWith(`${hr.arn}/`), n.arn);
        assert.deepEqual({ fail: n.fail, error: n.error, muted: n.muted }, expectedCounts(input, n.arn), `${n.kind} ${n.name}`);
      }
      const node = (arn: string): ShownNode => nodes.find((n) => n.arn === arn) as ShownNode;
      const plugin = node(q.plugin.arn);
      assert.deepEqual([plugin.fail, plugin.error, plugin.muted], [1, 0, 0]);
      for (const s of ['CUSTOM', 'Enabled', 'No authentication', 'https://api.weather.example.org', 'calls https://api.weather.example.org without authentication']) assert.ok(plugin.text.includes(s), s);
      const pluginOk = node(q.pluginOk.arn);
      assert.deepEqual([pluginOk.fail, pluginOk.error], [0, 0]);
      for (const s of ['SERVICE_NOW', 'Disabled', 'OAuth 2.0 client credentials']) assert.ok(pluginOk.text.includes(s), s);
      const web = node(q.webExperience.arn);
      assert.deepEqual([web.fail, web.muted], [1, 0]);
      for (const s of ['Origins', '*', 'http://localhost:3000', 'allows unrestricted origins']) assert.ok(web.text.includes(s), s);
      const mutedWeb = node(q.mutedWebExperience.arn);
      assert.deepEqual([mutedWeb.fail, mutedWeb.muted], [0, 1], 'muted findings are counted apart');
      assert.ok(mutedWeb.text.includes('none configured'));
      const dataSource = node(q.dataSource.arn);
      assert.deepEqual([dataSource.error, dataSource.fail], [1, 0]);
      for (const s of ['S3', `arn:aws:iam::${input.result.scan.account_id}:role/service-role/QBusinessS3Role`, 'cron(0 2 * * ? *)']) assert.ok(dataSource.text.includes(s), s);
      assert.ok(nodes.find((n) => n.kind === 'data-source' && n.name === 'intranet-sharepoint')?.text.includes('redact-pii'));
      assert.ok(nodes.find((n) => n.kind === 'retriever')?.text.includes('hr-enterprise-index'), 'a retriever names its index');
      assert.ok(nodes.find((n) => n.kind === 'index')?.text.includes('48,210'));
      const accessor = nodes.find((n) => n.kind === 'data-accessor') as ShownNode;
      for (const s of ['arn:aws:iam::999999999999:role/IsvEnterpriseSearch', '999999999999 (another account)', 'qbusiness:SearchRelevantContent']) assert.ok(accessor.text.includes(s), s);

      // A badge filters the findings tab to that resource (and that status).
      const live = unmuted(input);
      await page.click(`[data-testid="qnode"][data-arn="${q.plugin.arn}"] [data-testid="qbadge-FAIL"]`);
      assert.equal(await page.getAttribute('[data-testid="tab-findings"]', 'aria-selected'), 'true');
      await waitForMatches(page, 1);
      assert.equal(await page.isVisible('[data-testid="resource-filter"]'), true);
      assert.equal(await page.textContent('[data-testid="resource-filter-name"]'), `Plugin ${q.plugin.name}`);
      assert.equal(await page.isChecked('[data-testid="filter-status-FAIL"]'), true);
      assert.deepEqual(await rowAttr(page, 'data-check'), ['qbusiness_plugin_requires_auth']);
      assert.ok(((await page.textContent('[data-testid="finding-row"]')) ?? '').includes(q.plugin.name));
      // Removing the resource filter keeps the others.
      await page.click('[data-testid="resource-filter-clear"]');
      await waitForMatches(page, live.filter((f) => f.status === 'FAIL').length);
      assert.equal(await page.isVisible('[data-testid="resource-filter"]'), false);

      await page.click('[data-testid="tab-qinventory"]');
      await page.click(`[data-testid="qnode"][data-arn="${q.webExperience.arn}"] [data-testid="qbadge-FAIL"]`);
      await waitForMatches(page, 1);
      assert.deepEqual(await rowAttr(page, 'data-check'), ['qbusiness_web_experience_origins_restricted']);
      // The muted badge opens the muted tab, filtered to the resource.
      await page.click('[data-testid="tab-qinventory"]');
      await page.click(`[data-testid="qnode"][data-arn="${q.mutedWebExperience.arn}"] [data-testid="qbadge-muted"]`);
      assert.equal(await page.getAttribute('[data-testid="tab-muted"]', 'aria-selected'), 'true');
      await waitForMatches(page, 1, 'muted-count');
      assert.ok(((await page.textContent('[data-testid="muted-row"]')) ?? '').includes('Accepted risk 2042'));
      // The application's summary: its failed and errored findings and its resources'.
      await page.click('[data-testid="tab-qinventory"]');
      await page.click(`[data-testid="qapp"][data-arn="${hr.arn}"] [data-testid="qapp-summary"]`);
      const subtree = live.filter((f) => (f.resource.arn ?? f.resource.id).startsWith(hr.arn) && (f.status === 'FAIL' || f.status === 'ERROR'));
      assert.equal(subtree.length, 6);
      await waitForMatches(page, subtree.length);
      assert.equal(await page.textContent('[data-testid="resource-filter-name"]'), `Application ${hr.name} and its resources`);
      await page.click('[data-testid="clear-filters"]');
      await waitForMatches(page, live.length);
      assert.equal(await page.isVisible('[data-testid="resource-filter"]'), false);

      // Applications and nodes collapse and expand.
      await page.click('[data-testid="tab-qinventory"]');
      const body = `[data-testid="qapp"][data-arn="${hr.arn}"] .qapp-body`;
      assert.equal(await page.isVisible(body), true);
      await page.click(`[data-testid="qapp"][data-arn="${hr.arn}"] [data-testid="qapp-toggle"]`);
      assert.equal(await page.isVisible(body), false);
      await page.click('[data-testid="q-inventory-expand"]');
      assert.equal(await page.isVisible(body), true);
      const indexToggle = page.locator(`[data-testid="qapp"][data-arn="${hr.arn}"] [data-kind="index"] > .qrow .qtoggle`);
      await indexToggle.click();
      assert.equal(await indexToggle.getAttribute('aria-expanded'), 'false');
      assert.equal(await page.isVisible(`[data-testid="qnode"][data-arn="${q.dataSource.arn}"]`), false);
      await page.click('[data-testid="q-inventory-collapse"]');
      assert.equal(await page.isVisible(body), false);

      assert.deepEqual(requests, [url]);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(pageErrors, []);
    });

    it('has no Amazon Q inventory tab without an inventory finding', async function () {
      const a = await load(sampleReportInput(100), 'no-q-inventory');
      assert.equal(await a.page.isVisible('[data-testid="tab-qinventory"]'), false);
      assert.equal(await a.page.isVisible('[data-testid="q-inventory"]'), false);
      // Findings on Q Business resources alone do not make an inventory.
      const input = sampleReportInput(100, { qbusiness: true });
      input.result.findings = input.result.findings.filter((f) => f.check_id !== Q_INVENTORY_CHECK_ID);
      assert.ok(input.result.findings.some((f) => f.resource.arn?.includes(':qbusiness:')));
      const b = await load(input, 'q-findings-no-inventory');
      assert.equal(await b.page.isVisible('[data-testid="tab-qinventory"]'), false);
      assert.equal(await rowCount(b.page, 'qapp'), 0);
      assert.deepEqual([...a.consoleErrors, ...a.pageErrors, ...b.consoleErrors, ...b.pageErrors], []);
    });

    it('renders markup in the Amazon Q inventory as literal text and never runs it', async function () {
      const input = sampleReportInput(200, { qbusiness: true, xss: true });
      const { q } = sampleQBusinessFindings(input.result.scan.account_id, true);
      const { page, url, consoleErrors, pageErrors, dialogs, requests } = await load(input, 'q-inventory-xss');
      await page.click('[data-testid="tab-qinventory"]');
      assert.equal(await page.textContent(`[data-testid="qnode"][data-arn="${q.plugin.arn}"] [data-testid="qnode-name"]`), XSS_NAME);
      assert.equal(await page.textContent(`[data-testid="qnode"][data-arn="${q.webExperience.arn}"] [data-testid="qnode-name"]`), XSS_MESSAGE);
      await page.click(`[data-testid="qnode"][data-arn="${q.plugin.arn}"] [data-testid="qbadge-FAIL"]`);
      await waitForMatches(page, 1);
      assert.equal(await page.textContent('[data-testid="resource-filter-name"]'), `Plugin ${XSS_NAME}`);
      await page.waitForTimeout(200);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.equal(await page.evaluate(() => document.querySelectorAll('img, svg, iframe, object, embed').length), 0);
      assert.equal(await page.evaluate(() => document.scripts.length), 2, 'only the data and the report script');
      assert.deepEqual(dialogs, []);
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(requests, [url]);
    });

    it('renders an empty scan, and findings of checks it has no metadata for', async function () {
      const empty = sampleReportInput(0);
      const a = await load(empty, 'empty');
      assert.equal(await matches(a.page), 0);
      assert.equal(await a.page.getAttribute('[data-testid="summary-total"]', 'data-count'), '0');
      assert.equal(await a.page.isVisible('#findings-empty'), true);
      assert.deepEqual([...a.consoleErrors, ...a.pageErrors], []);

      const orphan = sampleReportInput(30, { credentialUsers: 0 });
      orphan.checks = orphan.checks.slice(0, 2);
      const b = await load(orphan, 'orphan');
      assert.equal(await matches(b.page), unmuted(orphan).length);
      const last = b.page.locator('[data-testid="finding-row"]').last();
      const checkId = await last.getAttribute('data-check');
      const finding = orphan.result.findings.find((f) => f.check_id === checkId) as Finding;
      await last.click();
      assert.equal(await b.page.textContent('[data-testid="detail-remediation-text"]'), finding.remediation.text);
      assert.deepEqual([...b.consoleErrors, ...b.pageErrors], []);
    });

    it("shows the compliance view: each framework's requirements with status, counts and checks; a check filters the findings", async function () {
      const input = sampleReportInput(600, { compliance: true, mutedEvery: 10 });
      const { page, url, consoleErrors, pageErrors, requests, dialogs } = await load(input, 'compliance');
      const summaries = input.compliance as FrameworkSummary[];
      assert.equal(await page.isVisible('[data-testid="tab-compliance"]'), true);
      assert.equal(await page.textContent('#tab-count-compliance'), String(summaries.length));
      assert.equal(await page.isVisible('[data-testid="tab-changes"]'), false);
      assert.equal(await rowCount(page, 'requirement-row'), 0, 'rendered only when the tab is opened');

      await page.click('[data-testid="tab-compliance"]');
      assert.equal(await page.isVisible('[data-testid="compliance"]'), true);
      assert.equal(await page.isVisible('[data-testid="findings"]'), false);
      assert.equal(await page.isVisible('[data-testid="filters"]'), false, 'the finding filters do not apply here');

      const shown = async (): Promise<{ id: string; status: string; counts: number[]; text: string; links: string[]; idle: string[] }[]> =>
        page.$$eval('[data-testid="requirement-row"]', (rows) =>
          rows.map((r) => ({
            id: r.getAttribute('data-requirement') ?? '',
            status: r.getAttribute('data-status') ?? '',
            counts: ['data-fail', 'data-error', 'data-manual', 'data-pass'].map((a) => Number(r.getAttribute(a))),
            text: r.textContent ?? '',
            links: [...r.querySelectorAll('[data-testid="requirement-check"]')].map((b) => b.textContent ?? ''),
            idle: [...r.querySelectorAll('[data-testid="requirement-check-idle"]')].map((b) => b.textContent ?? ''),
          })),
        );
      const withFindings = new Set(input.result.findings.map((f) => f.check_id));
      const expectFramework = async (fw: FrameworkSummary): Promise<void> => {
        const rows = await shown();
        assert.deepEqual(rows.map((r) => r.id), fw.requirements.map((r) => r.id), fw.key);
        fw.requirements.forEach((req, k) => {
          const row = rows[k];
          assert.equal(row.status, req.status, `${fw.key} ${req.id}`);
          assert.deepEqual(row.counts, [req.counts.FAIL, req.counts.ERROR, req.counts.MANUAL, req.counts.PASS], `${fw.key} ${req.id} counts`);
          assert.ok(row.text.includes(req.title), `${fw.key} ${req.id} title`);
          assert.deepEqual(row.links, req.checks.filter((c) => withFindings.has(c)));
          assert.deepEqual(row.idle, req.checks.filter((c) => !withFindings.has(c)));
        });
        for (const s of ['FAIL', 'ERROR', 'MANUAL', 'PASS', 'NOT_COVERED']) {
          const n = fw.requirements.filter((r) => r.status === s).length;
          assert.equal(Number(await page.getAttribute(`[data-testid="compliance-count-${s}"]`, 'data-count')), n, `${fw.key} ${s}`);
        }
        const sections = await page.$$eval('#compliance-body tr.section-row', (trs) => trs.map((t) => t.textContent ?? ''));
        // A section heading wherever the section changes (requirements stay in mapping order).
        assert.deepEqual(sections, fw.requirements.map((r) => r.section).filter((sec, k, all) => k === 0 || all[k - 1] !== sec));
      };

      const [cis, playbook] = summaries;
      assert.deepEqual(
        cis.requirements.map((r) => r.status),
        ['FAIL', 'FAIL', 'NOT_COVERED', 'NOT_COVERED', 'FAIL', 'MANUAL'],
        'the sample exercises failing, manual and not covered requirements',
      );
      await expectFramework(cis);
      // A title that is markup stays text.
      assert.ok((await shown()).some((r) => r.text.includes(XSS_NAME)));
      assert.equal(await page.evaluate(() => document.querySelectorAll('img, svg').length), 0);
      assert.equal(await page.textContent('[data-requirement="1.22"] .req-checks'), 'No qready check');

      await page.selectOption('[data-testid="compliance-framework"]', '1');
      await expectFramework(playbook);
      await page.selectOption('[data-testid="compliance-framework"]', '0');
      await expectFramework(cis);

      // A check filters the findings tab to that check, every other filter cleared.
      await page.click('[data-testid="tab-findings"]');
      await page.check('[data-testid="filter-status-PASS"]');
      await page.click('[data-testid="tab-compliance"]');
      const checkId = 'iam_user_mfa_enabled_console_access';
      await page.click(`[data-requirement="1.10"] [data-check="${checkId}"]`);
      const ofCheck = unmuted(input).filter((f) => f.check_id === checkId);
      await waitForMatches(page, ofCheck.length);
      assert.ok(ofCheck.length > 0);
      assert.equal(await page.getAttribute('[data-testid="tab-findings"]', 'aria-selected'), 'true');
      assert.equal(await page.isVisible('[data-testid="findings"]'), true);
      assert.equal(await page.isChecked('[data-testid="filter-status-PASS"]'), false);
      assert.deepEqual([...new Set(await rowAttr(page, 'data-check'))], [checkId]);
      assert.equal(await matches(page, 'muted-count'), input.result.findings.filter((f) => f.muted && f.check_id === checkId).length);

      assert.deepEqual(requests, [url]);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(pageErrors, []);
    });

    it('sends a check whose findings are all muted to the muted tab', async function () {
      const input = sampleReportInput(200, { compliance: true, mutedEvery: 0 });
      const checkId = 'iam_root_mfa_enabled';
      for (const f of input.result.findings) if (f.check_id === checkId) Object.assign(f, { muted: true, mute_reason: 'break-glass account' });
      const n = input.result.findings.filter((f) => f.check_id === checkId).length;
      assert.ok(n > 0);
      const { page } = await load(input, 'compliance-muted');
      await page.click('[data-testid="tab-compliance"]');
      await page.click(`[data-requirement="1.5"] [data-check="${checkId}"]`);
      assert.equal(await page.getAttribute('[data-testid="tab-muted"]', 'aria-selected'), 'true');
      await waitForMatches(page, n, 'muted-count');
      await waitForMatches(page, 0);
    });

    it('shows the changes since the baseline: counts per list, every entry decoded, in batches', async function () {
      const input = sampleReportInput(3000, { baseline: true, mutedEvery: 25 });
      const diff = input.diff as ScanDiff;
      const { page, url, consoleErrors, pageErrors, requests, dialogs } = await load(input, 'changes');
      const groups: [string, DiffEntry[]][] = [
        ['new_failures', diff.new_failures],
        ['resolved_failures', diff.resolved_failures],
        ['still_failing', diff.still_failing],
        ['newly_muted', diff.newly_muted],
        ['not_evaluated', diff.not_evaluated],
      ];
      assert.ok(groups.every(([, e]) => e.length > 0) && groups.some(([, e]) => e.length > 200), 'every list has entries, one needs several batches');
      assert.equal(await page.isVisible('[data-testid="tab-changes"]'), true);
      assert.equal(await page.isVisible('[data-testid="tab-compliance"]'), false);
      assert.equal(await page.textContent('#tab-count-changes'), `+${diff.new_failures.length}`);
      assert.equal(await rowCount(page, 'diff-row'), 0, 'rendered only when the tab is opened');

      await page.click('[data-testid="tab-changes"]');
      assert.equal(await page.isVisible('[data-testid="changes"]'), true);
      assert.equal(await page.isVisible('[data-testid="filters"]'), false);
      assert.ok(((await page.textContent('[data-testid="changes-note"]')) ?? '').includes(diff.old_scan.id));
      for (const [name, entries] of groups) {
        assert.equal(Number(await page.getAttribute(`[data-testid="diff-count-${name}"]`, 'data-count')), entries.length, name);
        const section = page.locator(`[data-testid="diff-group-${name}"]`);
        assert.equal(await section.locator('[data-testid="diff-row"]').count(), Math.min(200, entries.length), `${name}: first batch`);
        while (await page.isVisible(`[data-testid="diff-more-${name}"]`)) await page.click(`[data-testid="diff-more-${name}"]`);
        const rows = await section.locator('[data-testid="diff-row"]').evaluateAll((trs) =>
          trs.map((r) => ({
            id: r.getAttribute('data-id'),
            check: r.getAttribute('data-check'),
            before: r.getAttribute('data-before'),
            after: r.getAttribute('data-after'),
            mutedBefore: r.getAttribute('data-muted-before'),
            mutedAfter: r.getAttribute('data-muted-after'),
            message: r.querySelector('[data-testid="diff-message"]')?.textContent ?? null,
            text: r.textContent ?? '',
          })),
        );
        assert.equal(rows.length, entries.length, `${name}: all rows after "show more"`);
        entries.forEach((e, k) => {
          const row = rows[k];
          assert.deepEqual(
            [row.id, row.check, row.before, row.after, row.mutedBefore, row.mutedAfter, row.message],
            [e.id, e.check_id, e.status_before ?? '', e.status_after ?? '', String(e.muted_before), String(e.muted_after), e.message || '—'],
            `${name} ${k}`,
          );
          assert.ok(row.text.includes(e.title), `${name} ${k}: title`);
          assert.ok(row.text.includes(e.resource.name ?? e.resource.id), `${name} ${k}: resource`);
        });
      }
      // The entry stored whole (an older title) shows its own title; gone findings show "Gone".
      assert.ok(((await page.textContent('[data-testid="diff-group-still_failing"] [data-testid="diff-row"]')) ?? '').includes('An older title of this check'));
      const gone = await page.$$eval('[data-testid="diff-group-resolved_failures"] [data-after=""]', (trs) => trs.map((t) => t.textContent ?? ''));
      assert.equal(gone.length, 3);
      assert.ok(gone.every((t) => t.includes('Gone')));
      assert.ok(gone.some((t) => t.includes(XSS_NAME) && t.includes(XSS_MESSAGE)), 'markup in a gone entry is text');
      assert.equal(await page.evaluate(() => document.querySelectorAll('img, svg, iframe').length), 0);
      assert.equal(await page.evaluate(() => window.__pwned), undefined);

      // A card brings its list into view; the findings tab is back with its filters.
      await page.click('[data-testid="tab-findings"]');
      assert.equal(await page.isVisible('[data-testid="filters"]'), true);
      await page.click('[data-testid="tab-changes"]');
      await page.click('[data-testid="diff-count-not_evaluated"]');
      assert.equal(await page.locator('[data-testid="diff-group-not_evaluated"]').isVisible(), true);

      assert.deepEqual(requests, [url]);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(pageErrors, []);
    });

    it('has neither a compliance nor a changes tab without their data', async function () {
      const input = sampleReportInput(100);
      const { page, consoleErrors, pageErrors } = await load(input, 'no-compliance-no-diff');
      for (const t of ['compliance', 'changes']) {
        assert.equal(await page.isVisible(`[data-testid="tab-${t}"]`), false, t);
        assert.equal(await page.isVisible(`[data-testid="${t}"]`), false, t);
      }
      assert.equal(await rowCount(page, 'requirement-row'), 0);
      assert.equal(await rowCount(page, 'diff-row'), 0);
      // Arrow keys move over the visible tabs only.
      await page.focus('[data-testid="tab-findings"]');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.getAttribute('[data-testid="tab-credentials"]', 'aria-selected'), 'true');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.getAttribute('[data-testid="tab-findings"]', 'aria-selected'), 'true');
      assert.deepEqual([...consoleErrors, ...pageErrors], []);

      // An empty comparison and an empty framework list render without error.
      const empty = sampleReportInput(20, { baseline: true });
      const diff = empty.diff as ScanDiff;
      for (const k of ['new_failures', 'resolved_failures', 'still_failing', 'newly_muted', 'not_evaluated'] as const) diff[k] = [];
      empty.compliance = [];
      const b = await load(empty, 'empty-diff');
      assert.equal(await b.page.isVisible('[data-testid="tab-compliance"]'), false);
      await b.page.click('[data-testid="tab-changes"]');
      assert.equal(await b.page.getAttribute('[data-testid="diff-count-new_failures"]', 'data-count'), '0');
      assert.equal(await rowCount(b.page, 'diff-row'), 0);
      assert.deepEqual([...b.consoleErrors, ...b.pageErrors], []);
    });

    it('renders 5,000 findings lazily and loads more on scroll', async function () {
      const input = sampleReportInput(5000, { mutedEvery: 0 });
      const { page, consoleErrors, pageErrors } = await load(input, 'lazy');
      assert.equal(await matches(page), 5000);
      const initial = await rowCount(page);
      assert.ok(initial > 0 && initial <= 250, `${initial} rows initially`);
      assert.ok((await page.locator('tr').count()) < 500, 'the DOM holds far fewer rows than findings');
      await page.locator('#findings-sentinel').scrollIntoViewIfNeeded();
      await page.waitForFunction((n) => document.querySelectorAll('[data-testid="finding-row"]').length > n, initial);
      const afterScroll = await rowCount(page);
      assert.ok(afterScroll > initial && afterScroll < 5000, `${afterScroll} rows after one scroll`);
      await page.click('[data-testid="show-more"]');
      assert.ok((await rowCount(page)) > afterScroll);
      // Filtering recomputes over the data, not the DOM: a narrow filter shows every match.
      await page.check('[data-testid="filter-severity-informational"]');
      const info = input.result.findings.filter((f) => f.severity === 'informational').length;
      await waitForMatches(page, info);
      assert.equal(await rowCount(page), Math.min(200, info));
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(pageErrors, []);
    });
  });
});
