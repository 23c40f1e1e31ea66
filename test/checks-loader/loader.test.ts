// The check loader end to end on real YAML files: every kind of mistake in a custom check is
// reported as `file:line: message` at the line of the mistake, a valid custom check loads and
// runs, and the built-in checks load cleanly and match shared/CATALOGUE.md.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadCheckFile, loadChecks } from '../../runner/checks/loader.js';
import { evaluateAccount } from '../../runner/evaluate/evaluate.js';
import { packageRoot } from '../../runner/util/package-root.js';
import type { InputError } from '../../runner/util/yaml-file.js';
import { accountSnapshot, NOW } from '../helpers/check-tester.js';
import { credentialReport, rootRow, userRow } from '../helpers/iam-fixtures.js';

const FIXTURES = join(packageRoot(), 'test', 'fixtures', 'bad-checks');
const fixtureDir = (name: string): string => join(FIXTURES, name);

/** How the loader names a file in its messages: relative to the working folder when inside it. */
function shown(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/** Loads one fixture folder without the built-in checks and returns its errors. */
function errorsOf(name: string): InputError[] {
  const { checks, errors } = loadChecks([fixtureDir(name)], false);
  assert.deepEqual(checks, [], `fixture '${name}' must not load`);
  assert.ok(errors.length > 0, `fixture '${name}' must give at least one error`);
  return errors;
}

/** The one error that contains `fragment`; asserts its file, line and the exact `file:line: ` prefix. */
function expectError(name: string, file: string, line: number, fragment: string): InputError {
  const errors = errorsOf(name);
  const hits = errors.filter((e) => e.message.includes(fragment));
  assert.equal(hits.length, 1, `expected one error with '${fragment}', got:\n${errors.map((e) => e.message).join('\n')}`);
  const e = hits[0];
  const abs = join(fixtureDir(name), file);
  assert.equal(resolve(e.file), abs, 'the error names the check file');
  assert.equal(e.line, line, `line of: ${e.message}`);
  assert.ok(e.message.startsWith(`${e.file}:${line}: `), `prefix of: ${e.message}`);
  return e;
}

describe('check loader: custom checks', () => {
  it('malformed YAML (bad indentation) names the line of the misaligned key', () => {
    const e = expectError('malformed-yaml', 'custom_malformed.yaml', 10, 'invalid YAML');
    assert.match(e.detail, /same column|indent/i);
  });

  it('an unknown key names the field and its line', () => {
    const e = expectError('unknown-key', 'custom_unknown_key.yaml', 7, "unknown field 'sevrity'");
    assert.equal(e.detail, "unknown field 'sevrity'");
  });

  it('a CEL typo in `where` names the line and the missing key', () => {
    const e = expectError('cel-typo', 'custom_cel_typo.yaml', 7, 'No such key');
    assert.match(e.detail, /^where: .*pasword_enabled/);
  });

  it('comparing a bool with a string is a type error at load', () => {
    const e = expectError('wrong-type', 'custom_wrong_type.yaml', 7, 'no such overload');
    assert.match(e.detail, /^assert: /);
  });

  it('an `assert` that is not a bool is rejected', () => {
    const e = expectError('assert-not-bool', 'custom_assert_not_bool.yaml', 7, 'must be a bool');
    assert.match(e.detail, /string/);
  });

  it('a typo in a message placeholder names the message line and the placeholder', () => {
    const e = expectError('message-typo', 'custom_message_typo.yaml', 10, '{item.usr}');
    assert.match(e.detail, /^message\.fail: \{item\.usr\}: .*No such key: usr/);
    // The correct `pass` placeholder gives no error.
    assert.equal(errorsOf('message-typo').length, 1);
  });

  it('two rule kinds (assert + manual) → "exactly one of"', () => {
    const e = expectError('two-rule-kinds', 'custom_two_rule_kinds.yaml', 1, 'exactly one of');
    assert.match(e.detail, /found: assert, manual/);
  });

  it('two rule kinds give no misleading "missing required field" error', () => {
    const errors = errorsOf('two-rule-kinds');
    assert.deepEqual(
      errors.filter((e) => /missing required field/.test(e.message)).map((e) => e.message),
      [],
    );
  });

  it('no rule at all → "exactly one of … (found: none)"', () => {
    const e = expectError('no-rule', 'custom_no_rule.yaml', 1, 'exactly one of');
    assert.match(e.detail, /found: none/);
  });

  it('an id that does not match the file name', () => {
    const e = expectError('id-mismatch', 'custom_other_name.yaml', 1, 'must match the file name');
    assert.equal(e.detail, "check id 'custom_real_id' must match the file name 'custom_other_name'");
  });

  it('an unknown source names the source line', () => {
    const e = expectError('unknown-source', 'custom_unknown_source.yaml', 6, 'unknown source');
    assert.equal(e.detail, "unknown source 'iam.user_credentialz'");
  });

  it('an unknown evaluator names the evaluator line', () => {
    const e = expectError('unknown-evaluator', 'custom_unknown_evaluator.yaml', 7, 'unknown evaluator');
    assert.equal(e.detail, "unknown evaluator 'policy_full_admn'");
  });

  it('a duplicate id across two folders names the second file and the first', () => {
    const { checks, errors } = loadChecks([fixtureDir('duplicate-a'), fixtureDir('duplicate-b')], false);
    assert.deepEqual(checks.map((c) => c.id), ['custom_duplicate']);
    assert.equal(errors.length, 1, errors.map((e) => e.message).join('\n'));
    const second = join(fixtureDir('duplicate-b'), 'custom_duplicate.yaml');
    const first = join(fixtureDir('duplicate-a'), 'custom_duplicate.yaml');
    assert.equal(errors[0].message, `${shown(second)}:1: duplicate check id 'custom_duplicate' (first defined in ${shown(first)})`);
  });

  it('a custom check may not reuse a built-in id', () => {
    const { errors } = loadChecks([fixtureDir('duplicate-builtin')]);
    assert.equal(errors.length, 1, errors.map((e) => e.message).join('\n'));
    assert.match(errors[0].message, /duplicate check id 'iam_root_mfa_enabled' \(first defined in .*checks[/\\]iam[/\\]iam_root_mfa_enabled\.yaml\)/);
    assert.equal(resolve(errors[0].file), join(fixtureDir('duplicate-builtin'), 'iam_root_mfa_enabled.yaml'));
  });

  it('a duplicate id is reported at the line of its `id:` key', () => {
    const { errors } = loadChecks([fixtureDir('duplicate-builtin')]);
    assert.equal(errors[0]?.line, 3);
  });

  it('YAML syntax errors name the file the same way as every other error', () => {
    const [e] = errorsOf('malformed-yaml');
    assert.equal(e.file, shown(join(fixtureDir('malformed-yaml'), 'custom_malformed.yaml')));
  });

  it('a folder that does not exist is an error naming the folder', () => {
    const missing = fixtureDir('does-not-exist');
    const { errors } = loadChecks([missing], false);
    assert.equal(errors.length, 1);
    assert.equal(errors[0].file, missing);
    assert.match(errors[0].message, /cannot read checks folder/);
  });

  it('loadCheckFile throws an error listing every problem', () => {
    assert.throws(
      () => loadCheckFile(join(fixtureDir('cel-typo'), 'custom_cel_typo.yaml')),
      (e: Error) => /custom_cel_typo\.yaml:7: where: No such key: pasword_enabled/.test(e.message),
    );
  });

  it('a valid custom check loads next to the built-in ones and runs', () => {
    const { checks, errors } = loadChecks([fixtureDir('valid-custom')]);
    assert.deepEqual(errors.map((e) => e.message), []);
    assert.equal(checks.length, builtinCheckFileCount() + 1);
    const check = checks.find((c) => c.id === 'custom_console_user_mfa');
    assert.ok(check);
    assert.equal(check.rule.kind, 'assert');

    const account = accountSnapshot({
      'iam.credential_report': credentialReport(
        rootRow({ mfa_active: false }),
        userRow('alice', { password_enabled: true, mfa_active: true }),
        userRow('bob', { password_enabled: true, mfa_active: false }),
        userRow('svc-deploy', { password_enabled: false, mfa_active: false }),
      ),
    });
    const findings = evaluateAccount(account, [check], { now: new Date(NOW) });
    assert.deepEqual(
      findings.map((f) => [f.status, f.resource.name, f.message]),
      [
        ['PASS', 'alice', 'alice has MFA'],
        ['FAIL', 'bob', 'bob signs in without MFA'],
      ],
    );
    for (const f of findings) {
      assert.equal(f.check_id, 'custom_console_user_mfa');
      assert.equal(f.severity, 'medium');
      assert.equal(f.resource.type, 'AwsIamUser');
    }
  });
});

// ---- built-in checks against shared/CATALOGUE.md ----

interface CatalogueRow {
  id: string;
  severity: string;
  /** Undefined for tables without CIS/FSBP columns. */
  cis3?: string[];
  cis5?: string[];
  fsbp?: string[];
}

/** "IAM.11-14" → IAM.11, IAM.12, IAM.13, IAM.14; "-" → []. */
function expandFsbp(cell: string): string[] {
  if (cell === '-' || cell === '') return [];
  const out: string[] = [];
  for (const part of cell.split(',').map((s) => s.trim())) {
    const m = /^([A-Za-z]+)\.(\d+)-(\d+)$/.exec(part);
    if (m) for (let n = Number(m[2]); n <= Number(m[3]); n++) out.push(`${m[1]}.${n}`);
    else out.push(part);
  }
  return out;
}

/** Files under checks/: the built-in checks, counted independently of the loader. */
function builtinCheckFileCount(): number {
  const count = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? count(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? 1 : 0), 0);
  return count(join(packageRoot(), 'checks'));
}

