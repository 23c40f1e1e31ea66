// The few browser globals that functions passed to page.evaluate/waitForFunction use (they run in
// Chromium). The project compiles without the DOM lib, so each test module declares them with
// these shapes: `declare const document: ReportDocument;`.

export interface PageElement {
  getAttribute(name: string): string | null;
}

export interface ReportDocument {
  body: { dataset: Record<string, string | undefined> };
  scripts: { length: number };
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): { length: number };
}

/** What a report's page may set on window: a planted payload's marker, and the scan report's ready time. */
export interface ReportWindow {
  __pwned?: unknown;
  __qreadyReadyAt?: number;
}
