import assert from 'node:assert/strict';
import { checkCases, failed, runCheck } from '../../helpers/check-tester.js';
import { ADMIN_DOCUMENT, authorizationDetails, iamUser } from '../../helpers/iam-fixtures.js';
import { awsManaged, doc, iamGroup, iamRole, managed, trustAccount } from './q-permissions-fixtures.js';

const ID = 'iam_policy_no_q_wildcard';
const allow = (Action: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, Resource: '*', ...extra });
const allowNot = (NotAction: unknown) => ({ Effect: 'Allow', NotAction, Resource: '*' });

checkCases(ID, [
  {
    name: 'service wildcards FAIL; narrower wildcards, conditions and resource scopes PASS',
    sources: {
      'iam.authorization_details': authorizationDetails({
        policies: [
          managed('Star', ADMIN_DOCUMENT),
          managed('StarStar', doc(allow(['s3:GetObject', '*:*']))),
          managed('QDev', doc(allow('q:*'))),
          managed('QBusiness', doc(allow('qbusiness:*'))),
          managed('QPrefix', doc(allow('q*:*'))),
          managed('Upper', doc(allow('CODEWHISPERER:*'))),
          managed('GetOnly', doc(allow(['qbusiness:Get*', 'qbusiness:List*']))),
          managed('Conditioned', doc(allow('qbusiness:*', { Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }))),
          managed('Scoped', doc(allow('qbusiness:*', { Resource: 'arn:aws:qbusiness:eu-west-1:123456789012:application/*' }))),
          managed('DenyAll', doc({ Effect: 'Deny', Action: '*', Resource: '*' })),
        ],
      }),
    },
    expect: [
      { status: 'FAIL', resource: 'Star', message: ['Policy Star allows every action of q, qbusiness, qapps, codewhisperer on Resource "*" without a Condition', '(*)'] },
      { status: 'FAIL', resource: 'StarStar', message: '(*:*)' },
      { status: 'FAIL', resource: 'QDev', message: 'every action of q on' },
      { status: 'FAIL', resource: 'QBusiness', message: 'every action of qbusiness on' },
      { status: 'FAIL', resource: 'QPrefix', message: 'every action of q, qbusiness, qapps on' },
      { status: 'FAIL', resource: 'Upper', message: 'every action of codewhisperer' },
      { status: 'PASS', resource: 'GetOnly', message: 'Policy GetOnly grants no Amazon Q service wildcard' },
      { status: 'PASS', resource: 'Conditioned' },
      { status: 'PASS', resource: 'Scoped' },
      { status: 'PASS', resource: 'DenyAll' },
    ],
  },
  {
    name: 'NotAction: FAIL when it leaves a Q service out of its list, PASS when it names them all',
    sources: {
      'iam.authorization_details': authorizationDetails({
        policies: [
          managed('AllButIam', doc(allowNot('iam:*'))),
          managed('AllButMostQ', doc(allowNot(['q:*', 'qapps:*', 'codewhisperer:*', 'iam:*']))),
          managed('AllButQ', doc(allowNot(['q*:*', 'codewhisperer:*']))),
        ],
      }),
    },
    expect: [
      { status: 'FAIL', resource: 'AllButIam', message: '(NotAction iam:*)' },
      { status: 'FAIL', resource: 'AllButMostQ', message: 'every action of qbusiness on Resource "*"' },
      { status: 'PASS', resource: 'AllButQ' },
    ],
  },
  {
    name: 'inline policies of users, groups and roles are evaluated; unattached and AWS managed policies are not',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [iamUser('alice', { inline_policies: [{ name: 'q-all', document: doc(allow('qapps:*')) }] })],
        groups: [iamGroup('ops', [], [{ name: 'chat', document: doc(allow(['qbusiness:Chat', 'qbusiness:ChatSync'])) }])],
        roles: [iamRole('Builder', trustAccount, { inline_policies: [{ name: 'everything', document: JSON.stringify(ADMIN_DOCUMENT) }] })],
        policies: [managed('Unattached', ADMIN_DOCUMENT, { attachment_count: 0 }), awsManaged('AdministratorAccess', ADMIN_DOCUMENT)],
      }),
    },
    expect: [
      { status: 'FAIL', resource: 'alice/q-all', message: 'Inline policy alice/q-all allows every action of qapps' },
      { status: 'PASS', resource: 'ops/chat', message: 'Inline policy chat of arn:aws:iam::123456789012:group/ops' },
      { status: 'FAIL', resource: 'Builder/everything' },
    ],
  },
  { name: 'a document that is not JSON grants nothing and PASSes', sources: { 'iam.authorization_details': authorizationDetails({ policies: [managed('Broken', '{not json')] }) }, expect: [{ status: 'PASS', resource: 'Broken' }] },
  { name: 'account PASS when there is no policy to evaluate', sources: { 'iam.authorization_details': authorizationDetails() }, expect: [{ status: 'PASS', message: 'No customer-managed policy' }] },
  { name: 'ERROR when GetAccountAuthorizationDetails is denied', sources: { 'iam.authorization_details': failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') }, expect: [{ status: 'ERROR', message: 'Missing permission iam:GetAccountAuthorizationDetails' }] },
]);

describe(`${ID} evidence`, () => {
  it('names the statements, the services, the patterns and the action catalogue', () => {
    const [f] = runCheck(ID, {
      'iam.authorization_details': authorizationDetails({ policies: [managed('Mixed', doc(allow('s3:*'), { Sid: 'Q', ...allow(['qbusiness:*', 'qapps:Get*']) }))] }),
    });
    assert.equal(f.status, 'FAIL');
    assert.deepEqual(f.evidence.statements, [{ effect: 'Allow', sid: 'Q', action: ['qbusiness:*', 'qapps:Get*'], resource: ['*'], statement_index: 1, q_services: ['qbusiness'], patterns: ['qbusiness:*'] }]);
    assert.match(String(f.evidence.action_catalogue), /^@cloud-copilot\/iam-data \d/);
  });
});
