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

/** The declaration of a built-in data source; throws on an unknown id. */
export const sourceDecl: (id: string) => SourceDecl = declarationLookup(SOURCES);

/** The requested ids with their dependencies, each dependency before its dependents. */
export function withDependencies(sourceIds: readonly string[], declarations: readonly SourceDecl[] = SOURCES): string[] {
  const decl = declarationLookup(declarations);
  const ordered: string[] = [];
  const visit = (id: string, path: readonly string[]): void => {
    if (path.includes(id)) throw new Error(`data source dependency cycle: ${[...path, id].join(' → ')}`);
    if (ordered.includes(id)) return;
    for (const dep of decl(id).dependsOn ?? []) visit(dep, [...path, id]);
    ordered.push(id);
  };
  for (const id of sourceIds) visit(id, []);
  return ordered;
}

export function declarationLookup(declarations: readonly SourceDecl[]): (id: string) => SourceDecl {
  const byId = new Map(declarations.map((d) => [d.id, d]));
  return (id) => {
    const decl = byId.get(id);
    if (!decl) throw new Error(`unknown data source '${id}'`);
    return decl;
  };
}

/** Actions the scanner itself calls outside any data source (identity and region discovery). */
export const SCAN_ACTIONS = ['sts:GetCallerIdentity', 'account:ListRegions'] as const;
