// The OCSF writer: a JSON array of OCSF 1.5.0 Detection Findings, valid against
// check-metadata/ocsf.schema.json (strict ajv, formats), every status, severity and muted state
// mapped as REFERENCE.md says, text round-tripping exactly, and an atomic, streamed write.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { writeOcsfReport, type OcsfDetectionFinding } from '../../reports/ocsf/ocsf-report.js';
import type { ReportInput } from '../../reports/report-input.js';
import { SEVERITIES, STATUSES, type Finding, type Severity, type Status } from '../../runner/findings/finding.js';
import { packageRoot } from '../../runner/util/package-root.js';
import { demoSnapshot } from '../../examples/demo-account.js';
import { loadChecks } from '../../runner/checks/loader.js';
import { checkSummaries } from '../../runner/cli/scan-command.js';
import { evaluateAccount } from '../../runner/evaluate/evaluate.js';
import { makeTmp, removeTmp } from '../cli/harness.js';
import { sampleReportInput } from '../helpers/sample-findings.js';

// ajv-formats is CommonJS; under NodeNext its default export may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

let validator: ValidateFunction | undefined;

function validateOcsf(value: unknown): void {
  if (!validator) {
    const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(ajv);
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'check-metadata', 'ocsf.schema.json'), 'utf8')) as object;
    validator = ajv.compile(schema);
  }
  if (!validator(value)) {
    throw new Error(`OCSF output does not match ocsf.schema.json:\n${(validator.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('\n')}`);
  }
}

/** A sample input whose findings are replaced by `findings` (checks and scan kept). */
function withFindings(findings: Finding[]): ReportInput {
  const base = sampleReportInput(0);
  return { ...base, result: { ...base.result, findings } };
}

/** A plain FAIL finding of a known sample check, to vary one field at a time. */
function baseFinding(): Finding {
  const f = sampleReportInput(40, { credentialUsers: 0, mutedEvery: 0 }).result.findings.find((x) => x.status === 'FAIL' && x.resource.arn !== null && x.resource.name !== null);
  assert.ok(f);
  return structuredClone(f);
}

const OCSF_SEVERITY: Record<Severity, [number, string]> = {
  informational: [1, 'Informational'],
  low: [2, 'Low'],
  medium: [3, 'Medium'],
  high: [4, 'High'],
  critical: [5, 'Critical'],
};

