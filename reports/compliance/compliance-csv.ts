// One CSV per compliance framework: a row per requirement with its status in this scan and the
// unmuted finding counts behind it. RFC 4180 (CRLF line ends, fields quoted when they hold a
// comma, quote or line break, quotes doubled), with a header row. Text cells that a spreadsheet
// would read as a formula (starting with =, +, -, @, tab or carriage return, or their full-width
// forms) are prefixed with a single quote. Written atomically.
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { FrameworkSummary } from '../../runner/compliance/compliance-types.js';
import { writeFileAtomic } from '../../runner/util/atomic-write.js';
import { fileTimestamp } from '../report-files.js';

export const COMPLIANCE_CSV_COLUMNS = [
  'framework',
  'framework_name',
  'framework_version',
  'requirement_id',
  'section',
  'title',
  'status',
  'fail',
  'error',
  'manual',
  'pass',
  'checks',
] as const;

/** The CSV text of a framework summary. */
export function complianceCsv(summary: FrameworkSummary): string {
  const rows: (string | number)[][] = summary.requirements.map((r) => [
    summary.key,
    summary.name,
    summary.version,
    r.id,
    r.section,
    r.title,
    r.status,
    r.counts.FAIL,
    r.counts.ERROR,
    r.counts.MANUAL,
    r.counts.PASS,
    r.checks.join(';'),
  ]);
  return stringify(rows, { header: true, columns: [...COMPLIANCE_CSV_COLUMNS], record_delimiter: 'windows', escape_formulas: true });
}

/** Writes the summary's CSV atomically (temporary file, then rename). */
export function writeComplianceCsv(summary: FrameworkSummary, file: string): void {
  writeFileAtomic(file, complianceCsv(summary));
}

/** <dir>/qready-<account>-<YYYYMMDDHHmmss>.compliance-<key>.csv, beside the scan's other reports. */
export function complianceCsvPath(dir: string, accountId: string, startedAt: string, key: string): string {
  return join(dir, `qready-${accountId}-${fileTimestamp(startedAt)}.compliance-${key.replace(/[^A-Za-z0-9_.-]/g, '_')}.csv`);
}

/** Writes one CSV per framework summary beside the scan's reports; returns the files written. */
export function writeComplianceCsvs(summaries: readonly FrameworkSummary[], dir: string, accountId: string, startedAt: string): string[] {
  return summaries.map((summary) => {
    const file = complianceCsvPath(dir, accountId, startedAt, summary.key);
    writeComplianceCsv(summary, file);
    return file;
  });
}
