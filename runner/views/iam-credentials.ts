// Views over the IAM credential report: the root user, the other users, and their access keys.
import type { CelTypeDecl } from '../cel/cel-types.js';
import { ROOT_USER, type CredentialReportData, type CredentialReportRow } from '../sources/iam-data.js';
import { accountResource, type ViewDef, type ViewItem } from './view.js';

export const CREDENTIAL_ROW_TYPE: CelTypeDecl = {
  name: 'CredentialReportRow',
  fields: {
    user: 'string',
    arn: 'string',
    user_creation_time: 'timestamp?',
    password_enabled: 'bool?',
    password_last_used: 'timestamp?',
    password_last_changed: 'timestamp?',
    password_next_rotation: 'timestamp?',
    mfa_active: 'bool',
    access_key_1_active: 'bool',
    access_key_1_last_rotated: 'timestamp?',
    access_key_1_last_used_date: 'timestamp?',
    access_key_1_last_used_region: 'string?',
    access_key_1_last_used_service: 'string?',
    access_key_2_active: 'bool',
    access_key_2_last_rotated: 'timestamp?',
    access_key_2_last_used_date: 'timestamp?',
    access_key_2_last_used_region: 'string?',
    access_key_2_last_used_service: 'string?',
    cert_1_active: 'bool',
    cert_2_active: 'bool',
  },
};

const ACCESS_KEY_TYPE: CelTypeDecl = {
  name: 'AccessKey',
  fields: {
    user: 'string',
    arn: 'string',
    key: 'string',
    last_rotated: 'timestamp?',
    last_used_date: 'timestamp?',
    last_used_region: 'string?',
    last_used_service: 'string?',
  },
};

const INVENTORY_TYPE: CelTypeDecl = {
  name: 'CredentialInventory',
  fields: { generated_at: 'timestamp?', users: `list<${CREDENTIAL_ROW_TYPE.name}>`, console_users: 'int', mfa_users: 'int', active_key_users: 'int' },
};

function rows(data: Record<string, unknown>): CredentialReportRow[] {
  return (data['iam.credential_report'] as CredentialReportData).rows;
}

// Items are the report rows themselves: no copy per view, and a field the report left empty
// (null) reads as absent in CEL, so a check that needs it errors instead of guessing.
function credentialItem(row: CredentialReportRow): Record<string, unknown> {
  return row as unknown as Record<string, unknown>;
}

function userItem(row: CredentialReportRow): ViewItem {
  return { value: credentialItem(row), resource: { id: row.arn, arn: row.arn, name: row.user } };
}

export const rootCredentialsView: ViewDef = {
  id: 'iam.root_credentials',
  description: 'The root user row of the credential report (one item; none if the report lacks it).',
  sources: ['iam.credential_report'],
  itemType: CREDENTIAL_ROW_TYPE.name,
  types: [CREDENTIAL_ROW_TYPE],
  build(data, ctx) {
    const root = rows(data).find((r) => r.user === ROOT_USER);
    if (!root) return [];
    return [{ value: credentialItem(root), resource: accountResource(ctx, ROOT_USER) }];
  },
};

export const userCredentialsView: ViewDef = {
  id: 'iam.user_credentials',
  description: 'Every non-root user row of the credential report.',
  sources: ['iam.credential_report'],
  itemType: CREDENTIAL_ROW_TYPE.name,
  types: [CREDENTIAL_ROW_TYPE],
  build(data) {
    return rows(data).filter((r) => r.user !== ROOT_USER).map(userItem);
  },
};

// Named fields rather than `access_key_${n}_…` lookups: this runs for every user of the account.
function accessKeyItem(r: CredentialReportRow, key: string, lastRotated: string | null, lastUsed: string | null, region: string | null, service: string | null): ViewItem {
  return {
    value: { user: r.user, arn: r.arn, key, last_rotated: lastRotated, last_used_date: lastUsed, last_used_region: region, last_used_service: service },
    resource: { id: `${r.arn}/${key}`, arn: r.arn, name: `${r.user}/${key}` },
  };
}

export const activeAccessKeysView: ViewDef = {
  id: 'iam.active_access_keys',
  description: 'Each active access key of a non-root user (inactive keys grant nothing and get no item).',
  sources: ['iam.credential_report'],
  itemType: ACCESS_KEY_TYPE.name,
  types: [ACCESS_KEY_TYPE],
  build(data) {
    const items: ViewItem[] = [];
    for (const r of rows(data)) {
      if (r.user === ROOT_USER) continue;
      if (r.access_key_1_active === true) {
        items.push(accessKeyItem(r, 'access_key_1', r.access_key_1_last_rotated, r.access_key_1_last_used_date, r.access_key_1_last_used_region, r.access_key_1_last_used_service));
      }
      if (r.access_key_2_active === true) {
        items.push(accessKeyItem(r, 'access_key_2', r.access_key_2_last_rotated, r.access_key_2_last_used_date, r.access_key_2_last_used_region, r.access_key_2_last_used_service));
      }
    }
    return items;
  },
};

export const credentialInventoryView: ViewDef = {
  id: 'iam.credential_inventory',
  description: 'The whole credential report as one account-level item.',
  sources: ['iam.credential_report'],
  itemType: INVENTORY_TYPE.name,
  types: [CREDENTIAL_ROW_TYPE, INVENTORY_TYPE],
  build(data, ctx) {
    const report = data['iam.credential_report'] as CredentialReportData;
    // The counts are in the item (and so in the evidence) rather than CEL filters in the message:
    // three passes of cel-js macros over every user cost more than the other checks on them.
    let consoleUsers = 0;
    let mfaUsers = 0;
    let activeKeyUsers = 0;
    for (const r of report.rows) {
      if (r.password_enabled === true) consoleUsers++;
      if (r.mfa_active === true) mfaUsers++;
      if (r.access_key_1_active === true || r.access_key_2_active === true) activeKeyUsers++;
    }
    const value = { generated_at: report.generated_at, users: report.rows.map(credentialItem), console_users: consoleUsers, mfa_users: mfaUsers, active_key_users: activeKeyUsers };
    return [{ value, resource: accountResource(ctx) }];
  },
};
