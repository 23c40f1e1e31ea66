import { checkCases, failed } from '../../helpers/check-tester.js';
import { credentialReport, rootRow, userRow } from '../../helpers/iam-fixtures.js';

checkCases('iam_user_mfa_enabled_console_access', [
  {
    name: 'PASS and FAIL per console user; users without a password get no finding; root is skipped',
    sources: {
      'iam.credential_report': credentialReport(
        rootRow({ mfa_active: false }),
        userRow('alice', { password_enabled: true, mfa_active: true }),
        userRow('bob', { password_enabled: true, mfa_active: false }),
        userRow('ci-bot', { password_enabled: false, mfa_active: false }),
      ),
    },
    expect: [
      { status: 'PASS', resource: 'alice', message: 'alice signs in to the console with MFA' },
      { status: 'FAIL', resource: 'bob', message: 'bob can sign in to the console without MFA' },
    ],
  },
  { name: 'one account PASS when no user has a console password', sources: { 'iam.credential_report': credentialReport(rootRow(), userRow('ci-bot')) }, expect: [{ status: 'PASS', message: 'No IAM user has a console password' }] },
  { name: 'one account PASS when the report holds only root', sources: { 'iam.credential_report': credentialReport(rootRow()) }, expect: [{ status: 'PASS' }] },
  { name: 'a user name with a comma is reported as is', sources: { 'iam.credential_report': credentialReport(userRow('doe,john', { password_enabled: true })) }, expect: [{ status: 'FAIL', resource: 'doe,john' }] },
  { name: 'ERROR when the report is denied', sources: { 'iam.credential_report': failed('AccessDenied', 'iam:GenerateCredentialReport') }, expect: [{ status: 'ERROR', message: 'iam:GenerateCredentialReport' }] },
]);
