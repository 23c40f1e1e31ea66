// Builds the bundled demo snapshot: an organization's production account, which is mostly in
// good shape, and a sandbox account that is not, so that every check shows both verdicts.
// Regenerate with `npm run build && node dist/examples/demo-account.js` (a test keeps the
// committed examples/demo-account.snapshot.json in sync with this file).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AccountSnapshot, Snapshot } from '../runner/snapshot/snapshot.js';
import { blankCredentialRow, ROOT_USER, type AuthorizationDetailsData, type CredentialReportRow, type IamManagedPolicyDetail, type IamUserDetail } from '../runner/sources/iam-data.js';

import { ago, DEMO_COLLECTED_AT, DEMO_REGIONS as REGIONS, globalSource as global, PROD, SANDBOX, type DemoAccount } from './demo/common.js';
import { cloudtrailDemoSources } from './demo/cloudtrail.js';
import { detectionDemoSources } from './demo/detection.js';
import { qbusinessDemoSources } from './demo/qbusiness.js';

export { DEMO_COLLECTED_AT };

/** Every service group's sources of one demo account, after its IAM sources. */
function otherSources(account: DemoAccount): AccountSnapshot['sources'] {
  return { ...cloudtrailDemoSources(account), ...detectionDemoSources(account), ...qbusinessDemoSources(account) };
}


function row(account: string, user: string, o: Partial<CredentialReportRow>): CredentialReportRow {
  const arn = user === ROOT_USER ? `arn:aws:iam::${account}:root` : `arn:aws:iam::${account}:user/${user}`;
  return { ...blankCredentialRow(user, arn), user_creation_time: ago(700), ...o };
}

function user(account: string, name: string, o: Partial<IamUserDetail> = {}): IamUserDetail {
  return { name, arn: `arn:aws:iam::${account}:user/${name}`, id: `AIDA${name.toUpperCase().replace(/[^A-Z]/g, 'X').padEnd(16, 'Q').slice(0, 16)}`, path: '/', create_date: ago(700), groups: [], attached_policies: [], inline_policies: [], ...o };
}

function policy(account: string, name: string, document: unknown, o: Partial<IamManagedPolicyDetail> = {}): IamManagedPolicyDetail {
  return { name, arn: `arn:aws:iam::${account}:policy/${name}`, id: `ANPA${name.toUpperCase().replace(/[^A-Z]/g, 'X').padEnd(16, 'Q').slice(0, 16)}`, aws_managed: false, attachment_count: 1, default_version_id: 'v1', document, ...o };
}


const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });

// AWS managed policies attached in the demo accounts, as GetAccountAuthorizationDetails returns
// them (attached AWS managed policies come with their default version). Abbreviated to the
// statements the Amazon Q permission checks read.
const AWS_MANAGED_DOCS: Record<string, unknown> = {
  AmazonQFullAccess: doc(
    { Sid: 'AllowAmazonQFullAccess', Effect: 'Allow', Action: ['q:*'], Resource: '*' },
    { Sid: 'AllowCloudControlReadAccess', Effect: 'Allow', Action: ['cloudformation:GetResource', 'cloudformation:ListResources'], Resource: '*' },
    { Sid: 'AllowSetTrustedIdentity', Effect: 'Allow', Action: ['sts:SetContext'], Resource: 'arn:aws:sts::*:self' },
    { Sid: 'AllowPassRoleToAmazonQ', Effect: 'Allow', Action: ['iam:PassRole'], Resource: 'arn:aws:iam::*:role/*', Condition: { StringEquals: { 'iam:PassedToService': ['q.amazonaws.com'] } } },
  ),
  AmazonQDeveloperAccess: doc({
    Sid: 'AllowAmazonQDeveloperAccess', Effect: 'Allow', Resource: '*',
    Action: ['q:StartConversation', 'q:SendMessage', 'q:GetConversation', 'q:ListConversations', 'q:UpdateConversation', 'q:DeleteConversation', 'q:PassRequest',
      'q:StartTroubleshootingAnalysis', 'q:StartTroubleshootingResolutionExplanation', 'q:GetTroubleshootingResults', 'q:UpdateTroubleshootingCommandResult', 'q:GetIdentityMetadata'],
  }),
  SecurityAudit: doc({
    Effect: 'Allow', Resource: '*',
    Action: ['iam:GenerateCredentialReport', 'iam:Get*', 'iam:List*', 'cloudtrail:Describe*', 'cloudtrail:Get*', 'cloudtrail:List*', 'guardduty:Get*', 'guardduty:List*', 'qbusiness:List*'],
  }),
  AWSSupportAccess: doc({ Effect: 'Allow', Action: ['support:*'], Resource: '*' }),
};

