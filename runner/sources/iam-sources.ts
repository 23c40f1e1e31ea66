// IAM data sources (collectors: runner/collect/iam*.ts; views: runner/views/iam*.ts).
import type { SourceDecl } from './source.js';

export const IAM_SOURCES: readonly SourceDecl[] = [
  {
    id: 'iam.credential_report',
    scope: 'global',
    actions: ['iam:GenerateCredentialReport', 'iam:GetCredentialReport'],
    description: 'IAM credential report: every user with password, MFA and access-key state.',
  },
  {
    id: 'iam.password_policy',
    scope: 'global',
    actions: ['iam:GetAccountPasswordPolicy'],
    description: 'The account password policy (absent when none is set).',
  },
  {
    id: 'iam.account_summary',
    scope: 'global',
    actions: ['iam:GetAccountSummary'],
    description: 'IAM account summary, including AccountMFAEnabled.',
  },
  {
    id: 'iam.virtual_mfa_devices',
    scope: 'global',
    actions: ['iam:ListVirtualMFADevices'],
    description: 'Virtual MFA devices and the users they are assigned to.',
  },
  {
    id: 'iam.mfa_devices',
    scope: 'global',
    actions: ['iam:ListMFADevices'],
    dependsOn: ['iam.credential_report'],
    description: 'MFA devices of each user whose credential report row says mfa_active.',
  },
  {
    id: 'iam.authorization_details',
    scope: 'global',
    actions: ['iam:GetAccountAuthorizationDetails'],
    description: 'Users, groups, roles and managed policies with their policy documents.',
  },
  {
    id: 'iam.support_policy_entities',
    scope: 'global',
    actions: ['iam:ListEntitiesForPolicy'],
    description: 'Entities that have the AWSSupportAccess managed policy attached.',
  },
];
