import { checkCases, failed, ACCOUNT_ID } from '../../helpers/check-tester.js';
import { authorizationDetails, iamUser } from '../../helpers/iam-fixtures.js';

checkCases('iam_policy_attached_only_to_group_or_roles', [
  {
    name: 'group-only user PASSes; managed or inline policy on the user FAILs',
    sources: {
      'iam.authorization_details': authorizationDetails({
        users: [
          iamUser('grouped', { groups: ['admins'] }),
          iamUser('managed', { attached_policies: [{ name: 'ReadOnlyAccess', arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] }),
          iamUser('inline', { inline_policies: [{ name: 'extra', document: { Version: '2012-10-17', Statement: [] } }] }),
        ],
      }),
    },
    expect: [
      { status: 'PASS', resource: 'grouped' },
      { status: 'FAIL', resource: 'managed', message: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
      { status: 'FAIL', resource: 'inline', message: 'inline: extra' },
    ],
  },
  { name: 'account PASS when there are no users', sources: { 'iam.authorization_details': authorizationDetails() }, expect: [{ status: 'PASS', resource: ACCOUNT_ID }] },
  { name: 'ERROR when denied', sources: { 'iam.authorization_details': failed('AccessDenied', 'iam:GetAccountAuthorizationDetails') }, expect: [{ status: 'ERROR', message: 'iam:GetAccountAuthorizationDetails' }] },
]);
