// End to end: what happens to findings after evaluation (mutelist, baseline diff, `qready diff`,
// Security Hub dry run, compliance summaries), through `main` with captured output.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanResult } from '../../runner/findings/finding.js';
import { DEMO_SNAPSHOT, makeTmp, removeTmp, runCli } from './harness.js';

let tmp: string;

function jsonReport(dir: string, account: string): ScanResult {
  const name = readdirSync(dir).find((n) => new RegExp(`^qready-${account}-\\d{14}\\.json$`).test(n));
  assert.ok(name, `no JSON report for ${account} in ${readdirSync(dir).join(', ')}`);
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as ScanResult;
}

function write(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

const scan = (...args: string[]) => runCli('scan', '--snapshot', DEMO_SNAPSHOT, '-q', ...args);

describe('findings after evaluation', function () {
  this.timeout(30_000);
  beforeEach(() => (tmp = makeTmp('qready-flow-')));
  afterEach(() => removeTmp(tmp));

  describe('--mutelist', () => {
    it('mutes the matching FAILs, keeps their status, and muted FAILs do not set exit code 3', async () => {
      const mutelist = write('m.yaml', 'rules:\n  - accounts: ["444455556666"]\n    checks: [iam_password_policy_reuse_24]\n    regions: ["*"]\n    resources: ["*"]\n    reason: "sandbox policy accepted"\n');
      const out = join(tmp, 'out');
      const unmuted = await scan('--checks', 'iam_password_policy_reuse_24', '--output-dir', join(tmp, 'plain'));
      assert.equal(unmuted.code, 3, 'without the mutelist the sandbox FAIL sets 3');
      const r = await scan('--checks', 'iam_password_policy_reuse_24', '--mutelist', mutelist, '--output-dir', out);
      assert.equal(r.code, 0, r.stderr);
      const [f] = jsonReport(out, '444455556666').findings;
      assert.equal(f.status, 'FAIL');
      assert.equal(f.muted, true);
      assert.equal(f.mute_reason, 'sandbox policy accepted');
      assert.equal(jsonReport(out, '111122223333').findings[0].muted, false);
    });

    it('warns about an expired rule, which mutes nothing', async () => {
      const mutelist = write('m.yaml', 'rules:\n  - accounts: ["*"]\n    checks: [iam_password_policy_reuse_24]\n    regions: ["*"]\n    resources: ["*"]\n    reason: "old exception"\n    expires: "2020-01-31"\n');
      const r = await scan('--checks', 'iam_password_policy_reuse_24', '--mutelist', mutelist, '--output-dir', join(tmp, 'out'));
      assert.equal(r.code, 3);
      assert.match(r.stderr, /m\.yaml:2: mutelist rule #1 expired after 2020-01-31/);
    });

    it('a bad mutelist is exit 2 naming file and line', async () => {
      const mutelist = write('bad.yaml', 'rules:\n  - accounts: ["*"]\n    checks: [iam_no_such_check]\n    regions: ["*"]\n    resources: ["*"]\n    reason: "typo"\n');
      const r = await scan('--mutelist', mutelist, '--output-dir', join(tmp, 'out'));
      assert.equal(r.code, 2);
      assert.match(r.stderr, /bad\.yaml:3:/);
    });

    it('the example mutelist validates and mutes demo findings', async () => {
      const r = await runCli('demo', '-q', '--mutelist', join(process.cwd(), 'examples', 'mutelist.yaml'), '--output-dir', join(tmp, 'out'));
      assert.equal(r.code, 0, r.stderr);
      assert.ok(jsonReport(join(tmp, 'out'), '111122223333').findings.some((f) => f.muted));
    });
  });

  describe('qready diff and scan --baseline', () => {
    async function twoScans(): Promise<{ oldFile: string; newFile: string }> {
      const before = join(tmp, 'before');
      const after = join(tmp, 'after');
      // The old scan lacked the password checks (as if they were added later): everything they fail is new.
      await scan('--checks', 'iam_root_mfa_enabled', '--output-dir', before);
      await scan('--checks', 'iam_root_mfa_enabled,iam_password_policy_reuse_24', '--output-dir', after);
      const name = (d: string) => join(d, readdirSync(d).find((n) => /^qready-444455556666-\d{14}\.json$/.test(n))!);
      return { oldFile: name(before), newFile: name(after) };
    }

    it('exits 3 on new failures and names them; 0 when nothing got worse', async () => {
      const { oldFile, newFile } = await twoScans();
      const worse = await runCli('diff', oldFile, newFile, '--output', join(tmp, 'diff.json'));
      assert.equal(worse.code, 3, worse.stderr);
      assert.match(worse.stdout, /new failures 1/);
      assert.match(worse.stdout, /NEW .*iam_password_policy_reuse_24/);
      const diff = JSON.parse(readFileSync(join(tmp, 'diff.json'), 'utf8')) as { new_failures: { check_id: string }[]; still_failing: { check_id: string }[] };
      assert.deepEqual(diff.new_failures.map((e) => e.check_id), ['iam_password_policy_reuse_24']);
      assert.deepEqual(diff.still_failing.map((e) => e.check_id), ['iam_root_mfa_enabled']);
      const same = await runCli('diff', newFile, newFile);
      assert.equal(same.code, 0);
      assert.match(same.stdout, /no new failures/);
    });

    it('refuses two different accounts (exit 2)', async () => {
      const dir = join(tmp, 'x');
      await scan('--checks', 'iam_root_mfa_enabled', '--output-dir', dir);
      const file = (account: string) => join(dir, readdirSync(dir).find((n) => new RegExp(`^qready-${account}-\\d{14}\\.json$`).test(n))!);
      const r = await runCli('diff', file('111122223333'), file('444455556666'));
      assert.equal(r.code, 2);
      assert.match(r.stderr, /account/);
    });

    it('scan --baseline writes the diff next to the reports and prints it', async () => {
      const { oldFile } = await twoScans();
      const out = join(tmp, 'out');
      const r = await runCli('scan', '--snapshot', DEMO_SNAPSHOT, '--checks', 'iam_root_mfa_enabled,iam_password_policy_reuse_24', '--baseline', oldFile, '--output-dir', out);
      assert.equal(r.code, 3);
      assert.match(r.stdout, /new failures 1/);
      const diffFile = readdirSync(out).find((n) => /^qready-444455556666-\d{14}\.diff\.json$/.test(n));
      assert.ok(diffFile, readdirSync(out).join(', '));
      assert.ok(!readdirSync(out).some((n) => n.startsWith('qready-111122223333-') && n.endsWith('.diff.json')), 'no diff for the account the baseline is not of');
      assert.match(readFileSync(join(out, readdirSync(out).find((n) => n.startsWith('qready-444455556666-') && n.endsWith('.html'))!), 'utf8'), /"diff"/);
    });
  });

  describe('export security-hub --dry-run', () => {
    it('writes the exact batches and sends nothing (no AWS client is built)', async () => {
      const out = join(tmp, 'out');
      await scan('--output-dir', out);
      const file = join(out, readdirSync(out).find((n) => /^qready-444455556666-\d{14}\.json$/.test(n))!);
      const dry = join(tmp, 'dry');
      const r = await runCli('export', 'security-hub', file, '--dry-run', dry);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /Security Hub dry run for account 444455556666/);
      const batches = readdirSync(dry).filter((n) => /^security-hub-[a-z0-9-]+-\d{4}\.json$/.test(n));
      assert.ok(batches.length >= 1);
      const sent = batches.flatMap((b) => (JSON.parse(readFileSync(join(dry, b), 'utf8')) as { input: { Findings: { AwsAccountId: string }[] } }).input.Findings);
      assert.equal(sent.length, jsonReport(out, '444455556666').findings.length);
      assert.ok(sent.every((f) => f.AwsAccountId === '444455556666'));
    });

    it('policy --security-hub adds the export actions in their own statement', async () => {
      const r = await runCli('policy', '--security-hub');
      const policy = JSON.parse(r.stdout) as { Statement: { Sid: string; Action: string[] }[] };
      assert.deepEqual(policy.Statement.map((s) => s.Sid), ['QreadyReadOnlyScan', 'QreadySecurityHubExport']);
      assert.ok(policy.Statement[1].Action.includes('securityhub:BatchImportFindings'));
      assert.ok(!policy.Statement[0].Action.some((a) => a.startsWith('securityhub:Batch')));
    });
  });

  describe('compliance summaries', () => {
    it('--compliance runs only mapped checks and writes only that framework', async () => {
      const out = join(tmp, 'out');
      const r = await scan('--compliance', 'cis_aws_3.0', '--output-dir', out);
      assert.equal(r.code, 3);
      const csvs = readdirSync(out).filter((n) => n.includes('.compliance-'));
      assert.deepEqual([...new Set(csvs.map((n) => n.replace(/^.*\.compliance-/, '')))], ['cis_aws_3.0.csv']);
      const report = jsonReport(out, '111122223333');
      assert.ok(report.findings.every((f) => 'cis_aws_3.0' in f.compliance));
      const csv = readFileSync(join(out, csvs[0]), 'utf8');
      assert.match(csv, /1\.10/);
    });
  });
});
