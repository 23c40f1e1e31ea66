// The investigation HTML report, checked as a file and in real headless Chromium: strict CSP and
// no external reference; answers first with flagged rows marked; a timeline that filters on text,
// scope, category, principal and event name; per-principal activity; source problems and
// unclassified names; the timeline capped at TIMELINE_CAP events with the rest counted; logged
// markup shown as text and never run. Chromium must launch: a missing browser fails the run.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ReportDocument, ReportWindow } from '../helpers/browser-globals.js';
import { launchChromium, openReportPage, type LoadedPage } from '../helpers/report-page.js';
import {
  renderInvestigationHtml,
  TIMELINE_CAP,
  TIMELINE_DATA_COLUMNS,
  timelineData,
  writeInvestigationHtml,
  type TimelineData,
} from '../../reports/investigation/investigation-html.js';
import type { TrailEvent } from '../../runner/investigate/event.js';
import type { InvestigationOutput } from '../../runner/investigate/investigation.js';
import { makeTmp, removeTmp } from '../cli/harness.js';
import { HOSTILE_MARKUP, quietInvestigation, sampleInvestigation, type Sample } from './investigation-sample.js';

// Browser globals of the functions run in Chromium (see browser-globals.ts).
declare const document: ReportDocument;
declare const window: ReportWindow;

/** The embedded timeline data of a rendered page. */
function embedded(html: string): { json: string; data: TimelineData; markup: string } {
  const open = '<script type="application/json" id="inv-data">';
  const start = html.indexOf(open) + open.length;
  const end = html.indexOf('</script>', start);
  const json = html.slice(start, end);
  return { json, data: JSON.parse(json) as TimelineData, markup: html.slice(0, start) + html.slice(end) };
}

/** Counts how many events a writer pulls from the spool. */
function counting(output: InvestigationOutput): { output: InvestigationOutput; pulled: () => number } {
  let pulled = 0;
  return {
    output: {
      ...output,
      async *events() {
        for await (const e of output.events()) {
          pulled++;
          yield e;
        }
      },
    },
    pulled: () => pulled,
  };
}

