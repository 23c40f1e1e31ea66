import { checkCases, failed } from '../../helpers/check-tester.js';
import { credentialReport, rootRow, userRow } from '../../helpers/iam-fixtures.js';

checkCases('iam_user_two_active_access_keys', [
  {
    name: 'every non-root user gets a finding; two active keys FAIL',
    sources: { 'iam.credential_report': credentialReport(rootRow({ access_key_1_active: true, access_key_2_active: true }), userRow('one', { access_key_1_active: true }), userRow('two', { access_key_1_active: true, access_key_2_active: true }), userRow('zero')) },
    expect: [{ status: 'PASS', resource: 'one' }, { status: 'FAIL', resource: 'two', message: 'two active access keys' }, { status: 'PASS', resource: 'zero' }],
  },
  { name: 'account PASS when there are no IAM users', sources: { 'iam.credential_report': credentialReport(rootRow()) }, expect: [{ status: 'PASS', message: 'no IAM users' }] },
  { name: 'ERROR when denied', sources: { 'iam.credential_report': failed('AccessDenied', 'iam:GetCredentialReport') }, expect: [{ status: 'ERROR' }] },
]);
