// Builders for IAM snapshot fragments, with realistic defaults, for check tests and benchmarks.
import {
  blankCredentialRow,
  ROOT_USER,
  type AuthorizationDetailsData,
  type CredentialReportData,
  type CredentialReportRow,
  type IamUserDetail,
  type PasswordPolicyData,
} from '../../runner/sources/iam-data.js';
import { ACCOUNT_ID } from './check-tester.js';

export function daysAgo(days: number, now = '2026-11-30T12:00:00.000Z'): string {
  return new Date(new Date(now).getTime() - days * 86_400_000).toISOString();
}

export function rootRow(overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return {
    ...blankCredentialRow(ROOT_USER, `arn:aws:iam::${ACCOUNT_ID}:root`),
    user_creation_time: '2019-03-01T10:00:00.000Z',
    password_last_used: daysAgo(400),
    mfa_active: true,
    ...overrides,
  };
}

export function userRow(user: string, overrides: Partial<CredentialReportRow> = {}): CredentialReportRow {
  return rootRow({
    user,
    arn: `arn:aws:iam::${ACCOUNT_ID}:user/${user}`,
    user_creation_time: daysAgo(300),
    password_enabled: false,
    password_last_used: null,
    password_last_changed: null,
    mfa_active: false,
    ...overrides,
  });
}

export function credentialReport(...rows: CredentialReportRow[]): CredentialReportData {
  return { generated_at: daysAgo(0), rows };
}

export function passwordPolicy(policy: PasswordPolicyData['policy']): PasswordPolicyData {
  return { policy };
}

export const STRONG_PASSWORD_POLICY: NonNullable<PasswordPolicyData['policy']> = {
  MinimumPasswordLength: 14,
  RequireSymbols: true,
  RequireNumbers: true,
  RequireUppercaseCharacters: true,
  RequireLowercaseCharacters: true,
  AllowUsersToChangePassword: true,
  ExpirePasswords: true,
  MaxPasswordAge: 90,
  PasswordReusePrevention: 24,
  HardExpiry: false,
};

export function iamUser(name: string, overrides: Partial<IamUserDetail> = {}): IamUserDetail {
  return {
    name,
    arn: `arn:aws:iam::${ACCOUNT_ID}:user/${name}`,
    id: `AIDA${name.toUpperCase().padEnd(17, 'X').slice(0, 17)}`,
    path: '/',
    create_date: daysAgo(300),
    groups: [],
    attached_policies: [],
    inline_policies: [],
    ...overrides,
  };
}

export function authorizationDetails(overrides: Partial<AuthorizationDetailsData> = {}): AuthorizationDetailsData {
  return { users: [], groups: [], roles: [], policies: [], ...overrides };
}

export const ADMIN_DOCUMENT = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