describe('investigation HTML report', function () {
  this.timeout(120000);
  let dir: string;
  before(() => {
    dir = makeTmp('qready-inv-html-');
  });
  after(() => removeTmp(dir));

  describe('the file', function () {
    it('has a strict CSP, no external reference, and the timeline embedded once as escaped JSON', async function () {
      const sample = sampleInvestigation({ hostile: true });
      const html = await renderInvestigationHtml(sample.output);
      const { json, data, markup } = embedded(html);
      assert.ok(!/[<>&\u2028\u2029]/.test(json), 'no raw <, >, &, U+2028, U+2029 in the embedded JSON');
      assert.deepEqual(data, JSON.parse(JSON.stringify(await timelineData(sample.output))));
      assert.equal(html.split('id="inv-data"').length, 2, 'one data element');
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
      assert.match(csp, /style-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
      assert.ok(!/unsafe-inline|unsafe-eval/.test(csp));
      assert.ok(!/\b(src|href)=["']?(https?:)?\/\//i.test(markup), 'no external src/href');
      assert.ok(!/@import|url\(\s*['"]?(https?:)?\/\//i.test(markup), 'no external CSS resources');
      // The hostile markup appears only escaped, in the HTML and in the data.
      assert.ok(!html.includes('<img'), 'no img tag anywhere');
      assert.ok(markup.includes('&#60;/script&#62;&#60;img src=x onerror=alert(1)&#62;'));
    });

    it('embeds every event of a small window, each string once, flagged rows marked', async function () {
      const sample = sampleInvestigation();
      const data = await timelineData(sample.output);
      assert.deepEqual(data.columns, TIMELINE_DATA_COLUMNS);
      assert.equal(data.total, sample.events.length);
      assert.equal(data.shown, sample.events.length);
      assert.equal(new Set(data.strings).size, data.strings.length, 'strings are distinct');
      const col = (name: (typeof TIMELINE_DATA_COLUMNS)[number]): number => TIMELINE_DATA_COLUMNS.indexOf(name);
      assert.deepEqual(
        data.rows.map((r) => data.strings[r[col('eventId')]]),
        sample.events.map((e) => e.eventId),
      );
      assert.equal(data.strings[data.rows[0][col('time')]], '2026-03-01 09:12:03 UTC');
      const flaggedIds = new Set(sample.output.investigation.answers.flatMap((a) => a.items.filter((i) => i.flagged).flatMap((i) => i.events.map((e) => e.eventId))));
      assert.deepEqual(
        data.flagged.map((k) => data.strings[data.rows[k][col('eventId')]]),
        sample.events.filter((e) => flaggedIds.has(e.eventId)).map((e) => e.eventId),
      );
      assert.ok(data.flagged.length > 5);
    });

    it(`embeds at most ${TIMELINE_CAP} events, reads no more than that from the spool, and says how many more there are`, async function () {
      const sample = sampleInvestigation({ extraEvents: TIMELINE_CAP + 1234 });
      const { output, pulled } = counting(sample.output);
      const file = join(dir, 'capped.html');
      await writeInvestigationHtml(output, file);
      assert.equal(pulled(), TIMELINE_CAP);
      const html = readFileSync(file, 'utf8');
      const { data } = embedded(html);
      assert.equal(data.rows.length, TIMELINE_CAP);
      assert.equal(data.total, output.eventCount);
      const more = (output.eventCount - TIMELINE_CAP).toLocaleString('en-US');
      assert.match(html, new RegExp(`Showing the first 5,000 of ${output.eventCount.toLocaleString('en-US')} events in time order\\. The other ${more} are in the JSON`));
      assert.deepEqual(readdirSync(dir), ['capped.html'], 'written atomically, no temporary file left');
    });
  });

  describe('in Chromium', function () {
    let browser: Browser;
    const opened: Page[] = [];

    before(async function () {
      browser = await launchChromium();
    });
    after(async function () {
      await browser?.close();
    });
    afterEach(async function () {
      while (opened.length) await opened.pop()?.close();
    });

    async function load(sample: Sample, name: string): Promise<LoadedPage> {
      const file = join(dir, `${name}.html`);
      await writeInvestigationHtml(sample.output, file);
      const loaded = await openReportPage(browser, file);
      opened.push(loaded.page);
      return loaded;
    }

    const rows = (page: Page): Promise<number> => page.locator('[data-testid="tl-row"]').count();
    const matches = async (page: Page): Promise<number> => Number(await page.getAttribute('[data-testid="tl-count"]', 'data-matches'));
    async function waitForMatches(page: Page, n: number): Promise<void> {
      await page.waitForFunction((expected) => document.querySelector('[data-testid="tl-count"]')?.getAttribute('data-matches') === String(expected), n, { timeout: 10000 });
    }
    const rowIds = (page: Page): Promise<string[]> => page.$$eval('[data-testid="tl-row"]', (trs) => trs.map((tr) => tr.getAttribute('data-event-id') ?? ''));
    const ids = (events: TrailEvent[]): string[] => events.map((e) => e.eventId);

    it('loads with no console error, no page error and no request but the file itself', async function () {
      const { page, url, consoleErrors, pageErrors, requests, dialogs } = await load(sampleInvestigation(), 'clean');
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(requests, [url]);
      assert.deepEqual(dialogs, []);
      assert.equal(await page.textContent('[data-testid="meta-window"]'), '2026-03-01 00:00:00 UTC to 2026-03-08 00:00:00 UTC');
      assert.equal(await page.textContent('[data-testid="meta-source"]'), 'files:/var/incident/AWSLogs');
    });

    it('shows the answers first, each with its question and summary, flagged rows marked and open', async function () {
      const sample = sampleInvestigation();
      const { page } = await load(sample, 'answers');
      const inv = sample.output.investigation;
      // Answers come before the timeline and the principals.
      const order = await page.$$eval('main section[id]', (sections) => sections.map((s) => s.id));
      assert.ok(order.indexOf('answers') < order.indexOf('timeline') && order.indexOf('timeline') < order.indexOf('principals'), order.join(','));
      assert.deepEqual(await page.locator('[data-testid="answer-question"]').allTextContents(), inv.answers.map((a) => a.question));
      assert.deepEqual(await page.locator('[data-testid="answer-summary"]').allTextContents(), inv.answers.map((a) => a.summary));
      assert.equal(await page.getAttribute('[data-testid="verdict"]', 'data-flagged'), 'true');
      assert.match((await page.textContent('[data-testid="verdict"]')) ?? '', /Tampering or unknown activity found/);
      for (const a of inv.answers) {
        const section = page.locator(`[data-testid="answer"][data-answer="${a.id}"]`);
        assert.equal(await section.getAttribute('data-flagged'), String(a.flagged), a.id);
        const items = section.locator('[data-testid="answer-item"]');
        assert.deepEqual(await items.locator('[data-testid="item-label"]').allTextContents(), a.items.map((i) => i.label), a.id);
        for (const [k, item] of a.items.entries()) {
          const row = items.nth(k);
          assert.equal(await row.getAttribute('data-flagged'), String(item.flagged));
          assert.equal(await row.locator('[data-testid="flag-badge"]').count(), item.flagged ? 1 : 0, item.label);
          assert.equal(await row.evaluate((d) => (d as unknown as { open: boolean }).open), item.flagged, `${item.label} open`);
          // The events behind the row, with the fields a responder needs.
          const eventIds = await row.locator('[data-testid="item-event"]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-event-id')));
          assert.deepEqual(eventIds, item.events.map((e) => e.eventId));
        }
      }
      const stop = page.locator('[data-testid="answer-item"]', { hasText: 'logging stopped on trail org-trail' });
      assert.ok(await stop.isVisible());
      const cells = await stop.locator('[data-testid="item-event"] td').allTextContents();
      assert.equal(cells[0], '2026-03-02 09:06:00 UTC');
      assert.ok(cells[1].startsWith('StopLogging'));
      assert.equal(cells[2], 'arn:aws:sts::111122223333:assumed-role/QBusinessAdmin/mallory');
      assert.equal(cells[3], '203.0.113.99');
      assert.ok(cells[4].startsWith('aws-cli/2.17.0'));
      assert.equal(cells[5], 'us-east-1');
      assert.equal(cells[6], 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail');
      assert.equal(cells[7], '0a1b2c3d-0000-4000-8000-000000000010');
      assert.equal(await page.locator('[data-testid="omitted-items"]').count(), 1);
    });

    it('says plainly when nothing was flagged', async function () {
      const { page } = await load(quietInvestigation(), 'quiet');
      assert.equal(await page.getAttribute('[data-testid="verdict"]', 'data-flagged'), 'false');
      assert.match((await page.textContent('[data-testid="verdict"]')) ?? '', /No tampering or unknown activity found/);
      assert.equal(await page.locator('[data-testid="answer-item"][data-flagged="true"]').count(), 0);
      assert.equal(await page.locator('[data-testid="problems"]').count(), 0);
    });

    it('filters the timeline by scope, category, principal, event name, text and flagged rows, and clears', async function () {
      const sample = sampleInvestigation();
      const { page, consoleErrors, pageErrors } = await load(sample, 'filters');
      const all = sample.events;
      assert.equal(await rows(page), all.length);
      assert.equal(await matches(page), all.length);
      assert.deepEqual(await rowIds(page), ids(all), 'time order');

      await page.selectOption('[data-testid="tl-scope"]', 'related');
      const related = all.filter((e) => e.scope === 'related');
      await waitForMatches(page, related.length);
      assert.deepEqual(await rowIds(page), ids(related));
      await page.selectOption('[data-testid="tl-scope"]', '');

      await page.selectOption('[data-testid="tl-category"]', 'resource_lifecycle');
      const lifecycle = all.filter((e) => e.qClass?.category === 'resource_lifecycle');
      await waitForMatches(page, lifecycle.length);
      assert.deepEqual(await rowIds(page), ids(lifecycle));
      await page.selectOption('[data-testid="tl-category"]', { label: 'unclassified (1)' });
      await waitForMatches(page, 1);
      assert.deepEqual(await rowIds(page), ids(all.filter((e) => e.scope === 'q' && !e.qClass)));
      // Events outside Amazon Q have no category: a choice of its own, not "all".
      await page.selectOption('[data-testid="tl-category"]', { label: `(not Amazon Q) (${all.filter((e) => e.scope !== 'q').length})` });
      await waitForMatches(page, all.filter((e) => e.scope !== 'q').length);
      await page.selectOption('[data-testid="tl-category"]', '');

      const alice = 'arn:aws:iam::111122223333:user/alice';
      await page.selectOption('[data-testid="tl-principal"]', alice);
      const byAlice = all.filter((e) => e.principal.key === alice);
      await waitForMatches(page, byAlice.length);
      assert.deepEqual(await rowIds(page), ids(byAlice));
      await page.selectOption('[data-testid="tl-name"]', 'DescribeInstances');
      await waitForMatches(page, 1);
      assert.deepEqual(await rowIds(page), ids(byAlice.filter((e) => e.eventName === 'DescribeInstances')));

      await page.click('[data-testid="tl-clear"]');
      await waitForMatches(page, all.length);
      await page.fill('[data-testid="tl-search"]', '198.51.100.23');
      const fromIp = all.filter((e) => e.sourceIp === '198.51.100.23');
      await waitForMatches(page, fromIp.length);
      assert.deepEqual(await rowIds(page), ids(fromIp));
      await page.fill('[data-testid="tl-search"]', 'ORG-TRAIL');
      await waitForMatches(page, all.filter((e) => e.resources.some((r) => r.arn?.includes('org-trail'))).length);
      await page.fill('[data-testid="tl-search"]', 'no such thing anywhere');
      await waitForMatches(page, 0);
      assert.equal(await rows(page), 0);
      assert.ok(await page.isVisible('#tl-empty'));

      await page.click('[data-testid="tl-clear"]');
      await page.check('[data-testid="tl-flagged"]');
      const flaggedIds = new Set(sample.output.investigation.answers.flatMap((a) => a.items.filter((i) => i.flagged).flatMap((i) => i.events.map((e) => e.eventId))));
      await waitForMatches(page, all.filter((e) => flaggedIds.has(e.eventId)).length);
      const marked = await page.$$eval('[data-testid="tl-row"]', (trs) => trs.map((tr) => `${tr.getAttribute('data-flagged')}|${tr.className}`));
      assert.ok(marked.every((m) => m === 'true|flagged-event'), marked.join(','));
      await page.click('[data-testid="tl-clear"]');
      await waitForMatches(page, all.length);
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(pageErrors, []);
    });

    it('shows per-principal activity, and filters the timeline to a principal', async function () {
      const sample = sampleInvestigation();
      const { page } = await load(sample, 'principals');
      const { principals } = sample.output.investigation;
      assert.deepEqual(await page.locator('[data-testid="principal-name"]').allTextContents(), principals.map((p) => p.name));
      const mallory = principals.find((p) => p.name === 'QBusinessAdmin/mallory');
      assert.ok(mallory && mallory.deniedEvents === 6);
      const row = page.locator(`[data-testid="principal-row"][data-principal="${mallory.key}"]`);
      assert.equal(await row.locator('[data-testid="principal-denied"]').textContent(), '6');
      await row.locator('[data-testid="principal-filter"]').click();
      const theirs = sample.events.filter((e) => e.principal.key === mallory.key);
      await waitForMatches(page, theirs.length);
      assert.deepEqual(await rowIds(page), ids(theirs));
      assert.equal(await page.inputValue('[data-testid="tl-principal"]'), mallory.key);
    });

    it('shows source problems by name and the unclassified event names', async function () {
      const sample = sampleInvestigation();
      const { page } = await load(sample, 'problems');
      const problems = await page.locator('[data-testid="problem-row"]').allTextContents();
      assert.equal(problems.length, 2);
      for (const [k, p] of sample.output.investigation.problems.entries()) {
        assert.ok(problems[k].includes(p.where) && problems[k].includes(p.message), p.where);
      }
      assert.match((await page.textContent('[data-testid="problems-note"]')) ?? '', /2 source problems/);
      assert.deepEqual(await page.locator('[data-testid="unclassified-row"] td').allTextContents(), ['qbusiness.amazonaws.com', 'StartFrobnication', '1']);
      assert.equal(await page.getAttribute('[data-testid="stat-unclassified"]', 'data-count'), '1');
    });

    it('renders the capped timeline a page at a time', async function () {
      const sample = sampleInvestigation({ extraEvents: TIMELINE_CAP + 10 });
      const { page, consoleErrors } = await load(sample, 'capped');
      assert.equal(await matches(page), TIMELINE_CAP);
      assert.equal(await rows(page), 500);
      const rest = sample.output.eventCount - TIMELINE_CAP;
      assert.ok(rest > 10);
      assert.equal(await page.textContent('[data-testid="tl-count"]'), `5,000 events, ${rest} more in the JSON and CSV`);
      await page.click('[data-testid="tl-more"]');
      assert.equal(await rows(page), 1000);
      await page.fill('[data-testid="tl-search"]', 'ChatSync');
      const chatSyncs = await timelineData(sample.output).then((d) => d.rows.filter((r) => d.strings[r[TIMELINE_DATA_COLUMNS.indexOf('eventName')]] === 'ChatSync').length);
      await waitForMatches(page, chatSyncs);
      assert.ok(chatSyncs > 1000);
      assert.equal(await rows(page), 500);
      assert.deepEqual(consoleErrors, []);
    });

    it('shows hostile values as text and never runs them', async function () {
      const sample = sampleInvestigation({ hostile: true });
      const { page, url, consoleErrors, pageErrors, dialogs, requests } = await load(sample, 'hostile');
      // In the answers (a row label, a user agent), the timeline, the principals and the problems.
      assert.ok(((await page.locator('[data-testid="item-label"]').allTextContents()).join('\n')).includes(`plugin exfil-webhook ${HOSTILE_MARKUP} created`));
      assert.ok(((await page.locator('[data-testid="item-event"]').allTextContents()).join('\n')).includes(HOSTILE_MARKUP));
      await page.fill('[data-testid="tl-search"]', 'onerror');
      const hostile = sample.events.filter((e) => e.eventName.includes('onerror') || e.userAgent.includes('onerror'));
      await waitForMatches(page, hostile.length);
      const timeline = (await page.locator('[data-testid="tl-row"]').allTextContents()).join('\n');
      assert.ok(timeline.includes(`StartFrobnication${HOSTILE_MARKUP}`));
      await page.selectOption('[data-testid="tl-name"]', `StartFrobnication${HOSTILE_MARKUP}`);
      await waitForMatches(page, 1);
      assert.ok(((await page.locator('[data-testid="principals"]').textContent()) ?? '').includes(HOSTILE_MARKUP));
      assert.ok(((await page.locator('[data-testid="problems"]').textContent()) ?? '').includes(`AccessDeniedException ${HOSTILE_MARKUP}`));
      await page.waitForTimeout(200);
      assert.equal(await page.evaluate(() => document.querySelectorAll('img, svg, iframe, object, embed').length), 0);
      assert.equal(await page.evaluate(() => document.scripts.length), 2, 'only the data and the report script');
      assert.equal(await page.evaluate(() => window.__pwned), undefined);
      assert.deepEqual(dialogs, []);
      assert.deepEqual(consoleErrors, []);
      assert.deepEqual(pageErrors, []);
      assert.deepEqual(requests, [url]);
    });
  });
});
