// Views over the IAM credential report: the root user, the other users, and their access keys.
import type { CelTypeDecl } from '../cel/cel-types.js';
import { ROOT_USER, type CredentialReportData, type CredentialReportRow } from '../sources/iam-data.js';
import { accountResource, type ViewDef, type ViewItem } from './view.js';

export const CREDENTIAL_ROW_TYPE: CelTypeDecl = {
  name: 'CredentialReportRow',
  fields: {
    user: 'string',
    arn: 'string',
    is_root: 'bool',
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
    active: 'bool',
    last_rotated: 'timestamp?',
    last_used_date: 'timestamp?',
    last_used_region: 'string?',
    last_used_service: 'string?',
  },
};

const INVENTORY_TYPE: CelTypeDecl = {
  name: 'CredentialInventory',
  fields: { generated_at: 'timestamp?', users: `list<${CREDENTIAL_ROW_TYPE.name}>` },
};

function rows(data: Record<string, unknown>): CredentialReportRow[] {
  return (data['iam.credential_report'] as CredentialReportData).rows;
}

// One item object per row, shared by every view over the report (and so converted for CEL once).
const itemOfRow = new WeakMap<CredentialReportRow, Record<string, unknown>>();

/** The row as a CEL item: booleans the report always fills are never null; the root flag is explicit. */
export function credentialItem(row: CredentialReportRow): Record<string, unknown> {
  let item = itemOfRow.get(row);
  if (!item) {
    item = makeCredentialItem(row);
    itemOfRow.set(row, item);
  }
  return item;
}

function makeCredentialItem(row: CredentialReportRow): Record<string, unknown> {
  return {
    ...row,
    is_root: row.user === ROOT_USER,
    mfa_active: row.mfa_active === true,
    access_key_1_active: row.access_key_1_active === true,
    access_key_2_active: row.access_key_2_active === true,
    cert_1_active: row.cert_1_active === true,
    cert_2_active: row.cert_2_active === true,
  };
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
    return [{ value: credentialItem(root), resource: { ...accountResource(ctx), name: ROOT_USER } }];
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

export const accessKeysView: ViewDef = {
  id: 'iam.access_keys',
  description: 'Both access-key slots of every non-root user (filter on item.active).',
  sources: ['iam.credential_report'],
  itemType: ACCESS_KEY_TYPE.name,
  types: [ACCESS_KEY_TYPE],
  build(data) {
    const items: ViewItem[] = [];
    for (const r of rows(data)) {
      if (r.user === ROOT_USER) continue;
      for (const n of [1, 2] as const) {
        const key = `access_key_${n}`;
        items.push({
          value: {
            user: r.user,
            arn: r.arn,
            key,
            active: r[`access_key_${n}_active`] === true,
            last_rotated: r[`access_key_${n}_last_rotated`],
            last_used_date: r[`access_key_${n}_last_used_date`],
            last_used_region: r[`access_key_${n}_last_used_region`],
            last_used_service: r[`access_key_${n}_last_used_service`],
          },
          resource: { id: `${r.arn}/${key}`, arn: r.arn, name: `${r.user}/${key}` },
        });
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
    return [{ value: { generated_at: report.generated_at, users: report.rows.map(credentialItem) }, resource: accountResource(ctx) }];
  },
};
