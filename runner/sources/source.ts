// A data source is one kind of AWS state, fetched once per (account, region) by a collector and
// stored in the snapshot under its id. Its declaration lives here so that the planner, the IAM
// policy generator and the collectors agree on ids, scope and the IAM actions each one calls.

export type SourceScope = 'global' | 'regional';

export interface SourceDecl {
  id: string;
  scope: SourceScope;
  /** Every IAM action the collector may call; `qready policy` is built from these. */
  actions: string[];
  /** Sources whose data this collector reads (for example the users to list MFA devices for). */
  dependsOn?: string[];
  description: string;
}

export const SOURCES: readonly SourceDecl[] = [
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

const BY_ID = new Map(SOURCES.map((s) => [s.id, s]));

export function sourceDecl(id: string): SourceDecl {
  const decl = BY_ID.get(id);
  if (!decl) throw new Error(`unknown data source '${id}'`);
  return decl;
}

/** Actions the scanner itself calls outside any data source (identity and region discovery). */
export const SCAN_ACTIONS = ['sts:GetCallerIdentity', 'account:ListRegions'] as const;
