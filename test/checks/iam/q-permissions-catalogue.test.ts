// The "Amazon Q permissions" table of shared/CATALOGUE.md: each check exists with its severity,
// and maps to the Amazon Q incident-response playbook and the AWS CAF.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../../runner/util/package-root.js';
import { builtinCheck } from '../../helpers/check-tester.js';

function catalogueQPermissionRows(): { id: string; severity: string }[] {
  const text = readFileSync(join(packageRoot(), '..', 'shared', 'CATALOGUE.md'), 'utf8');
  const start = text.indexOf('## Amazon Q permissions');
  assert.ok(start >= 0, 'CATALOGUE.md has an "Amazon Q permissions" section');
  const rest = text.slice(start + 1);
  const end = rest.search(/^## /m);
  const section = end >= 0 ? rest.slice(0, end) : rest;
  return section.split('\n')
    .filter((line) => line.startsWith('| ') && !/^\|\s*id\s*\|/.test(line))
    .map((line) => line.split('|').slice(1, -1).map((c) => c.trim()))
    .map(([id, severity]) => ({ id, severity }));
}

describe('the "Amazon Q permissions" checks of the catalogue', () => {
  const rows = catalogueQPermissionRows();
  it('has five rows', () => assert.equal(rows.length, 5));
  for (const row of rows) {
    it(`${row.id} exists with severity ${row.severity}, playbook and CAF mappings`, () => {
      const check = builtinCheck(row.id);
      assert.equal(check.doc.severity, row.severity);
      assert.equal(check.doc.service, 'iam');
      assert.equal(check.doc.ir_phase, 'preparation');
      assert.equal(check.doc.compliance.amazon_q_ir_playbook?.length, 1);
      assert.match(check.doc.compliance.amazon_q_ir_playbook[0], /^QP-[1-5]$/);
      assert.ok((check.doc.compliance.aws_caf ?? []).length > 0);
      assert.ok(check.doc.empty, 'one account-level finding when no resource is in scope');
      assert.equal(check.doc.empty?.status, 'PASS');
    });
  }
});
