// CSV report (`--output-formats csv`): RFC 4180 (comma-separated, CRLF record ends, a field that
// holds a comma, double quote, CR or LF is quoted and its quotes doubled), a header row, then one
// row per finding in input order. Compliance is flattened ("cis_aws_3.0: 1.10, 1.11 | aws_fsbp:
// IAM.5", the shape Prowler's CSV uses), evidence is compact JSON. No byte order mark: RFC 4180
// has none and pipelines (csv-parse, pandas, Athena) read the first header cell without one.
//
// Formula injection (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with `=`, `+`,
// `-`, `@`, tab or carriage return as a formula, and resource names, tags and messages come from
// the scanned account, so anyone who can name a resource could plant `=HYPERLINK(...)` or a DDE
// payload in the report a security engineer opens. Every such cell is prefixed with a single
// quote `'`, OWASP's recommendation, which spreadsheets show as text and never evaluate.
// csv-stringify's `escape_formulas` does exactly this (it also catches the full-width variants
// ＝ ＋ － ＠ that Apple Numbers normalises) for every cell, header included.
//
// csv-stringify is used through its sync API on batches of rows: each batch becomes one chunk
// for the atomic streaming writer, so memory stays at one batch however many findings there are,
// without a Node stream pipeline between a generator and the writer. Two of its defaults are
// overridden on purpose: `record_delimiter: '\r\n'` (RFC 4180), and `quote_record_delimiter: true`,
// because with a custom record delimiter csv-stringify otherwise quotes only fields containing the
// whole "\r\n" and would leave a bare LF or CR inside a message unquoted (a broken row).
import { writeStreamAtomic } from '../../runner/util/atomic-write.js';
import type { Compliance, Finding } from '../../runner/findings/finding.js';
import type { ReportInput } from '../report-input.js';
import { CsvChunks } from './csv-chunks.js';

export const CSV_COLUMNS = [
  'finding_id',
  'account_id',
  'region',
  'check_id',
  'title',
  'service',
  'severity',
  'status',
  'muted',
  'mute_reason',
  'resource_type',
  'resource_id',
  'resource_arn',
  'resource_name',
  'message',
  'remediation_text',
  'remediation_url',
  'compliance',
  'evidence',
] as const;


// About 30 KiB of CSV per chunk for a typical finding: well below V8's large-object size (128 KiB).
// Batches of 256 rows (~180 KiB strings) were allocated in large-object space, which only a full
// GC frees, and the write's peak RSS grew from 1 MB at 10,000 findings to 50 MB at 100,000.
const ROWS_PER_CHUNK = 48;

/** "cis_aws_3.0: 1.10, 1.11 | aws_fsbp: IAM.5"; frameworks and requirements in their given order. */
export function flattenCompliance(compliance: Compliance): string {
  let out = '';
  for (const [framework, requirements] of Object.entries(compliance)) {
    out += `${out ? ' | ' : ''}${framework}: ${requirements.join(', ')}`;
  }
  return out;
}

function row(f: Finding): string[] {
  return [
    f.id,
    f.account_id,
    f.region,
    f.check_id,
    f.title,
    f.service,
    f.severity,
    f.status,
    f.muted ? 'true' : 'false',
    f.mute_reason ?? '',
    f.resource.type,
    f.resource.id,
    f.resource.arn ?? '',
    f.resource.name ?? '',
    f.message,
    f.remediation.text,
    f.remediation.url ?? '',
    flattenCompliance(f.compliance),
    JSON.stringify(f.evidence),
  ];
}

function* chunks(input: ReportInput): Generator<string> {
  const csv = new CsvChunks(ROWS_PER_CHUNK);
  yield csv.header(CSV_COLUMNS);
  for (const f of input.result.findings) {
    const chunk = csv.add(row(f));
    if (chunk !== null) yield chunk;
  }
  const rest = csv.end();
  if (rest !== null) yield rest;
}

export async function writeCsvReport(input: ReportInput, file: string): Promise<void> {
  await writeStreamAtomic(file, chunks(input));
}
