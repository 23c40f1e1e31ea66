// iam.authorization_details: every user, group, role and managed policy with its policy documents,
// from GetAccountAuthorizationDetails (one paginated call family instead of dozens of per-entity calls).
import {
  paginateGetAccountAuthorizationDetails, type AttachedPolicy, type GroupDetail, type ManagedPolicyDetail, type PolicyDetail,
  type RoleDetail, type UserDetail,
} from '@aws-sdk/client-iam';
import type {
  AttachedPolicyRef, AuthorizationDetailsData, IamGroupDetail, IamManagedPolicyDetail, IamRoleDetail, IamUserDetail, InlinePolicy,
} from '../sources/iam-data.js';
import type { Collector } from './collector.js';
import { IAM_MAX_ITEMS } from './iam-paging.js';

/**
 * IAM returns policy documents URL-encoded (RFC 3986). Decoded and parsed JSON when possible;
 * otherwise the string as far as it could be decoded, so evidence is never silently dropped.
 */
export function decodePolicyDocument(raw: string | undefined): unknown {
  if (raw === undefined) return null;
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return raw;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function iso(date: Date | undefined): string | null {
  return date ? date.toISOString() : null;
}

const attached = (list: AttachedPolicy[] | undefined): AttachedPolicyRef[] =>
  (list ?? []).map((p) => ({ name: p.PolicyName ?? '', arn: p.PolicyArn ?? '' }));

const inline = (list: PolicyDetail[] | undefined): InlinePolicy[] =>
  (list ?? []).map((p) => ({ name: p.PolicyName ?? '', document: decodePolicyDocument(p.PolicyDocument) }));

function user(u: UserDetail): IamUserDetail {
  return {
    name: u.UserName ?? '', arn: u.Arn ?? '', id: u.UserId ?? '', path: u.Path ?? '/', create_date: iso(u.CreateDate),
    groups: u.GroupList ?? [], attached_policies: attached(u.AttachedManagedPolicies), inline_policies: inline(u.UserPolicyList),
  };
}

function group(g: GroupDetail): IamGroupDetail {
  return {
    name: g.GroupName ?? '', arn: g.Arn ?? '', id: g.GroupId ?? '',
    attached_policies: attached(g.AttachedManagedPolicies), inline_policies: inline(g.GroupPolicyList),
  };
}

function role(r: RoleDetail): IamRoleDetail {
  return {
    name: r.RoleName ?? '', arn: r.Arn ?? '', id: r.RoleId ?? '', path: r.Path ?? '/',
    trust_policy: decodePolicyDocument(r.AssumeRolePolicyDocument),
    attached_policies: attached(r.AttachedManagedPolicies), inline_policies: inline(r.RolePolicyList),
    last_used: iso(r.RoleLastUsed?.LastUsedDate),
  };
}

function policy(p: ManagedPolicyDetail): IamManagedPolicyDetail {
  const arn = p.Arn ?? '';
  // Only the default version is in force; older versions would only mislead the checks.
  const current = (p.PolicyVersionList ?? []).find((v) => v.IsDefaultVersion === true || (p.DefaultVersionId !== undefined && v.VersionId === p.DefaultVersionId));
  return {
    name: p.PolicyName ?? '', arn, id: p.PolicyId ?? '',
    aws_managed: arn.includes(':iam::aws:policy/'),
    attachment_count: p.AttachmentCount ?? 0,
    default_version_id: p.DefaultVersionId ?? null,
    document: decodePolicyDocument(current?.Document),
  };
}

export const authorizationDetailsCollector: Collector = {
  id: 'iam.authorization_details',
  async collect(ctx): Promise<AuthorizationDetailsData> {
    const data: AuthorizationDetailsData = { users: [], groups: [], roles: [], policies: [] };
    const pages = paginateGetAccountAuthorizationDetails(
      // IAM's default page is 100 items; its maximum (1,000) makes ten times fewer calls.
      { client: ctx.clients.iam(), pageSize: IAM_MAX_ITEMS },
      { Filter: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] },
    );
    for await (const page of pages) {
      data.users.push(...(page.UserDetailList ?? []).map(user));
      data.groups.push(...(page.GroupDetailList ?? []).map(group));
      data.roles.push(...(page.RoleDetailList ?? []).map(role));
      data.policies.push(...(page.Policies ?? []).map(policy));
    }
    return data;
  },
};
