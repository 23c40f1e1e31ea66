// The account's effective AI services opt-out policy (organizations:DescribeEffectivePolicy, type
// AISERVICES_OPT_OUT_POLICY). "Not in an organization" and "no effective policy" are answers (the
// check FAILs on them); AccessDenied and everything else are errors.
import { DescribeEffectivePolicyCommand } from '@aws-sdk/client-organizations';
import type { AiOptOutPolicyData } from '../sources/detection-sources.js';
import type { Collector } from './collector.js';
import { errorCode } from './source-error.js';

function reason(err: unknown): string {
  return `${errorCode(err)}: ${err instanceof Error ? err.message : String(err)}`;
}

/** The policy text parsed as JSON, or kept as text when it is not JSON (the view then reads nothing from it). */
export function parsePolicyContent(text: string | undefined): unknown {
  if (text === undefined) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const aiOptOutPolicyCollector: Collector = {
  id: 'organizations.ai_opt_out_policy',
  async collect(ctx): Promise<AiOptOutPolicyData> {
    try {
      const out = await ctx.clients.get('organizations').send(new DescribeEffectivePolicyCommand({ PolicyType: 'AISERVICES_OPT_OUT_POLICY' }));
      const p = out.EffectivePolicy;
      if (!p) return { in_organization: true, policy: null, reason: 'DescribeEffectivePolicy returned no policy' };
      return {
        in_organization: true,
        policy: { content: parsePolicyContent(p.PolicyContent), last_updated: p.LastUpdatedTimestamp?.toISOString() ?? null, target_id: p.TargetId ?? null },
        reason: null,
      };
    } catch (err) {
      const code = errorCode(err);
      if (code === 'AWSOrganizationsNotInUseException') return { in_organization: false, policy: null, reason: reason(err) };
      if (code === 'EffectivePolicyNotFoundException') return { in_organization: true, policy: null, reason: reason(err) };
      throw err;
    }
  },
};
