import { checkCases, failed } from '../../helpers/check-tester.js';
import { credentialReport, daysAgo, rootRow } from '../../helpers/iam-fixtures.js';

const report = (o: Parameters<typeof rootRow>[0]) => ({ 'iam.credential_report': credentialReport(rootRow(o)) });

checkCases('iam_avoid_root_usage', [
  { name: 'PASS when root was last used 400 days ago', sources: report({ password_last_used: daysAgo(400) }), expect: [{ status: 'PASS', message: '90 days' }] },
  { name: 'PASS when root has never been used (all nulls)', sources: report({ password_last_used: null }), expect: [{ status: 'PASS' }] },
  { name: 'FAIL when the password was used 3 days ago', sources: report({ password_last_used: daysAgo(3) }), expect: [{ status: 'FAIL', message: ['password last used', daysAgo(3).slice(0, 10)] }] },
  { name: 'FAIL when access key 2 was used 10 days ago', sources: report({ password_last_used: null, access_key_2_last_used_date: daysAgo(10) }), expect: [{ status: 'FAIL', message: 'access key 2' }] },
  { name: 'boundary: exactly 90 days ago is within the window (FAIL)', sources: report({ password_last_used: daysAgo(90) }), expect: [{ status: 'FAIL' }] },
  { name: 'boundary: 90 days and one minute ago is outside (PASS)', sources: report({ password_last_used: daysAgo(90 + 1 / 1440) }), expect: [{ status: 'PASS' }] },
  { name: 'the threshold is a parameter', sources: report({ password_last_used: daysAgo(20) }), params: { max_root_usage_days: 14 }, expect: [{ status: 'PASS', message: '14 days' }] },
  { name: 'ERROR when the report is denied', sources: { 'iam.credential_report': failed('AccessDenied', 'iam:GenerateCredentialReport') }, expect: [{ status: 'ERROR' }] },
]);