/**
 * Every row of every check table in CATALOGUE.md. Tables with CIS and FSBP columns (IAM
 * preparation, Detection readiness) also give those ids; the others leave them undefined.
 */
function catalogueRows(): CatalogueRow[] {
  const text = readFileSync(join(packageRoot(), '..', 'shared', 'CATALOGUE.md'), 'utf8');
  const rows: CatalogueRow[] = [];
  let withIds = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith('| ')) continue;
    if (/^\|\s*id\s*\|/.test(line)) {
      withIds = /CIS/.test(line);
      continue;
    }
    if (/^\|[-\s|]+\|$/.test(line)) continue;
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    // id | sev | resource | rule (may itself contain '|') [| CIS 3.0 / 5.0 | FSBP]
    const [id, severity] = cells;
    if (!/^[a-z][a-z0-9_]+$/.test(id)) continue;
    if (!withIds) {
      rows.push({ id, severity });
      continue;
    }
    const cis = cells[cells.length - 2];
    const fsbp = cells[cells.length - 1];
    let cis3: string[] = [];
    let cis5: string[] = [];
    if (cis !== '-') {
      const [a, b] = cis.split('/').map((x) => x.trim());
      cis3 = a === '-' ? [] : [a];
      cis5 = b === '-' ? [] : [b];
    }
    rows.push({ id, severity, cis3, cis5, fsbp: expandFsbp(fsbp) });
  }
  return rows;
}

