import { checkCases, failed } from '../../helpers/check-tester.js';
import { credentialReport, daysAgo, rootRow, userRow } from '../../helpers/iam-fixtures.js';

const report = (...rows: ReturnType<typeof userRow>[]) => ({ 'iam.credential_report': credentialReport(rootRow({ access_key_1_active: true, access_key_1_last_rotated: daysAgo(900) }), ...rows) });

checkCases('iam_user_accesskey_unused', [
  {
    name: 'one finding per active key; inactive keys and root keys get none',
    sources: report(
      userRow('ci', {
        access_key_1_active: true, access_key_1_last_rotated: daysAgo(200), access_key_1_last_used_date: daysAgo(1),
        access_key_2_active: true, access_key_2_last_rotated: daysAgo(100), access_key_2_last_used_date: daysAgo(60),
      }),
      userRow('old', { access_key_1_active: false, access_key_1_last_rotated: daysAgo(800) }),
    ),
    expect: [
      { status: 'PASS', resource: 'ci/access_key_1' },
      { status: 'FAIL', resource: 'ci/access_key_2', message: 'has not been used since' },
    ],
  },
  { name: 'never used and created 50 days ago: FAIL', sources: report(userRow('u', { access_key_1_active: true, access_key_1_last_rotated: daysAgo(50), access_key_1_last_used_date: null })), expect: [{ status: 'FAIL', resource: 'u/access_key_1', message: 'never been used' }] },
  { name: 'never used and created 5 days ago: PASS', sources: report(userRow('u', { access_key_1_active: true, access_key_1_last_rotated: daysAgo(5), access_key_1_last_used_date: null })), expect: [{ status: 'PASS' }] },
  { name: 'active key without any date is not read as PASS', sources: report(userRow('u', { access_key_2_active: true })), expect: [{ status: 'FAIL', resource: 'u/access_key_2' }] },
  { name: 'account PASS when no user has an active key', sources: report(userRow('u')), expect: [{ status: 'PASS', message: 'No IAM user has an active access key' }] },
  { name: 'ERROR when denied', sources: { 'iam.credential_report': failed('AccessDenied', 'iam:GenerateCredentialReport') }, expect: [{ status: 'ERROR' }] },
]);
