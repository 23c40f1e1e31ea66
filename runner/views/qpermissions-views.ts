// Views of the Amazon Q permission checks: every IAM principal (user, group, role) with how it
// holds AmazonQFullAccess, its groups or members, and its trust policy; and, beside each item,
// the identity policies in force for it (user = attached + inline + its groups' attached + inline;
// group and role = attached + inline), resolved to their documents for the policy analysis.
import type { CelTypeDecl } from '../cel/cel-types.js';
import type { PolicyMemo, PolicySource } from '../iam/policy-analysis.js';
import { principalsOfType, statements } from '../iam/policy-document.js';
import { isAmazonQFullAccess, qTrustStatements, type QTrustStatement } from '../iam/q-permissions.js';
import type { AttachedPolicyRef, AuthorizationDetailsData, InlinePolicy } from '../sources/iam-data.js';
import type { ViewDef, ViewItem } from './view.js';

/** The identity policies of one principal, resolved to documents. */
export interface PrincipalPolicies {
  policies: readonly PolicySource[];
  /**
   * What could not be resolved: attached managed policies whose document is not in the snapshot,
   * and groups the snapshot does not describe. Reading the principal's permissions without them
   * would understate them, so checks that need them report ERROR instead.
   */
  unresolved: readonly string[];
}

/**
 * An item of `iam.principals`. Its policies travel beside the value, not in it: the value becomes
 * the evidence of the item's findings, and whole policy documents there would bloat every report.
 */
interface PrincipalItem extends ViewItem {
  policies: PrincipalPolicies;
  /** Roles: qTrustStatements of the trust policy, worked out while the view reads it. */
  qTrust?: readonly QTrustStatement[];
}

/** The identity policies of an `iam.principals` item, or undefined for an item of another view. */
export function principalPolicies(item: ViewItem): PrincipalPolicies | undefined {
  return (item as Partial<PrincipalItem>).policies;
}

/** For a role of `iam.principals`: qTrustStatements(its trust policy); undefined for other items. Do not modify the result. */
export function principalQTrust(item: ViewItem): readonly QTrustStatement[] | undefined {
  return (item as Partial<PrincipalItem>).qTrust;
}

const NONE: readonly string[] = Object.freeze([]);
const NO_Q_TRUST: readonly QTrustStatement[] = Object.freeze([]);
const NO_POLICIES: PrincipalPolicies = Object.freeze({ policies: Object.freeze([]), unresolved: NONE });
const names = <T extends { name: string }>(list: readonly T[]): readonly string[] => (list.length ? list.map((p) => p.name) : NONE);
const arns = (list: readonly AttachedPolicyRef[]): readonly string[] => (list.length ? list.map((p) => p.arn) : NONE);

export const IAM_PRINCIPAL_TYPE: CelTypeDecl = {
  name: 'IamPrincipal',
  fields: {
    kind: 'string',
    name: 'string',
    arn: 'string',
    path: 'string?',
    groups: 'list<string>?',
    members: 'list<string>?',
    trust_policy: 'dyn?',
    trusted_principals: 'list<string>?',
    attached_policies: 'list<string>',
    inline_policies: 'list<string>',
    amazonqfullaccess_via: 'list<string>',
  },
  doc: {
    kind: 'user, group or role',
    groups: 'users: the groups the user is in',
    members: 'groups: the users in the group',
    trust_policy: 'roles: the trust (assume-role) policy document',
    trusted_principals: 'roles: the principals its trust policy allows, as `Service x`, `AWS arn`, `Federated x` or `*`',
    attached_policies: 'ARNs of the managed policies attached to the principal itself',
    inline_policies: 'names of the principal\'s inline policies',
    amazonqfullaccess_via: 'how the principal has AmazonQFullAccess: `attached directly`, `through group <name>`; empty when it does not',
  },
};

const PRINCIPAL_TYPES = ['Service', 'AWS', 'Federated', 'CanonicalUser'] as const;

/** `Service qbusiness.amazonaws.com`, `AWS arn:…`, `*`: the principals the Allow statements of a trust policy name. */
function trustedPrincipals(trustPolicy: unknown): string[] {
  const out: string[] = [];
  const add = (s: string): void => {
    if (!out.includes(s)) out.push(s);
  };
  for (const s of statements(trustPolicy)) {
    if (s.effect !== 'Allow' || s.principal === null) continue;
    if (s.principal === '*') {
      add('*');
      continue;
    }
    for (const type of PRINCIPAL_TYPES) for (const v of principalsOfType(s.principal, type)) add(v === '*' ? '*' : `${type} ${v}`);
  }
  return out;
}

