// Account-level IAM views: password policy, root MFA kind, AWSSupportAccess holders.
import type { CelTypeDecl } from '../cel/cel-types.js';
import {
  ROOT_USER,
  type AccountSummaryData,
  type PasswordPolicyData,
  type SupportPolicyEntitiesData,
  type VirtualMfaDevice,
} from '../sources/iam-data.js';
import { accountResource, type ViewDef } from './view.js';

const PASSWORD_POLICY_TYPE: CelTypeDecl = {
  name: 'PasswordPolicy',
  fields: {
    exists: 'bool',
    minimum_password_length: 'int?',
    require_symbols: 'bool',
    require_numbers: 'bool',
    require_uppercase_characters: 'bool',
    require_lowercase_characters: 'bool',
    allow_users_to_change_password: 'bool',
    expire_passwords: 'bool',
    max_password_age: 'int?',
    password_reuse_prevention: 'int?',
    hard_expiry: 'bool',
  },
};

export const passwordPolicyView: ViewDef = {
  id: 'iam.password_policy',
  description: 'The account password policy as one item; `exists` is false when there is none.',
  sources: ['iam.password_policy'],
  itemType: PASSWORD_POLICY_TYPE.name,
  types: [PASSWORD_POLICY_TYPE],
  build(data, ctx) {
    const p = (data['iam.password_policy'] as PasswordPolicyData).policy;
    return [
      {
        value: {
          exists: p !== null,
          minimum_password_length: p?.MinimumPasswordLength ?? null,
          require_symbols: p?.RequireSymbols === true,
          require_numbers: p?.RequireNumbers === true,
          require_uppercase_characters: p?.RequireUppercaseCharacters === true,
          require_lowercase_characters: p?.RequireLowercaseCharacters === true,
          allow_users_to_change_password: p?.AllowUsersToChangePassword === true,
          expire_passwords: p?.ExpirePasswords === true,
          max_password_age: p?.MaxPasswordAge ?? null,
          password_reuse_prevention: p?.PasswordReusePrevention ?? null,
          hard_expiry: p?.HardExpiry === true,
        },
        resource: { id: `${ctx.account.account_id}/password-policy`, arn: `arn:${ctx.account.partition}:iam::${ctx.account.account_id}:account-password-policy`, name: 'password policy' },
      },
    ];
  },
};

const ROOT_MFA_TYPE: CelTypeDecl = {
  name: 'RootMfa',
  fields: { account_mfa_enabled: 'bool', root_virtual_mfa_devices: 'list<string>' },
};

export const rootMfaView: ViewDef = {
  id: 'iam.root_mfa',
  description: 'Whether root has MFA (GetAccountSummary) and which virtual MFA devices are assigned to root.',
  sources: ['iam.account_summary', 'iam.virtual_mfa_devices'],
  itemType: ROOT_MFA_TYPE.name,
  types: [ROOT_MFA_TYPE],
  build(data, ctx) {
    const summary = data['iam.account_summary'] as AccountSummaryData;
    const devices = data['iam.virtual_mfa_devices'] as VirtualMfaDevice[];
    // A virtual device assigned to root carries the root user's ARN (arn:aws:iam::ACCOUNT:root).
    const rootDevices = devices.filter((d) => d.user_arn !== null && d.user_arn.endsWith(':root')).map((d) => d.serial_number);
    return [
      {
        value: { account_mfa_enabled: summary.AccountMFAEnabled === 1, root_virtual_mfa_devices: rootDevices },
        resource: accountResource(ctx, ROOT_USER),
      },
    ];
  },
};

const SUPPORT_ROLE_TYPE: CelTypeDecl = {
  name: 'SupportAccessHolders',
  fields: { policy_arn: 'string', roles: 'list<string>', users: 'list<string>', groups: 'list<string>' },
};

export const supportAccessView: ViewDef = {
  id: 'iam.support_access',
  description: 'Roles, users and groups that have AWSSupportAccess attached (one account-level item).',
  sources: ['iam.support_policy_entities'],
  itemType: SUPPORT_ROLE_TYPE.name,
  types: [SUPPORT_ROLE_TYPE],
  build(data, ctx) {
    const d = data['iam.support_policy_entities'] as SupportPolicyEntitiesData;
    return [{ value: { ...d }, resource: accountResource(ctx) }];
  },
};