describe('check loader: built-in checks', () => {
  it('every built-in check loads with zero errors', () => {
    const { checks, errors } = loadChecks();
    assert.deepEqual(errors.map((e) => e.message), []);
    assert.equal(checks.length, builtinCheckFileCount());
    assert.equal(new Set(checks.map((c) => c.id)).size, checks.length);
    for (const c of checks) assert.equal(c.file.replace(/\\/g, '/').split('/').pop(), `${c.id}.yaml`);
  });

  it('expands FSBP ranges from the catalogue', () => {
    assert.deepEqual(expandFsbp('IAM.11-14'), ['IAM.11', 'IAM.12', 'IAM.13', 'IAM.14']);
    assert.deepEqual(expandFsbp('-'), []);
    assert.deepEqual(expandFsbp('IAM.9'), ['IAM.9']);
  });

  it('every check of the CATALOGUE exists with its severity and CIS/FSBP ids, and no other ships', () => {
    const rows = catalogueRows();
    assert.equal(rows.filter((r) => r.id.startsWith('iam_') && r.cis3 !== undefined).length, 18, 'the IAM preparation table has 18 rows');
    const { checks } = loadChecks();
    const byId = new Map(checks.map((c) => [c.id, c]));
    for (const row of rows) {
      const check = byId.get(row.id);
      assert.ok(check, `catalogue check '${row.id}' is missing`);
      const c = check.doc.compliance;
      assert.equal(check.doc.severity, row.severity, `${row.id}: severity`);
      if (row.cis3 === undefined) continue;
      assert.deepEqual(c['cis_aws_3.0'] ?? [], row.cis3, `${row.id}: cis_aws_3.0`);
      assert.deepEqual(c['cis_aws_5.0'] ?? [], row.cis5, `${row.id}: cis_aws_5.0`);
      assert.deepEqual([...(c['aws_fsbp'] ?? [])].sort(), [...(row.fsbp ?? [])].sort(), `${row.id}: aws_fsbp`);
      for (const [k, v] of Object.entries(c)) assert.ok(v.length > 0, `${row.id}: compliance.${k} must not be empty`);
    }
    assert.deepEqual([...byId.keys()].sort(), rows.map((r) => r.id).sort(), 'no built-in check outside the catalogue');
  });
});
