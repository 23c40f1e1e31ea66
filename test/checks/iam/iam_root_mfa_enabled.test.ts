import { checkCases, failed } from '../../helpers/check-tester.js';
import { credentialReport, rootRow, userRow } from '../../helpers/iam-fixtures.js';

checkCases('iam_root_mfa_enabled', [
  { name: 'PASS when the root row has mfa_active true', sources: { 'iam.credential_report': credentialReport(rootRow({ mfa_active: true })) }, expect: [{ status: 'PASS', resource: '<root_account>' }] },
  { name: 'FAIL when the root row has mfa_active false', sources: { 'iam.credential_report': credentialReport(rootRow({ mfa_active: false })) }, expect: [{ status: 'FAIL', resource: '<root_account>', message: 'no MFA' }] },
  {
    name: 'root password_enabled not_supported (null) is not read as "no password"; users do not matter',
    sources: { 'iam.credential_report': credentialReport(rootRow({ password_enabled: null, mfa_active: true }), userRow('alice', { mfa_active: false, password_enabled: true })) },
    expect: [{ status: 'PASS' }],
  },
  { name: 'ERROR naming the permission when the report is denied', sources: { 'iam.credential_report': failed('AccessDenied', 'iam:GenerateCredentialReport') }, expect: [{ status: 'ERROR', message: ['iam:GenerateCredentialReport', 'AccessDenied'] }] },
  { name: 'ERROR when the source was never collected', sources: {}, expect: [{ status: 'ERROR', message: 'NotCollected' }] },
]);
