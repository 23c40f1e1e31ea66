import assert from 'node:assert/strict';
import { checkCases, failed, runCheck } from '../../helpers/check-tester.js';
import { credentialReport, daysAgo, rootRow, userRow } from '../../helpers/iam-fixtures.js';

const report = credentialReport(
  rootRow(),
  userRow('alice', { password_enabled: true, mfa_active: true, password_last_used: daysAgo(2) }),
  userRow('ci', { access_key_1_active: true, access_key_1_last_rotated: daysAgo(10) }),
);

checkCases('iam_credential_inventory', [
  { name: 'always MANUAL with counts', sources: { 'iam.credential_report': report }, expect: [{ status: 'MANUAL', message: ['3 users', '1 with console passwords', '2 with MFA', '1 with active access keys'] }] },
  { name: 'MANUAL for an account with only root', sources: { 'iam.credential_report': credentialReport(rootRow()) }, expect: [{ status: 'MANUAL', message: '1 users' }] },
  { name: 'ERROR when denied', sources: { 'iam.credential_report': failed('AccessDenied', 'iam:GetCredentialReport') }, expect: [{ status: 'ERROR' }] },
]);

describe('iam_credential_inventory evidence', () => {
  it('lists every user with password, MFA and key state', () => {
    const [f] = runCheck('iam_credential_inventory', { 'iam.credential_report': report });
    const users = f.evidence.users as { user: string; mfa_active: boolean; access_key_1_last_rotated: string | null }[];
    assert.deepEqual(users.map((u) => u.user), ['<root_account>', 'alice', 'ci']);
    assert.equal(users[1].mfa_active, true);
    assert.equal(users[2].access_key_1_last_rotated, daysAgo(10));
  });
});
