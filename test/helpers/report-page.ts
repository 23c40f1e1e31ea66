// Opening a self-contained qready HTML report in real headless Chromium (Debian's chromium,
// driven by playwright-core), recording what a report must never do: console errors, page
// errors, network requests, dialogs. Chromium must launch: a missing browser fails the run.
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface LoadedPage {
  page: Page;
  url: string;
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
  dialogs: string[];
}

// The function passed to waitForFunction runs in Chromium; the project compiles without the DOM lib.
declare const document: { body: { dataset: Record<string, string | undefined> } };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Opens the report file and waits until its script marks the body ready. */
export async function openReportPage(browser: Browser, file: string): Promise<LoadedPage> {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const loaded: LoadedPage = { page, url, consoleErrors: [], pageErrors: [], requests: [], dialogs: [] };
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') loaded.consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => loaded.pageErrors.push(String(e)));
  page.on('request', (r) => loaded.requests.push(r.url()));
  page.on('dialog', (d) => {
    loaded.dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true', undefined, { timeout: 30000 });
  return loaded;
}
