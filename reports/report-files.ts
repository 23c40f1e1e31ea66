// Output formats and the file each one writes: <dir>/qready-<account>-<YYYYMMDDHHmmss>.<ext>.
import { join } from 'node:path';
import { writeHtmlReport } from './html/html-report.js';
import { writeJsonReport } from './json-report.js';
import type { ReportInput } from './report-input.js';

export interface OutputFormat {
  name: string;
  extension: string;
  write(input: ReportInput, file: string): Promise<void>;
}

export const OUTPUT_FORMATS: readonly OutputFormat[] = [
  { name: 'json', extension: 'json', write: writeJsonReport },
  { name: 'html', extension: 'html', write: writeHtmlReport },
];

/** Formats named in DESIGN.md that this build does not write yet. */
export const PLANNED_FORMATS = ['json-ocsf', 'json-asff', 'csv', 'junit'] as const;

export function findFormat(name: string): OutputFormat | undefined {
  return OUTPUT_FORMATS.find((f) => f.name === name);
}

/** 2026-11-30T21:05:09.123Z → 20261130210509 */
export function fileTimestamp(iso: string): string {
  return iso.replace(/[-:T]/g, '').slice(0, 14);
}

export function reportPath(dir: string, accountId: string, startedAt: string, format: OutputFormat): string {
  return join(dir, `qready-${accountId}-${fileTimestamp(startedAt)}.${format.extension}`);
}
