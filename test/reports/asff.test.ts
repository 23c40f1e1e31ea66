// ASFF mapping (reports/asff/asff.ts) and the json-asff writer: every status, muted findings,
// truncation at each limit with the marker, the 50-type and 32-requirement caps, evidence in
// ProductFields within the 50-field and 240 KB limits, and schema-valid output.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import {
  ASFF_LIMITS,
  asffTypes,
  capTypes,
  frameworkNames,
  TRUNCATION_MARKER,
  toAsff,
  toAsffSized,
  truncate,
  TYPE_BEST_PRACTICES,
  TYPE_CIS,
} from '../../reports/asff/asff.js';
import { writeAsffReport } from '../../reports/asff/asff-report.js';
import type { CheckSummary, ReportInput } from '../../reports/report-input.js';
import { demoSnapshot } from '../../examples/demo-account.js';
import { loadChecks } from '../../runner/checks/loader.js';
import { checkSummaries } from '../../runner/cli/scan-command.js';
import { evaluateAccount } from '../../runner/evaluate/evaluate.js';
import { STATUSES, type Finding, type ScanInfo } from '../../runner/findings/finding.js';
import { makeTmp, removeTmp } from '../cli/harness.js';
import { sampleReportInput } from '../helpers/sample-findings.js';
import { validateAsff } from '../security-hub/asff-validator.js';

const base = sampleReportInput(40, { mutedEvery: 0 });
const scan: ScanInfo = base.result.scan;
const checks = new Map(base.checks.map((c) => [c.id, c]));

function sample(status: Finding['status'] = 'FAIL'): { finding: Finding; check: CheckSummary } {
  const f = base.result.findings.find((x) => x.check_id === 'iam_user_mfa_enabled_console_access') ?? base.result.findings[1];
  return { finding: structuredClone({ ...f, status }), check: structuredClone(checks.get(f.check_id) as CheckSummary) };
}

function asff(f: Finding, c: CheckSummary | undefined = checks.get(f.check_id)): AwsSecurityFinding {
  const out = toAsff(f, c, scan);
  validateAsff([out]);
  return out;
}

