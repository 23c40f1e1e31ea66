import { checkCases, failed } from '../../helpers/check-tester.js';
import { credentialReport, daysAgo, rootRow, userRow } from '../../helpers/iam-fixtures.js';

const report = (...rows: ReturnType<typeof userRow>[]) => ({ 'iam.credential_report': credentialReport(rootRow(), ...rows) });

checkCases('iam_user_console_access_unused', [
  {
    name: 'recent use PASSes, old use FAILs, keys-only users are skipped',
    sources: report(
      userRow('active', { password_enabled: true, password_last_used: daysAgo(3) }),
      userRow('stale', { password_enabled: true, password_last_used: daysAgo(46) }),
      userRow('api', { password_enabled: false, access_key_1_active: true }),
    ),
    expect: [{ status: 'PASS', resource: 'active' }, { status: 'FAIL', resource: 'stale', message: 'has not used the console password since' }],
  },
  { name: 'never used, password set 10 days ago: PASS', sources: report(userRow('new', { password_enabled: true, password_last_used: null, password_last_changed: daysAgo(10) })), expect: [{ status: 'PASS' }] },
  { name: 'never used, password set 100 days ago: FAIL', sources: report(userRow('old', { password_enabled: true, password_last_used: null, password_last_changed: daysAgo(100) })), expect: [{ status: 'FAIL', message: 'never used' }] },
  { name: 'never used, no password date (N/A): judged by user creation, old user FAILs', sources: report(userRow('legacy', { password_enabled: true, password_last_used: null, password_last_changed: null, user_creation_time: daysAgo(200) })), expect: [{ status: 'FAIL' }] },
  { name: 'never used, no password date, user created yesterday: PASS', sources: report(userRow('fresh', { password_enabled: true, password_last_used: null, password_last_changed: null, user_creation_time: daysAgo(1) })), expect: [{ status: 'PASS' }] },
  { name: 'boundary: used exactly 45 days ago PASSes', sources: report(userRow('edge', { password_enabled: true, password_last_used: daysAgo(45) })), expect: [{ status: 'PASS' }] },
  { name: 'threshold is a parameter', sources: report(userRow('edge', { password_enabled: true, password_last_used: daysAgo(20) })), params: { max_unused_days: 14 }, expect: [{ status: 'FAIL' }] },
  { name: 'account PASS when no user has a console password', sources: report(userRow('api')), expect: [{ status: 'PASS', message: 'No IAM user has a console password' }] },
  { name: 'ERROR when denied', sources: { 'iam.credential_report': failed('AccessDenied', 'iam:GetCredentialReport') }, expect: [{ status: 'ERROR' }] },
]);
