// The Security Hub export at the wire, through the real SecurityHubClient: batch sizes (100 records,
// 6 MB), throttling retried by the SDK, every FailedFindings entry reported, a disabled region
// skipped while others are sent, archiving of stale records, --send-only-fails, and a dry run that
// writes exactly what the wire would receive.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchImportFindingsCommand, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { TRUNCATION_MARKER } from '../../reports/asff/asff.js';
import type { ReportInput } from '../../reports/report-input.js';
import {
  archiveRecord,
  exportToSecurityHub,
  SECURITY_HUB_ACTIONS,
  SECURITY_HUB_READ_ACTIONS,
  type SecurityHubExportOptions,
  type SecurityHubExportResult,
} from '../../reports/security-hub/export.js';
import { FakeClock } from '../helpers/fake-clock.js';
import { UndeclaredActionError } from '../../runner/collect/clients.js';
import type { Finding } from '../../runner/findings/finding.js';
import { makeTmp, removeTmp } from '../cli/harness.js';
import { jsonError, jsonResult } from '../helpers/aws-wire.js';
import { sampleReportInput } from '../helpers/sample-findings.js';
import { validateAsff } from './asff-validator.js';
import { ACCOUNT, HubWire, importOk, notSubscribed, type HubHandler } from './hub-wire.js';

const NOW = new Date('2026-03-02T08:00:00.000Z');
const PRODUCT = (region: string): string => `arn:aws:securityhub:${region}:${ACCOUNT}:product/${ACCOUNT}/default`;

/** n sample findings, all in one region (the sample spreads them over six). */
function regionInput(n: number, region = 'us-east-1', mutedEvery = 0): ReportInput {
  const input = sampleReportInput(n, { mutedEvery, credentialUsers: 0 });
  for (const f of input.result.findings) f.region = region;
  input.result.scan.regions = [region];
  return input;
}

async function run(options: Partial<SecurityHubExportOptions> & { input: ReportInput }): Promise<SecurityHubExportResult> {
  return exportToSecurityHub({ now: NOW, clock: new FakeClock(), ...options });
}

const ids = (records: AwsSecurityFinding[]): string[] => records.map((r) => r.Id ?? '');

/** A record as GetFindings returns it: what qready sent plus what Security Hub adds. */
function stored(overrides: Partial<AwsSecurityFinding> & { Id: string; GeneratorId: string }, region = 'us-east-1'): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    ProductArn: PRODUCT(region),
    ProductName: 'qready',
    CompanyName: 'qready',
    Region: region,
    AwsAccountId: ACCOUNT,
    Types: ['Software and Configuration Checks/AWS Security Best Practices'],
    CreatedAt: '2025-11-01T10:00:00.000Z',
    UpdatedAt: '2026-02-01T10:00:00.000Z',
    Severity: { Label: 'HIGH', Original: 'high', Normalized: 70 },
    Title: 'An earlier finding',
    Description: 'It was true then.',
    Resources: [{ Type: 'AwsIamUser', Id: `arn:aws:iam::${ACCOUNT}:user/gone`, Partition: 'aws', Region: region }],
    Compliance: { Status: 'FAILED', RelatedRequirements: ['CIS AWS Foundations Benchmark v3.0.0/1.10'] },
    RecordState: 'ACTIVE',
    Workflow: { Status: 'NEW' },
    WorkflowState: 'NEW',
    ProcessedAt: '2026-02-01T10:00:05.000Z',
    FindingProviderFields: { Severity: { Label: 'HIGH', Original: 'high' }, Types: ['Software and Configuration Checks/AWS Security Best Practices'] },
    ProductFields: {
      ProviderName: 'qready',
      ProviderVersion: '0.0.9',
      'qready/CheckId': overrides.GeneratorId.replace('qready/', ''),
      'aws/securityhub/FindingId': `arn:aws:securityhub:${region}:${ACCOUNT}:product/${ACCOUNT}/default/${overrides.Id}`,
      'aws/securityhub/ProductName': 'Default',
      'aws/securityhub/CompanyName': 'Personal',
    },
    ...overrides,
  };
}