describe('ASFF mapping', () => {
  it('maps the identity fields: stable prefixed Id, custom-integration ProductArn, GeneratorId, account, times', () => {
    const { finding, check } = sample();
    const a = asff(finding, check);
    assert.equal(a.SchemaVersion, '2018-10-08');
    assert.equal(a.Id, `qready/${finding.id}`);
    assert.equal(toAsff(structuredClone(finding), check, scan).Id, a.Id, 'same finding, same Id');
    assert.equal(a.ProductArn, `arn:aws:securityhub:${finding.region}:${scan.account_id}:product/${scan.account_id}/default`);
    assert.equal(a.GeneratorId, `qready/${finding.check_id}`);
    assert.equal(a.AwsAccountId, scan.account_id);
    assert.equal(a.CreatedAt, new Date(scan.started_at).toISOString());
    assert.equal(a.UpdatedAt, new Date(scan.finished_at).toISOString());
    assert.equal(a.ProductFields?.['qready/CheckId'], finding.check_id);
    assert.equal(a.ProductFields?.ProviderVersion, scan.tool_version);
    assert.equal(a.ProductFields?.['qready/ScanId'], scan.id);
    assert.deepEqual(a.Resources, [{
      Type: 'AwsIamUser', Id: finding.resource.arn, Partition: 'aws', Region: finding.region,
      Details: { Other: { 'qready/ResourceName': finding.resource.name } },
    }]);
  });

  it('maps every status: PASS→PASSED, FAIL→FAILED, MANUAL→WARNING (not a failure), ERROR→NOT_AVAILABLE', () => {
    const expected = { PASS: 'PASSED', FAIL: 'FAILED', MANUAL: 'WARNING', ERROR: 'NOT_AVAILABLE' } as const;
    for (const status of STATUSES) {
      const { finding, check } = sample(status);
      const a = asff(finding, check);
      assert.equal(a.Compliance?.Status, expected[status], status);
      assert.equal(a.ProductFields?.['qready/Status'], status);
      assert.equal(a.RecordState, 'ACTIVE');
      assert.deepEqual(a.Workflow, { Status: 'NEW' });
    }
  });

  it('maps every severity to its label, in the finding and in FindingProviderFields', () => {
    const labels = { critical: 'CRITICAL', high: 'HIGH', medium: 'MEDIUM', low: 'LOW', informational: 'INFORMATIONAL' } as const;
    for (const [sev, label] of Object.entries(labels)) {
      const { finding, check } = sample();
      finding.severity = sev as Finding['severity'];
      const a = asff(finding, check);
      assert.deepEqual(a.Severity, { Label: label, Original: sev });
      assert.deepEqual(a.FindingProviderFields?.Severity, { Label: label, Original: sev });
    }
  });

  it('archives and suppresses a muted finding, keeping its status and reason', () => {
    const { finding, check } = sample('FAIL');
    finding.muted = true;
    finding.mute_reason = 'Accepted risk 1042: sandbox';
    const a = asff(finding, check);
    assert.equal(a.RecordState, 'ARCHIVED');
    assert.deepEqual(a.Workflow, { Status: 'SUPPRESSED' });
    assert.equal(a.Compliance?.Status, 'FAILED');
    assert.equal(a.ProductFields?.['qready/MuteReason'], 'Accepted risk 1042: sandbox');
  });

  it('types: CIS-mapped checks carry the CIS type, others the best-practices type, at most 50', () => {
    assert.deepEqual(asffTypes({ 'cis_aws_3.0': ['1.10'], aws_fsbp: ['IAM.5'] }), [TYPE_CIS]);
    assert.deepEqual(asffTypes({ aws_fsbp: ['IAM.5'] }), [TYPE_BEST_PRACTICES]);
    assert.deepEqual(asffTypes({}), [TYPE_BEST_PRACTICES]);
    const many = Array.from({ length: 60 }, (_, i) => `Software and Configuration Checks/Vulnerabilities/Type${i}`);
    const capped = capTypes(many);
    assert.equal(capped.length, 50);
    assert.deepEqual(capped, many.slice(0, 50));
    assert.throws(() => capTypes(['Not A Namespace/x']), /not an ASFF finding type/);
    for (const f of sampleReportInput(300).result.findings) {
      const a = toAsff(f, checks.get(f.check_id), scan);
      assert.ok((a.Types ?? []).length >= 1 && (a.Types ?? []).length <= 50);
    }
  });

  it('builds RelatedRequirements from the check\'s compliance map with framework names', () => {
    const { finding, check } = sample();
    check.compliance = { 'cis_aws_3.0': ['1.10'], 'cis_aws_5.0': ['1.9'], aws_fsbp: ['IAM.5'], custom_fw: ['R-1'] };
    const a = asff(finding, check);
    assert.deepEqual(a.Compliance?.RelatedRequirements, [
      'CIS AWS Foundations Benchmark v3.0.0/1.10',
      'CIS AWS Foundations Benchmark v5.0.0/1.9',
      'AWS Foundational Security Best Practices v1.0.0/IAM.5',
      'custom_fw/R-1',
    ]);
    assert.deepEqual(a.Types, [TYPE_CIS]);
    const names = frameworkNames([{ key: 'custom_fw', name: 'Custom Framework', version: '2' }, { key: 'cis_aws_3.0', name: 'CIS Amazon Web Services Foundations Benchmark', version: '3.0.0' }]);
    assert.deepEqual(names, { custom_fw: 'Custom Framework v2' }, 'built-in keys keep the Security Hub spelling');
    const named = toAsff(finding, check, scan, { frameworkNames: names });
    assert.equal(named.Compliance?.RelatedRequirements?.[3], 'Custom Framework v2/R-1');
    check.compliance = {};
    assert.equal(asff(finding, check).Compliance?.RelatedRequirements, undefined);
  });

  it('keeps 32 of 33 related requirements and marks the cut in ProductFields', () => {
    const { finding, check } = sample();
    check.compliance = { 'cis_aws_3.0': Array.from({ length: 33 }, (_, i) => `1.${i + 1}`) };
    const a = asff(finding, check);
    assert.equal(a.Compliance?.RelatedRequirements?.length, 32);
    assert.equal(a.Compliance?.RelatedRequirements?.[31], 'CIS AWS Foundations Benchmark v3.0.0/1.32');
    assert.ok(a.ProductFields?.['qready/RelatedRequirementsTruncated']?.includes(TRUNCATION_MARKER));
    assert.ok(a.ProductFields?.['qready/RelatedRequirements']?.endsWith('CIS AWS Foundations Benchmark v3.0.0/1.33'));
    check.compliance = { 'cis_aws_3.0': Array.from({ length: 32 }, (_, i) => `1.${i + 1}`) };
    const exact = asff(finding, check);
    assert.equal(exact.Compliance?.RelatedRequirements?.length, 32);
    assert.equal(exact.ProductFields?.['qready/RelatedRequirementsTruncated'], undefined);
  });

  it('truncates Title (256), Description (1024) and Remediation text (512) with a visible marker', () => {
    const { finding, check } = sample();
    finding.title = 'T'.repeat(300);
    finding.message = 'M'.repeat(2000);
    finding.remediation = { text: 'R'.repeat(600), url: 'https://docs.aws.amazon.com/x.html' };
    const a = asff(finding, check);
    for (const [value, limit] of [[a.Title, 256], [a.Description, 1024], [a.Remediation?.Recommendation?.Text, 512]] as const) {
      assert.equal(value?.length, limit);
      assert.ok(value?.endsWith(TRUNCATION_MARKER));
    }
    assert.equal(a.Remediation?.Recommendation?.Url, 'https://docs.aws.amazon.com/x.html');
  });

  it('does not touch values at the limit, and never splits a surrogate pair', () => {
    assert.equal(truncate('x'.repeat(256), 256), 'x'.repeat(256));
    const emoji = '😀'.repeat(200); // 400 UTF-16 units
    const cut = truncate(emoji, 256);
    assert.ok(cut.length <= 256);
    assert.ok(cut.endsWith(TRUNCATION_MARKER));
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut), 'no lone high surrogate');
    assert.equal(truncate('a\uD800b', 10), 'a\uFFFDb', 'a lone surrogate becomes U+FFFD');
  });

  it('puts the message and the check description in Description, and the CLI in the remediation text', () => {
    const { finding, check } = sample();
    const a = asff(finding, check);
    assert.ok(a.Description?.startsWith(finding.message));
    assert.ok(a.Description?.includes(check.description));
    assert.ok(a.Remediation?.Recommendation?.Text?.includes(`CLI: ${finding.remediation.cli ?? ''}`));
    assert.equal(toAsff(finding, undefined, scan).Description, finding.message, 'without check metadata the message alone');
  });

  it('drops a remediation URL that is not http(s)', () => {
    const { finding, check } = sample();
    finding.remediation = { text: 'do it', url: 'javascript:alert(4)' };
    assert.deepEqual(asff(finding, check).Remediation, { Recommendation: { Text: 'do it' } });
  });

  it('sends a resource type ASFF does not define as Other, with the real type in Details.Other', () => {
    const { finding, check } = sample();
    finding.resource = { type: 'AwsQBusinessApplication', id: 'app-1', arn: 'arn:aws:qbusiness:us-east-1:123456789012:application/app-1', name: 'assistant' };
    finding.region = 'us-east-1';
    const [r] = asff(finding, check).Resources ?? [];
    assert.equal(r.Type, 'Other');
    assert.equal(r.Id, finding.resource.arn);
    assert.deepEqual(r.Details?.Other, { 'qready/ResourceType': 'AwsQBusinessApplication', 'qready/ResourceName': 'assistant', 'qready/ResourceId': 'app-1' });
    finding.resource = { type: 'AwsS3Bucket', id: 'bucket-1', arn: null, name: null };
    assert.deepEqual(asff(finding, check).Resources, [{ Type: 'AwsS3Bucket', Id: 'bucket-1', Partition: 'aws', Region: 'us-east-1' }]);
  });

  it('carries small evidence as one ProductFields value that parses back', () => {
    const { finding, check } = sample();
    finding.evidence = { user: 'alice', mfa: false, keys: [1, 2] };
    const a = asff(finding, check);
    assert.deepEqual(JSON.parse(a.ProductFields?.['qready/Evidence'] ?? ''), finding.evidence);
    finding.evidence = {};
    assert.equal(asff(finding, check).ProductFields?.['qready/Evidence'], undefined);
  });

  it('splits large evidence into parts within the 50-field limit: lossless when it fits, marked when cut', () => {
    const { finding, check } = sample();
    const partsOf = (fields: Record<string, string>): string => {
      const n = Number(fields['qready/EvidenceParts']);
      return Array.from({ length: n }, (_, i) => fields[`qready/Evidence/${String(i + 1).padStart(2, '0')}`]).join('');
    };
    // ~28,000 characters: 14 parts, all kept.
    finding.evidence = { rows: Array.from({ length: 400 }, (_, i) => ({ user: `user-${i}`, note: 'n'.repeat(40) })) };
    const whole = asff(finding, check).ProductFields ?? {};
    assert.ok(Number(whole['qready/EvidenceParts']) > 1);
    assert.deepEqual(JSON.parse(partsOf(whole)), finding.evidence);
    assert.equal(whole['qready/EvidenceTruncated'], undefined);
    // ~140,000 characters: more parts than the 50 fields allow.
    finding.evidence = { rows: Array.from({ length: 2000 }, (_, i) => ({ user: `user-${i}`, note: 'n'.repeat(40) })) };
    const json = JSON.stringify(finding.evidence);
    const fields = asff(finding, check).ProductFields ?? {};
    assert.equal(Object.keys(fields).length, 50, 'every field used, none more');
    for (const v of Object.values(fields)) assert.ok(v.length <= 2048);
    const kept = partsOf(fields);
    assert.ok(json.startsWith(kept) && kept.length < json.length);
    assert.equal(fields['qready/EvidenceTruncated'], `evidence JSON: ${kept.length} of ${json.length} characters kept ${TRUNCATION_MARKER}`);
  });

  it('keeps every record within 240 KB, dropping evidence when multi-byte text would exceed it', () => {
    const { finding, check } = sample();
    finding.evidence = { text: '漢'.repeat(120_000) };
    finding.mute_reason = '理'.repeat(3000);
    finding.muted = true;
    check.compliance = { 'cis_aws_3.0': Array.from({ length: 40 }, (_, i) => `${'要'.repeat(60)}${i}`) };
    finding.message = '説'.repeat(3000);
    const s = toAsffSized(finding, check, scan);
    validateAsff([s.finding]);
    assert.equal(s.bytes, Buffer.byteLength(JSON.stringify(s.finding)));
    assert.ok(s.bytes <= ASFF_LIMITS.findingBytes, `${s.bytes} bytes`);
    assert.ok(s.evidenceTruncated);
    assert.equal(s.oversize, false);
    assert.match(s.finding.ProductFields?.['qready/EvidenceTruncated'] ?? '', /characters kept …\[truncated\]$/);
  });

  it('maps the demo account\'s findings with the real check metadata, schema-valid', () => {
    const loaded = loadChecks();
    assert.deepEqual(loaded.errors, []);
    const snapshot = demoSnapshot();
    const summaries = new Map(checkSummaries(loaded.checks).map((c) => [c.id, c]));
    let cis = 0;
    for (const account of snapshot.accounts) {
      const info: ScanInfo = { ...scan, account_id: account.account_id, partition: account.partition, regions: account.regions };
      const findings = evaluateAccount(account, loaded.checks, { now: new Date(snapshot.collected_at) });
      assert.ok(findings.length > 0);
      const out = findings.map((f) => toAsff(f, summaries.get(f.check_id), info));
      validateAsff(out);
      for (const a of out) {
        assert.equal(a.AwsAccountId, account.account_id);
        if (a.Types?.includes(TYPE_CIS)) {
          cis++;
          assert.ok(a.Compliance?.RelatedRequirements?.some((r) => r.startsWith('CIS AWS Foundations Benchmark v')));
        }
      }
    }
    assert.ok(cis > 0, 'some demo findings are CIS-mapped');
  });

  it('produces schema-valid records for a varied sample, including injection attempts', () => {
    const input = sampleReportInput(2000, { xss: true, credentialUsers: 200 });
    const out = input.result.findings.map((f) => toAsff(f, checks.get(f.check_id), input.result.scan));
    validateAsff(out);
    assert.equal(new Set(out.map((a) => a.Id)).size, out.length, 'Ids are unique');
  });
});

