// iam.support_policy_entities: who can open AWS Support cases (CIS asks for at least one such role,
// so incidents can be escalated to AWS).
import { paginateListEntitiesForPolicy } from '@aws-sdk/client-iam';
import type { SupportPolicyEntitiesData } from '../sources/iam-data.js';
import type { Collector } from './collector.js';
import { IAM_MAX_ITEMS } from './iam-paging.js';

export const supportPolicyEntitiesCollector: Collector = {
  id: 'iam.support_policy_entities',
  async collect(ctx): Promise<SupportPolicyEntitiesData> {
    const data: SupportPolicyEntitiesData = { policy_arn: `arn:${ctx.partition}:iam::aws:policy/AWSSupportAccess`, roles: [], users: [], groups: [] };
    for await (const page of paginateListEntitiesForPolicy({ client: ctx.clients.iam(), pageSize: IAM_MAX_ITEMS }, { PolicyArn: data.policy_arn })) {
      for (const r of page.PolicyRoles ?? []) if (r.RoleName) data.roles.push(r.RoleName);
      for (const u of page.PolicyUsers ?? []) if (u.UserName) data.users.push(u.UserName);
      for (const g of page.PolicyGroups ?? []) if (g.GroupName) data.groups.push(g.GroupName);
    }
    return data;
  },
};
