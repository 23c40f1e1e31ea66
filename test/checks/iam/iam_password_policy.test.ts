// The four password-policy checks share one data source; each gets its own table.
import { checkCases, failed } from '../../helpers/check-tester.js';
import { passwordPolicy, STRONG_PASSWORD_POLICY } from '../../helpers/iam-fixtures.js';

const policy = (o: Partial<typeof STRONG_PASSWORD_POLICY>) => ({ 'iam.password_policy': passwordPolicy({ ...STRONG_PASSWORD_POLICY, ...o }) });
const none = { 'iam.password_policy': passwordPolicy(null) };
const denied = { 'iam.password_policy': failed('AccessDenied', 'iam:GetAccountPasswordPolicy') };

checkCases('iam_password_policy_minimum_length_14', [
  { name: 'PASS at 14', sources: policy({ MinimumPasswordLength: 14 }), expect: [{ status: 'PASS', resource: 'password policy' }] },
  { name: 'PASS at 32', sources: policy({ MinimumPasswordLength: 32 }), expect: [{ status: 'PASS' }] },
  { name: 'FAIL at 13', sources: policy({ MinimumPasswordLength: 13 }), expect: [{ status: 'FAIL', message: 'only 13 characters' }] },
  { name: 'FAIL when there is no policy (NoSuchEntity)', sources: none, expect: [{ status: 'FAIL', message: 'no password policy' }] },
  { name: 'FAIL when the length is absent', sources: policy({ MinimumPasswordLength: undefined }), expect: [{ status: 'FAIL' }] },
  { name: 'ERROR when denied', sources: denied, expect: [{ status: 'ERROR', message: 'iam:GetAccountPasswordPolicy' }] },
]);

checkCases('iam_password_policy_reuse_24', [
  { name: 'PASS at 24', sources: policy({ PasswordReusePrevention: 24 }), expect: [{ status: 'PASS' }] },
  { name: 'FAIL at 5', sources: policy({ PasswordReusePrevention: 5 }), expect: [{ status: 'FAIL', message: 'only the last 5' }] },
  { name: 'FAIL when PasswordReusePrevention is absent', sources: policy({ PasswordReusePrevention: undefined }), expect: [{ status: 'FAIL', message: 'does not prevent password reuse' }] },
  { name: 'FAIL when there is no policy', sources: none, expect: [{ status: 'FAIL', message: 'no password policy' }] },
  { name: 'ERROR when denied', sources: denied, expect: [{ status: 'ERROR' }] },
]);

checkCases('iam_password_policy_complexity', [
  { name: 'PASS with all four classes', sources: policy({}), expect: [{ status: 'PASS' }] },
  { name: 'FAIL naming the missing classes', sources: policy({ RequireSymbols: false, RequireUppercaseCharacters: false }), expect: [{ status: 'FAIL', message: 'does not require uppercase letters, symbols' }] },
  { name: 'FAIL naming numbers only', sources: policy({ RequireNumbers: false }), expect: [{ status: 'FAIL', message: /require numbers$/ }] },
  { name: 'FAIL when there is no policy', sources: none, expect: [{ status: 'FAIL', message: 'no password policy' }] },
  { name: 'ERROR when denied', sources: denied, expect: [{ status: 'ERROR' }] },
]);

checkCases('iam_password_policy_expires_90_days', [
  { name: 'PASS at 90', sources: policy({ ExpirePasswords: true, MaxPasswordAge: 90 }), expect: [{ status: 'PASS', message: '90 days' }] },
  { name: 'PASS at 30', sources: policy({ ExpirePasswords: true, MaxPasswordAge: 30 }), expect: [{ status: 'PASS' }] },
  { name: 'FAIL at 91', sources: policy({ ExpirePasswords: true, MaxPasswordAge: 91 }), expect: [{ status: 'FAIL', message: 'only after 91 days' }] },
  { name: 'FAIL when ExpirePasswords is false', sources: policy({ ExpirePasswords: false, MaxPasswordAge: undefined }), expect: [{ status: 'FAIL', message: 'never expire' }] },
  { name: 'FAIL when there is no policy', sources: none, expect: [{ status: 'FAIL' }] },
  { name: 'the maximum age is a parameter', sources: policy({ ExpirePasswords: true, MaxPasswordAge: 90 }), params: { max_password_age: 60 }, expect: [{ status: 'FAIL' }] },
  { name: 'ERROR when denied', sources: denied, expect: [{ status: 'ERROR' }] },
]);