export const principalsView: ViewDef = {
  id: 'iam.principals',
  description: 'Every IAM user, group and role: groups or members, trust policy, directly attached and inline policies, and how it holds AmazonQFullAccess.',
  sources: ['iam.authorization_details'],
  itemType: IAM_PRINCIPAL_TYPE.name,
  types: [IAM_PRINCIPAL_TYPE],
  build(data) {
    const details = data['iam.authorization_details'] as AuthorizationDetailsData;
    // Managed policies by ARN (the last of an ARN wins, as in a Map built from the list), as
    // positions in details.policies; beside them, made when a principal first has the policy, its
    // memo (shared by every principal that has it: it is analysed once) and its source as attached
    // to a principal itself (group null, shared by all such principals).
    const policyList = details.policies;
    const managed = new Map<string, number>();
    for (let i = 0; i < policyList.length; i++) managed.set(policyList[i].arn, i);
    const memos = new Array<PolicyMemo | undefined>(policyList.length);
    const direct = new Array<PolicySource | undefined>(policyList.length);
    // Filled while the users are read (each user's data is read once: on ten thousand users,
    // the memory reads are most of the cost); read after them, for the groups.
    const members = new Map<string, string[]>();

    const source = (i: number, group: string | null): PolicySource => {
      const detail = policyList[i];
      return { kind: detail.aws_managed ? 'aws_managed' : 'managed', name: detail.name, arn: detail.arn, group, document: detail.document, memo: (memos[i] ??= {}) };
    };
    /** The policies attached to and inline in one principal, as seen by it (group null) or by a group's members. */
    const resolve = (attached: readonly AttachedPolicyRef[], inline: readonly InlinePolicy[], group: string | null): PrincipalPolicies => {
      if (attached.length === 0 && inline.length === 0) return NO_POLICIES;
      const policies: PolicySource[] = [];
      let unresolved: string[] | null = null;
      for (const ref of attached) {
        const i = managed.get(ref.arn);
        if (i === undefined || policyList[i].document === null || policyList[i].document === undefined) {
          (unresolved ??= []).push(`policy ${ref.arn}${group !== null ? ` (through group ${group})` : ''}`);
          continue;
        }
        // Principals that have a policy attached to themselves share one source object for it.
        policies.push(group === null ? (direct[i] ??= source(i, null)) : source(i, group));
      }
      for (const p of inline) policies.push({ kind: 'inline', name: p.name, arn: null, group, document: p.document, memo: {} });
      return { policies, unresolved: unresolved ?? NONE };
    };
    const holds = (attached: readonly AttachedPolicyRef[]): boolean => {
      for (const p of attached) if (isAmazonQFullAccess(p.arn)) return true;
      return false;
    };
    const DIRECT: readonly string[] = Object.freeze(['attached directly']);

    // What each group gives its members, worked out once per group rather than once per member.
    const throughGroup = new Map<string, { policies: PrincipalPolicies; q: boolean }>();
    for (const g of details.groups) throughGroup.set(g.name, { policies: resolve(g.attached_policies, g.inline_policies, g.name), q: holds(g.attached_policies) });

    const items: PrincipalItem[] = [];
    for (const u of details.users) {
      for (const g of u.groups) {
        let list = members.get(g);
        if (!list) members.set(g, (list = []));
        list.push(u.name);
      }
      const own = resolve(u.attached_policies, u.inline_policies, null);
      let via: readonly string[] = u.attached_policies.length > 0 && holds(u.attached_policies) ? DIRECT : NONE;
      let policies = own;
      const only = u.groups.length === 1 && own === NO_POLICIES ? throughGroup.get(u.groups[0]) : undefined;
      if (only) {
        // The common case: a user whose permissions all come from one group shares that group's
        // resolved policies (and so, in the evaluators, their analysis).
        policies = only.policies;
        if (only.q) via = [`through group ${u.groups[0]}`];
      } else if (u.groups.length > 0) {
        const all: PolicySource[] = [...own.policies];
        const unresolved: string[] = [...own.unresolved];
        for (const name of u.groups) {
          const g = throughGroup.get(name);
          if (!g) {
            unresolved.push(`group ${name}`);
            continue;
          }
          all.push(...g.policies.policies);
          unresolved.push(...g.policies.unresolved);
          if (g.q) via = [...via, `through group ${name}`];
        }
        policies = { policies: all, unresolved };
      }
      const value = {
        kind: 'user', name: u.name, arn: u.arn, path: u.path, groups: u.groups,
        attached_policies: arns(u.attached_policies), inline_policies: names(u.inline_policies), amazonqfullaccess_via: via,
      };
      items.push({ value, resource: { id: u.arn, arn: u.arn, name: u.name }, policies });
    }
    for (const g of details.groups) {
      const value = {
        kind: 'group', name: g.name, arn: g.arn, members: members.get(g.name) ?? NONE,
        attached_policies: arns(g.attached_policies), inline_policies: names(g.inline_policies),
        amazonqfullaccess_via: holds(g.attached_policies) ? DIRECT : NONE,
      };
      items.push({ value, resource: { id: g.arn, arn: g.arn, name: g.name }, policies: resolve(g.attached_policies, g.inline_policies, null) });
    }
    for (const r of details.roles) {
      const value = {
        kind: 'role', name: r.name, arn: r.arn, path: r.path, trust_policy: r.trust_policy, trusted_principals: trustedPrincipals(r.trust_policy),
        attached_policies: arns(r.attached_policies), inline_policies: names(r.inline_policies),
        amazonqfullaccess_via: holds(r.attached_policies) ? DIRECT : NONE,
      };
      // The trust policy was just read: what iam_role_q_trust_confused_deputy asks of it is worked
      // out now, rather than by reading every trust policy again.
      const qTrust = qTrustStatements(r.trust_policy);
      items.push({ value, resource: { id: r.arn, arn: r.arn, name: r.name }, policies: resolve(r.attached_policies, r.inline_policies, null), qTrust: qTrust.length ? qTrust : NO_Q_TRUST });
    }
    return items;
  },
};

export const QPERMISSIONS_VIEWS: readonly ViewDef[] = [principalsView];