/** GetFindings served over pages of `size` records, with NextToken. */
function pagesOf(records: AwsSecurityFinding[], size = 2): HubHandler {
  return (call) => {
    const start = call.body.NextToken === undefined ? 0 : Number(String(call.body.NextToken).replace('page-', ''));
    const page = records.slice(start, start + size);
    const next = start + size < records.length ? { NextToken: `page-${start + size}` } : {};
    return jsonResult({ Findings: page, ...next });
  };
}

describe('Security Hub export at the wire', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = makeTmp('qready-sechub-');
  });
  afterEach(() => removeTmp(tmp));

  it('sends 250 findings as batches of 100, 100 and 50 after DescribeHub and GetFindings, schema-valid', async () => {
    const input = regionInput(250);
    const wire = new HubWire();
    const factory = wire.factory();
    const result = await run({ input, factory });

    assert.deepEqual(wire.calls.map((c) => c.op), ['DescribeHub', 'GetFindings', 'BatchImportFindings', 'BatchImportFindings', 'BatchImportFindings']);
    assert.deepEqual(wire.imported().map((b) => b.length), [100, 100, 50]);
    assert.deepEqual(ids(wire.imported().flat()), input.result.findings.map((f) => `qready/${f.id}`));
    for (const batch of wire.imported()) validateAsff(batch);
    assert.deepEqual(wire.callsTo('GetFindings')[0].body, {
      Filters: {
        ProductArn: [{ Value: PRODUCT('us-east-1'), Comparison: 'EQUALS' }],
        GeneratorId: [{ Value: 'qready/', Comparison: 'PREFIX' }],
        RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
        AwsAccountId: [{ Value: ACCOUNT, Comparison: 'EQUALS' }],
      },
      MaxResults: 100,
    });
    const [r] = result.regions;
    assert.deepEqual({ region: r.region, enabled: r.enabled, sent: r.sent, succeeded: r.succeeded, failed: r.failed, archived: r.archived, batches: r.batches }, {
      region: 'us-east-1', enabled: true, sent: 250, succeeded: 250, failed: [], archived: 0, batches: 3,
    });
    assert.equal(result.totals.sent, 250);
    // The guard let through only declared actions.
    for (const call of factory.sent) assert.ok((SECURITY_HUB_ACTIONS as readonly string[]).includes(call.action), call.action);
  });

  it('keeps every request under 6 MB when large evidence makes 100 records too big', async () => {
    const input = regionInput(150);
    for (const f of input.result.findings) f.evidence = { blob: 'x'.repeat(80_000) };
    const wire = new HubWire();
    const result = await run({ input, factory: wire.factory() });
    const calls = wire.callsTo('BatchImportFindings');
    assert.ok(calls.length >= 3, `${calls.length} batches`);
    for (const c of calls) {
      assert.ok(c.bytes <= 6_000_000, `request of ${c.bytes} bytes`);
      assert.ok((c.body.Findings as unknown[]).length < 100);
    }
    // Packed tightly: each batch but the last is full up to the next record.
    for (let i = 0; i < calls.length - 1; i++) {
      const next = Buffer.byteLength(JSON.stringify((calls[i + 1].body.Findings as unknown[])[0]));
      assert.ok(calls[i].bytes + next + 1 > 6_000_000);
    }
    assert.deepEqual(ids(wire.imported().flat()), input.result.findings.map((f) => `qready/${f.id}`));
    assert.equal(result.regions[0].sent, 150);
  });

  it('cuts evidence so no record exceeds 240 KB, and reports which', async () => {
    const input = regionInput(5);
    const big = input.result.findings[2];
    big.evidence = { text: '漢'.repeat(120_000) };
    big.message = '説'.repeat(3000);
    big.muted = true;
    big.mute_reason = '理'.repeat(3000);
    const wire = new HubWire();
    const result = await run({ input, factory: wire.factory() });
    const records = wire.imported().flat();
    for (const r of records) assert.ok(Buffer.byteLength(JSON.stringify(r)) <= 240_000);
    assert.deepEqual(result.regions[0].evidenceTruncated, [`qready/${big.id}`]);
    const sent = records.find((r) => r.Id === `qready/${big.id}`);
    assert.ok(sent?.ProductFields?.['qready/EvidenceTruncated']?.endsWith(TRUNCATION_MARKER));
    assert.equal(result.regions[0].failed.length, 0);
  });

  it('retries 429 ThrottlingException and TooManyRequestsException through the SDK, losing nothing', async () => {
    const input = regionInput(250);
    const wire = new HubWire().on('BatchImportFindings', (call, nth) => {
      if (nth === 0) return jsonError('ThrottlingException', 'Rate exceeded', 429);
      if (nth === 2) return jsonError('TooManyRequestsException', 'Too Many Requests', 429);
      return importOk(call, nth);
    });
    const result = await run({ input, factory: wire.factory() });
    assert.equal(wire.callsTo('BatchImportFindings').length, 5, '3 batches + 2 retries');
    assert.deepEqual(result.regions[0].failed, []);
    assert.equal(result.regions[0].succeeded, 250);
    assert.equal(new Set(ids(wire.imported().flat())).size, 250);
  });

  it('reports a batch that stays throttled after the retries and goes on with the next', async () => {
    const input = regionInput(250);
    const wire = new HubWire().on('BatchImportFindings', (call, nth) => (nth < 3 ? jsonError('ThrottlingException', 'Rate exceeded', 429) : importOk(call, nth)));
    const result = await run({ input, factory: wire.factory(3) });
    const [r] = result.regions;
    assert.equal(r.failed.length, 100);
    assert.ok(r.failed.every((f) => f.ErrorCode === 'ThrottlingException' && f.batch === 1));
    assert.equal(r.succeeded, 150);
    assert.equal(r.skipped, undefined);
  });

  it('reports every FailedFindings entry: 3 entries across 2 batches', async () => {
    const input = regionInput(150);
    const wire = new HubWire().on('BatchImportFindings', (call, nth) => {
      const records = call.body.Findings as AwsSecurityFinding[];
      const bad = nth === 0 ? [records[3], records[57]] : [records[10]];
      return jsonResult({
        FailedCount: bad.length,
        SuccessCount: records.length - bad.length,
        FailedFindings: bad.map((r, i) => ({ Id: r.Id, ErrorCode: i === 0 ? 'InvalidInput' : 'FindingSizeExceeded', ErrorMessage: `rejected ${r.Id ?? ''}` })),
      });
    });
    const result = await run({ input, factory: wire.factory() });
    const f = input.result.findings;
    assert.deepEqual(result.regions[0].failed, [
      { Id: `qready/${f[3].id}`, ErrorCode: 'InvalidInput', ErrorMessage: `rejected qready/${f[3].id}`, region: 'us-east-1', batch: 1 },
      { Id: `qready/${f[57].id}`, ErrorCode: 'FindingSizeExceeded', ErrorMessage: `rejected qready/${f[57].id}`, region: 'us-east-1', batch: 1 },
      { Id: `qready/${f[110].id}`, ErrorCode: 'InvalidInput', ErrorMessage: `rejected qready/${f[110].id}`, region: 'us-east-1', batch: 2 },
    ]);
    assert.equal(result.totals.failed, 3);
    assert.equal(result.regions[0].succeeded, 147);
  });

  it('skips a region where Security Hub is not enabled and sends the others', async () => {
    const input = sampleReportInput(120, { credentialUsers: 0, mutedEvery: 0 });
    input.result.findings.forEach((f, i) => (f.region = i % 2 ? 'eu-west-1' : 'us-east-1'));
    input.result.scan.regions = ['us-east-1', 'eu-west-1'];
    const wire = new HubWire().on('DescribeHub', (call) => (call.region === 'eu-west-1' ? notSubscribed() : jsonResult({ HubArn: `arn:aws:securityhub:${call.region}:${ACCOUNT}:hub/default` })));
    const result = await run({ input, factory: wire.factory() });
    assert.deepEqual(result.regions.map((r) => r.region), ['eu-west-1', 'us-east-1']);
    const [eu, us] = result.regions;
    assert.equal(eu.enabled, false);
    assert.match(eu.skipped ?? '', /not enabled.*InvalidAccessException/);
    assert.equal(eu.sent, 0);
    assert.deepEqual(wire.calls.filter((c) => c.region === 'eu-west-1').map((c) => c.op), ['DescribeHub']);
    assert.equal(us.enabled, true);
    assert.equal(us.sent, 60);
    assert.ok(wire.imported('us-east-1').flat().every((r) => r.ProductArn === PRODUCT('us-east-1') && r.Resources?.[0].Region === 'us-east-1'));
  });

  it('skips a region where DescribeHub is denied, naming the error, and sends nothing there', async () => {
    const input = regionInput(3);
    const wire = new HubWire().on('DescribeHub', () => jsonError('AccessDeniedException', 'not authorized to perform: securityhub:DescribeHub', 403));
    const result = await run({ input, factory: wire.factory() });
    assert.equal(result.regions[0].enabled, null);
    assert.match(result.regions[0].skipped ?? '', /DescribeHub failed \(AccessDeniedException/);
    assert.deepEqual(wire.calls.map((c) => c.op), ['DescribeHub']);
  });

  it('stops a region after a client fault on BatchImportFindings, reporting every record not imported', async () => {
    const input = regionInput(250);
    const wire = new HubWire().on('BatchImportFindings', () => jsonError('AccessDeniedException', 'not authorized to perform: securityhub:BatchImportFindings', 403));
    const result = await run({ input, factory: wire.factory() });
    const [r] = result.regions;
    assert.equal(wire.callsTo('BatchImportFindings').length, 1);
    assert.match(r.skipped ?? '', /BatchImportFindings failed \(AccessDeniedException/);
    assert.equal(r.failed.length, 250);
    assert.deepEqual([...new Set(r.failed.map((f) => `${f.batch}:${f.ErrorCode}`))], ['1:AccessDeniedException', '2:qready.NotSent', '3:qready.NotSent']);
    assert.equal(r.batches, 1);
  });

  it('still sends when GetFindings fails, with a warning that nothing was archived', async () => {
    const input = regionInput(20);
    const wire = new HubWire().on('GetFindings', () => jsonError('AccessDeniedException', 'not authorized to perform: securityhub:GetFindings', 403));
    const result = await run({ input, factory: wire.factory() });
    assert.equal(result.regions[0].sent, 20);
    assert.equal(result.regions[0].archived, 0);
    assert.match(result.regions[0].warnings.join('\n'), /GetFindings failed \(AccessDeniedException.*neither archived/);
  });

  it('skips a region whose hub belongs to another account (BatchImportFindings needs the same account)', async () => {
    const input = regionInput(3);
    const wire = new HubWire().on('DescribeHub', () => jsonResult({ HubArn: 'arn:aws:securityhub:us-east-1:999999999999:hub/default' }));
    const result = await run({ input, factory: wire.factory() });
    assert.match(result.regions[0].skipped ?? '', /account 999999999999/);
    assert.equal(wire.callsTo('BatchImportFindings').length, 0);
  });

  it('archives stale records (original CreatedAt, newer UpdatedAt) and resolves a former failure as PASSED', async () => {
    const input = regionInput(10);
    const now = input.result.findings[0];
    now.status = 'PASS';
    const staleId = `qready/${'f'.repeat(40)}`;
    const existing = [
      stored({ Id: staleId, GeneratorId: 'qready/iam_user_mfa_enabled_console_access' }),
      stored({ Id: `qready/${now.id}`, GeneratorId: `qready/${now.check_id}`, CreatedAt: '2025-06-01T00:00:00.000Z' }),
      // A check this scan did not run: its record is left alone.
      stored({ Id: `qready/${'e'.repeat(40)}`, GeneratorId: 'qready/check_not_in_this_scan' }),
    ];
    const wire = new HubWire().on('GetFindings', pagesOf(existing, 2));
    const result = await run({ input, factory: wire.factory() });

    assert.equal(wire.callsTo('GetFindings').length, 2);
    assert.equal(wire.callsTo('GetFindings')[1].body.NextToken, 'page-2');
    const records = wire.imported().flat();
    validateAsff(records);
    const archived = records.find((r) => r.Id === staleId);
    assert.ok(archived);
    assert.equal(archived.RecordState, 'ARCHIVED');
    assert.equal(archived.CreatedAt, '2025-11-01T10:00:00.000Z');
    assert.equal(archived.UpdatedAt, NOW.toISOString());
    assert.ok(Date.parse(archived.UpdatedAt ?? '') > Date.parse('2026-02-01T10:00:00.000Z'));
    assert.equal(archived.Compliance?.Status, 'FAILED');
    assert.equal(archived.Workflow, undefined, 'Workflow cannot be changed by an import');
    assert.ok(!Object.keys(archived.ProductFields ?? {}).some((k) => k.startsWith('aws/')));
    const resolved = records.find((r) => r.Id === `qready/${now.id}`);
    assert.equal(resolved?.Compliance?.Status, 'PASSED');
    assert.equal(resolved?.CreatedAt, '2025-06-01T00:00:00.000Z', 'the original CreatedAt is kept');
    assert.equal(resolved?.RecordState, 'ACTIVE');
    assert.ok(!records.some((r) => r.Id === `qready/${'e'.repeat(40)}`));
    assert.equal(records.length, 11);
    assert.deepEqual([result.regions[0].archived, result.regions[0].resolved, result.regions[0].sent], [1, 1, 10]);
  });

  it('gives an archive an UpdatedAt after the stored one even when the clock is behind', () => {
    const prev = stored({ Id: 'qready/x', GeneratorId: 'qready/c', UpdatedAt: '2026-05-01T00:00:00.000Z' });
    const out = archiveRecord(prev, NOW, 'scan-1');
    assert.equal(out.UpdatedAt, '2026-05-01T00:00:00.001Z');
    assert.equal(out.CreatedAt, prev.CreatedAt);
    validateAsff([out]);
  });

  it('--send-only-fails sends FAIL findings, former failures as PASSED, and the archives', async () => {
    const input = regionInput(60);
    const findings = input.result.findings;
    const passNow = findings.find((f) => f.status === 'PASS') as Finding;
    const manualNow = findings.find((f) => f.status === 'MANUAL') as Finding;
    const staleId = `qready/${'a'.repeat(40)}`;
    const wire = new HubWire().on('GetFindings', pagesOf([
      stored({ Id: `qready/${passNow.id}`, GeneratorId: `qready/${passNow.check_id}`, Compliance: { Status: 'FAILED' } }),
      stored({ Id: `qready/${manualNow.id}`, GeneratorId: `qready/${manualNow.check_id}`, Compliance: { Status: 'WARNING' } }),
      stored({ Id: staleId, GeneratorId: `qready/${findings[0].check_id}` }),
    ], 100));
    const result = await run({ input, factory: wire.factory(), sendOnlyFails: true });
    const records = wire.imported().flat();
    const fails = findings.filter((f) => f.status === 'FAIL').map((f) => `qready/${f.id}`);
    assert.ok(fails.length > 5);
    assert.deepEqual(ids(records).sort(), [...fails, `qready/${passNow.id}`, staleId].sort());
    assert.equal(records.find((r) => r.Id === `qready/${passNow.id}`)?.Compliance?.Status, 'PASSED');
    assert.ok(records.filter((r) => fails.includes(r.Id ?? '')).every((r) => r.Compliance?.Status === 'FAILED'));
    assert.equal(records.find((r) => r.Id === staleId)?.RecordState, 'ARCHIVED');
    assert.deepEqual([result.regions[0].sent, result.regions[0].resolved, result.regions[0].archived], [fails.length + 1, 1, 1]);
  });

  it('sends muted findings as ARCHIVED and SUPPRESSED', async () => {
    const input = regionInput(50, 'us-east-1', 5);
    const wire = new HubWire();
    await run({ input, factory: wire.factory() });
    const records = wire.imported().flat();
    const muted = new Set(input.result.findings.filter((f) => f.muted).map((f) => `qready/${f.id}`));
    assert.equal(muted.size, 10);
    for (const r of records) {
      assert.equal(r.RecordState, muted.has(r.Id ?? '') ? 'ARCHIVED' : 'ACTIVE');
      assert.equal(r.Workflow?.Status, muted.has(r.Id ?? '') ? 'SUPPRESSED' : 'NEW');
    }
  });

  it('dry run writes the exact batches the wire receives and imports nothing', async () => {
    const make = (): { input: ReportInput; wire: HubWire } => {
      const input = regionInput(230);
      const wire = new HubWire().on('GetFindings', pagesOf([stored({ Id: `qready/${'b'.repeat(40)}`, GeneratorId: `qready/${input.result.findings[0].check_id}` })]));
      return { input, wire };
    };
    const live = make();
    await run({ input: live.input, factory: live.wire.factory() });
    const dry = make();
    const dryFactory = dry.wire.factory();
    // Batch files of an earlier, larger dry run are replaced; other files stay.
    writeFileSync(join(tmp, 'security-hub-us-east-1-0009.json'), '{}');
    writeFileSync(join(tmp, 'notes.txt'), 'mine');
    const result = await run({ input: dry.input, factory: dryFactory, dryRunDir: tmp });
    assert.equal(readFileSync(join(tmp, 'notes.txt'), 'utf8'), 'mine');
    rmSync(join(tmp, 'notes.txt'));

    assert.equal(result.dryRun, true);
    assert.deepEqual(dry.wire.calls.map((c) => c.op), ['DescribeHub', 'GetFindings'], 'read-only calls only');
    assert.ok(dryFactory.sent.every((c) => (SECURITY_HUB_READ_ACTIONS as readonly string[]).includes(c.action)));
    const files = readdirSync(tmp).sort();
    assert.deepEqual(files, ['security-hub-us-east-1-0001.json', 'security-hub-us-east-1-0002.json', 'security-hub-us-east-1-0003.json']);
    assert.deepEqual(result.regions[0].files, files.map((f) => join(tmp, f)));
    const written = files.map((f) => JSON.parse(readFileSync(join(tmp, f), 'utf8')) as { region: string; index: number; input: { Findings: AwsSecurityFinding[] } });
    assert.deepEqual(written.map((w) => [w.region, w.index]), [['us-east-1', 1], ['us-east-1', 2], ['us-east-1', 3]]);
    assert.deepEqual(written.map((w) => w.input), live.wire.callsTo('BatchImportFindings').map((c) => c.body));
    assert.equal(result.regions[0].archived, 1);
    assert.equal(result.regions[0].succeeded, 0);
  });

  it('dry run without a client factory is offline and matches a live run against an empty hub', async () => {
    const input = sampleReportInput(400, { credentialUsers: 3 });
    const live = new HubWire();
    await run({ input, factory: live.factory() });
    const result = await run({ input, dryRunDir: tmp });
    assert.ok(result.regions.every((r) => r.enabled === null && r.skipped === undefined));
    const written = result.regions.flatMap((r) => r.files).map((f) => JSON.parse(readFileSync(f, 'utf8')) as { region: string; input: unknown });
    // Regions run concurrently: compare region by region, batches in order within each.
    const calls = result.regions.flatMap((r) => live.callsTo('BatchImportFindings').filter((c) => c.region === r.region));
    assert.equal(calls.length, live.callsTo('BatchImportFindings').length);
    assert.deepEqual(written.map((w) => [w.region, w.input]), calls.map((c) => [c.region, c.body]));
    assert.equal(result.totals.sent, 400);
  });

  it('refuses to export for real without a client factory', async () => {
    await assert.rejects(exportToSecurityHub({ input: regionInput(1) }), /client factory is required/);
  });

  it('a dry-run client cannot import: the guard refuses BatchImportFindings before the wire', async () => {
    const wire = new HubWire();
    const client = wire.factory().client('securityhub', 'us-east-1', SECURITY_HUB_READ_ACTIONS);
    await assert.rejects(client.send(new BatchImportFindingsCommand({ Findings: [] })), UndeclaredActionError);
    assert.equal(wire.calls.length, 0);
  });

  it('stays within 10 requests per second per region (virtual clock)', async () => {
    const input = regionInput(3000);
    const clock = new FakeClock();
    const times: number[] = [];
    const wire = new HubWire().on('BatchImportFindings', (call, nth) => {
      times.push(clock.now());
      return importOk(call, nth);
    });
    const result = await exportToSecurityHub({ input, factory: wire.factory(), clock, now: NOW });
    assert.equal(result.regions[0].batches, 30);
    // Any 11 consecutive requests span at least a second: never more than 10 in a second.
    for (let i = 0; i + 10 < times.length; i++) assert.ok(times[i + 10] - times[i] >= 1000, `requests ${i}..${i + 10} within ${times[i + 10] - times[i]} ms`);
    assert.ok(clock.now() >= 2900);
  });

  it('reports progress per region and batch', async () => {
    const events: string[] = [];
    const wire = new HubWire();
    await run({ input: regionInput(150), factory: wire.factory(), onProgress: (e) => events.push(e.phase === 'batch' ? `batch ${e.batch} (${e.records})` : e.phase) });
    assert.deepEqual(events, ['checking', 'batch 1 (100)', 'batch 2 (50)', 'done']);
  });
});
