import assert from 'node:assert/strict';
import { checkCases, failed, runCheck } from '../../helpers/check-tester.js';
import { authorizationDetails, iamUser } from '../../helpers/iam-fixtures.js';
import { doc, iamRole, trustAccount, trustService } from './q-permissions-fixtures.js';

const ID = 'iam_role_q_trust_confused_deputy';
const SOURCE_ACCOUNT = { StringEquals: { 'aws:SourceAccount': '123456789012' } };

checkCases(ID, [
  {
    name: 'FAIL without a source condition; PASS with aws:SourceAccount or aws:SourceArn under any operator',
    sources: {
      'iam.authorization_details': authorizationDetails({
        roles: [
          iamRole('DataSource', trustService('qbusiness.amazonaws.com')),
          iamRole('WebExperience', trustService('application.qbusiness.amazonaws.com', { Action: ['sts:AssumeRole', 'sts:SetContext'], Condition: SOURCE_ACCOUNT })),
          iamRole('ArnLike', trustService('qbusiness.amazonaws.com', { Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:qbusiness:us-east-1:123456789012:application/*' } } })),
          iamRole('LowerCaseKey', trustService('q.amazonaws.com', { Condition: { StringLike: { 'aws:sourcearn': 'arn:aws:q:*:123456789012:*' } } })),
          iamRole('OtherKey', trustService('qbusiness.amazonaws.com', { Condition: { StringEquals: { 'aws:SourceOrgID': 'o-abc' } } })),
        ],
      }),
    },
    expect: [
      { status: 'FAIL', resource: 'DataSource', message: 'Role DataSource trusts qbusiness.amazonaws.com without an aws:SourceAccount or aws:SourceArn condition' },
      { status: 'PASS', resource: 'WebExperience', message: 'only under an aws:SourceAccount or aws:SourceArn condition' },
      { status: 'PASS', resource: 'ArnLike' },
      { status: 'PASS', resource: 'LowerCaseKey' },
      { status: 'FAIL', resource: 'OtherKey' },
    ],
  },
  {
    name: 'the trusted principal in a list; q.amazonaws.com; a subdomain of qbusiness; Principal "*"',
    sources: {
      'iam.authorization_details': authorizationDetails({
        roles: [
          iamRole('List', trustService(['lambda.amazonaws.com', 'qbusiness.amazonaws.com'])),
          iamRole('QDev', trustService('q.amazonaws.com')),
          iamRole('Sub', trustService('anything.qbusiness.amazonaws.com')),
          iamRole('Everyone', doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' })),
          iamRole('EveryoneWithSource', doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: SOURCE_ACCOUNT })),
        ],
      }),
    },
    expect: [
      { status: 'FAIL', resource: 'List', message: 'trusts qbusiness.amazonaws.com without' },
      { status: 'FAIL', resource: 'QDev', message: 'trusts q.amazonaws.com without' },
      { status: 'FAIL', resource: 'Sub', message: 'anything.qbusiness.amazonaws.com' },
      { status: 'FAIL', resource: 'Everyone', message: 'trusts every principal ("*") without' },
      { status: 'PASS', resource: 'EveryoneWithSource' },
    ],
  },
  {
    name: 'a role with one protected and one unprotected statement FAILs',
    sources: {
      'iam.authorization_details': authorizationDetails({
        roles: [iamRole('Mixed', doc(
          { Effect: 'Allow', Principal: { Service: 'qbusiness.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: SOURCE_ACCOUNT },
          { Effect: 'Allow', Principal: { Service: 'application.qbusiness.amazonaws.com' }, Action: 'sts:SetContext' },
        ))],
      }),
    },
    expect: [{ status: 'FAIL', resource: 'Mixed', message: 'trusts application.qbusiness.amazonaws.com without' }],
  },
  {
    name: 'one PASS for the account when no role trusts an Amazon Q service (users and other roles get no finding)',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [iamUser('alice')],
        roles: [iamRole('Lambda', trustService('lambda.amazonaws.com')), iamRole('Account', trustAccount), iamRole('Apps', trustService('qapps.amazonaws.com')), iamRole('Broken', '{not json')],
      }),
    },
    expect: [{ status: 'PASS', resource: '123456789012', message: 'No IAM role trusts an Amazon Q service principal' }],
  },
  { name: 'ERROR when GetAccountAuthorizationDetails is denied', sources: { 'iam.authorization_details': failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') }, expect: [{ status: 'ERROR' }] },
]);

describe(`${ID} evidence`, () => {
  it('lists each statement trusting Amazon Q with its principal and source conditions, and the trust policy', () => {
    const trust = trustService(['qbusiness.amazonaws.com'], { Sid: 'QB', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:qbusiness:us-east-1:123456789012:application/a' } } });
    const [f] = runCheck(ID, { 'iam.authorization_details': authorizationDetails({ roles: [iamRole('R', trust)] }) });
    assert.equal(f.status, 'PASS');
    assert.equal(f.resource.type, 'AwsIamRole');
    assert.deepEqual(f.evidence.trust_policy, trust);
    assert.deepEqual(f.evidence.q_trust_statements, [{
      effect: 'Allow', sid: 'QB', action: ['sts:AssumeRole'], condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:qbusiness:us-east-1:123456789012:application/a' } },
      statement_index: 0, principal: { Service: ['qbusiness.amazonaws.com'] }, q_principals: ['qbusiness.amazonaws.com'], source_conditions: ['aws:SourceArn'],
    }]);
  });
});
