// Account-wide IAM settings: the password policy and the account summary.
import { GetAccountPasswordPolicyCommand, GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import type { AccountSummaryData, PasswordPolicyData } from '../sources/iam-data.js';
import type { Collector } from './collector.js';
import { isNoSuchEntity } from './source-error.js';

const POLICY_FIELDS = [
  'MinimumPasswordLength', 'RequireSymbols', 'RequireNumbers', 'RequireUppercaseCharacters', 'RequireLowercaseCharacters',
  'AllowUsersToChangePassword', 'ExpirePasswords', 'MaxPasswordAge', 'PasswordReusePrevention', 'HardExpiry',
] as const;

export const passwordPolicyCollector: Collector = {
  id: 'iam.password_policy',
  async collect(ctx): Promise<PasswordPolicyData> {
    try {
      const out = await ctx.clients.iam().send(new GetAccountPasswordPolicyCommand({}));
      const p = out.PasswordPolicy;
      if (!p) return { policy: null };
      // Keep only the documented fields that are set, so the snapshot is the same after a JSON round trip.
      const policy: Record<string, number | boolean> = {};
      for (const key of POLICY_FIELDS) {
        const value = p[key];
        if (value !== undefined) policy[key] = value;
      }
      return { policy: policy as PasswordPolicyData['policy'] };
    } catch (err) {
      // IAM answers "no policy set" with NoSuchEntity; that is data (no policy), not a failure.
      if (isNoSuchEntity(err)) return { policy: null };
      throw err;
    }
  },
};

export const accountSummaryCollector: Collector = {
  id: 'iam.account_summary',
  async collect(ctx): Promise<AccountSummaryData> {
    const out = await ctx.clients.iam().send(new GetAccountSummaryCommand({}));
    const summary: AccountSummaryData = {};
    for (const [key, value] of Object.entries(out.SummaryMap ?? {})) if (typeof value === 'number') summary[key] = value;
    return summary;
  },
};
