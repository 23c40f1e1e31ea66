import assert from 'node:assert/strict';
import { checkCases, failed, runCheck } from '../../helpers/check-tester.js';
import { ADMIN_DOCUMENT, authorizationDetails, iamUser } from '../../helpers/iam-fixtures.js';
import { awsManaged, doc, iamGroup, iamRole, managed, Q_FULL_ACCESS_ARN, qFullAccess, ref, trustAccount, trustService } from './q-permissions-fixtures.js';

const ID = 'iam_q_privileged_principals';
const allow = (Action: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, Resource: '*', ...extra });
const deny = (Action: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Deny', Action, Resource: '*', ...extra });
const ADMIN = awsManaged('AdministratorAccess', ADMIN_DOCUMENT, 2);
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

checkCases(ID, [
  {
    name: 'MANUAL for users (directly or through a group), groups and roles allowed high-impact actions; others get no finding',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [
          iamUser('admin-via-group', { groups: ['admins'] }),
          iamUser('ingest', { inline_policies: [{ name: 'docs', document: doc(allow('qbusiness:Batch*', { Resource: 'arn:aws:qbusiness:eu-west-1:123456789012:application/a' })) }] }),
          iamUser('reader', { attached_policies: [ref(managed('Reader', doc(allow(['qbusiness:Get*', 'qbusiness:List*', 'qbusiness:Chat']))))] }),
        ],
        groups: [iamGroup('admins', [ref(ADMIN)])],
        roles: [iamRole('QAdmin', trustAccount, { attached_policies: [{ name: 'AmazonQFullAccess', arn: Q_FULL_ACCESS_ARN }] })],
        policies: [ADMIN, managed('Reader', doc(allow(['qbusiness:Get*', 'qbusiness:List*', 'qbusiness:Chat']))), qFullAccess()],
      }),
    },
    expect: [
      { status: 'MANUAL', resource: 'admin-via-group', message: 'User admin-via-group can perform all 24 high-impact Amazon Q actions' },
      { status: 'MANUAL', resource: 'admins', message: 'Group admins can perform all 24 high-impact Amazon Q actions' },
      { status: 'MANUAL', resource: 'ingest', message: 'User ingest can perform 2 high-impact Amazon Q actions: qbusiness:BatchPutDocument, qbusiness:BatchDeleteDocument' },
      { status: 'MANUAL', resource: 'QAdmin', message: 'Role QAdmin can perform 3 high-impact Amazon Q actions: q:PassRequest, q:CreatePlugin, q:CreateAssignment' },
    ],
  },
  {
    name: 'NotAction and wildcards are expanded; long lists are shortened in the message',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [
          iamUser('not-iam', { inline_policies: [{ name: 'p', document: doc({ Effect: 'Allow', NotAction: ['iam:*', 'qbusiness:*'], Resource: '*' }) }] }),
          iamUser('deleter', { inline_policies: [{ name: 'p', document: doc(allow(['QBUSINESS:delete*', 'qbusiness:Update*'])) }] }),
        ],
      }),
    },
    expect: [
      { status: 'MANUAL', resource: 'not-iam', message: 'can perform 3 high-impact Amazon Q actions: q:PassRequest, q:CreatePlugin, q:CreateAssignment' },
      { status: 'MANUAL', resource: 'deleter', message: ['can perform 12 high-impact Amazon Q actions: qbusiness:DeleteApplication, qbusiness:UpdateApplication', 'and 2 more'] },
    ],
  },
  {
    name: 'an unconditional Deny on "*" in the same principal\'s policies removes actions; a conditional one does not',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [
          iamUser('guarded', { groups: ['admins'], inline_policies: [{ name: 'guard', document: doc(deny(['qbusiness:*', 'q:*'])) }] }),
          iamUser('partly', { groups: ['admins'], inline_policies: [{ name: 'guard', document: doc(deny('qbusiness:*')) }] }),
          iamUser('mfa-deny', { groups: ['admins'], inline_policies: [{ name: 'guard', document: doc(deny('q*:*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } })) }] }),
          iamUser('scoped-deny', { groups: ['admins'], inline_policies: [{ name: 'guard', document: doc(deny('q*:*', { Resource: 'arn:aws:qbusiness:*:*:application/prod' })) }] }),
        ],
        groups: [iamGroup('admins', [ref(ADMIN)])],
        policies: [ADMIN],
      }),
    },
    expect: [
      { status: 'MANUAL', resource: 'admins' },
      { status: 'MANUAL', resource: 'partly', message: ['can perform 3 high-impact Amazon Q actions: q:PassRequest, q:CreatePlugin, q:CreateAssignment', '21 more removed by an explicit Deny'] },
      { status: 'MANUAL', resource: 'mfa-deny', message: ['all 24', 'a Deny with a Condition or on some resources only does not remove them'] },
      { status: 'MANUAL', resource: 'scoped-deny', message: ['all 24', 'does not remove them'] },
    ],
  },
  {
    name: 'a Deny in one group removes what another group allows (a user\'s policies are taken together)',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [iamUser('both', { groups: ['admins', 'guardrails'] })],
        groups: [iamGroup('admins', [ref(ADMIN)]), iamGroup('guardrails', [], [{ name: 'no-q', document: doc(deny(['qbusiness:*', 'q:*'])) }])],
        policies: [ADMIN],
      }),
    },
    expect: [{ status: 'MANUAL', resource: 'admins' }],
  },
  {
    name: 'a Condition on the Allow does not remove the capability; the message names it',
    sources: { 'iam.authorization_details': authorizationDetails({ roles: [iamRole('BreakGlass', trustAccount, { inline_policies: [{ name: 'admin', document: doc(allow('*', { Condition: MFA })) }] })] }) },
    expect: [{ status: 'MANUAL', resource: 'BreakGlass', message: 'all 24 high-impact Amazon Q actions (only under a Condition on aws:MultiFactorAuthPresent)' }],
  },
  {
    name: 'one PASS for the account when no principal has any (read-only Q access, trust policies do not count)',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [iamUser('reader', { inline_policies: [{ name: 'q', document: doc(allow(['qbusiness:Get*', 'qbusiness:List*', 'q:StartConversation', 'q:SendMessage'])) }] })],
        roles: [iamRole('DataSource', trustService('qbusiness.amazonaws.com'), { inline_policies: [{ name: 's3', document: doc(allow('s3:GetObject')) }] })],
      }),
    },
    expect: [{ status: 'PASS', resource: '123456789012', message: 'No IAM user, group or role is allowed a high-impact Amazon Q action' }],
  },
  {
    name: 'a policy document missing from the snapshot: ERROR when the rest allows nothing, MANUAL naming the gap otherwise',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [
          iamUser('unknown', { attached_policies: [{ name: 'AmazonQFullAccess', arn: Q_FULL_ACCESS_ARN }] }),
          iamUser('lost-group', { groups: ['gone'] }),
          iamUser('partly-known', { groups: ['gone'], inline_policies: [{ name: 'a', document: doc(allow('q:PassRequest')) }] }),
          iamUser('clean'),
        ],
        roles: [iamRole('Admin', trustAccount, { inline_policies: [{ name: 'a', document: ADMIN_DOCUMENT }] })],
      }),
    },
    expect: [
      { status: 'ERROR', resource: 'unknown', message: 'the snapshot lacks policy arn:aws:iam::aws:policy/AmazonQFullAccess' },
      { status: 'ERROR', resource: 'lost-group', message: 'the snapshot lacks group gone' },
      { status: 'MANUAL', resource: 'partly-known', message: ['1 high-impact Amazon Q action: q:PassRequest', 'not read, missing from the snapshot: group gone'] },
      { status: 'MANUAL', resource: 'Admin' },
    ],
  },
  {
    name: 'the high_impact_actions parameter may be overridden, with wildcards expanded against the catalogue',
    params: { high_impact_actions: ['qapps:Delete*', 'qbusiness:Chat'] },
    sources: { 'iam.authorization_details': authorizationDetails({ users: [iamUser('apps', { inline_policies: [{ name: 'p', document: doc(allow(['qapps:*', 'qbusiness:DeleteApplication'])) }] })] }) },
    expect: [{ status: 'MANUAL', resource: 'apps', message: /can perform \d+ high-impact Amazon Q actions: qapps:Delete/ }],
  },
  { name: 'PASS for an empty account', sources: { 'iam.authorization_details': authorizationDetails() }, expect: [{ status: 'PASS' }] },
  { name: 'ERROR when GetAccountAuthorizationDetails is denied', sources: { 'iam.authorization_details': failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') }, expect: [{ status: 'ERROR', message: 'iam:GetAccountAuthorizationDetails' }] },
]);

