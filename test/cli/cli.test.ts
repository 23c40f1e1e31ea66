// `qready` end to end through `main(argv, io)`: exit codes (DESIGN.md "CLI and exit codes"),
// the reports written, usage and validation errors, `checks`, `policy`, `--help`/`--version`.
// Every scan reads a snapshot; no test reaches AWS.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSnapshot } from '../../examples/demo-account.js';
import type { ScanResult } from '../../runner/findings/finding.js';
import type { Snapshot } from '../../runner/snapshot/snapshot.js';
import { SCAN_ACTIONS, SOURCES } from '../../runner/sources/source.js';
import { loadFrameworks } from '../../runner/compliance/frameworks.js';
import { packageRoot, toolVersion } from '../../runner/util/package-root.js';
import { DEMO_ACCOUNTS, DEMO_SNAPSHOT, makeTmp, removeTmp, runCli, validateFindingsFile } from './harness.js';

const BAD_CHECKS = join(packageRoot(), 'test', 'fixtures', 'bad-checks');
const REPORT_NAME = /^qready-(\d{12})-(\d{14})\.(json|html)$/;

let tmp: string;

function reportFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => REPORT_NAME.test(n)).sort();
}

/** The JSON report of one account in a folder (exactly one must exist). */
function jsonReport(dir: string, account: string): ScanResult {
  const names = readdirSync(dir).filter((n) => n.startsWith(`qready-${account}-`) && n.endsWith('.json'));
  assert.equal(names.length, 1, `one JSON report for ${account} in ${readdirSync(dir).join(', ')}`);
  const value: unknown = JSON.parse(readFileSync(join(dir, names[0]), 'utf8'));
  validateFindingsFile(value);
  return value as ScanResult;
}

function noTempFiles(dir: string): void {
  assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.qready-tmp-')), [], `temporary files left in ${dir}`);
}

/** A one-account snapshot with only a password policy (PasswordReusePrevention = `reuse`). */
function passwordPolicySnapshot(file: string, reuse: number | null): string {
  const at = '2026-11-30T09:00:00.000Z';
  const snapshot: Snapshot = {
    schema: 'qready.snapshot/v1',
    tool_version: '0.1.0',
    collected_at: at,
    accounts: [
      {
        account_id: '111122223333',
        partition: 'aws',
        regions: ['us-east-1'],
        sources: {
          'iam.password_policy': { 'us-east-1': { status: 'ok', data: { policy: reuse === null ? null : { MinimumPasswordLength: 14, PasswordReusePrevention: reuse } }, fetched_at: at } },
        },
      },
    ],
  };
  writeFileSync(file, JSON.stringify(snapshot));
  return file;
}

function writeConfig(name: string, yaml: string): string {
  const file = join(tmp, name);
  writeFileSync(file, yaml);
  return file;
}

