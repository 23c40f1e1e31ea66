import { checkCases, failed } from '../../helpers/check-tester.js';
import { credentialReport, rootRow, userRow } from '../../helpers/iam-fixtures.js';

checkCases('iam_no_root_access_key', [
  { name: 'PASS when root has no active key', sources: { 'iam.credential_report': credentialReport(rootRow(), userRow('ci', { access_key_1_active: true })) }, expect: [{ status: 'PASS' }] },
  { name: 'FAIL when access_key_1 is active', sources: { 'iam.credential_report': credentialReport(rootRow({ access_key_1_active: true })) }, expect: [{ status: 'FAIL', message: 'access_key_1' }] },
  { name: 'FAIL when only access_key_2 is active', sources: { 'iam.credential_report': credentialReport(rootRow({ access_key_2_active: true })) }, expect: [{ status: 'FAIL', message: 'access_key_2' }] },
  { name: 'FAIL naming both keys', sources: { 'iam.credential_report': credentialReport(rootRow({ access_key_1_active: true, access_key_2_active: true })) }, expect: [{ status: 'FAIL', message: 'access_key_1 and access_key_2' }] },
  { name: 'an inactive (false) key with rotation dates still PASSes', sources: { 'iam.credential_report': credentialReport(rootRow({ access_key_1_active: false, access_key_1_last_rotated: '2020-01-01T00:00:00.000Z' })) }, expect: [{ status: 'PASS' }] },
  { name: 'ERROR when GetCredentialReport is denied', sources: { 'iam.credential_report': failed('AccessDenied', 'iam:GetCredentialReport') }, expect: [{ status: 'ERROR', message: 'iam:GetCredentialReport' }] },
]);
