// Output formats and the file each one writes: <dir>/qready-<account>-<YYYYMMDDHHmmss>.<ext>.
import { join } from 'node:path';
import { writeAsffReport } from './asff/asff-report.js';
import { writeCsvReport } from './csv/csv-report.js';
import { writeHtmlReport } from './html/html-report.js';
import { writeJsonReport } from './json-report.js';
import { writeJunitReport } from './junit/junit-report.js';
import { writeOcsfReport } from './ocsf/ocsf-report.js';
import type { ReportInput } from './report-input.js';

export interface OutputFormat {
  name: string;
  extension: string;
  write(input: ReportInput, file: string): Promise<void>;
}

export const OUTPUT_FORMATS: readonly OutputFormat[] = [
  { name: 'json', extension: 'json', write: writeJsonReport },
  { name: 'html', extension: 'html', write: writeHtmlReport },
  { name: 'json-ocsf', extension: 'ocsf.json', write: writeOcsfReport },
  { name: 'csv', extension: 'csv', write: writeCsvReport },
  { name: 'json-asff', extension: 'asff.json', write: (input, file) => writeAsffReport(input, file) },
  { name: 'junit', extension: 'junit.xml', write: writeJunitReport },
];

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
