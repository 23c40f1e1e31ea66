import { checkCases, failed, ACCOUNT_ID } from '../../helpers/check-tester.js';

const virtualRoot = { serial_number: `arn:aws:iam::${ACCOUNT_ID}:mfa/root-account-mfa-device`, user_arn: `arn:aws:iam::${ACCOUNT_ID}:root`, user_name: '<root_account>', enable_date: '2024-01-01T00:00:00.000Z' };
const virtualAlice = { serial_number: `arn:aws:iam::${ACCOUNT_ID}:mfa/alice`, user_arn: `arn:aws:iam::${ACCOUNT_ID}:user/alice`, user_name: 'alice', enable_date: '2024-01-01T00:00:00.000Z' };
const unassigned = { serial_number: `arn:aws:iam::${ACCOUNT_ID}:mfa/spare`, user_arn: null, user_name: null, enable_date: null };

checkCases('iam_root_hardware_mfa_enabled', [
  { name: 'PASS when root has MFA and no virtual device is root\'s', sources: { 'iam.account_summary': { AccountMFAEnabled: 1, Users: 3 }, 'iam.virtual_mfa_devices': [virtualAlice, unassigned] }, expect: [{ status: 'PASS' }] },
  { name: 'FAIL when AccountMFAEnabled is 0', sources: { 'iam.account_summary': { AccountMFAEnabled: 0 }, 'iam.virtual_mfa_devices': [] }, expect: [{ status: 'FAIL', message: 'no MFA device' }] },
  { name: 'FAIL when a virtual device is assigned to root', sources: { 'iam.account_summary': { AccountMFAEnabled: 1 }, 'iam.virtual_mfa_devices': [virtualRoot, virtualAlice] }, expect: [{ status: 'FAIL', message: ['virtual device', 'root-account-mfa-device'] }] },
  { name: 'FAIL when AccountMFAEnabled is missing from the summary', sources: { 'iam.account_summary': {}, 'iam.virtual_mfa_devices': [] }, expect: [{ status: 'FAIL' }] },
  { name: 'ERROR when ListVirtualMFADevices is denied', sources: { 'iam.account_summary': { AccountMFAEnabled: 1 }, 'iam.virtual_mfa_devices': failed('AccessDenied', 'iam:ListVirtualMFADevices') }, expect: [{ status: 'ERROR', message: 'iam:ListVirtualMFADevices' }] },
  { name: 'ERROR when GetAccountSummary is denied', sources: { 'iam.account_summary': failed('AccessDenied', 'iam:GetAccountSummary'), 'iam.virtual_mfa_devices': [] }, expect: [{ status: 'ERROR', message: 'iam:GetAccountSummary' }] },
]);
