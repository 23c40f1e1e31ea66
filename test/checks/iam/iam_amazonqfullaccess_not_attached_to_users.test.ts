import assert from 'node:assert/strict';
import { checkCases, failed, runCheck } from '../../helpers/check-tester.js';
import { authorizationDetails, iamUser } from '../../helpers/iam-fixtures.js';
import { doc, iamGroup, iamRole, managed, Q_FULL_ACCESS_ARN, qFullAccess, ref, trustAccount } from './q-permissions-fixtures.js';

const Q = { name: 'AmazonQFullAccess', arn: Q_FULL_ACCESS_ARN };
const ID = 'iam_amazonqfullaccess_not_attached_to_users';

checkCases(ID, [
  {
    name: 'FAIL for a user with the policy attached directly and for a user who has it through a group; other users get no finding',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [iamUser('tom', { attached_policies: [Q] }), iamUser('maria', { groups: ['q-admins'] }), iamUser('lea', { groups: ['developers'] })],
        groups: [iamGroup('q-admins', [Q]), iamGroup('developers')],
        policies: [qFullAccess(2)],
      }),
    },
    expect: [
      { status: 'FAIL', resource: 'tom', message: 'User tom has AmazonQFullAccess (attached directly)' },
      { status: 'FAIL', resource: 'maria', message: 'User maria has AmazonQFullAccess (through group q-admins)' },
    ],
  },
  {
    name: 'one FAIL per user, naming every way the user has it',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [iamUser('tom', { attached_policies: [Q], groups: ['a', 'b'] })],
        groups: [iamGroup('a', [Q]), iamGroup('b', [Q])],
      }),
    },
    expect: [{ status: 'FAIL', resource: 'tom', message: 'attached directly, through group a, through group b' }],
  },
  {
    name: 'PASS for the account when only roles and groups without members hold it',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [iamUser('lea')],
        groups: [iamGroup('q-admins', [Q])],
        roles: [iamRole('QAdmin', trustAccount, { attached_policies: [Q] })],
        policies: [qFullAccess(2)],
      }),
    },
    expect: [{ status: 'PASS', resource: '123456789012', message: 'No IAM user has AmazonQFullAccess' }],
  },
  {
    name: 'a customer-managed policy named AmazonQFullAccess is not the AWS managed one',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [iamUser('tom', { attached_policies: [ref(managed('AmazonQFullAccess', doc({ Effect: 'Allow', Action: 'q:Get*', Resource: '*' })))] })],
      }),
    },
    expect: [{ status: 'PASS' }],
  },
  {
    name: 'the attachment decides, not the document: FAIL even when the snapshot lacks the policy document',
    sources: { 'iam.authorization_details': authorizationDetails({ users: [iamUser('tom', { groups: ['q'] })], groups: [iamGroup('q', [Q])] }) },
    expect: [{ status: 'FAIL', resource: 'tom' }],
  },
  { name: 'PASS for an account without users', sources: { 'iam.authorization_details': authorizationDetails() }, expect: [{ status: 'PASS' }] },
  {
    name: 'ERROR when GetAccountAuthorizationDetails is denied',
    sources: { 'iam.authorization_details': failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') },
    expect: [{ status: 'ERROR', message: 'iam:GetAccountAuthorizationDetails' }],
  },
]);

describe(`${ID} evidence`, () => {
  it('names the policy, the user\'s groups and how the user has it', () => {
    const [f] = runCheck(ID, { 'iam.authorization_details': authorizationDetails({ users: [iamUser('maria', { groups: ['q-admins'] })], groups: [iamGroup('q-admins', [Q])] }) });
    assert.equal(f.resource.arn, 'arn:aws:iam::123456789012:user/maria');
    assert.equal(f.resource.type, 'AwsIamUser');
    assert.equal(f.evidence.policy_arn, Q_FULL_ACCESS_ARN);
    assert.deepEqual(f.evidence.groups, ['q-admins']);
    assert.deepEqual(f.evidence.amazonqfullaccess_via, ['through group q-admins']);
  });
});