describe('OCSF report writer', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = makeTmp('qready-ocsf-');
  });
  afterEach(() => removeTmp(tmp));

  async function writeAndRead(inp: ReportInput, name = 'report.ocsf.json'): Promise<OcsfDetectionFinding[]> {
    const file = join(tmp, name);
    await writeOcsfReport(inp, file);
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    validateOcsf(value);
    return value as OcsfDetectionFinding[];
  }

  it('writes a schema-valid array with one Detection Finding per finding, in input order', async () => {
    const inp = sampleReportInput(600, { xss: true });
    const out = await writeAndRead(inp);
    assert.ok(Array.isArray(out));
    assert.equal(out.length, 600);
    assert.deepEqual(out.map((o) => o.finding_info.uid), inp.result.findings.map((f) => f.id));
    for (const o of out) {
      assert.equal(o.class_uid, 2004);
      assert.equal(o.class_name, 'Detection Finding');
      assert.equal(o.category_uid, 2);
      assert.equal(o.category_name, 'Findings');
      assert.equal(o.activity_id, 1);
      assert.equal(o.activity_name, 'Create');
      assert.equal(o.type_uid, 200401);
      assert.equal(o.metadata.version, '1.5.0');
      assert.deepEqual(o.metadata.product, { uid: 'qready', name: 'qready', vendor_name: 'qready', version: '0.1.0' });
      assert.deepEqual(o.metadata.profiles, ['cloud', 'datetime']);
      assert.equal(o.cloud.provider, 'aws');
      assert.deepEqual(o.cloud.account, { uid: '123456789012', type_id: 10, type: 'AWS Account' });
    }
  });

  it('is schema-valid for the real checks on the demo account (their ir_phase, caf, compliance and resources)', async () => {
    const loaded = loadChecks();
    assert.deepEqual(loaded.errors, []);
    const snapshot = demoSnapshot();
    for (const account of snapshot.accounts) {
      const findings = evaluateAccount(account, loaded.checks, { now: new Date(snapshot.collected_at) });
      assert.ok(findings.length > 10);
      const inp: ReportInput = {
        result: {
          schema: 'qready.findings/v1',
          scan: { id: 'demo', tool_version: '0.1.0', started_at: '2026-11-30T09:00:00.000Z', finished_at: '2026-11-30T09:00:03.250Z', account_id: account.account_id, partition: account.partition, regions: account.regions },
          findings,
        },
        checks: checkSummaries(loaded.checks),
      };
      const out = await writeAndRead(inp, `demo-${account.account_id}.json`);
      assert.deepEqual(out.map((o) => o.finding_info.uid), findings.map((f) => f.id));
      assert.ok(out.every((o) => o.unmapped.ir_phase !== undefined && o.risk_details !== undefined));
    }
  });

  it('maps every finding field: event code, finding_info, resource, cloud, remediation, risk, unmapped, time', async () => {
    const inp = sampleReportInput(200);
    const out = await writeAndRead(inp);
    const checks = new Map(inp.checks.map((c) => [c.id, c]));
    const time = Date.parse(inp.result.scan.finished_at);
    inp.result.findings.forEach((f, k) => {
      const o = out[k];
      const check = checks.get(f.check_id);
      assert.ok(check);
      assert.equal(o.metadata.event_code, f.check_id);
      assert.equal(o.message, f.message);
      assert.equal(o.status_detail, f.message);
      assert.equal(o.time, time);
      assert.equal(o.time_dt, '2026-03-01T12:03:27.000Z');
      assert.equal(Date.parse(o.time_dt), o.time);
      assert.deepEqual(
        { ...o.finding_info, types: undefined },
        { uid: f.id, title: f.title, desc: check.description, created_time: time, created_time_dt: '2026-03-01T12:03:27.000Z', types: undefined },
      );
      assert.ok(o.finding_info.types.includes('Software and Configuration Checks/AWS Security Best Practices'));
      assert.ok(o.finding_info.types.includes('Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark'));
      assert.equal(o.resources.length, 1);
      const r = o.resources[0];
      assert.equal(r.uid, f.resource.arn ?? f.resource.id);
      assert.equal(r.name, f.resource.name ?? undefined);
      assert.equal(r.type, f.resource.type);
      assert.equal(r.region, f.region);
      assert.equal(r.cloud_partition, 'aws');
      assert.deepEqual(r.group, { name: f.service });
      assert.deepEqual(r.data, { resource_id: f.resource.id, evidence: f.evidence });
      assert.deepEqual(o.cloud, { provider: 'aws', region: f.region, account: { uid: f.account_id, type_id: 10, type: 'AWS Account' } });
      assert.deepEqual(o.remediation, { desc: f.remediation.text, references: f.remediation.url ? [f.remediation.url] : [] });
      assert.equal(o.risk_details, check.risk);
      assert.deepEqual(o.unmapped, {
        compliance: f.compliance,
        muted: f.muted,
        mute_reason: f.mute_reason,
        ir_phase: check.ir_phase,
        caf: check.caf,
        remediation_cli: f.remediation.cli,
        scan_id: inp.result.scan.id,
      });
    });
  });

  it('maps every status × muted to status_code, status_id and status', async () => {
    const findings: Finding[] = [];
    for (const status of STATUSES) {
      for (const muted of [false, true]) {
        const f = baseFinding();
        f.id = String(findings.length).padStart(40, '0');
        f.status = status;
        f.muted = muted;
        f.mute_reason = muted ? `accepted ${status}` : null;
        findings.push(f);
      }
    }
    const out = await writeAndRead(withFindings(findings));
    const seen = out.map((o) => [o.status_code, o.unmapped.muted, o.status_id, o.status, o.unmapped.mute_reason]);
    const expected: [Status, boolean, number, string, string | null][] = [];
    for (const status of STATUSES) {
      expected.push([status, false, 1, 'New', null]);
      expected.push([status, true, 3, 'Suppressed', `accepted ${status}`]);
    }
    assert.deepEqual(seen, expected);
  });

  it('maps every severity to severity_id 1–5 and its caption', async () => {
    const findings = SEVERITIES.map((severity, k) => ({ ...baseFinding(), id: String(k).repeat(40), severity }));
    const out = await writeAndRead(withFindings(findings));
    assert.deepEqual(
      out.map((o) => [o.severity_id, o.severity]),
      SEVERITIES.map((s) => OCSF_SEVERITY[s]),
    );
  });

  it('handles a resource without ARN or name, a remediation without URL or CLI, and a check missing from the input', async () => {
    const f = baseFinding();
    f.resource = { type: 'AwsQBusinessApplication', id: 'app-123', arn: null, name: null };
    f.remediation = { text: 'Do the thing.' };
    f.check_id = 'custom_check_not_in_input';
    f.compliance = {};
    const [o] = await writeAndRead(withFindings([f]));
    assert.equal(o.resources[0].uid, 'app-123');
    assert.equal('name' in o.resources[0], false);
    assert.deepEqual(o.remediation, { desc: 'Do the thing.', references: [] });
    assert.equal(o.finding_info.desc, f.title);
    assert.deepEqual(o.finding_info.types, ['Software and Configuration Checks/AWS Security Best Practices']);
    assert.equal('risk_details' in o, false);
    assert.deepEqual(o.unmapped, { compliance: {}, muted: false, mute_reason: null, scan_id: 'scan-1-0' });
  });

  it('round-trips messages, names and evidence with commas, quotes, newlines, control and unicode characters', async () => {
    const tricky = 'He said "stop", then \\ left;\nnew line\r\n\ttab \u0000\u0007\u001f end ü ß 漢字 😀 \u2028\u2029 </script> lone \ud800 =cmd|\' /C calc\'!A0';
    const f = baseFinding();
    f.message = tricky;
    f.title = `Title ${tricky}`;
    f.resource = { ...f.resource, name: tricky };
    f.evidence = { note: tricky, nested: { list: ['a"b', 'c\nd', '😀'], n: 1.5, yes: true, none: null } };
    f.muted = true;
    f.mute_reason = tricky;
    const [o] = await writeAndRead(withFindings([f]));
    assert.equal(o.message, tricky);
    assert.equal(o.status_detail, tricky);
    assert.equal(o.finding_info.title, `Title ${tricky}`);
    assert.equal(o.resources[0].name, tricky);
    assert.deepEqual(o.resources[0].data.evidence, f.evidence);
    assert.equal(o.unmapped.mute_reason, tricky);
  });

  it('handles 0 findings: an empty, valid array', async () => {
    const out = await writeAndRead(withFindings([]));
    assert.deepEqual(out, []);
  });

  it('streams many findings across chunk boundaries without losing or reordering any', async () => {
    const inp = sampleReportInput(5000);
    const out = await writeAndRead(inp);
    assert.equal(out.length, 5000);
    assert.deepEqual(out.map((o) => o.message), inp.result.findings.map((f) => f.message));
  });

  it('has a schema that rejects what we do not emit', async () => {
    const file = join(tmp, 'x.json');
    await writeOcsfReport(sampleReportInput(3), file);
    const valid = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    validateOcsf(valid);
    const mutate = (fn: (o: Record<string, unknown>) => void): unknown[] => {
      const copy = structuredClone(valid);
      fn(copy[0]);
      return copy;
    };
    assert.throws(() => validateOcsf([{}]));
    assert.throws(() => validateOcsf(mutate((o) => (o.class_uid = 2003))));
    assert.throws(() => validateOcsf(mutate((o) => (o.extra = 1))));
    assert.throws(() => validateOcsf(mutate((o) => (o.severity_id = 6))));
    assert.throws(() => validateOcsf(mutate((o) => (o.status_code = 'WARN'))));
    assert.throws(() => validateOcsf(mutate((o) => (o.time_dt = 'yesterday'))));
    assert.throws(() => validateOcsf(mutate((o) => delete o.finding_info)));
  });

  it('leaves no temporary file and overwrites an existing report', async () => {
    const file = join(tmp, 'qready-123456789012-20260301120000.ocsf.json');
    writeFileSync(file, 'previous report');
    await writeOcsfReport(sampleReportInput(300), file);
    assert.deepEqual(readdirSync(tmp), ['qready-123456789012-20260301120000.ocsf.json']);
    validateOcsf(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('creates the output folder', async () => {
    await writeOcsfReport(withFindings([]), join(tmp, 'a', 'b', 'report.ocsf.json'));
    assert.deepEqual(readdirSync(join(tmp, 'a', 'b')), ['report.ocsf.json']);
  });

  it('rejects when the target cannot be replaced, leaving no temporary file', async () => {
    const target = join(tmp, 'report.ocsf.json');
    mkdirSync(target);
    await assert.rejects(writeOcsfReport(sampleReportInput(300), target));
    assert.deepEqual(readdirSync(tmp), ['report.ocsf.json']);
    assert.deepEqual(readdirSync(target), []);
  });
});
