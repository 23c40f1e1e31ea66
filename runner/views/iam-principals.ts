// Views over users' MFA devices and over the policies in GetAccountAuthorizationDetails.
import type { CelTypeDecl } from '../cel/cel-types.js';
import {
  ROOT_USER,
  type AuthorizationDetailsData,
  CredentialReportData,
  MfaDevicesData,
  VirtualMfaDevice,
} from '../sources/iam-data.js';
import type { ViewDef, ViewItem } from './view.js';

const MFA_DEVICE_TYPE: CelTypeDecl = {
  name: 'MfaDevice',
  fields: { serial_number: 'string', virtual: 'bool', enable_date: 'timestamp?' },
};

const USER_MFA_TYPE: CelTypeDecl = {
  name: 'UserMfa',
  fields: { user: 'string', arn: 'string', password_enabled: 'bool', mfa_active: 'bool', devices: `list<${MFA_DEVICE_TYPE.name}>` },
};

const NO_DEVICES: readonly never[] = Object.freeze([]);
const NO_NAMES: readonly string[] = Object.freeze([]);

const isEmptyList = (list: readonly unknown[]): boolean => Array.isArray(list) && list.length === 0;

/** Absent, or an empty list: the cases that share one empty list (anything else is read as before, errors included). */
const noneListed = (list: readonly unknown[] | null | undefined): boolean => list === null || list === undefined || (Array.isArray(list) && list.length === 0);

export const userMfaDevicesView: ViewDef = {
  id: 'iam.user_mfa_devices',
  description: 'Each non-root user with their MFA devices, each marked virtual or not (hardware TOTP, FIDO).',
  sources: ['iam.credential_report', 'iam.mfa_devices', 'iam.virtual_mfa_devices'],
  itemType: USER_MFA_TYPE.name,
  types: [MFA_DEVICE_TYPE, USER_MFA_TYPE],
  build(data) {
    const report = data['iam.credential_report'] as CredentialReportData;
    const listed = new Map((data['iam.mfa_devices'] as MfaDevicesData).users.map((u) => [u.user, u]));
    const virtualSerials = new Set((data['iam.virtual_mfa_devices'] as VirtualMfaDevice[]).map((d) => d.serial_number));
    const items: ViewItem[] = [];
    for (const row of report.rows) {
      if (row.user === ROOT_USER) continue;
      const entry = listed.get(row.user);
      // Users without mfa_active have no device, so the collector did not ask for them; they share
      // one empty list (nothing changes item values).
      const devices = noneListed(entry?.devices) ? NO_DEVICES : (entry?.devices ?? []).map((d) => ({ ...d, virtual: virtualSerials.has(d.serial_number) }));
      const item: ViewItem = {
        value: { user: row.user, arn: row.arn, password_enabled: row.password_enabled === true, mfa_active: row.mfa_active === true, devices },
        resource: { id: row.arn, arn: row.arn, name: row.user },
      };
      if (entry?.error) item.error = entry.error;
      else if (row.mfa_active === true && !entry) {
        item.error = { code: 'NotCollected', message: `MFA devices of ${row.user} were not listed`, action: 'iam:ListMFADevices' };
      }
      items.push(item);
    }
    return items;
  },
};

const USER_POLICIES_TYPE: CelTypeDecl = {
  name: 'UserPolicies',
  fields: { user: 'string', arn: 'string', groups: 'list<string>', attached_policies: 'list<string>', inline_policies: 'list<string>' },
};

export const userPoliciesView: ViewDef = {
  id: 'iam.user_policies',
  description: 'Each IAM user with the names of the managed and inline policies attached directly to it.',
  sources: ['iam.authorization_details'],
  itemType: USER_POLICIES_TYPE.name,
  types: [USER_POLICIES_TYPE],
  build(data) {
    const details = data['iam.authorization_details'] as AuthorizationDetailsData;
    // Most users have no policy of their own: they share one empty list (nothing changes item values).
    return details.users.map((u) => ({
      value: {
        user: u.name,
        arn: u.arn,
        groups: u.groups,
        attached_policies: isEmptyList(u.attached_policies) ? NO_NAMES : u.attached_policies.map((p) => p.arn),
        inline_policies: isEmptyList(u.inline_policies) ? NO_NAMES : u.inline_policies.map((p) => p.name),
      },
      resource: { id: u.arn, arn: u.arn, name: u.name },
    }));
  },
};

const CUSTOM_POLICY_TYPE: CelTypeDecl = {
  name: 'CustomPolicy',
  fields: { kind: 'string', name: 'string', arn: 'string?', principal: 'string?', attachment_count: 'int', document: 'dyn' },
};

/**
 * Customer-managed policies that are attached, and every inline policy of users, groups and roles.
 * Inline policies have no ARN; their resource id is `<principal arn>/inline/<policy name>`.
 */
export const customPoliciesView: ViewDef = {
  id: 'iam.custom_policies',
  description: 'Attached customer-managed policies (default version) and all inline policies, with documents.',
  sources: ['iam.authorization_details'],
  itemType: CUSTOM_POLICY_TYPE.name,
  types: [CUSTOM_POLICY_TYPE],
  build(data) {
    const details = data['iam.authorization_details'] as AuthorizationDetailsData;
    const items: ViewItem[] = [];
    for (const p of details.policies) {
      if (p.aws_managed || p.attachment_count === 0) continue;
      items.push({
        value: { kind: 'managed', name: p.name, arn: p.arn, principal: null, attachment_count: p.attachment_count, document: p.document },
        resource: { id: p.arn, arn: p.arn, name: p.name },
      });
    }
    const principals = [...details.users, ...details.groups, ...details.roles];
    for (const principal of principals) {
      for (const inline of principal.inline_policies) {
        const id = `${principal.arn}/inline/${inline.name}`;
        items.push({
          value: { kind: 'inline', name: inline.name, arn: null, principal: principal.arn, attachment_count: 1, document: inline.document },
          resource: { id, arn: null, name: `${principal.name}/${inline.name}` },
        });
      }
    }
    return items;
  },
};