describe(`${ID} evidence`, () => {
  it('lists the actions, the granting statements with their conditions, and the Deny statements', () => {
    const [f] = runCheck(ID, {
      'iam.authorization_details': authorizationDetails({
        users: [iamUser('u', {
          groups: ['admins'],
          inline_policies: [{ name: 'guard', document: doc({ Sid: 'NoDelete', ...deny('qbusiness:Delete*') }, { Sid: 'MfaForQ', ...deny('q:*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }) }) }],
        })],
        groups: [iamGroup('admins', [], [{ name: 'admin', document: doc(allow('*', { Condition: MFA })) }])],
      }),
    });
    assert.equal(f.status, 'MANUAL');
    const actions = f.evidence.high_impact_actions as string[];
    assert.equal(actions.length, 24 - 6);
    assert.ok(!actions.some((a) => a.startsWith('qbusiness:Delete')));
    assert.deepEqual(f.evidence.conditional_actions, actions);
    assert.deepEqual(f.evidence.removed_by_deny, ['qbusiness:DeleteApplication', 'qbusiness:DeleteIndex', 'qbusiness:DeleteDataSource', 'qbusiness:DeleteRetriever', 'qbusiness:DeleteWebExperience', 'qbusiness:DeleteChatControlsConfiguration']);
    assert.deepEqual(f.evidence.granted_by, [{ policy: 'admin', policy_arn: null, policy_kind: 'inline', via: 'group admins', statement_index: 0, actions, condition: MFA }]);
    assert.deepEqual((f.evidence.denied_by as { sid: string }[]).map((d) => d.sid), ['NoDelete']);
    assert.deepEqual((f.evidence.denies_not_applied as { sid: string; actions: string[] }[]).map((d) => [d.sid, d.actions]), [['MfaForQ', ['q:PassRequest', 'q:CreatePlugin', 'q:CreateAssignment']]]);
    assert.deepEqual(f.evidence.groups, ['admins']);
  });
});
