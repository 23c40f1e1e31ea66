import { checkCases, failed, ACCOUNT_ID } from '../../helpers/check-tester.js';
import { ADMIN_DOCUMENT, authorizationDetails, iamUser } from '../../helpers/iam-fixtures.js';
import type { IamManagedPolicyDetail } from '../../../runner/sources/iam-data.js';

const managed = (name: string, document: unknown, o: Partial<IamManagedPolicyDetail> = {}): IamManagedPolicyDetail => ({
  name, arn: `arn:aws:iam::${ACCOUNT_ID}:policy/${name}`, id: `ANPA${name}`, aws_managed: false, attachment_count: 1, default_version_id: 'v1', document, ...o,
});
const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

checkCases('iam_no_custom_policy_full_admin', [
  {
    name: 'admin statement FAILs; scoped and conditioned statements PASS; unattached and AWS managed are skipped',
    sources: {
      'iam.authorization_details': authorizationDetails({
        policies: [
          managed('Admin', ADMIN_DOCUMENT),
          managed('StarStar', { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: ['s3:GetObject', '*:*'], Resource: '*' } }),
          managed('Scoped', doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' })),
          managed('Conditioned', doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })),
          managed('DenyAll', doc({ Effect: 'Deny', Action: '*', Resource: '*' })),
          managed('Unattached', ADMIN_DOCUMENT, { attachment_count: 0 }),
          managed('AdministratorAccess', ADMIN_DOCUMENT, { aws_managed: true, arn: 'arn:aws:iam::aws:policy/AdministratorAccess' }),
        ],
      }),
    },
    expect: [
      { status: 'FAIL', resource: 'Admin', message: 'allows "*" on Resource "*"' },
      { status: 'FAIL', resource: 'StarStar' },
      { status: 'PASS', resource: 'Scoped' },
      { status: 'PASS', resource: 'Conditioned' },
      { status: 'PASS', resource: 'DenyAll' },
    ],
  },
  {
    name: 'NotAction with Allow on Resource * FAILs; inline policies of users are evaluated',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [iamUser('alice', { inline_policies: [{ name: 'almost-admin', document: doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) }, { name: 'fine', document: doc({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }) }] })],
      }),
    },
    expect: [
      { status: 'FAIL', resource: 'alice/almost-admin', message: 'NotAction' },
      { status: 'PASS', resource: 'alice/fine', message: 'Inline policy fine of' },
    ],
  },
  { name: 'a document that is not valid JSON has no statements and PASSes', sources: { 'iam.authorization_details': authorizationDetails({ policies: [managed('Broken', '{not json')] }) }, expect: [{ status: 'PASS', resource: 'Broken' }] },
  { name: 'account PASS when there is nothing to evaluate', sources: { 'iam.authorization_details': authorizationDetails() }, expect: [{ status: 'PASS', message: 'No customer-managed policy' }] },
  { name: 'ERROR when denied', sources: { 'iam.authorization_details': failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') }, expect: [{ status: 'ERROR' }] },
]);
