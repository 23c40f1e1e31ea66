// The synthetic organisation the generated CloudTrail logs describe: three member accounts,
// three regions, SSO role sessions of a dozen people, workload roles, CI users, Identity Center
// users of Q Developer and Q Business, and the Amazon Q Business resources they use. Built once
// from a fixed seed, so every file (whichever worker writes it) names the same principals.
//
// The time line is 40 days: a 30-day baseline, then a 10-day investigation window in which an
// intruder (a contractor role nobody used before, from a new IP and tool) shows up, so the
// unknown-activity analysis has something to find.
import { Rng } from './rng.js';

const DAY_MS = 86_400_000;
/** 2026-05-01T00:00:00Z. */
export const TRAIL_START = Date.UTC(2026, 4, 1);
export const BASELINE_DAYS = 30;
export const WINDOW_DAYS = 10;
export const WINDOW_START = TRAIL_START + BASELINE_DAYS * DAY_MS;
export const TRAIL_END = WINDOW_START + WINDOW_DAYS * DAY_MS;

export const ORGANIZATION_ID = 'o-exampleorg';
export const ACCOUNT_IDS = ['111122223333', '444455556666', '777788889999'] as const;
export const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1'] as const;
/** Q Developer (console chat, IDE) lives in us-east-1 here; Q Business in every region above. */
export const Q_DEVELOPER_REGION = 'us-east-1';

export interface RoleSessionIdentity {
  /** The role's name as in its ARN's last segment. */
  roleName: string;
  /** The role ARN (with its path). */
  roleArn: string;
  /** The role's unique id (AROA…). */
  roleId: string;
  sessionName: string;
}

export interface QBusinessApp {
  id: string;
  indexId: string;
  retrieverId: string;
  dataSourceIds: string[];
  pluginIds: string[];
  webExperienceId: string;
}

export interface AccountEstate {
  id: string;
  /** People signing in through IAM Identity Center (console, CLI). */
  people: RoleSessionIdentity[];
  /** Administrators among them (Q Business administration, trail changes). */
  admins: RoleSessionIdentity[];
  /** Workloads: Lambda functions, ECS tasks, CI deployments. */
  workloads: RoleSessionIdentity[];
  /** The Q Business web experience role (chat calls carry onBehalfOf the Identity Center user). */
  webExperienceRole: RoleSessionIdentity;
  /** The data source role that uploads documents. */
  dataSourceRole: RoleSessionIdentity;
  iamUsers: { name: string; id: string; accessKeyId: string }[];
  /** Q Business applications per region. */
  apps: Record<string, QBusinessApp[]>;
  /** The intruder's role session (only in the investigation window). */
  intruder: RoleSessionIdentity;
  /** Q Developer Pro profile (codewhisperer data events name it). */
  qDeveloperProfileArn: string;
  /** Customer managed KMS keys per region. */
  kmsKeyIds: Record<string, string[]>;
  /** Buckets workloads read and write. */
  buckets: string[];
}

export interface Estate {
  accounts: AccountEstate[];
  /** Identity Center user ids (Q Developer in the IDE, Q Business chat users). */
  identityCenterUsers: string[];
  identityStoreArn: string;
  /** Office and VPN egress addresses people call from. */
  officeIps: string[];
  /** NAT gateway addresses workloads call from. */
  workloadIps: string[];
  intruderIp: string;
}

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'ken', 'lena'];
const PERMISSION_SETS = ['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess', 'QBusinessAdmin', 'SecurityAudit'];
const WORKLOADS: [string, string][] = [
  ['orders-api-LambdaExecutionRole-1A2B3C4D5E6F', 'orders-api-handler'],
  ['payments-ecs-TaskRole-7G8H9I0J1K2L', 'a1b2c3d4e5f60718293a4b5c6d7e8f90'],
  ['GitHubActionsDeploy', 'GitHubActions'],
  ['reporting-etl-GlueJobRole', 'GlueJobRunnerSession'],
  ['inventory-sync-LambdaExecutionRole-9Z8Y7X6W5V4U', 'inventory-sync'],
];

function roleSession(rng: Rng, account: string, roleName: string, path: string, sessionName: string): RoleSessionIdentity {
  return { roleName, roleArn: `arn:aws:iam::${account}:role/${path}${roleName}`, roleId: `AROA${rng.alnum(17)}`, sessionName };
}

function qApp(rng: Rng): QBusinessApp {
  return {
    id: rng.uuid(),
    indexId: rng.uuid(),
    retrieverId: rng.uuid(),
    dataSourceIds: [rng.uuid(), rng.uuid(), rng.uuid()],
    pluginIds: [rng.uuid(), rng.uuid()],
    webExperienceId: rng.uuid(),
  };
}

