// HTML report benchmark: file size with 50,000 findings, and the time until the page is usable
// (first rows rendered, filters wired: window.__qreadyReadyAt, measured from navigation start) in
// headless Chromium for 5,000 and 50,000 findings. The caller prints the ratio; the target is
// ready50k ≤ 4 × ready5k, i.e. load cost grows far slower than the finding count.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { writeHtmlReport } from '../reports/html/html-report.js';
import { sampleReportInput } from '../test/helpers/sample-findings.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const LOADS = 3;

// Runs in the page; the project compiles without the DOM lib.
declare const window: { __qreadyReadyAt?: number };

export interface HtmlReportBench {
  bytes50k: number;
  ready5kMs: number;
  ready50kMs: number;
  ratio: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** One load in a fresh browser context: performance.now() at readiness (ms since navigation start). */
async function readyMs(browser: Browser, file: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'commit' });
    await page.waitForFunction(() => typeof window.__qreadyReadyAt === 'number', undefined, { timeout: 120000, polling: 50 });
    const t = await page.evaluate(() => window.__qreadyReadyAt as number);
    if (errors.length) throw new Error(`report page error: ${errors.join('; ')}`);
    return t;
  } finally {
    await context.close();
  }
}

export async function benchHtmlReport(): Promise<HtmlReportBench> {
  const dir = mkdtempSync(join(tmpdir(), 'qready-bench-html-'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const file5k = join(dir, 'report-5k.html');
    const file50k = join(dir, 'report-50k.html');
    await writeHtmlReport(sampleReportInput(5000), file5k);
    await writeHtmlReport(sampleReportInput(50000), file50k);
    const bytes50k = statSync(file50k).size;
    // One untimed load of each first (browser and disk caches warm for both), then the timed
    // loads alternate so that a slow moment of the machine hits both sizes alike.
    await readyMs(browser, file5k);
    await readyMs(browser, file50k);
    const t5k: number[] = [];
    const t50k: number[] = [];
    for (let k = 0; k < LOADS; k++) {
      t5k.push(await readyMs(browser, file5k));
      t50k.push(await readyMs(browser, file50k));
    }
    const ready5kMs = median(t5k);
    const ready50kMs = median(t50k);
    return { bytes50k, ready5kMs, ready50kMs, ratio: ready50kMs / ready5kMs };
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
