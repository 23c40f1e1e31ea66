// Snapshot files: a corrupt or foreign file is an InputError naming the file, the line and the
// field; a source that could not be read turns only the checks that need it into ERROR; saving
// and loading is lossless.
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoSnapshot, demoSnapshotJson } from '../../examples/demo-account.js';
import { loadChecks } from '../../runner/checks/loader.js';
import { evaluateAccount } from '../../runner/evaluate/evaluate.js';
import type { Finding } from '../../runner/findings/finding.js';
import { loadSnapshot, saveSnapshot } from '../../runner/snapshot/snapshot-file.js';
import type { Snapshot } from '../../runner/snapshot/snapshot.js';
import { inputError, lineOf } from '../helpers/input-error.js';
import { makeTmp, removeTmp } from '../cli/harness.js';

const PASSWORD_POLICY_CHECKS = ['iam_password_policy_complexity', 'iam_password_policy_expires_90_days', 'iam_password_policy_minimum_length_14', 'iam_password_policy_reuse_24'];

describe('snapshot files', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = makeTmp('qready-snapshot-');
  });
  afterEach(() => removeTmp(tmp));

  const write = (name: string, text: string): string => {
    const file = join(tmp, name);
    writeFileSync(file, text);
    return file;
  };

  describe('loadSnapshot errors', () => {
    it('truncated JSON → InputError with the file and the line where the text stops', () => {
      const full = demoSnapshotJson();
      const cut = full.slice(0, full.indexOf('"maria.schmidt"') + 8); // inside a string value
      const file = write('truncated.json', cut);
      const e = inputError(() => loadSnapshot(file));
      assert.equal(e.file, file);
      assert.equal(e.line, cut.split('\n').length);
      assert.ok(e.message.startsWith(`${file}:${e.line}: not valid JSON`), e.message);
    });

    it('JSON cut after a comma → the last line', () => {
      const full = demoSnapshotJson();
      const cut = full.slice(0, full.indexOf('"partition"') - 1).trimEnd();
      const file = write('cut.json', cut);
      const e = inputError(() => loadSnapshot(file));
      assert.equal(e.file, file);
      assert.equal(e.line, cut.split('\n').length);
    });

    it('a stray token in the middle → the line of the token', () => {
      const full = demoSnapshotJson();
      const broken = full.replace('"partition": "aws"', '"partition": aws');
      const file = write('stray.json', broken);
      const e = inputError(() => loadSnapshot(file));
      assert.equal(e.line, lineOf(broken, '"partition": aws'));
      assert.equal(e.message.split('\n').length, 1, 'a one-line message');
    });

    it('a wrong field → the field path and its line', () => {
      const snapshot = demoSnapshot();
      snapshot.accounts[1].account_id = 'abc';
      const text = `${JSON.stringify(snapshot, null, 2)}\n`;
      const file = write('wrong-field.json', text);
      const e = inputError(() => loadSnapshot(file));
      assert.equal(e.file, file);
      assert.match(e.detail, /^accounts\.1\.account_id: must match pattern/);
      assert.equal(e.line, lineOf(text, '"account_id": "abc"'));
    });

    it('a missing required field names its parent and line', () => {
      const snapshot = demoSnapshot() as Partial<Snapshot>;
      delete snapshot.collected_at;
      const text = JSON.stringify(snapshot, null, 1);
      const file = write('missing-field.json', text);
      const e = inputError(() => loadSnapshot(file));
      assert.match(e.detail, /missing required field 'collected_at'/);
      assert.equal(e.line, 1);
    });

    it('a source result with neither data nor error is rejected', () => {
      const snapshot = demoSnapshot();
      const text = JSON.stringify(snapshot, null, 1).replace('"status": "ok",', '"status": "error",');
      const file = write('bad-result.json', text);
      const e = inputError(() => loadSnapshot(file));
      assert.match(e.detail, /^accounts\.0\.sources\.iam\.credential_report\.us-east-1: missing required field 'error'/);
      assert.equal(e.line, lineOf(text, '"us-east-1": {'));
    });

    it('a file of another kind is rejected, not evaluated', () => {
      const file = write('findings.json', JSON.stringify({ schema: 'qready.findings/v1', scan: {}, findings: [] }));
      const e = inputError(() => loadSnapshot(file));
      assert.equal(e.file, file);
      assert.ok(e.line !== null && e.line >= 1);
    });

    it('a missing file → InputError that names it', () => {
      const file = join(tmp, 'nope.snapshot.json');
      const e = inputError(() => loadSnapshot(file));
      assert.equal(e.file, file);
      assert.equal(e.line, null);
      assert.match(e.message, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: cannot read snapshot: .*ENOENT`));
    });
  });

  describe('a source that could not be read', () => {
    it('gives ERROR for the checks that read it while the others still PASS/FAIL', () => {
      const snapshot = demoSnapshot();
      for (const account of snapshot.accounts) {
        account.sources['iam.password_policy'] = {
          'us-east-1': {
            status: 'error',
            error: { code: 'AccessDenied', message: 'User is not authorized to perform: iam:GetAccountPasswordPolicy', action: 'iam:GetAccountPasswordPolicy' },
            fetched_at: snapshot.collected_at,
          },
        };
      }
      // Through the file, as `scan --snapshot` reads it.
      const file = join(tmp, 'denied.snapshot.json');
      saveSnapshot(snapshot, file);
      const loaded = loadSnapshot(file);

      const { checks, errors } = loadChecks();
      assert.deepEqual(errors, []);
      const findings: Finding[] = loaded.accounts.flatMap((a) => evaluateAccount(a, checks, { now: new Date(loaded.collected_at) }));

      for (const id of PASSWORD_POLICY_CHECKS) {
        const mine = findings.filter((f) => f.check_id === id);
        assert.equal(mine.length, 2, `${id}: one finding per account`);
        for (const f of mine) {
          assert.equal(f.status, 'ERROR', `${id}: ${f.message}`);
          assert.match(f.message, /Missing permission iam:GetAccountPasswordPolicy: AccessDenied/);
          assert.equal(f.region, 'us-east-1');
        }
      }
      const others = findings.filter((f) => !PASSWORD_POLICY_CHECKS.includes(f.check_id));
      assert.deepEqual(others.filter((f) => f.status === 'ERROR').map((f) => `${f.check_id}: ${f.message}`), []);
      assert.ok(others.some((f) => f.status === 'PASS'));
      assert.ok(others.some((f) => f.status === 'FAIL'));
      const otherIds = new Set(others.map((f) => f.check_id));
      assert.equal(otherIds.size, checks.length - PASSWORD_POLICY_CHECKS.length, 'every other check still produced findings');
    });
  });

  describe('saveSnapshot', () => {
    it('round-trips through loadSnapshot', () => {
      const snapshot = demoSnapshot();
      const file = join(tmp, 'nested', 'dir', 'demo.snapshot.json');
      saveSnapshot(snapshot, file);
      assert.deepEqual(loadSnapshot(file), snapshot);
      assert.deepEqual(readdirSync(join(tmp, 'nested', 'dir')), ['demo.snapshot.json'], 'no temporary file left');
    });

    it('overwrites an existing snapshot', () => {
      const file = join(tmp, 's.json');
      writeFileSync(file, 'old');
      const snapshot = demoSnapshot();
      snapshot.accounts = [snapshot.accounts[0]];
      saveSnapshot(snapshot, file);
      assert.deepEqual(loadSnapshot(file), snapshot);
    });
  });
});
