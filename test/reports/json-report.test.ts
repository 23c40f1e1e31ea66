// The native findings JSON writer: valid against finding.schema.json, findings in input order,
// any text round-trips exactly, and the file appears atomically with no temporary file left.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSnapshot } from '../../examples/demo-account.js';
import { writeJsonReport } from '../../reports/json-report.js';
import type { ReportInput } from '../../reports/report-input.js';
import type { Check } from '../../runner/checks/check.js';
import { loadChecks } from '../../runner/checks/loader.js';
import { checkSummaries } from '../../runner/cli/scan-command.js';
import { evaluateAccount } from '../../runner/evaluate/evaluate.js';
import type { Finding, ScanResult } from '../../runner/findings/finding.js';
import { makeTmp, removeTmp, validateFindingsFile } from '../cli/harness.js';

const snapshot = demoSnapshot();
let checks: Check[] = [];

function input(findings: Finding[], accountIndex = 1): ReportInput {
  const account = snapshot.accounts[accountIndex];
  return {
    result: {
      schema: 'qready.findings/v1',
      scan: {
        id: '2f1c9a8e-5b7d-4c1e-9a2b-3d4e5f6a7b8c',
        tool_version: '0.1.0',
        started_at: '2026-11-30T09:00:00.000Z',
        finished_at: '2026-11-30T09:00:03.250Z',
        account_id: account.account_id,
        partition: account.partition,
        regions: account.regions,
      },
      findings,
    },
    checks: checkSummaries(checks),
  };
}

function demoFindings(accountIndex = 1): Finding[] {
  return evaluateAccount(snapshot.accounts[accountIndex], checks, { now: new Date(snapshot.collected_at) });
}

describe('JSON report writer', () => {
  before(() => {
    const loaded = loadChecks();
    assert.deepEqual(loaded.errors, []);
    checks = loaded.checks;
  });
  let tmp: string;
  beforeEach(() => {
    tmp = makeTmp('qready-json-');
  });
  afterEach(() => removeTmp(tmp));

  async function writeAndRead(inp: ReportInput, name = 'report.json'): Promise<ScanResult> {
    const file = join(tmp, name);
    await writeJsonReport(inp, file);
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    validateFindingsFile(value);
    return value as ScanResult;
  }

  it('writes a file that parses, validates and equals the scan result, findings in order', async () => {
    const findings = demoFindings();
    assert.ok(findings.length > 10);
    const inp = input(findings);
    const out = await writeAndRead(inp);
    assert.deepEqual(out, inp.result);
    assert.deepEqual(out.findings.map((f) => f.id), findings.map((f) => f.id));
  });

  it('keeps the input order even when it is not sorted', async () => {
    const findings = demoFindings().reverse();
    const out = await writeAndRead(input(findings));
    assert.deepEqual(out.findings.map((f) => `${f.check_id}|${f.resource.id}`), findings.map((f) => `${f.check_id}|${f.resource.id}`));
  });

  it('handles 0 findings', async () => {
    const inp = input([]);
    const out = await writeAndRead(inp);
    assert.deepEqual(out.findings, []);
    assert.deepEqual(out.scan, inp.result.scan);
  });

  it('streams many findings without losing or reordering any', async () => {
    const base = demoFindings();
    const many: Finding[] = [];
    for (let i = 0; i < 5000; i++) {
      const f = base[i % base.length];
      many.push({ ...f, id: i.toString(16).padStart(40, '0'), message: `${f.message} #${i}` });
    }
    const out = await writeAndRead(input(many));
    assert.equal(out.findings.length, 5000);
    assert.deepEqual(out.findings.map((f) => f.message), many.map((f) => f.message));
  });

  it('round-trips messages and evidence with quotes, backslashes, newlines, control and unicode characters', async () => {
    const [f] = demoFindings();
    const tricky = 'He said "stop" \\ then left;\nnew line\r\n\ttab \u0000\u0007\u001f end ü ß 漢字 😀 \u2028\u2029 </script><!-- {"json": true} lone \ud800';
    const special: Finding = {
      ...f,
      message: tricky,
      resource: { ...f.resource, name: '<img src=x onerror=alert(1)> "quoted" ü' },
      evidence: { note: tricky, nested: { list: ['a"b', 'c\nd', '😀'], n: 1.5, yes: true, none: null } },
      mute_reason: null,
    };
    const out = await writeAndRead(input([special]));
    assert.deepEqual(out.findings[0], special);
    assert.equal(out.findings[0].message, tricky);
  });

  it('leaves no temporary file and overwrites an existing report', async () => {
    const file = join(tmp, 'qready-444455556666-20261130090000.json');
    writeFileSync(file, 'previous report');
    await writeJsonReport(input(demoFindings()), file);
    assert.deepEqual(readdirSync(tmp), ['qready-444455556666-20261130090000.json']);
    validateFindingsFile(JSON.parse(readFileSync(file, 'utf8')));
  });

  it('creates the output folder', async () => {
    const file = join(tmp, 'a', 'b', 'report.json');
    await writeJsonReport(input([]), file);
    assert.deepEqual(readdirSync(join(tmp, 'a', 'b')), ['report.json']);
  });

  it('rejects when the target cannot be replaced, leaving no temporary file', async () => {
    const target = join(tmp, 'report.json');
    mkdirSync(target); // a folder where the file should go: the final rename fails
    await assert.rejects(writeJsonReport(input(demoFindings()), target));
    assert.deepEqual(readdirSync(tmp), ['report.json']);
    assert.deepEqual(readdirSync(target), []);
  });

  it('rejects (does not crash or hang) when the temporary file cannot be written', async () => {
    const target = join(tmp, `${'r'.repeat(240)}.json`); // the file name is legal, the temporary name is too long
    const many = Array.from({ length: 200 }, () => demoFindings()).flat();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('writeJsonReport hung')), 5000);
    });
    try {
      await assert.rejects(Promise.race([writeJsonReport(input(many), target), timeout]), (e: NodeJS.ErrnoException) => e.code === 'ENAMETOOLONG');
    } finally {
      clearTimeout(timer);
    }
    assert.deepEqual(readdirSync(tmp), []);
  });
});
