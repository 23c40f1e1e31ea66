// Security Hub: whether the hub is enabled in each region. DescribeHub answers an account that is
// not subscribed with InvalidAccessException: that is the answer "not enabled" (data, so the check
// can FAIL), while AccessDenied and every other error fail the region (ERROR).
import { DescribeHubCommand } from '@aws-sdk/client-securityhub';
import type { SecurityHubData } from '../sources/detection-sources.js';
import type { Collector } from './collector.js';
import { errorCode } from './source-error.js';

/** Security Hub's "this account is not subscribed" answer. */
export function isNotSubscribed(err: unknown): boolean {
  return errorCode(err) === 'InvalidAccessException';
}

export const securityHubCollector: Collector = {
  id: 'securityhub.hub',
  async collect(ctx): Promise<SecurityHubData> {
    try {
      const hub = await ctx.clients.get('securityhub').send(new DescribeHubCommand({}));
      return {
        enabled: true,
        hub_arn: hub.HubArn ?? null,
        subscribed_at: hub.SubscribedAt ?? null,
        auto_enable_controls: hub.AutoEnableControls ?? null,
        control_finding_generator: hub.ControlFindingGenerator ?? null,
        not_enabled_reason: null,
      };
    } catch (err) {
      if (!isNotSubscribed(err)) throw err;
      const message = err instanceof Error ? err.message : String(err);
      return {
        enabled: false, hub_arn: null, subscribed_at: null, auto_enable_controls: null, control_finding_generator: null,
        not_enabled_reason: `${errorCode(err)}: ${message}`,
      };
    }
  },
};