function accountEstate(rng: Rng, id: string): AccountEstate {
  const ssoPath = 'aws-reserved/sso.amazonaws.com/eu-west-1/';
  const setRoles = new Map(PERMISSION_SETS.map((set) => [set, `AWSReservedSSO_${set}_${rng.hex(8)}`]));
  const roleIds = new Map<string, string>();
  const people = PEOPLE.map((person, i) => {
    const set = PERMISSION_SETS[i % PERMISSION_SETS.length];
    const roleName = setRoles.get(set) as string;
    const r = roleSession(rng, id, roleName, ssoPath, `${person}@example.com`);
    // One role id per role, whoever assumes it.
    if (!roleIds.has(roleName)) roleIds.set(roleName, r.roleId);
    return { ...r, roleId: roleIds.get(roleName) as string };
  });
  const apps: Record<string, QBusinessApp[]> = {};
  const kmsKeyIds: Record<string, string[]> = {};
  for (const region of REGIONS) {
    apps[region] = [qApp(rng), qApp(rng)];
    kmsKeyIds[region] = [rng.uuid(), rng.uuid(), rng.uuid()];
  }
  return {
    id,
    people,
    admins: people.filter((p) => /AdministratorAccess|QBusinessAdmin/.test(p.roleName)),
    workloads: WORKLOADS.map(([role, session]) => roleSession(rng, id, role, '', session)),
    webExperienceRole: roleSession(rng, id, 'QBusinessWebExperienceRole', 'service-role/', 'QBusinessWebExperience'),
    dataSourceRole: roleSession(rng, id, 'QBusinessDataSourceRole-s3', 'service-role/', 'QBusiness-DataSource-Sync'),
    iamUsers: ['ci-bot', 'backup-agent', 'legacy-reporting'].map((name) => ({ name, id: `AIDA${rng.alnum(17)}`, accessKeyId: `AKIA${rng.alnum(16)}` })),
    apps,
    intruder: roleSession(rng, id, 'ContractorAccess', '', 'mallory'),
    qDeveloperProfileArn: `arn:aws:codewhisperer:${Q_DEVELOPER_REGION}:${id}:profile/${rng.alnum(12)}`,
    kmsKeyIds,
    buckets: [`orders-data-${id}`, `reporting-exports-${id}`, `app-artifacts-${id}`, `corp-knowledge-base-${id}`],
  };
}

/** The organisation; the same for every seed of the files (it is part of the generator's version). */
export function buildEstate(): Estate {
  const rng = new Rng(0x5eed_0001);
  const ip = (prefix: string): string => `${prefix}.${1 + rng.int(254)}`;
  return {
    accounts: ACCOUNT_IDS.map((id) => accountEstate(rng, id)),
    identityCenterUsers: Array.from({ length: 40 }, () => `${rng.hex(4)}-${rng.uuid().slice(9)}`),
    identityStoreArn: `arn:aws:identitystore::${ACCOUNT_IDS[0]}:identitystore/d-${rng.hex(5)}`,
    officeIps: [...Array.from({ length: 12 }, () => ip('203.0.113')), ...Array.from({ length: 8 }, () => ip('198.51.100'))],
    workloadIps: Array.from({ length: 10 }, () => `3.${80 + rng.int(20)}.${rng.int(256)}.${1 + rng.int(254)}`),
    intruderIp: '192.0.2.77',
  };
}

export const USER_AGENTS = {
  browser: [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
    'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  ],
  console: ['AWS Internal', 'console.amazonaws.com'],
  cli: [
    'aws-cli/2.22.4 md/awscrt#0.23.4 ua/2.1 os/linux#6.8.0-49-generic md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off',
    'aws-cli/2.21.0 md/awscrt#0.22.0 ua/2.1 os/macos#24.1.0 md/arch#arm64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#source md/prompt#off',
  ],
  sdk: [
    'aws-sdk-js/3.699.0 ua/2.1 os/linux#5.10.228-219.884.amzn2.x86_64 lang/js md/nodejs#20.18.0 api/dynamodb#3.699.0 m/E,N',
    'Boto3/1.35.70 md/Botocore#1.35.70 ua/2.0 os/linux#5.10.227-219.884.amzn2.x86_64 md/arch#x86_64 lang/python#3.12.7 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.70',
    'aws-sdk-java/2.29.20 Linux/5.10.228-219.884.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/21.0.5+11-LTS Java/21.0.5 vendor/Amazon.com_Inc. exec-env/AWS_ECS_FARGATE io/sync http/Apache cfg/retry-mode/legacy',
    'APN/1.0 HashiCorp/1.0 Terraform/1.9.8 (+https://www.terraform.io) terraform-provider-aws/5.78.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.32.5 ua/2.1 os/linux lang/go#1.23.3 md/GOOS#linux md/GOARCH#amd64 api/sts#1.33.1',
  ],
  /** Q Developer in the IDE and on the command line: what the IDE analysis looks for. */
  ide: [
    'AWS-Toolkit-For-VSCode/3.38.0 Visual-Studio-Code/1.95.3 ClientId/6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    'aws-sdk-js/2.1692.0 promise AmazonQ-For-VSCode/1.39.0 Visual-Studio-Code/1.95.3 ClientId/0f9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c',
    'AWS Toolkit For JetBrains/3.41.0.241 IntelliJ-IDEA/2024.3 ClientId/5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
    'aws-sdk-java/2.29.15 Mac_OS_X/15.1 OpenJDK_64-Bit_Server_VM/21.0.5+8-b631.19 Java/21.0.5 kotlin/2.0.0 vendor/JetBrains_s.r.o. io/async http/NettyNio AmazonQ-For-JetBrains/3.41 PyCharm/2024.3',
    'Amazon-Q-Developer-CLI/1.9.1 aws-sdk-rust/1.1.7 os/linux lang/rust/1.82.0',
  ],
  intruder: 'aws-cli/2.9.0 Python/3.9.11 Linux/6.5.0-kali3-amd64 exe/x86_64.kali.2023 prompt/off command/qbusiness.list-applications',
} as const;
