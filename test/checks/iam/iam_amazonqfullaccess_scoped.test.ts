import assert from 'node:assert/strict';
import { checkCases, failed, runCheck } from '../../helpers/check-tester.js';
import { authorizationDetails, iamUser } from '../../helpers/iam-fixtures.js';
import { doc, iamGroup, iamRole, Q_FULL_ACCESS_ARN, qFullAccess, trustAccount, trustService } from './q-permissions-fixtures.js';

const Q = { name: 'AmazonQFullAccess', arn: Q_FULL_ACCESS_ARN };
const ID = 'iam_amazonqfullaccess_scoped';

checkCases(ID, [
  {
    name: 'MANUAL for each role and group holding it, with trust or members; users and other principals get no finding',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [iamUser('maria', { groups: ['q-admins'] }), iamUser('jonas', { groups: ['q-admins'] }), iamUser('tom', { attached_policies: [Q] })],
        groups: [iamGroup('q-admins', [Q]), iamGroup('readers')],
        roles: [iamRole('QAdmin', trustAccount, { attached_policies: [Q] }), iamRole('Other', trustAccount)],
        policies: [qFullAccess(3)],
      }),
    },
    expect: [
      { status: 'MANUAL', resource: 'q-admins', message: ['Group q-admins has AmazonQFullAccess (members: maria, jonas)', 'plugin administration and iam:PassRole'] },
      { status: 'MANUAL', resource: 'QAdmin', message: 'Role QAdmin has AmazonQFullAccess (trusted by AWS arn:aws:iam::123456789012:root)' },
    ],
  },
  {
    name: 'a group without members and a role trusted by a service are still reviewed',
    sources: {
      'iam.authorization_details': authorizationDetails({
        groups: [iamGroup('empty', [Q])],
        roles: [iamRole('Svc', trustService(['q.amazonaws.com', 'lambda.amazonaws.com']), { attached_policies: [Q] }), iamRole('Nobody', doc(), { attached_policies: [Q] })],
      }),
    },
    expect: [
      { status: 'MANUAL', resource: 'empty', message: '(no members)' },
      { status: 'MANUAL', resource: 'Svc', message: 'trusted by Service q.amazonaws.com, Service lambda.amazonaws.com' },
      { status: 'MANUAL', resource: 'Nobody', message: 'trusted by no principal' },
    ],
  },
  {
    name: 'one PASS for the account when only users hold it',
    sources: { 'iam.authorization_details': authorizationDetails({ users: [iamUser('tom', { attached_policies: [Q] })], roles: [iamRole('R', trustAccount)] }) },
    expect: [{ status: 'PASS', resource: '123456789012', message: 'No IAM role or group has AmazonQFullAccess' }],
  },
  { name: 'PASS for an empty account', sources: { 'iam.authorization_details': authorizationDetails() }, expect: [{ status: 'PASS' }] },
  { name: 'ERROR when GetAccountAuthorizationDetails is denied', sources: { 'iam.authorization_details': failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') }, expect: [{ status: 'ERROR' }] },
]);

describe(`${ID} evidence`, () => {
  it('a role\'s finding carries its trust policy; a group\'s its members', () => {
    const findings = runCheck(ID, {
      'iam.authorization_details': authorizationDetails({
        users: [iamUser('maria', { groups: ['q-admins'] })],
        groups: [iamGroup('q-admins', [Q])],
        roles: [iamRole('QAdmin', trustAccount, { attached_policies: [Q] })],
      }),
    });
    const role = findings.find((f) => f.resource.name === 'QAdmin');
    const group = findings.find((f) => f.resource.name === 'q-admins');
    assert.deepEqual(role?.evidence.trust_policy, trustAccount);
    assert.equal(role?.evidence.policy_arn, Q_FULL_ACCESS_ARN);
    assert.deepEqual(group?.evidence.members, ['maria']);
    assert.equal(group?.evidence.trust_policy, undefined);
  });
});
