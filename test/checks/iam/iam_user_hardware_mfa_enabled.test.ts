import { checkCases, failed, ACCOUNT_ID } from '../../helpers/check-tester.js';
import { credentialReport, rootRow, userRow } from '../../helpers/iam-fixtures.js';

const virtualSerial = (u: string) => `arn:aws:iam::${ACCOUNT_ID}:mfa/${u}`;
const report = credentialReport(
  rootRow(),
  userRow('hw', { password_enabled: true, mfa_active: true }),
  userRow('both', { password_enabled: true, mfa_active: true }),
  userRow('virt', { password_enabled: true, mfa_active: true }),
  userRow('none', { password_enabled: true, mfa_active: false }),
  userRow('nopass', { password_enabled: false, mfa_active: true }),
);
const virtualDevices = ['both', 'virt', 'nopass'].map((u) => ({ serial_number: virtualSerial(u), user_arn: `arn:aws:iam::${ACCOUNT_ID}:user/${u}`, user_name: u, enable_date: null }));
const mfaDevices = {
  users: [
    { user: 'hw', devices: [{ serial_number: 'GAHT12345678', enable_date: '2025-01-01T00:00:00.000Z' }] },
    { user: 'both', devices: [{ serial_number: virtualSerial('both'), enable_date: null }, { serial_number: `arn:aws:iam::${ACCOUNT_ID}:u2f/user/both/fido-AB12`, enable_date: null }] },
    { user: 'virt', devices: [{ serial_number: virtualSerial('virt'), enable_date: null }] },
    { user: 'nopass', devices: [{ serial_number: virtualSerial('nopass'), enable_date: null }] },
  ],
};

checkCases('iam_user_hardware_mfa_enabled', [
  {
    name: 'hardware or FIDO device PASSes; virtual-only and no device FAIL; users without a password are skipped',
    sources: { 'iam.credential_report': report, 'iam.mfa_devices': mfaDevices, 'iam.virtual_mfa_devices': virtualDevices },
    expect: [
      { status: 'PASS', resource: 'hw' },
      { status: 'PASS', resource: 'both' },
      { status: 'FAIL', resource: 'virt', message: 'only virtual MFA devices' },
      { status: 'FAIL', resource: 'none', message: 'has no MFA device' },
    ],
  },
  {
    name: 'ERROR for the one user whose devices could not be listed; others still evaluated',
    sources: {
      'iam.credential_report': credentialReport(userRow('hw', { password_enabled: true, mfa_active: true }), userRow('locked', { password_enabled: true, mfa_active: true })),
      'iam.mfa_devices': { users: [mfaDevices.users[0], { user: 'locked', devices: null, error: { code: 'AccessDenied', message: 'denied', action: 'iam:ListMFADevices' } }] },
      'iam.virtual_mfa_devices': [],
    },
    expect: [{ status: 'PASS', resource: 'hw' }, { status: 'ERROR', resource: 'locked', message: 'iam:ListMFADevices' }],
  },
  { name: 'account PASS when nobody has a console password', sources: { 'iam.credential_report': credentialReport(rootRow()), 'iam.mfa_devices': { users: [] }, 'iam.virtual_mfa_devices': [] }, expect: [{ status: 'PASS', message: 'No IAM user' }] },
  { name: 'ERROR when ListVirtualMFADevices is denied (cannot tell virtual from hardware)', sources: { 'iam.credential_report': report, 'iam.mfa_devices': mfaDevices, 'iam.virtual_mfa_devices': failed('AccessDenied', 'iam:ListVirtualMFADevices') }, expect: [{ status: 'ERROR', message: 'iam:ListVirtualMFADevices' }] },
]);