/** An AWS managed policy as the account sees it (its attachment count is the account's). */
function awsManaged(account: string, name: string, attachments: number): IamManagedPolicyDetail {
  return policy(account, name, AWS_MANAGED_DOCS[name], { arn: `arn:aws:iam::aws:policy/${name}`, aws_managed: true, attachment_count: attachments });
}

function prodAccount(): AccountSnapshot {
  const a = PROD;
  const rows = [
    row(a, ROOT_USER, { user_creation_time: ago(2000), password_last_used: ago(380), mfa_active: true }),
    row(a, 'maria.schmidt', { password_enabled: true, password_last_used: ago(1), password_last_changed: ago(60), mfa_active: true, access_key_1_active: true, access_key_1_last_rotated: ago(20), access_key_1_last_used_date: ago(1), access_key_1_last_used_region: 'eu-west-1', access_key_1_last_used_service: 'qbusiness' }),
    row(a, 'jonas.weber', { password_enabled: true, password_last_used: ago(3), password_last_changed: ago(40), mfa_active: true }),
    row(a, 'lea.fischer', { password_enabled: true, password_last_used: ago(70), password_last_changed: ago(200), mfa_active: true }),
    row(a, 'svc-q-ingest', { access_key_1_active: true, access_key_1_last_rotated: ago(130), access_key_1_last_used_date: ago(2), access_key_1_last_used_region: 'us-east-1', access_key_1_last_used_service: 'qbusiness' }),
    row(a, 'svc-backup', { access_key_1_active: true, access_key_1_last_rotated: ago(300), access_key_1_last_used_date: ago(120), access_key_2_active: true, access_key_2_last_rotated: ago(30), access_key_2_last_used_date: ago(5) }),
  ];
  const details: AuthorizationDetailsData = {
    users: [
      user(a, 'maria.schmidt', { groups: ['q-business-operators'] }),
      user(a, 'jonas.weber', { groups: ['security-audit'] }),
      user(a, 'lea.fischer', { groups: ['developers'] }),
      user(a, 'svc-q-ingest', { attached_policies: [{ name: 'QBusinessDocumentIngest', arn: `arn:aws:iam::${a}:policy/QBusinessDocumentIngest` }] }),
      user(a, 'svc-backup', { groups: ['backup'] }),
    ],
    groups: [
      // Left over from the Amazon Q Developer pilot: no members any more, but it still has AmazonQFullAccess.
      { name: 'q-admins', arn: `arn:aws:iam::${a}:group/q-admins`, id: 'AGPAQADMINS00000001', attached_policies: [{ name: 'AmazonQFullAccess', arn: 'arn:aws:iam::aws:policy/AmazonQFullAccess' }], inline_policies: [] },
      { name: 'q-business-operators', arn: `arn:aws:iam::${a}:group/q-business-operators`, id: 'AGPAQBOPERATORS0001', attached_policies: [{ name: 'QBusinessOperators', arn: `arn:aws:iam::${a}:policy/QBusinessOperators` }], inline_policies: [] },
      { name: 'security-audit', arn: `arn:aws:iam::${a}:group/security-audit`, id: 'AGPASECAUDIT0000001', attached_policies: [{ name: 'SecurityAudit', arn: 'arn:aws:iam::aws:policy/SecurityAudit' }], inline_policies: [] },
      { name: 'developers', arn: `arn:aws:iam::${a}:group/developers`, id: 'AGPADEVELOPERS00001', attached_policies: [{ name: 'AmazonQDeveloperAccess', arn: 'arn:aws:iam::aws:policy/AmazonQDeveloperAccess' }], inline_policies: [] },
      { name: 'backup', arn: `arn:aws:iam::${a}:group/backup`, id: 'AGPABACKUP000000001', attached_policies: [], inline_policies: [{ name: 's3-backup', document: doc({ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject'], Resource: 'arn:aws:s3:::prod-backups/*' }) }] },
    ],
    roles: [
      { name: 'incident-support', arn: `arn:aws:iam::${a}:role/incident-support`, id: 'AROAINCIDENT0000001', path: '/', trust_policy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${a}:root` }, Action: 'sts:AssumeRole' }), attached_policies: [{ name: 'AWSSupportAccess', arn: 'arn:aws:iam::aws:policy/AWSSupportAccess' }], inline_policies: [], last_used: ago(40) },
      { name: 'QDeveloperAdmin', arn: `arn:aws:iam::${a}:role/QDeveloperAdmin`, id: 'AROAQDEVADMIN000001', path: '/', trust_policy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${a}:root` }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }), attached_policies: [{ name: 'AmazonQFullAccess', arn: 'arn:aws:iam::aws:policy/AmazonQFullAccess' }], inline_policies: [], last_used: ago(6) },
      { name: 'break-glass', arn: `arn:aws:iam::${a}:role/break-glass`, id: 'AROABREAKGLASS00001', path: '/', trust_policy: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${a}:root` }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }), attached_policies: [{ name: 'BreakGlassAdmin', arn: `arn:aws:iam::${a}:policy/BreakGlassAdmin` }], inline_policies: [], last_used: null },
      { name: 'QDeveloperOperationsRole', arn: `arn:aws:iam::${a}:role/QDeveloperOperationsRole`, id: 'AROAQDEVOPS00000001', path: '/service-role/', trust_policy: doc({ Effect: 'Allow', Principal: { Service: 'q.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:q:us-east-1:${a}:*` } } }), attached_policies: [], inline_policies: [{ name: 'read-cloudwatch', document: doc({ Effect: 'Allow', Action: ['cloudwatch:GetMetricData', 'logs:FilterLogEvents'], Resource: '*' }) }], last_used: ago(9) },
      { name: 'QBusinessWebExperienceRole', arn: `arn:aws:iam::${a}:role/QBusinessWebExperienceRole`, id: 'AROAQBWEBEXP0000001', path: '/service-role/', trust_policy: doc({ Effect: 'Allow', Principal: { Service: 'application.qbusiness.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:SetContext'], Condition: { StringEquals: { 'aws:SourceAccount': a } } }), attached_policies: [], inline_policies: [{ name: 'chat', document: doc({ Effect: 'Allow', Action: ['qbusiness:Chat', 'qbusiness:ChatSync', 'qbusiness:ListMessages'], Resource: `arn:aws:qbusiness:eu-west-1:${a}:application/*` }) }], last_used: ago(1) },
    ],
    policies: [
      policy(a, 'QBusinessDocumentIngest', doc({ Effect: 'Allow', Action: ['qbusiness:BatchPutDocument', 'qbusiness:BatchDeleteDocument'], Resource: `arn:aws:qbusiness:eu-west-1:${a}:application/*` })),
      policy(a, 'BreakGlassAdmin', doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })),
      // Narrow wildcards: reading and syncing the applications, no Amazon Q service wildcard.
      policy(a, 'QBusinessOperators', doc({ Effect: 'Allow', Action: ['qbusiness:Get*', 'qbusiness:List*', 'qbusiness:StartDataSourceSyncJob', 'qbusiness:StopDataSourceSyncJob'], Resource: '*' })),
      awsManaged(a, 'AmazonQFullAccess', 2),
      awsManaged(a, 'AmazonQDeveloperAccess', 1),
      awsManaged(a, 'SecurityAudit', 1),
      awsManaged(a, 'AWSSupportAccess', 1),
    ],
  };
  return {
    account_id: a,
    partition: 'aws',
    regions: REGIONS,
    sources: {
      'iam.credential_report': global({ generated_at: ago(0), rows }),
      'iam.password_policy': global({ policy: { MinimumPasswordLength: 16, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: true, MaxPasswordAge: 90, PasswordReusePrevention: 24, HardExpiry: false } }),
      'iam.account_summary': global({ AccountMFAEnabled: 1, Users: 5, Groups: 4, Roles: 2, Policies: 2, MFADevices: 4, MFADevicesInUse: 4, AccountAccessKeysPresent: 0 }),
      'iam.virtual_mfa_devices': global([
        { serial_number: `arn:aws:iam::${a}:mfa/lea.fischer-phone`, user_arn: `arn:aws:iam::${a}:user/lea.fischer`, user_name: 'lea.fischer', enable_date: ago(200) },
      ]),
      'iam.mfa_devices': global({
        users: [
          { user: 'maria.schmidt', devices: [{ serial_number: `arn:aws:iam::${a}:u2f/user/maria.schmidt/yubikey-5c-ABCDEF`, enable_date: ago(300) }] },
          { user: 'jonas.weber', devices: [{ serial_number: 'GAHT10074421', enable_date: ago(500) }] },
          { user: 'lea.fischer', devices: [{ serial_number: `arn:aws:iam::${a}:mfa/lea.fischer-phone`, enable_date: ago(200) }] },
        ],
      }),
      'iam.authorization_details': global(details),
      'iam.support_policy_entities': global({ policy_arn: 'arn:aws:iam::aws:policy/AWSSupportAccess', roles: ['incident-support'], users: [], groups: [] }),
      ...otherSources({ kind: 'prod', id: a }),
    },
  };
}

function sandboxAccount(): AccountSnapshot {
  const a = SANDBOX;
  const rows = [
    row(a, ROOT_USER, { user_creation_time: ago(900), password_last_used: ago(4), mfa_active: false, access_key_1_active: true, access_key_1_last_rotated: ago(800), access_key_1_last_used_date: ago(12), access_key_1_last_used_region: 'us-east-1', access_key_1_last_used_service: 'iam' }),
    row(a, 'tom.becker', { password_enabled: true, password_last_used: ago(150), password_last_changed: ago(400), mfa_active: false, access_key_1_active: true, access_key_1_last_rotated: ago(400), access_key_1_last_used_date: ago(100), access_key_2_active: true, access_key_2_last_rotated: ago(10), access_key_2_last_used_date: null }),
    row(a, 'intern-2026', { password_enabled: true, password_last_used: null, password_last_changed: ago(80), user_creation_time: ago(80), mfa_active: false }),
    row(a, '<img src=x onerror=alert(1)>', { password_enabled: false, access_key_1_active: true, access_key_1_last_rotated: ago(60), access_key_1_last_used_date: null }),
  ];
  const details: AuthorizationDetailsData = {
    users: [
      user(a, 'tom.becker', { attached_policies: [{ name: 'AmazonQFullAccess', arn: 'arn:aws:iam::aws:policy/AmazonQFullAccess' }, { name: 'SandboxAdmin', arn: `arn:aws:iam::${a}:policy/SandboxAdmin` }, { name: 'SandboxGuardrails', arn: `arn:aws:iam::${a}:policy/SandboxGuardrails` }] }),
      user(a, 'intern-2026', { attached_policies: [{ name: 'SandboxGuardrails', arn: `arn:aws:iam::${a}:policy/SandboxGuardrails` }], inline_policies: [{ name: 'everything-but-iam', document: doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }) }] }),
      user(a, '<img src=x onerror=alert(1)>', {}),
    ],
    groups: [],
    roles: [
      { name: 'QBusinessDataSourceRole', arn: `arn:aws:iam::${a}:role/QBusinessDataSourceRole`, id: 'AROAQBDATASRC000001', path: '/service-role/', trust_policy: doc({ Effect: 'Allow', Principal: { Service: 'qbusiness.amazonaws.com' }, Action: 'sts:AssumeRole' }), attached_policies: [], inline_policies: [{ name: 's3-read', document: doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: '*' }) }], last_used: ago(3) },
    ],
    policies: [
      policy(a, 'SandboxAdmin', doc({ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' })),
      // The sandbox may use Amazon Q, not change Q Business applications or let Q act for its users:
      // unconditional Deny on Resource "*" removes every high-impact action the other policies allow.
      policy(a, 'SandboxGuardrails', doc({
        Sid: 'NoHighImpactAmazonQ', Effect: 'Deny', Resource: '*',
        Action: ['qbusiness:Delete*', 'qbusiness:Update*', 'qbusiness:Create*', 'qbusiness:Batch*', 'qbusiness:AssociatePermission', 'qbusiness:PutResourcePolicy',
          'qbusiness:DisableAclOnDataSource', 'q:PassRequest', 'q:Create*'],
      }), { attachment_count: 2 }),
      awsManaged(a, 'AmazonQFullAccess', 1),
    ],
  };
  return {
    account_id: a,
    partition: 'aws',
    regions: REGIONS,
    sources: {
      'iam.credential_report': global({ generated_at: ago(0), rows }),
      'iam.password_policy': global({ policy: { MinimumPasswordLength: 8, RequireSymbols: false, RequireNumbers: true, RequireUppercaseCharacters: false, RequireLowercaseCharacters: true, AllowUsersToChangePassword: true, ExpirePasswords: false, PasswordReusePrevention: 3, HardExpiry: false } }),
      'iam.account_summary': global({ AccountMFAEnabled: 0, Users: 3, Groups: 0, Roles: 1, Policies: 1, MFADevices: 0, MFADevicesInUse: 0, AccountAccessKeysPresent: 1 }),
      'iam.virtual_mfa_devices': global([]),
      'iam.mfa_devices': global({ users: [] }),
      'iam.authorization_details': global(details),
      'iam.support_policy_entities': global({ policy_arn: 'arn:aws:iam::aws:policy/AWSSupportAccess', roles: [], users: ['tom.becker'], groups: [] }),
      ...otherSources({ kind: 'sandbox', id: a }),
    },
  };
}

export function demoSnapshot(): Snapshot {
  return { schema: 'qready.snapshot/v1', tool_version: '0.1.0', collected_at: DEMO_COLLECTED_AT, accounts: [prodAccount(), sandboxAccount()] };
}

export function demoSnapshotJson(): string {
  return `${JSON.stringify(demoSnapshot(), null, 1)}\n`;
}

// Run directly: write the snapshot next to the sources.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'examples', 'demo-account.snapshot.json');
  writeFileSync(out, demoSnapshotJson());
  console.log(`wrote ${out}`);
}
