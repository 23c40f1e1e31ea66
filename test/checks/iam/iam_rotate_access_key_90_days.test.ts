import { checkCases, failed } from '../../helpers/check-tester.js';
import { credentialReport, daysAgo, rootRow, userRow } from '../../helpers/iam-fixtures.js';

const report = (...rows: ReturnType<typeof userRow>[]) => ({ 'iam.credential_report': credentialReport(rootRow(), ...rows) });

checkCases('iam_rotate_access_key_90_days', [
  {
    name: 'young key PASSes, old key FAILs, inactive old key is skipped',
    sources: report(userRow('ci', { access_key_1_active: true, access_key_1_last_rotated: daysAgo(30), access_key_2_active: false, access_key_2_last_rotated: daysAgo(400) }), userRow('legacy', { access_key_2_active: true, access_key_2_last_rotated: daysAgo(91) })),
    expect: [{ status: 'PASS', resource: 'ci/access_key_1' }, { status: 'FAIL', resource: 'legacy/access_key_2', message: 'not been rotated since' }],
  },
  { name: 'boundary: 90 days exactly PASSes', sources: report(userRow('u', { access_key_1_active: true, access_key_1_last_rotated: daysAgo(90) })), expect: [{ status: 'PASS' }] },
  { name: 'active key without a rotation date FAILs (never PASS on missing data)', sources: report(userRow('u', { access_key_1_active: true })), expect: [{ status: 'FAIL', message: 'no rotation date' }] },
  { name: 'parameter max_key_age_days', sources: report(userRow('u', { access_key_1_active: true, access_key_1_last_rotated: daysAgo(40) })), params: { max_key_age_days: 30 }, expect: [{ status: 'FAIL' }] },
  { name: 'account PASS when there is no active key', sources: report(), expect: [{ status: 'PASS' }] },
  { name: 'ERROR when denied', sources: { 'iam.credential_report': failed('AccessDenied', 'iam:GetCredentialReport') }, expect: [{ status: 'ERROR' }] },
]);
