// Shapes of the IAM data sources as stored in the snapshot. The collectors in runner/collect/iam*.ts
// produce them; the views in runner/views/iam*.ts read them.

/** The `user` of the credential report row that stands for the root user. */
export const ROOT_USER = '<root_account>';

/** One credential report row: `true`/`false` as booleans, N/A / no_information / not_supported as null. */
export interface CredentialReportRow {
  user: string;
  arn: string;
  user_creation_time: string | null;
  password_enabled: boolean | null;
  password_last_used: string | null;
  password_last_changed: string | null;
  password_next_rotation: string | null;
  mfa_active: boolean | null;
  access_key_1_active: boolean | null;
  access_key_1_last_rotated: string | null;
  access_key_1_last_used_date: string | null;
  access_key_1_last_used_region: string | null;
  access_key_1_last_used_service: string | null;
  access_key_2_active: boolean | null;
  access_key_2_last_rotated: string | null;
  access_key_2_last_used_date: string | null;
  access_key_2_last_used_region: string | null;
  access_key_2_last_used_service: string | null;
  cert_1_active: boolean | null;
  cert_1_last_rotated: string | null;
  cert_2_active: boolean | null;
  cert_2_last_rotated: string | null;
}

/** A row with every field empty (inactive, never used): builders of demo and test data start here. */
export function blankCredentialRow(user: string, arn: string): CredentialReportRow {
  return {
    user, arn, user_creation_time: null,
    password_enabled: user === ROOT_USER ? null : false, // the report says not_supported for root
    password_last_used: null, password_last_changed: null, password_next_rotation: null,
    mfa_active: false,
    access_key_1_active: false, access_key_1_last_rotated: null, access_key_1_last_used_date: null, access_key_1_last_used_region: null, access_key_1_last_used_service: null,
    access_key_2_active: false, access_key_2_last_rotated: null, access_key_2_last_used_date: null, access_key_2_last_used_region: null, access_key_2_last_used_service: null,
    cert_1_active: false, cert_1_last_rotated: null, cert_2_active: false, cert_2_last_rotated: null,
  };
}

export interface CredentialReportData {
  generated_at: string | null;
  rows: CredentialReportRow[];
}

/** GetAccountPasswordPolicy; `policy` is null when the account has none (NoSuchEntity). */
export interface PasswordPolicyData {
  policy: {
    MinimumPasswordLength?: number;
    RequireSymbols?: boolean;
    RequireNumbers?: boolean;
    RequireUppercaseCharacters?: boolean;
    RequireLowercaseCharacters?: boolean;
    AllowUsersToChangePassword?: boolean;
    ExpirePasswords?: boolean;
    MaxPasswordAge?: number;
    PasswordReusePrevention?: number;
    HardExpiry?: boolean;
  } | null;
}

/** GetAccountSummary's SummaryMap. */
export type AccountSummaryData = Record<string, number>;

export interface VirtualMfaDevice {
  serial_number: string;
  user_arn: string | null;
  user_name: string | null;
  enable_date: string | null;
}

export interface MfaDevicesEntry {
  user: string;
  devices: { serial_number: string; enable_date: string | null }[] | null;
  /** Set when ListMFADevices failed for this user; the other users are unaffected. */
  error?: { code: string; message: string; action: string | null };
}

export interface MfaDevicesData {
  /** Users whose devices were listed: only those whose credential report says mfa_active. */
  users: MfaDevicesEntry[];
}

export interface AttachedPolicyRef {
  name: string;
  arn: string;
}

export interface InlinePolicy {
  name: string;
  /** The decoded JSON policy document. */
  document: unknown;
}

export interface IamUserDetail {
  name: string;
  arn: string;
  id: string;
  path: string;
  create_date: string | null;
  groups: string[];
  attached_policies: AttachedPolicyRef[];
  inline_policies: InlinePolicy[];
}

export interface IamGroupDetail {
  name: string;
  arn: string;
  id: string;
  attached_policies: AttachedPolicyRef[];
  inline_policies: InlinePolicy[];
}

export interface IamRoleDetail {
  name: string;
  arn: string;
  id: string;
  path: string;
  trust_policy: unknown;
  attached_policies: AttachedPolicyRef[];
  inline_policies: InlinePolicy[];
  last_used: string | null;
}

export interface IamManagedPolicyDetail {
  name: string;
  arn: string;
  id: string;
  aws_managed: boolean;
  attachment_count: number;
  default_version_id: string | null;
  /** The default version's decoded document. */
  document: unknown;
}

/** GetAccountAuthorizationDetails, all pages, documents decoded. */
export interface AuthorizationDetailsData {
  users: IamUserDetail[];
  groups: IamGroupDetail[];
  roles: IamRoleDetail[];
  policies: IamManagedPolicyDetail[];
}

/** ListEntitiesForPolicy on arn:PARTITION:iam::aws:policy/AWSSupportAccess. */
export interface SupportPolicyEntitiesData {
  policy_arn: string;
  roles: string[];
  users: string[];
  groups: string[];
}
