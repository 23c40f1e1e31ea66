// The three application-level settings checks: customer managed key, no anonymous access, no
// file uploads in chat. They read qbusiness.applications (ListApplications + GetApplication).
import { checkCases, failed } from '../../helpers/check-tester.js';
import { APP_A, APP_B, application, denied, qbusinessSources } from './fixtures.js';

const KEY = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

/** The failure cases every application-level check shares. */
function failureCases(passing: Parameters<typeof application>[1]) {
  return [
    {
      name: 'GetApplication denied for one application: ERROR for it naming the permission, the other is still evaluated',
      sources: qbusinessSources([
        { app: application(APP_A, { ...passing, display_name: 'alpha' }) },
        { app: application(APP_B, { display_name: 'beta', error: denied('qbusiness:GetApplication') }) },
      ]),
      expect: [{ status: 'PASS' as const, resource: 'alpha' }, { status: 'ERROR' as const, resource: 'beta', message: ['qbusiness:GetApplication', 'AccessDeniedException'] }],
    },
    {
      name: 'ListApplications denied: one ERROR for the region naming qbusiness:ListApplications',
      sources: { 'qbusiness.applications': failed('AccessDeniedException', 'qbusiness:ListApplications') },
      expect: [{ status: 'ERROR' as const, message: ['Missing permission qbusiness:ListApplications'] }],
    },
    { name: 'not collected: ERROR, never PASS', sources: {}, expect: [{ status: 'ERROR' as const, message: 'NotCollected' }] },
    {
      name: 'no application in the region: one account-level PASS (nothing to check)',
      sources: qbusinessSources([]),
      expect: [{ status: 'PASS' as const, resource: '123456789012', message: 'No Amazon Q Business application in this region' }],
    },
  ];
}

checkCases('qbusiness_application_cmk_encryption', [
  {
    name: 'PASS with a customer managed key, FAIL with the AWS owned key',
    sources: qbusinessSources([
      { app: application(APP_A, { display_name: 'alpha', kms_key_id: KEY }) },
      { app: application(APP_B, { display_name: 'beta', kms_key_id: null }) },
    ]),
    expect: [
      { status: 'PASS', resource: 'alpha', message: ['customer managed KMS key', KEY] },
      { status: 'FAIL', resource: 'beta', message: 'AWS owned key' },
    ],
  },
  ...failureCases({ kms_key_id: KEY }),
]);

checkCases('qbusiness_application_not_anonymous', [
  {
    name: 'FAIL for ANONYMOUS; PASS for IAM Identity Center, IAM federation and QuickSight identities',
    sources: qbusinessSources([
      { app: application('anon0000-0000-0000-0000-000000000000', { display_name: 'public-bot', identity_type: 'ANONYMOUS' }) },
      { app: application('idc00000-0000-0000-0000-000000000000', { display_name: 'idc', identity_type: 'AWS_IAM_IDC' }) },
      { app: application('saml0000-0000-0000-0000-000000000000', { display_name: 'saml', identity_type: 'AWS_IAM_IDP_SAML' }) },
      { app: application('oidc0000-0000-0000-0000-000000000000', { display_name: 'oidc', identity_type: 'AWS_IAM_IDP_OIDC' }) },
      { app: application('qs000000-0000-0000-0000-000000000000', { display_name: 'quicksight', identity_type: 'AWS_QUICKSIGHT_IDP' }) },
    ]),
    expect: [
      { status: 'FAIL', resource: 'public-bot', message: 'ANONYMOUS' },
      { status: 'PASS', resource: 'idc', message: 'AWS_IAM_IDC' },
      { status: 'PASS', resource: 'saml', message: 'AWS_IAM_IDP_SAML' },
      { status: 'PASS', resource: 'oidc' },
      { status: 'PASS', resource: 'quicksight' },
    ],
  },
  {
    name: 'an application from before identity types reports none: PASS, saying so',
    sources: qbusinessSources([{ app: application(APP_A, { display_name: 'legacy', identity_type: null }) }]),
    expect: [{ status: 'PASS', resource: 'legacy', message: 'no identity type reported' }],
  },
  ...failureCases({ identity_type: 'AWS_IAM_IDC' }),
]);

checkCases('qbusiness_application_attachments_disabled', [
  {
    name: 'FAIL when attachments are ENABLED, PASS when DISABLED',
    sources: qbusinessSources([
      { app: application(APP_A, { display_name: 'uploads', attachments_control_mode: 'ENABLED' }) },
      { app: application(APP_B, { display_name: 'no-uploads', attachments_control_mode: 'DISABLED' }) },
    ]),
    expect: [
      { status: 'FAIL', resource: 'uploads', message: 'attachmentsControlMode ENABLED' },
      { status: 'PASS', resource: 'no-uploads', message: 'DISABLED' },
    ],
  },
  {
    name: 'no attachments setting reported: PASS (the rule fails only ENABLED), saying so',
    sources: qbusinessSources([{ app: application(APP_A, { display_name: 'old', attachments_control_mode: null }) }]),
    expect: [{ status: 'PASS', resource: 'old', message: 'no attachments setting reported' }],
  },
  ...failureCases({ attachments_control_mode: 'DISABLED' }),
]);