describe('qready CLI', function () {
  this.timeout(30_000);
  beforeEach(() => {
    tmp = makeTmp('qready-cli-');
  });
  afterEach(() => removeTmp(tmp));

  describe('output formats', () => {
    it('writes one file per account for every format asked for', async () => {
      const out = join(tmp, 'out');
      const r = await runCli('demo', '--output-dir', out, '-q', '--output-formats', 'json,html,json-ocsf,json-asff,csv,junit');
      assert.equal(r.code, 0, r.stderr);
      const names = readdirSync(out);
      for (const account of DEMO_ACCOUNTS) {
        for (const ext of ['.json', '.html', '.ocsf.json', '.asff.json', '.csv', '.junit.xml']) {
          const matching = names.filter((n) => n.startsWith(`qready-${account}-`) && n.endsWith(ext) && !/\.compliance-/.test(n) && (ext !== '.json' || !/\.(ocsf|asff)\.json$/.test(n)));
          assert.equal(matching.length, 1, `${account} ${ext}: ${names.join(', ')}`);
        }
      }
      const ocsf = JSON.parse(readFileSync(join(out, names.find((n) => n.endsWith('.ocsf.json'))!), 'utf8')) as { class_uid: number }[];
      assert.ok(ocsf.length > 0 && ocsf.every((f) => f.class_uid === 2004));
      assert.match(readFileSync(join(out, names.find((n) => n.endsWith('.junit.xml'))!), 'utf8'), /<testsuites/);
      noTempFiles(out);
    });
  });

  describe('demo', () => {
    it('exits 0 and writes one valid .json and one .html per demo account, and the investigation of the demo trail', async () => {
      const out = join(tmp, 'out');
      const r = await runCli('demo', '--output-dir', out);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /Demo reports written to /);
      assert.match(r.stdout, /FOUND: tampering or unknown activity/);

      const files = reportFiles(out);
      assert.equal(files.length, 4, files.join(', '));
      // Besides the reports, every scan writes one compliance summary per framework and account.
      const frameworks = loadFrameworks().map((f) => f.key);
      const summaries = readdirSync(out).filter((n) => /\.compliance-[a-z0-9_.]+\.csv$/.test(n));
      assert.equal(summaries.length, frameworks.length * DEMO_ACCOUNTS.length, summaries.join(', '));
      const investigation = readdirSync(out).filter((n) => n.startsWith('qready-investigation-111122223333-'));
      assert.deepEqual(investigation.map((n) => n.replace(/\d{14}/, 'T')).sort(), ['qready-investigation-111122223333-T.html', 'qready-investigation-111122223333-T.json', 'qready-investigation-111122223333-T.timeline.csv']);
      assert.deepEqual(readdirSync(out).sort(), [...files, ...summaries, ...investigation].sort(), 'nothing but the reports, compliance summaries and the investigation');
      for (const account of DEMO_ACCOUNTS) {
        assert.ok(files.some((f) => f.startsWith(`qready-${account}-`) && f.endsWith('.json')), `${account}.json`);
        assert.ok(files.some((f) => f.startsWith(`qready-${account}-`) && f.endsWith('.html')), `${account}.html`);
      }
      for (const f of files.filter((n) => n.endsWith('.json'))) {
        const value: unknown = JSON.parse(readFileSync(join(out, f), 'utf8'));
        validateFindingsFile(value);
        const result = value as ScanResult;
        assert.equal(result.scan.account_id, REPORT_NAME.exec(f)![1], `${f}: scan.account_id`);
        assert.equal(result.scan.tool_version, toolVersion());
        assert.ok(result.findings.length > 0);
        for (const finding of result.findings) assert.equal(finding.account_id, result.scan.account_id);
      }
      for (const f of files.filter((n) => n.endsWith('.html'))) {
        const html = readFileSync(join(out, f), 'utf8');
        assert.match(html, /^<!doctype html>/i);
      }
      noTempFiles(out);
    });

    it('exits 2 and writes nothing when a custom check is invalid', async () => {
      const out = join(tmp, 'out');
      const r = await runCli('demo', '--output-dir', out, '--checks-dir', join(BAD_CHECKS, 'unknown-key'));
      assert.equal(r.code, 2);
      assert.match(r.stderr, /custom_unknown_key\.yaml:7: unknown field 'sevrity'/);
      assert.doesNotMatch(r.stdout, /Demo reports written/);
    });
  });

  describe('scan --snapshot', () => {
    it('exits 3 on the demo (it has unmuted FAILs) and leaves no temporary file', async () => {
      const out = join(tmp, 'out');
      const r = await runCli('scan', '--snapshot', DEMO_SNAPSHOT, '--output-dir', out);
      assert.equal(r.code, 3, r.stderr);
      assert.equal(reportFiles(out).length, 4);
      noTempFiles(out);
      for (const account of DEMO_ACCOUNTS) {
        assert.match(r.stdout, new RegExp(`Account ${account} \\(aws\\)`));
        const result = jsonReport(out, account);
        assert.ok(result.findings.some((f) => f.status === 'FAIL'));
        assert.deepEqual(result.scan.regions, ['us-east-1', 'eu-west-1']);
      }
      assert.match(r.stdout, /report: .*qready-111122223333-\d{14}\.json/);
    });

    it('--quiet prints nothing', async () => {
      const r = await runCli('scan', '--snapshot', DEMO_SNAPSHOT, '--output-dir', join(tmp, 'out'), '--quiet');
      assert.equal(r.code, 3);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, '');
    });

    it('--status filters what is written, not the exit code', async () => {
      const out = join(tmp, 'out');
      const r = await runCli('scan', '--snapshot', DEMO_SNAPSHOT, '--checks', 'iam_root_mfa_enabled', '--status', 'PASS', '--output-dir', out, '-q');
      // The sandbox root has no MFA: an unmuted FAIL ran, so 3, even though it is not written.
      assert.equal(r.code, 3, r.stderr);
      const prod = jsonReport(out, '111122223333');
      const sandbox = jsonReport(out, '444455556666');
      assert.deepEqual(prod.findings.map((f) => [f.check_id, f.status]), [['iam_root_mfa_enabled', 'PASS']]);
      assert.deepEqual(sandbox.findings, []);
    });

    it('--output-formats json writes only JSON', async () => {
      const out = join(tmp, 'out');
      const r = await runCli('scan', '--snapshot', DEMO_SNAPSHOT, '--output-formats', 'json', '--output-dir', out, '-q');
      assert.equal(r.code, 3);
      assert.deepEqual(reportFiles(out).map((f) => f.split('.').pop()), ['json', 'json']);
    });

    it('exits 0 when the checks that ran all PASS', async () => {
      const snap = passwordPolicySnapshot(join(tmp, 'prod.snapshot.json'), 24);
      const out = join(tmp, 'out');
      const r = await runCli('scan', '--snapshot', snap, '--checks', 'iam_password_policy_reuse_24', '--output-dir', out, '-q');
      assert.equal(r.code, 0, r.stderr);
      const result = jsonReport(out, '111122223333');
      assert.deepEqual(result.findings.map((f) => [f.check_id, f.status, f.message]), [['iam_password_policy_reuse_24', 'PASS', 'The password policy prevents reuse of the last 24 passwords']]);
    });

    it('exits 3 on the same data when the policy falls short', async () => {
      const snap = passwordPolicySnapshot(join(tmp, 'weak.snapshot.json'), 5);
      const r = await runCli('scan', '--snapshot', snap, '--checks', 'iam_password_policy_reuse_24', '--output-dir', join(tmp, 'out'), '-q');
      assert.equal(r.code, 3);
    });

    it('ERROR findings alone (a source not collected) do not make the exit code 3', async () => {
      const snap = passwordPolicySnapshot(join(tmp, 'prod.snapshot.json'), 24);
      const out = join(tmp, 'out');
      const r = await runCli('scan', '--snapshot', snap, '--checks', 'iam_root_mfa_enabled', '--output-dir', out, '-q');
      assert.equal(r.code, 0, r.stderr);
      const result = jsonReport(out, '111122223333');
      assert.deepEqual(result.findings.map((f) => f.status), ['ERROR']);
      assert.match(result.findings[0].message, /NotCollected/);
    });

    it('a config override changes a verdict (iam_avoid_root_usage.max_root_usage_days)', async () => {
      // The production root last signed in 380 days before the snapshot: PASS at 90 days, FAIL at 400.
      const run = async (name: string, config?: string): Promise<ScanResult> => {
        const out = join(tmp, name);
        const r = await runCli('scan', '--snapshot', DEMO_SNAPSHOT, '--checks', 'iam_avoid_root_usage', '--output-dir', out, '-q', ...(config ? ['--config', config] : []));
        assert.equal(r.code, 3, r.stderr); // the sandbox root was used 4 days ago either way
        return jsonReport(out, '111122223333');
      };
      const before = await run('default');
      assert.deepEqual(before.findings.map((f) => f.status), ['PASS']);
      assert.match(before.findings[0].message, /last 90 days/);

      const config = writeConfig('qready.config.yaml', 'checks:\n  iam_avoid_root_usage:\n    max_root_usage_days: 400\n');
      const after = await run('override', config);
      assert.deepEqual(after.findings.map((f) => f.status), ['FAIL']);
      assert.match(after.findings[0].message, /last 400 days/);
    });

    it('a config override of a check that is not selected is accepted and has no effect', async () => {
      const snap = passwordPolicySnapshot(join(tmp, 'prod.snapshot.json'), 24);
      const config = writeConfig('c.yaml', 'checks:\n  iam_avoid_root_usage:\n    max_root_usage_days: 400\n');
      const r = await runCli('scan', '--snapshot', snap, '--checks', 'iam_password_policy_reuse_24', '--config', config, '--output-dir', join(tmp, 'out'), '-q');
      assert.equal(r.code, 0, r.stderr);
    });

    it('exit 1 and an error message when a report cannot be written (output dir is a file)', async () => {
      const file = join(tmp, 'not-a-dir');
      writeFileSync(file, 'x');
      const r = await runCli('scan', '--snapshot', DEMO_SNAPSHOT, '--output-dir', file, '-q');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^qready: .*(EEXIST|ENOTDIR)/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      assert.equal(readFileSync(file, 'utf8'), 'x', 'the file is left alone');
      noTempFiles(tmp);
    });

    it('exit 1 when the output dir is below a file', async () => {
      const file = join(tmp, 'not-a-dir');
      writeFileSync(file, 'x');
      const r = await runCli('scan', '--snapshot', DEMO_SNAPSHOT, '--output-dir', join(file, 'sub'), '-q');
      assert.equal(r.code, 1);
      assert.match(r.stderr, /^qready: /);
      noTempFiles(tmp);
    });

    it('exit 2 on a snapshot that is not valid', async () => {
      const bad = join(tmp, 'bad.json');
      writeFileSync(bad, '{\n "schema": "qready.snapshot/v1",\n "accounts": [\n');
      const r = await runCli('scan', '--snapshot', bad, '--output-dir', join(tmp, 'out'), '-q');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /bad\.json:\d+: not valid JSON/);
      assert.equal(existsSync(join(tmp, 'out')), false);
    });
  });

  describe('usage errors exit 2', () => {
    const scan = (...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => runCli('scan', '--snapshot', DEMO_SNAPSHOT, '--output-dir', join(tmp, 'out'), '-q', ...args);

    it('an unknown flag, named on stderr', async () => {
      const r = await scan('--bogus');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /unknown option '--bogus'/);
    });

    it('an unknown command', async () => {
      const r = await runCli('scna');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /scna/);
    });

    it('an unknown check id', async () => {
      const r = await scan('--checks', 'iam_root_mfa_enabled,iam_no_such_check');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /unknown check 'iam_no_such_check'/);
    });

    it('an unknown service, severity or framework', async () => {
      for (const [flag, value] of [['--services', 'ec3'], ['--severity', 'urgent'], ['--compliance', 'cis_aws_9.9']]) {
        const r = await scan(flag, value);
        assert.equal(r.code, 2, `${flag} ${value}`);
        assert.ok(r.stderr.includes(value), r.stderr);
      }
    });

    it('an unknown output format', async () => {
      const r = await scan('--output-formats', 'xml');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /unknown output format 'xml'/);
    });


    it('an invalid region', async () => {
      const r = await scan('--regions', 'us-east-1,us-east');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /'us-east' is not a region name/);
    });

    it('an unknown status', async () => {
      const r = await scan('--status', 'PASS,FIAL');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /unknown status 'FIAL'/);
    });

    it('an invalid custom check, with file:line', async () => {
      const r = await scan('--checks-dir', join(BAD_CHECKS, 'cel-typo'));
      assert.equal(r.code, 2);
      assert.match(r.stderr, /custom_cel_typo\.yaml:7: where: No such key: pasword_enabled/);
      assert.equal(existsSync(join(tmp, 'out')), false, 'no report is written');
    });

    it('a missing config file', async () => {
      const r = await scan('--config', join(tmp, 'missing.yaml'));
      assert.equal(r.code, 2);
      assert.match(r.stderr, /missing\.yaml: cannot read file/);
    });

    const badConfigs: [string, string, number, RegExp][] = [
      ['unknown key', 'regions: [us-east-1]\nmax_atempts: 3\n', 2, /unknown field 'max_atempts'/],
      ['param of the wrong type', '# stricter\nchecks:\n  iam_avoid_root_usage:\n    max_root_usage_days: "thirty"\n', 4, /checks\.iam_avoid_root_usage\.max_root_usage_days: expected int, got "thirty"/],
      ['unknown param', 'checks:\n  iam_avoid_root_usage:\n    max_days: 30\n', 3, /the check has no parameter 'max_days' \(it has: max_root_usage_days\)/],
      ['unknown check id', 'concurrency: 4\nchecks:\n  iam_root_mfa:\n    x: 1\n', 3, /checks\.iam_root_mfa: no such check/],
      ['invalid YAML', 'checks:\n  iam_avoid_root_usage:\n    max_root_usage_days: 30\n   bad: 1\n', 4, /invalid YAML/],
      ['value out of range', 'max_attempts: 0\n', 1, /max_attempts/],
    ];
    for (const [name, yaml, line, message] of badConfigs) {
      it(`a config file with ${name}, with file:line`, async () => {
        const config = writeConfig('qready.config.yaml', yaml);
        const r = await scan('--config', config);
        assert.equal(r.code, 2, r.stderr);
        assert.ok(r.stderr.startsWith(`qready: ${config}:${line}: `), r.stderr);
        assert.match(r.stderr, message);
        assert.equal(existsSync(join(tmp, 'out')), false);
      });
    }
  });

  describe('checks', () => {
    // Counted from the files under checks/, independently of the loader.
    const countYaml = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? countYaml(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? 1 : 0), 0);
    const BUILTIN = countYaml(join(packageRoot(), 'checks'));

    it('list prints a table of every built-in check', async () => {
      const r = await runCli('checks', 'list');
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trimEnd().split('\n');
      assert.match(lines[0], /^ID\s+SEVERITY\s+SERVICE\s+TITLE$/);
      assert.equal(lines.at(-1), `${BUILTIN} checks`);
      assert.equal(lines.length, BUILTIN + 2);
      assert.ok(lines.some((l) => /^iam_root_mfa_enabled\s+critical\s+iam\s+The root user has MFA enabled$/.test(l)));
    });

    it('list --json gives every built-in check once, with metadata', async () => {
      const r = await runCli('checks', 'list', '--json');
      assert.equal(r.code, 0, r.stderr);
      const list = JSON.parse(r.stdout) as { id: string; severity: string; service: string; source: string; compliance: Record<string, string[]> }[];
      assert.equal(list.length, BUILTIN);
      assert.equal(new Set(list.map((c) => c.id)).size, BUILTIN);
      for (const c of list) assert.match(c.id, /^[a-z][a-z0-9_]+$/);
      assert.equal(list.filter((c) => c.service === 'iam').length >= 18, true);
      const compliance = list.find((c) => c.id === 'iam_root_mfa_enabled')?.compliance ?? {};
      assert.deepEqual([compliance['cis_aws_3.0'], compliance['cis_aws_5.0'], compliance.aws_fsbp], [['1.5'], ['1.4'], ['IAM.9']]);
    });

    it('list --checks-dir includes a valid custom check', async () => {
      const r = await runCli('checks', 'list', '--json', '--checks-dir', join(BAD_CHECKS, 'valid-custom'));
      assert.equal(r.code, 0, r.stderr);
      const ids = (JSON.parse(r.stdout) as { id: string }[]).map((c) => c.id);
      assert.equal(ids.length, BUILTIN + 1);
      assert.ok(ids.includes('custom_console_user_mfa'));
    });

    it('show prints one check', async () => {
      const r = await runCli('checks', 'show', 'iam_root_mfa_enabled');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^iam_root_mfa_enabled {2}\(critical, iam\)\nThe root user has MFA enabled\n/);
      assert.match(r.stdout, /source: +iam\.root_credentials/);
      assert.match(r.stdout, /assert: +item\.mfa_active/);
      assert.match(r.stdout, /item type: +CredentialReportRow \{ .*mfa_active: bool/);
      assert.match(r.stdout, /compliance: +cis_aws_3\.0 1\.5; cis_aws_5\.0 1\.4; aws_fsbp IAM\.9/);
      assert.match(r.stdout, /docs: +https:\/\//);
    });

    it('show --json prints the check document', async () => {
      const r = await runCli('checks', 'show', 'iam_avoid_root_usage', '--json');
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as { id: string; params: Record<string, unknown>; file: string };
      assert.equal(doc.id, 'iam_avoid_root_usage');
      assert.deepEqual(doc.params, { max_root_usage_days: 90 });
      assert.match(doc.file, /iam_avoid_root_usage\.yaml$/);
    });

    it('show of an unknown id exits 2', async () => {
      const r = await runCli('checks', 'show', 'iam_nope');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /unknown check 'iam_nope'/);
    });

    it('validate with no folder validates the built-in checks (0)', async () => {
      const r = await runCli('checks', 'validate');
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${BUILTIN} checks valid\n`);
    });

    it('validate of a valid custom folder (0)', async () => {
      const r = await runCli('checks', 'validate', join(BAD_CHECKS, 'valid-custom'));
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout, `${BUILTIN + 1} checks valid\n`);
    });

    const invalid: [string, RegExp][] = [
      ['unknown-key', /custom_unknown_key\.yaml:7: unknown field 'sevrity'\n/],
      ['malformed-yaml', /custom_malformed\.yaml:10: invalid YAML: /],
      ['wrong-type', /custom_wrong_type\.yaml:7: assert: no such overload/],
      ['message-typo', /custom_message_typo\.yaml:10: message\.fail: \{item\.usr\}/],
      ['unknown-source', /custom_unknown_source\.yaml:6: unknown source 'iam\.user_credentialz'/],
    ];
    for (const [dir, message] of invalid) {
      it(`validate ${dir} exits 2 with file:line on stderr`, async () => {
        const r = await runCli('checks', 'validate', join(BAD_CHECKS, dir));
        assert.equal(r.code, 2);
        assert.match(r.stderr, message);
        assert.match(r.stderr, /\d+ problem\(s\) found\n$/);
        assert.equal(r.stdout, '');
      });
    }

    it('validate of two folders with the same id exits 2', async () => {
      const r = await runCli('checks', 'validate', join(BAD_CHECKS, 'duplicate-a'), join(BAD_CHECKS, 'duplicate-b'));
      assert.equal(r.code, 2);
      assert.match(r.stderr, /duplicate-b[/\\]custom_duplicate\.yaml:1: duplicate check id 'custom_duplicate'/);
    });
  });

  describe('policy', () => {
    interface Policy {
      Version: string;
      Statement: { Sid?: string; Effect: string; Action: string[]; Resource: string }[];
    }
    const WRITE_PREFIX = /^(Put|Create|Delete|Update|Attach|Detach|Tag|Untag|Set|Enable|Disable|Add|Remove|Modify|Upload|Reset|Change|Deactivate|Associate|Disassociate)/;

    async function policy(...args: string[]): Promise<Policy> {
      const r = await runCli('policy', ...args);
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout) as Policy;
    }

    it('prints a read-only policy with exactly the actions of every source plus the scan actions, sorted', async () => {
      const p = await policy();
      assert.equal(p.Version, '2012-10-17');
      assert.equal(p.Statement.length, 1);
      const [s] = p.Statement;
      assert.equal(s.Effect, 'Allow');
      assert.equal(s.Resource, '*');
      const expected = [...new Set([...SOURCES.flatMap((src) => src.actions), ...SCAN_ACTIONS])].sort();
      assert.deepEqual(s.Action, expected);
      for (const a of s.Action) {
        assert.match(a, /^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/, a);
        assert.doesNotMatch(a.split(':')[1], WRITE_PREFIX, `${a} is not read-only`);
        assert.ok(!a.includes('*'), `${a}: no wildcards`);
      }
    });

    it('--checks limits the policy to what those checks read', async () => {
      const p = await policy('--checks', 'iam_password_policy_reuse_24');
      assert.deepEqual(p.Statement[0].Action, ['account:ListRegions', 'iam:GetAccountPasswordPolicy', 'sts:GetCallerIdentity']);
    });

    it('--checks includes the sources a source depends on', async () => {
      const p = await policy('--checks', 'iam_user_hardware_mfa_enabled');
      const actions = p.Statement[0].Action;
      assert.ok(actions.includes('iam:ListMFADevices'));
      // iam.mfa_devices lists the users of the credential report.
      assert.ok(actions.includes('iam:GetCredentialReport'));
    });

    it('--investigate adds the CloudTrail and trail-bucket actions of `investigate` in statements of their own', async () => {
      const p = await policy('--investigate');
      assert.deepEqual(p.Statement.map((s) => s.Sid), ['QreadyReadOnlyScan', 'QreadyInvestigateCloudTrail', 'QreadyInvestigateTrailBucket']);
      assert.deepEqual(p.Statement[1].Action, ['cloudtrail:DescribeQuery', 'cloudtrail:GetQueryResults', 'cloudtrail:LookupEvents', 'cloudtrail:StartQuery']);
      assert.deepEqual(p.Statement[2].Action, ['s3:GetObject', 's3:ListBucket']);
      assert.deepEqual(p.Statement[0], (await policy()).Statement[0], 'the scan statement is unchanged');
    });

    it('--checks with an unknown id exits 2', async () => {
      const r = await runCli('policy', '--checks', 'iam_nope');
      assert.equal(r.code, 2);
      assert.match(r.stderr, /unknown check 'iam_nope'/);
    });
  });

  describe('help and version', () => {
    it('--help exits 0 and lists the commands', async () => {
      const r = await runCli('--help');
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^Usage: qready/);
      for (const cmd of ['scan', 'demo', 'checks', 'policy', 'investigate']) assert.match(r.stdout, new RegExp(`\\n\\s+${cmd}\\b`));
    });

    it('scan --help exits 0 and lists the scan flags', async () => {
      const r = await runCli('scan', '--help');
      assert.equal(r.code, 0);
      for (const flag of ['--snapshot', '--output-dir', '--output-formats', '--status', '--checks', '--config']) assert.ok(r.stdout.includes(flag), flag);
    });

    it('--version exits 0 and prints the package version', async () => {
      const r = await runCli('--version');
      assert.equal(r.code, 0);
      const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
      assert.equal(r.stdout, `${pkg.version}\n`);
    });
  });

  it('the demo snapshot module and file describe the same two accounts', () => {
    // Guards DEMO_ACCOUNTS above against drift.
    assert.deepEqual(demoSnapshot().accounts.map((a) => a.account_id), DEMO_ACCOUNTS);
  });
});
