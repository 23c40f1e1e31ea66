// A synthetic IAM estate for benchmarks: N users, roles and customer-managed policies with
// realistic documents, credential report rows and MFA devices. Deterministic (no randomness),
// so two runs measure the same work.
import type { AccountSnapshot, Snapshot, SourceResult } from '../runner/snapshot/snapshot.js';
import { blankCredentialRow, ROOT_USER, type AuthorizationDetailsData, type CredentialReportRow, type IamManagedPolicyDetail } from '../runner/sources/iam-data.js';

export interface EstateSize {
  users: number;
  roles: number;
  policies: number;
}

export const COLLECTED_AT = '2026-11-30T09:00:00.000Z';
const ACCOUNT = '999988887777';
const ago = (days: number): string => new Date(Date.parse(COLLECTED_AT) - days * 86_400_000).toISOString();
const ok = (data: unknown): Record<string, SourceResult> => ({ 'us-east-1': { status: 'ok', data, fetched_at: COLLECTED_AT } });

function policyDocument(i: number): unknown {
  const services = ['s3', 'dynamodb', 'qbusiness', 'lambda', 'sqs', 'kms', 'logs', 'ec2'];
  const statements: unknown[] = [];
  for (let s = 0; s < 4; s++) {
    const svc = services[(i + s) % services.length];
    statements.push({
      Sid: `S${s}`,
      Effect: s === 3 && i % 7 === 0 ? 'Deny' : 'Allow',
      Action: [`${svc}:Get*`, `${svc}:List*`, `${svc}:Describe*`, `${svc}:Put${s}Item`],
      Resource: i % 97 === 0 && s === 0 ? '*' : [`arn:aws:${svc}:eu-west-1:${ACCOUNT}:resource/app-${i}-${s}/*`],
      ...(s === 2 ? { Condition: { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } } } : {}),
    });
  }
  if (i % 500 === 0) statements.push({ Effect: 'Allow', Action: '*', Resource: '*' });
  return { Version: '2012-10-17', Statement: statements };
}

export function syntheticIamAccount(size: EstateSize): AccountSnapshot {
  const rows: CredentialReportRow[] = [];
  const mfaUsers: { user: string; devices: { serial_number: string; enable_date: string | null }[] }[] = [];
  const virtual: { serial_number: string; user_arn: string | null; user_name: string | null; enable_date: string | null }[] = [];
  rows.push({ ...blankCredentialRow(ROOT_USER, `arn:aws:iam::${ACCOUNT}:root`), user_creation_time: ago(2000), password_last_used: ago(200), mfa_active: true });
  const details: AuthorizationDetailsData = { users: [], groups: [], roles: [], policies: [] };
  const policies: IamManagedPolicyDetail[] = [];
  for (let i = 0; i < size.policies; i++) {
    policies.push({ name: `policy-${i}`, arn: `arn:aws:iam::${ACCOUNT}:policy/team/policy-${i}`, id: `ANPA${String(i).padStart(17, '0')}`, aws_managed: false, attachment_count: i % 5 === 4 ? 0 : 1 + (i % 3), default_version_id: 'v3', document: policyDocument(i) });
  }
  details.policies = policies;
  for (let i = 0; i < size.users; i++) {
    const name = `user-${i}`;
    const arn = `arn:aws:iam::${ACCOUNT}:user/${name}`;
    const console = i % 3 !== 0;
    const mfa = console && i % 4 !== 0;
    rows.push({
      user: name, arn, user_creation_time: ago(30 + (i % 900)), password_enabled: console, password_last_used: console ? ago(i % 120) : null,
      password_last_changed: console ? ago(20 + (i % 400)) : null, password_next_rotation: null, mfa_active: mfa,
      access_key_1_active: i % 2 === 0, access_key_1_last_rotated: i % 2 === 0 ? ago(i % 300) : null, access_key_1_last_used_date: i % 2 === 0 && i % 10 !== 0 ? ago(i % 70) : null,
      access_key_1_last_used_region: i % 2 === 0 ? 'eu-west-1' : null, access_key_1_last_used_service: i % 2 === 0 ? 's3' : null,
      access_key_2_active: i % 11 === 0, access_key_2_last_rotated: i % 11 === 0 ? ago(i % 50) : null, access_key_2_last_used_date: null,
      access_key_2_last_used_region: null, access_key_2_last_used_service: null, cert_1_active: false, cert_1_last_rotated: null, cert_2_active: false, cert_2_last_rotated: null,
    });
    if (mfa) {
      const serial = i % 5 === 0 ? `GAHT${String(i).padStart(8, '0')}` : `arn:aws:iam::${ACCOUNT}:mfa/${name}`;
      mfaUsers.push({ user: name, devices: [{ serial_number: serial, enable_date: ago(100) }] });
      if (!serial.startsWith('GAHT')) virtual.push({ serial_number: serial, user_arn: arn, user_name: name, enable_date: ago(100) });
    }
    details.users.push({
      name, arn, id: `AIDA${String(i).padStart(17, '0')}`, path: '/', create_date: ago(30 + (i % 900)), groups: [`group-${i % 50}`],
      attached_policies: i % 8 === 0 ? [{ name: `policy-${i % size.policies}`, arn: policies[i % size.policies].arn }] : [],
      inline_policies: i % 25 === 0 ? [{ name: 'inline', document: policyDocument(i) }] : [],
    });
  }
  for (let g = 0; g < 50; g++) {
    details.groups.push({ name: `group-${g}`, arn: `arn:aws:iam::${ACCOUNT}:group/group-${g}`, id: `AGPA${String(g).padStart(17, '0')}`, attached_policies: [{ name: `policy-${g}`, arn: policies[g % size.policies].arn }], inline_policies: [] });
  }
  for (let r = 0; r < size.roles; r++) {
    details.roles.push({
      name: `role-${r}`, arn: `arn:aws:iam::${ACCOUNT}:role/role-${r}`, id: `AROA${String(r).padStart(17, '0')}`, path: '/',
      trust_policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: r % 10 === 0 ? 'qbusiness.amazonaws.com' : 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      attached_policies: [{ name: `policy-${r % size.policies}`, arn: policies[r % size.policies].arn }],
      inline_policies: r % 4 === 0 ? [{ name: 'inline', document: policyDocument(r) }] : [], last_used: ago(r % 200),
    });
  }
  return {
    account_id: ACCOUNT,
    partition: 'aws',
    regions: ['us-east-1'],
    sources: {
      'iam.credential_report': ok({ generated_at: COLLECTED_AT, rows }),
      'iam.password_policy': ok({ policy: { MinimumPasswordLength: 12, RequireSymbols: true, RequireNumbers: true, RequireUppercaseCharacters: true, RequireLowercaseCharacters: true, ExpirePasswords: false, PasswordReusePrevention: 24 } }),
      'iam.account_summary': ok({ AccountMFAEnabled: 1, Users: size.users }),
      'iam.virtual_mfa_devices': ok(virtual),
      'iam.mfa_devices': ok({ users: mfaUsers }),
      'iam.authorization_details': ok(details),
      'iam.support_policy_entities': ok({ policy_arn: 'arn:aws:iam::aws:policy/AWSSupportAccess', roles: ['role-1'], users: [], groups: [] }),
    },
  };
}

export function syntheticIamSnapshot(size: EstateSize): Snapshot {
  return { schema: 'qready.snapshot/v1', tool_version: 'bench', collected_at: COLLECTED_AT, accounts: [syntheticIamAccount(size)] };
}
