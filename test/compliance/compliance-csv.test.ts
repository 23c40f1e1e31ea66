// The per-framework compliance CSV: RFC 4180 (CRLF, quoting, doubled quotes), formula-injection
// safe text cells, one row per requirement in mapping order, atomic write, and its file name.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { COMPLIANCE_CSV_COLUMNS, complianceCsv, complianceCsvPath, writeComplianceCsv, writeComplianceCsvs } from '../../reports/compliance/compliance-csv.js';
import type { FrameworkSummary, RequirementSummary } from '../../runner/compliance/compliance-types.js';

function req(id: string, title: string, status: RequirementSummary['status'], checks: string[] = [], counts: Partial<RequirementSummary['counts']> = {}): RequirementSummary {
  return { id, title, section: 'Section, with a comma', checks, status, counts: { PASS: 0, FAIL: 0, MANUAL: 0, ERROR: 0, ...counts } };
}

const SUMMARY: FrameworkSummary = {
  key: 'cis_aws_3.0',
  name: 'CIS Amazon Web Services Foundations Benchmark',
  version: '3.0.0',
  requirements: [
    req('1.5', "Ensure MFA is enabled for the 'root' user account", 'FAIL', ['iam_root_mfa_enabled'], { FAIL: 1 }),
    req('1.16', 'Ensure IAM policies that allow full "*:*" administrative privileges are not attached', 'PASS', ['iam_no_custom_policy_full_admin'], { PASS: 12 }),
    req('1.12', 'Two checks', 'MANUAL', ['iam_user_console_access_unused', 'iam_user_accesskey_unused'], { PASS: 3, MANUAL: 2, ERROR: 0 }),
    req('x.1', '=HYPERLINK("http://evil.example","click")', 'ERROR', [], { ERROR: 4 }),
    req('x.2', '+1+2', 'NOT_COVERED'),
    req('x.3', '-2+3', 'NOT_COVERED'),
    req('x.4', '@SUM(A1:A2)', 'NOT_COVERED'),
    req('x.5', '\tcmd', 'NOT_COVERED'),
    req('x.6', '\rcmd', 'NOT_COVERED'),
    req('x.7', 'line one\nline two', 'NOT_COVERED'),
    req('x.8', '\uFF1Dfull-width equals', 'NOT_COVERED'),
  ],
};

describe('compliance CSV', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'qready-compliance-csv-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a header and one CRLF-terminated row per requirement, RFC 4180 quoted', () => {
    const text = complianceCsv(SUMMARY);
    const lines = text.split('\r\n');
    assert.equal(lines[0], COMPLIANCE_CSV_COLUMNS.join(','));
    assert.equal(lines[lines.length - 1], '', 'ends with CRLF');
    assert.ok(!/[^\r]\n/.test(text.replace('line one\nline two', '')), 'no bare LF outside quoted cells');
    assert.equal(lines[1], 'cis_aws_3.0,CIS Amazon Web Services Foundations Benchmark,3.0.0,1.5,"Section, with a comma",Ensure MFA is enabled for the \'root\' user account,FAIL,1,0,0,0,iam_root_mfa_enabled');
    assert.ok(text.includes('"Ensure IAM policies that allow full ""*:*"" administrative privileges are not attached"'), 'quotes doubled');
    assert.ok(text.includes(',MANUAL,0,0,2,3,iam_user_console_access_unused;iam_user_accesskey_unused\r\n'), 'counts in fail,error,manual,pass order; checks joined with ;');

    const rows = parse(text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    assert.equal(rows.length, SUMMARY.requirements.length);
    rows.forEach((row, k) => {
      const r = SUMMARY.requirements[k];
      assert.equal(row.requirement_id, r.id);
      assert.equal(row.status, r.status);
      assert.equal(row.section, r.section);
      assert.equal(Number(row.pass), r.counts.PASS);
      assert.equal(row.checks, r.checks.join(';'));
    });
    assert.equal(rows[9].title, 'line one\nline two', 'a line break survives inside a quoted cell');
  });

  it('neutralises cells that a spreadsheet would run as a formula', () => {
    const rows = parse(complianceCsv(SUMMARY), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    const titles = new Map(rows.map((r) => [r.requirement_id, r.title]));
    assert.equal(titles.get('x.1'), `'=HYPERLINK("http://evil.example","click")`);
    assert.equal(titles.get('x.2'), "'+1+2");
    assert.equal(titles.get('x.3'), "'-2+3");
    assert.equal(titles.get('x.4'), "'@SUM(A1:A2)");
    assert.equal(titles.get('x.5'), "'\tcmd");
    assert.equal(titles.get('x.6'), "'\rcmd");
    assert.equal(titles.get('x.8'), "'\uFF1Dfull-width equals");
    assert.equal(titles.get('1.5'), SUMMARY.requirements[0].title, 'other cells unchanged');
    for (const row of rows) for (const cell of Object.values(row)) assert.ok(!/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell), `cell ${JSON.stringify(cell)}`);
  });

  it('writes atomically, leaving only the file behind', () => {
    const sub = mkdtempSync(join(dir, 'atomic-'));
    const file = join(sub, 'out.csv');
    writeComplianceCsv(SUMMARY, file);
    assert.deepEqual(readdirSync(sub), ['out.csv']);
    assert.equal(readFileSync(file, 'utf8'), complianceCsv(SUMMARY));
    writeComplianceCsv({ ...SUMMARY, requirements: SUMMARY.requirements.slice(0, 1) }, file);
    assert.equal(readFileSync(file, 'utf8').split('\r\n').length, 3, 'replaced, not appended');
    assert.deepEqual(readdirSync(sub), ['out.csv']);
  });

  it('writes one file per framework beside the reports', () => {
    const sub = mkdtempSync(join(dir, 'many-'));
    const files = writeComplianceCsvs([SUMMARY, { ...SUMMARY, key: 'aws_fsbp' }], sub, '123456789012', '2026-11-30T21:05:09Z');
    assert.deepEqual(files, [complianceCsvPath(sub, '123456789012', '2026-11-30T21:05:09Z', 'cis_aws_3.0'), complianceCsvPath(sub, '123456789012', '2026-11-30T21:05:09Z', 'aws_fsbp')]);
    assert.deepEqual(readdirSync(sub).sort(), ['qready-123456789012-20261130210509.compliance-aws_fsbp.csv', 'qready-123456789012-20261130210509.compliance-cis_aws_3.0.csv']);
  });

  it('names the file after the account, the scan start and the framework key', () => {
    assert.equal(complianceCsvPath('out', '123456789012', '2026-11-30T21:05:09.123Z', 'cis_aws_3.0'), join('out', 'qready-123456789012-20261130210509.compliance-cis_aws_3.0.csv'));
    assert.equal(complianceCsvPath('out', '123456789012', '2026-11-30T21:05:09Z', '../x y'), join('out', 'qready-123456789012-20261130210509.compliance-.._x_y.csv'), 'no path separator from a key');
  });
});