describe('json-asff report writer', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = makeTmp('qready-asff-');
  });
  afterEach(() => removeTmp(tmp));

  function read(file: string): AwsSecurityFinding[] {
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    validateAsff(value);
    return value as AwsSecurityFinding[];
  }

  it('writes a JSON array of the ASFF records, in order, schema-valid', async () => {
    const input = sampleReportInput(1500, { xss: true });
    const file = join(tmp, 'qready-123456789012-20260301120000.asff.json');
    await writeAsffReport(input, file);
    const out = read(file);
    const byId = new Map(input.checks.map((c) => [c.id, c]));
    assert.deepEqual(out, input.result.findings.map((f) => toAsff(f, byId.get(f.check_id), input.result.scan)));
    assert.deepEqual(readdirSync(tmp), ['qready-123456789012-20260301120000.asff.json'], 'no temporary file left');
  });

  it('writes [] for no findings', async () => {
    const input: ReportInput = { ...sampleReportInput(0), checks: [] };
    const file = join(tmp, 'empty.json');
    await writeAsffReport(input, file);
    assert.deepEqual(read(file), []);
  });

  it('rejects when the target cannot be replaced, leaving no temporary file', async () => {
    const target = join(tmp, 'report.json');
    mkdirSync(target);
    await assert.rejects(writeAsffReport(sampleReportInput(50), target));
    assert.deepEqual(readdirSync(tmp), ['report.json']);
  });
});
