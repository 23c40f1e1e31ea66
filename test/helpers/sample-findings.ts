// Deterministic report inputs for report tests and benchmarks: n findings spread over statuses,
// severities, services, regions and checks, from a seeded generator (same arguments, same input).
import { checkSummary, type CheckSummary, type ReportInput } from '../../reports/report-input.js';
import { findingId } from '../../runner/findings/finding-id.js';
import type { Framework } from '../../runner/compliance/compliance-types.js';
import { summarizeFrameworks } from '../../runner/compliance/frameworks.js';
import type { DiffEntry, ScanDiff } from '../../runner/diff/diff-types.js';
import type { Finding, JsonValue, Severity, Status } from '../../runner/findings/finding.js';

export interface SampleOptions {
  /** Seed of the generator (default 1). */
  seed?: number;
  /** Every k-th finding is muted (default 25; 0 mutes none). */
  mutedEvery?: number;
  /** Users in the credential inventory finding (default 12; 0 leaves the inventory out). */
  credentialUsers?: number;
  /** Include findings whose resource name and message are XSS attempts (default false). */
  xss?: boolean;
  /** Account id (default 123456789012). */
  accountId?: string;
  /** Add per-framework summaries of sampleFrameworks() (default false). */
  compliance?: boolean;
  /** Add a comparison with a synthetic baseline scan, sampleDiff() (default false). */
  baseline?: boolean;
  /**
   * Add an Amazon Q Business inventory, sampleQBusinessFindings(): the qbusiness_inventory findings
   * (two applications with their tree, one whose inventory could not be read, a region without
   * any) and findings of other checks on their resources (default false). With `xss`, a plugin is
   * named XSS_NAME and a web experience's title is XSS_MESSAGE.
   */
  qbusiness?: boolean;
}

export const SAMPLE_ACCOUNT = '123456789012';
export const SAMPLE_REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2', 'ap-northeast-1'];
export const XSS_NAME = '<img src=x onerror=alert(1)>';
export const XSS_MESSAGE = 'Injected </script><script>window.__pwned=1</script> message';
export const INVENTORY_CHECK_ID = 'iam_credential_inventory';
export const Q_INVENTORY_CHECK_ID = 'qbusiness_inventory';

/** mulberry32: a small, fast, seedable PRNG. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SampleCheck extends CheckSummary {
  resourceType: string;
  global: boolean;
  resource: (k: number, region: string, account: string) => { id: string; arn: string | null; name: string | null };
  fail: (name: string) => string;
  pass: (name: string) => string;
}

function iamUser(k: number, _region: string, account: string): { id: string; arn: string; name: string } {
  const name = `user-${String(k).padStart(5, '0')}`;
  const arn = `arn:aws:iam::${account}:user/${name}`;
  return { id: arn, arn, name };
}

function iamRole(k: number, _region: string, account: string): { id: string; arn: string; name: string } {
  const name = `qbusiness-app-role-${k}`;
  const arn = `arn:aws:iam::${account}:role/service-role/${name}`;
  return { id: arn, arn, name };
}

function qApp(k: number, region: string, account: string): { id: string; arn: string; name: string } {
  const id = `a${(k * 2654435761 >>> 0).toString(16).padStart(8, '0')}-4c1e-4a2b-9e57-${String(k).padStart(12, '0')}`;
  return { id, arn: `arn:aws:qbusiness:${region}:${account}:application/${id}`, name: `knowledge-assistant-${k % 97}` };
}

function trail(k: number, region: string, account: string): { id: string; arn: string; name: string } {
  const name = `org-trail-${k % 13}`;
  const arn = `arn:aws:cloudtrail:${region}:${account}:trail/${name}`;
  return { id: arn, arn, name };
}

function bucket(k: number): { id: string; arn: string; name: string } {
  const name = `qbusiness-datasource-${k}`;
  return { id: name, arn: `arn:aws:s3:::${name}`, name };
}

function kmsKey(k: number, region: string, account: string): { id: string; arn: string; name: string | null } {
  const id = `${(k * 40503 >>> 0).toString(16).padStart(8, '0')}-1234-4abc-8def-${String(k).padStart(12, '0')}`;
  return { id, arn: `arn:aws:kms:${region}:${account}:key/${id}`, name: k % 3 === 0 ? `alias/q-index-${k}` : null };
}

function account(_k: number, region: string, acct: string): { id: string; arn: string; name: string } {
  return { id: acct, arn: `arn:aws:iam::${acct}:root`, name: `${acct} (${region})` };
}

const URL_IAM = 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html';
const URL_QB = 'https://docs.aws.amazon.com/amazonq/latest/qbusiness-ug/security.html';
const URL_CT = 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html';

function check(
  id: string,
  service: string,
  severity: Severity,
  resourceType: string,
  global: boolean,
  resource: SampleCheck['resource'],
  title: string,
  fail: (name: string) => string,
  pass: (name: string) => string,
  extra: Partial<CheckSummary> = {},
): SampleCheck {
  return {
    id,
    title,
    service,
    severity,
    description: `${title}. This check reads the ${service} configuration of every resource in scope and reports each one.`,
    risk: `Without this control an incident involving Amazon Q in ${service} is harder to detect, scope and contain.`,
    remediation: {
      text: `Configure ${service} so that: ${title.toLowerCase()}.`,
      cli: `aws ${service} describe-configuration --resource <resource-id> --region <region>`,
      url: service === 'iam' ? URL_IAM : service === 'cloudtrail' ? URL_CT : URL_QB,
    },
    ir_phase: 'preparation',
    caf: ['preventive'],
    compliance: { 'cis_aws_3.0': ['1.10'], aws_fsbp: [`${service.toUpperCase()}.1`] },
    resourceType,
    global,
    resource,
    fail,
    pass,
    ...extra,
  };
}

const CHECKS: SampleCheck[] = [
  check('iam_root_mfa_enabled', 'iam', 'critical', 'AwsAccount', true, account, 'The root user has MFA enabled', () => 'The root user has no MFA device', () => 'The root user has MFA'),
  check('iam_user_mfa_enabled_console_access', 'iam', 'high', 'AwsIamUser', true, iamUser, 'IAM users who can sign in to the console have MFA', (n) => `${n} can sign in to the console without MFA`, (n) => `${n} signs in to the console with MFA`),
  check('iam_user_access_key_rotated', 'iam', 'medium', 'AwsIamAccessKey', true, iamUser, 'Access keys are rotated every 90 days', (n) => `${n} has an active access key last rotated more than 90 days ago`, (n) => `${n} rotates its access keys`),
  check('iam_role_qbusiness_least_privilege', 'iam', 'high', 'AwsIamRole', true, iamRole, 'Q Business application roles do not allow full administrative access', (n) => `${n} allows "*:*" through an attached policy`, (n) => `${n} has no administrative policy`),
  check('qbusiness_application_encrypted_cmk', 'qbusiness', 'medium', 'AwsQBusinessApplication', false, qApp, 'Q Business applications are encrypted with a customer managed key', (n) => `${n} is encrypted with an AWS owned key`, (n) => `${n} uses a customer managed KMS key`),
  check('qbusiness_web_experience_origins', 'qbusiness', 'low', 'AwsQBusinessWebExperience', false, qApp, 'Q Business web experiences restrict allowed origins', (n) => `${n} allows every origin`, (n) => `${n} restricts its origins`),
  check('qbusiness_application_logging', 'qbusiness', 'high', 'AwsQBusinessApplication', false, qApp, 'Q Business applications deliver chat logs to CloudWatch', (n) => `${n} has no log delivery configured`, (n) => `${n} delivers its logs`),
  check('cloudtrail_multi_region_enabled', 'cloudtrail', 'critical', 'AwsCloudTrailTrail', false, trail, 'A multi-region trail logs management events', (n) => `${n} is not multi-region or is not logging`, (n) => `${n} logs management events in every region`),
  check('cloudtrail_qbusiness_data_events', 'cloudtrail', 'medium', 'AwsCloudTrailTrail', false, trail, 'Trails record Amazon Q data events', (n) => `${n} records no qbusiness data events`, (n) => `${n} records qbusiness data events`),
  check('s3_qbusiness_datasource_public_access_blocked', 's3', 'high', 'AwsS3Bucket', false, (k) => bucket(k), 'Q Business data source buckets block public access', (n) => `${n} does not block public access`, (n) => `${n} blocks public access`),
  check('kms_qbusiness_key_rotation', 'kms', 'low', 'AwsKmsKey', false, kmsKey, 'KMS keys used by Amazon Q rotate yearly', (n) => `${n} does not rotate automatically`, (n) => `${n} rotates automatically`),
  check('guardduty_enabled', 'guardduty', 'medium', 'AwsGuardDutyDetector', false, account, 'GuardDuty is enabled in every region', (n) => `GuardDuty is not enabled for ${n}`, (n) => `GuardDuty is enabled for ${n}`),
  check('codewhisperer_customization_access', 'codewhisperer', 'informational', 'AwsCodeWhispererCustomization', false, qApp, 'Q Developer customizations are shared only with intended groups', (n) => `${n} is shared with every user`, (n) => `${n} is shared with named groups`),
  check('organizations_ai_services_opt_out', 'organizations', 'medium', 'AwsAccount', true, account, 'The account opts out of AI services content use', (n) => `${n} has no effective AI services opt-out policy`, (n) => `${n} opts out of AI services content use`),
  check(INVENTORY_CHECK_ID, 'iam', 'informational', 'AwsAccount', true, account, 'Credential inventory on file', (n) => `Credential inventory for ${n}`, (n) => `Credential inventory for ${n}`),
];

/** Checks of the Amazon Q Business sample (sampleQBusinessFindings); not drawn from by the generator. */
const Q_CHECKS: SampleCheck[] = [
  check(Q_INVENTORY_CHECK_ID, 'qbusiness', 'informational', 'AwsQBusinessApplication', false, qApp, 'An inventory of every Amazon Q Business application is on file', (n) => `Review the inventory of ${n}`, (n) => `Review the inventory of ${n}`),
  check('qbusiness_application_cmk_encryption', 'qbusiness', 'medium', 'AwsQBusinessApplication', false, qApp, 'Amazon Q Business applications are encrypted with a customer managed KMS key', (n) => `${n} is encrypted with an AWS owned key`, (n) => `${n} is encrypted with a customer managed key`),
  check('qbusiness_plugin_requires_auth', 'qbusiness', 'high', 'AwsQBusinessPlugin', false, qApp, 'Amazon Q Business plugins authenticate to the systems they call', (n) => `Plugin ${n} calls its server without authentication`, (n) => `Plugin ${n} authenticates`),
  check('qbusiness_web_experience_origins_restricted', 'qbusiness', 'medium', 'AwsQBusinessWebExperience', false, qApp, 'Amazon Q Business web experiences allow only specific HTTPS origins', (n) => `Web experience ${n} allows unrestricted origins`, (n) => `Web experience ${n} allows only specific HTTPS origins`),
  check('qbusiness_no_sensitive_data_in_names_tags', 'qbusiness', 'medium', 'AwsQBusinessResource', false, qApp, 'Amazon Q Business resource names and tags hold no sensitive data', (n) => `${n} has sensitive data in its names or tags`, (n) => `${n} has no sensitive data in its names or tags`),
];

const STATUS_WEIGHTS: [Status, number][] = [
  ['FAIL', 0.3],
  ['PASS', 0.5],
  ['MANUAL', 0.1],
  ['ERROR', 0.1],
];

function pickStatus(r: number): Status {
  let acc = 0;
  for (const [s, w] of STATUS_WEIGHTS) {
    acc += w;
    if (r < acc) return s;
  }
  return 'PASS';
}

function isoDaysBefore(base: number, days: number): string {
  return new Date(base - days * 86400000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Credential report rows as the credential inventory check puts them in its evidence. */
export function sampleCredentialUsers(count: number, accountId = SAMPLE_ACCOUNT, seed = 7): { [key: string]: JsonValue }[] {
  const r = rng(seed);
  const base = Date.parse('2026-03-01T12:00:00Z');
  const users: { [key: string]: JsonValue }[] = [];
  for (let k = 0; k < count; k++) {
    const root = k === 0;
    const user = root ? '<root_account>' : `user-${String(k).padStart(5, '0')}`;
    const password = root ? false : r() < 0.6;
    const key1 = !root && r() < 0.7;
    const key2 = !root && key1 && r() < 0.2;
    users.push({
      user,
      arn: root ? `arn:aws:iam::${accountId}:root` : `arn:aws:iam::${accountId}:user/${user}`,
      user_creation_time: isoDaysBefore(base, 200 + Math.floor(r() * 1200)),
      password_enabled: root ? null : password,
      password_last_used: password ? isoDaysBefore(base, Math.floor(r() * 120)) : 'N/A',
      password_last_changed: password ? isoDaysBefore(base, Math.floor(r() * 400)) : 'N/A',
      mfa_active: root ? true : password && r() < 0.7,
      access_key_1_active: key1,
      access_key_1_last_rotated: key1 ? isoDaysBefore(base, Math.floor(r() * 400)) : 'N/A',
      access_key_1_last_used_date: key1 ? isoDaysBefore(base, Math.floor(r() * 60)) : 'N/A',
      access_key_1_last_used_region: key1 ? 'us-east-1' : 'N/A',
      access_key_1_last_used_service: key1 ? 'qbusiness' : 'N/A',
      access_key_2_active: key2,
      access_key_2_last_rotated: key2 ? isoDaysBefore(base, Math.floor(r() * 400)) : 'N/A',
      access_key_2_last_used_date: key2 ? 'no_information' : 'N/A',
      access_key_2_last_used_region: 'N/A',
      access_key_2_last_used_service: 'N/A',
      cert_1_active: false,
      cert_2_active: false,
    });
  }
  return users;
}

type SampleFinding = Omit<Finding, 'id' | 'title' | 'severity' | 'service' | 'account_id' | 'remediation' | 'compliance' | 'muted' | 'mute_reason' | 'resource'> & {
  resource: { id: string; arn: string | null; name: string | null };
  muted?: string;
};

/** The tree of one application as the qbusiness_inventory check puts it in its evidence (runner/views/qbusiness-inventory.ts). */
function qInventoryTree(app: { id: string; arn: string; name: string }, parts: { [key: string]: JsonValue }, accountId: string, region: string): { [key: string]: JsonValue } {
  const list = (key: string): { [key: string]: JsonValue }[] => (parts[key] ?? []) as { [key: string]: JsonValue }[];
  const indices = list('indices');
  const accessors = list('data_accessors');
  return {
    application_id: app.id,
    arn: app.arn,
    display_name: app.name,
    status: 'ACTIVE',
    identity_type: parts.identity_type ?? 'AWS_IAM_IDC',
    encryption: parts.encryption ?? `arn:aws:kms:${region}:${accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    attachments_control_mode: parts.attachments_control_mode ?? 'DISABLED',
    index_count: indices.length,
    data_source_count: indices.reduce((n, i) => n + (i.data_sources as JsonValue[]).length, 0),
    retriever_count: list('retrievers').length,
    plugin_count: list('plugins').length,
    web_experience_count: list('web_experiences').length,
    data_accessor_count: accessors.length,
    external_data_accessor_count: accessors.filter((a) => a.external === true).length,
    indices,
    retrievers: list('retrievers'),
    plugins: list('plugins'),
    web_experiences: list('web_experiences'),
    data_accessors: accessors,
    chat_controls: { response_scope: 'ENTERPRISE_CONTENT_ONLY', blocked_phrase_count: 2, topics: ['legal-advice'], creator_mode: 'DISABLED', hallucination_reduction: 'ENABLED' },
    resource_policy: null,
  };
}

/** ARNs and ids of the Amazon Q Business sample's resources, for tests to find them in the report. */
export interface SampleQBusiness {
  apps: { id: string; arn: string; name: string; region: string }[];
  plugin: { arn: string; name: string };
  pluginOk: { arn: string; name: string };
  webExperience: { arn: string; title: string };
  mutedWebExperience: { arn: string; title: string };
  dataSource: { arn: string; name: string };
  /** A plugin with a finding that the inventory does not list. */
  unlisted: { arn: string; name: string };
  /** The application whose inventory could not be read. */
  incomplete: { arn: string; name: string; region: string };
  /** The region where the inventory found no application. */
  emptyRegion: string;
}

/**
 * The Amazon Q Business sample (see SampleOptions.qbusiness): its findings in a fixed order (the
 * inventory findings first) and the resources they are about.
 */
export function sampleQBusinessFindings(accountId = SAMPLE_ACCOUNT, xss = false): { findings: SampleFinding[]; q: SampleQBusiness } {
  const appIn = (region: string, id: string, name: string): { id: string; arn: string; name: string; region: string } => ({ id, arn: `arn:aws:qbusiness:${region}:${accountId}:application/${id}`, name, region });
  const hr = appIn('us-east-1', 'a1b2c3d4-hr00-4000-8000-000000000001', 'hr-assistant');
  const it = appIn('eu-west-1', 'a1b2c3d4-it00-4000-8000-000000000002', 'it-helpdesk');
  const lost = appIn('us-west-2', 'a1b2c3d4-lost-4000-8000-000000000003', 'finance-copilot');
  const under = (app: { arn: string }, path: string): string => `${app.arn}/${path}`;
  const ids = {
    index: 'b2c3d4e5-hr00-4000-8000-0000000000a1',
    ds1: 'c3d4e5f6-hr00-4000-8000-0000000000b1',
    ds2: 'c3d4e5f6-hr00-4000-8000-0000000000b2',
    retriever: 'd4e5f6a7-hr00-4000-8000-0000000000c1',
    plugin: 'e5f6a7b8-hr00-4000-8000-0000000000d1',
    pluginOk: 'e5f6a7b8-hr00-4000-8000-0000000000d2',
    unlisted: 'e5f6a7b8-hr00-4000-8000-0000000000d9',
    web: 'f6a7b8c9-hr00-4000-8000-0000000000e1',
    web2: 'f6a7b8c9-hr00-4000-8000-0000000000e2',
    accessor: 'a7b8c9d0-hr00-4000-8000-0000000000f1',
    itIndex: 'b2c3d4e5-it00-4000-8000-0000000000a2',
    itWeb: 'f6a7b8c9-it00-4000-8000-0000000000e3',
  };
  const pluginName = xss ? XSS_NAME : 'weather-api';
  const webTitle = xss ? XSS_MESSAGE : 'Ask HR';
  const q: SampleQBusiness = {
    apps: [hr, it, lost],
    plugin: { arn: under(hr, `plugin/${ids.plugin}`), name: pluginName },
    pluginOk: { arn: under(hr, `plugin/${ids.pluginOk}`), name: 'servicenow-itsm' },
    webExperience: { arn: under(hr, `web-experience/${ids.web}`), title: webTitle },
    mutedWebExperience: { arn: under(hr, `web-experience/${ids.web2}`), title: 'HR sandbox' },
    dataSource: { arn: under(hr, `index/${ids.index}/data-source/${ids.ds1}`), name: 'policies-s3' },
    unlisted: { arn: under(hr, `plugin/${ids.unlisted}`), name: 'jira-cloud' },
    incomplete: { arn: lost.arn, name: lost.name, region: lost.region },
    emptyRegion: 'ap-southeast-2',
  };
  const hrTree = qInventoryTree(
    hr,
    {
      identity_type: 'ANONYMOUS',
      encryption: 'AWS owned key',
      attachments_control_mode: 'ENABLED',
      indices: [
        {
          index_id: ids.index,
          display_name: 'hr-enterprise-index',
          type: 'ENTERPRISE',
          status: 'ACTIVE',
          indexed_documents: 48210,
          data_sources: [
            { data_source_id: ids.ds1, display_name: 'policies-s3', type: 'S3', status: 'ACTIVE', role_arn: `arn:aws:iam::${accountId}:role/service-role/QBusinessS3Role`, sync_schedule: 'cron(0 2 * * ? *)', vpc: false, enrichment_lambdas: [] },
            {
              data_source_id: ids.ds2,
              display_name: 'intranet-sharepoint',
              type: 'SHAREPOINTV2',
              status: 'ACTIVE',
              role_arn: `arn:aws:iam::${accountId}:role/service-role/QBusinessSharePointRole`,
              sync_schedule: null,
              vpc: true,
              enrichment_lambdas: [`arn:aws:lambda:us-east-1:${accountId}:function:redact-pii`],
            },
          ],
        },
      ],
      retrievers: [{ retriever_id: ids.retriever, display_name: 'hr-retriever', type: 'NATIVE_INDEX', status: 'ACTIVE', role_arn: null, index_id: ids.index }],
      plugins: [
        { plugin_id: ids.plugin, display_name: pluginName, type: 'CUSTOM', auth_configuration: 'noAuthConfiguration', state: 'ENABLED', server_url: 'https://api.weather.example.org' },
        { plugin_id: ids.pluginOk, display_name: 'servicenow-itsm', type: 'SERVICE_NOW', auth_configuration: 'oAuth2ClientCredentialConfiguration', state: 'DISABLED', server_url: 'https://example.service-now.com' },
      ],
      web_experiences: [
        { web_experience_id: ids.web, title: webTitle, status: 'ACTIVE', origins: ['*', 'http://localhost:3000'], default_endpoint: 'https://abcd1234.chat.qbusiness.us-east-1.on.aws/' },
        { web_experience_id: ids.web2, title: 'HR sandbox', status: 'ACTIVE', origins: [], default_endpoint: 'https://efgh5678.chat.qbusiness.us-east-1.on.aws/' },
      ],
      data_accessors: [
        {
          data_accessor_id: ids.accessor,
          display_name: 'isv-enterprise-search',
          principal: 'arn:aws:iam::999999999999:role/IsvEnterpriseSearch',
          principal_account: '999999999999',
          external: true,
          actions: ['qbusiness:SearchRelevantContent'],
        },
      ],
    },
    accountId,
    hr.region,
  );
  const itTree = qInventoryTree(
    it,
    {
      indices: [{ index_id: ids.itIndex, display_name: 'it-index', type: 'STARTER', status: 'ACTIVE', indexed_documents: 1250, data_sources: [] }],
      web_experiences: [{ web_experience_id: ids.itWeb, title: 'IT help', status: 'ACTIVE', origins: ['https://intranet.example.com'], default_endpoint: null }],
    },
    accountId,
    it.region,
  );
  const res = (arn: string, name: string): SampleFinding['resource'] => ({ id: arn, arn, name });
  const root = { id: accountId, arn: `arn:aws:iam::${accountId}:root`, name: accountId };
  const findings: SampleFinding[] = [
    { check_id: Q_INVENTORY_CHECK_ID, status: 'MANUAL', region: hr.region, resource: res(hr.arn, hr.name), message: `Review the inventory of ${hr.name}`, evidence: hrTree },
    { check_id: Q_INVENTORY_CHECK_ID, status: 'MANUAL', region: it.region, resource: res(it.arn, it.name), message: `Review the inventory of ${it.name}`, evidence: itTree },
    {
      check_id: Q_INVENTORY_CHECK_ID,
      status: 'ERROR',
      region: lost.region,
      resource: res(lost.arn, lost.name),
      message: 'Missing permission qbusiness:GetChatControlsConfiguration: AccessDeniedException.',
      evidence: { error: { code: 'AccessDeniedException', message: 'not authorized', action: 'qbusiness:GetChatControlsConfiguration' } },
    },
    { check_id: Q_INVENTORY_CHECK_ID, status: 'MANUAL', region: q.emptyRegion, resource: root, message: 'No Amazon Q Business application in this region; keep that on file too', evidence: {} },
    { check_id: 'qbusiness_application_cmk_encryption', status: 'FAIL', region: hr.region, resource: res(hr.arn, hr.name), message: `${hr.name} is encrypted with an AWS owned key`, evidence: { encryption: 'AWS owned key' } },
    { check_id: 'qbusiness_application_cmk_encryption', status: 'PASS', region: it.region, resource: res(it.arn, it.name), message: `${it.name} is encrypted with a customer managed key`, evidence: { encryption: 'CMK' } },
    { check_id: 'qbusiness_plugin_requires_auth', status: 'FAIL', region: hr.region, resource: res(q.plugin.arn, pluginName), message: `Plugin ${pluginName} calls https://api.weather.example.org without authentication`, evidence: { auth: 'noAuthConfiguration' } },
    { check_id: 'qbusiness_plugin_requires_auth', status: 'PASS', region: hr.region, resource: res(q.pluginOk.arn, 'servicenow-itsm'), message: 'Plugin servicenow-itsm authenticates', evidence: { auth: 'oAuth2ClientCredentialConfiguration' } },
    { check_id: 'qbusiness_plugin_requires_auth', status: 'FAIL', region: hr.region, resource: res(q.unlisted.arn, 'jira-cloud'), message: 'Plugin jira-cloud calls its server without authentication', evidence: { auth: 'noAuthConfiguration' } },
    { check_id: 'qbusiness_web_experience_origins_restricted', status: 'FAIL', region: hr.region, resource: res(q.webExperience.arn, webTitle), message: `Web experience ${webTitle} allows unrestricted origins: * (wildcard)`, evidence: { origins: ['*'] } },
    {
      check_id: 'qbusiness_web_experience_origins_restricted',
      status: 'FAIL',
      region: hr.region,
      resource: res(q.mutedWebExperience.arn, 'HR sandbox'),
      message: 'Web experience HR sandbox allows unrestricted origins: none configured',
      evidence: { origins: [] },
      muted: 'Accepted risk 2042: sandbox web experience, not published',
    },
    {
      check_id: 'qbusiness_no_sensitive_data_in_names_tags',
      status: 'ERROR',
      region: hr.region,
      resource: res(q.dataSource.arn, 'policies-s3'),
      message: 'Missing permission qbusiness:ListTagsForResource: AccessDeniedException.',
      evidence: { error: { code: 'AccessDeniedException', message: 'not authorized', action: 'qbusiness:ListTagsForResource' } },
    },
    { check_id: 'qbusiness_no_sensitive_data_in_names_tags', status: 'PASS', region: hr.region, resource: res(under(hr, `index/${ids.index}`), 'hr-enterprise-index'), message: 'hr-enterprise-index has no sensitive data in its names or tags', evidence: { fields: [] } },
    {
      check_id: 'qbusiness_no_sensitive_data_in_names_tags',
      status: 'ERROR',
      region: hr.region,
      resource: { id: `${hr.arn}/data-accessors`, arn: hr.arn, name: `data accessors of ${hr.name}` },
      message: 'Missing permission qbusiness:ListDataAccessors: AccessDeniedException.',
      evidence: { error: { code: 'AccessDeniedException', message: 'not authorized', action: 'qbusiness:ListDataAccessors' } },
    },
    { check_id: 'qbusiness_web_experience_origins_restricted', status: 'PASS', region: it.region, resource: res(under(it, `web-experience/${ids.itWeb}`), 'IT help'), message: 'Web experience IT help allows only specific HTTPS origins', evidence: { origins: ['https://intranet.example.com'] } },
  ];
  return { findings, q };
}

/** The check summaries of the Amazon Q Business sample's checks. */
export function sampleQBusinessChecks(): CheckSummary[] {
  return Q_CHECKS.map(checkSummary);
}

/** The check summaries of the sample checks (what a scan passes to report writers). */
export function sampleChecks(): CheckSummary[] {
  return CHECKS.map(checkSummary);
}

/**
 * A deterministic ReportInput with exactly n findings. The first finding is the credential
 * inventory (when credentialUsers > 0), then with `xss` the two injection findings, then
 * generated findings.
 */
export function sampleReportInput(n: number, opts: SampleOptions = {}): ReportInput {
  const seed = opts.seed ?? 1;
  const mutedEvery = opts.mutedEvery ?? 25;
  const credentialUsers = opts.credentialUsers ?? 12;
  const accountId = opts.accountId ?? SAMPLE_ACCOUNT;
  const r = rng(seed);
  const findings: Finding[] = [];
  const generated = CHECKS.filter((c) => c.id !== INVENTORY_CHECK_ID);
  const inventory = CHECKS.find((c) => c.id === INVENTORY_CHECK_ID) as SampleCheck;

  const make = (c: SampleCheck, status: Status, region: string, res: { id: string; arn: string | null; name: string | null }, message: string, evidence: Finding['evidence']): Finding => ({
    id: findingId(c.id, accountId, region, res.id),
    check_id: c.id,
    title: c.title,
    status,
    muted: false,
    mute_reason: null,
    severity: c.severity,
    service: c.service,
    account_id: accountId,
    region,
    resource: { type: c.resourceType, ...res },
    message,
    evidence,
    remediation: c.remediation,
    compliance: c.compliance,
  });

  if (credentialUsers > 0 && findings.length < n) {
    const res = account(0, 'us-east-1', accountId);
    findings.push(
      make(inventory, 'MANUAL', 'us-east-1', res, `Credential inventory for ${accountId}: ${credentialUsers} users on file`, {
        generated_at: '2026-03-01T11:58:04Z',
        users: sampleCredentialUsers(credentialUsers, accountId),
      }),
    );
  }
  if (opts.xss) {
    const userCheck = generated[1];
    if (findings.length < n) {
      const res = { id: `arn:aws:iam::${accountId}:user/xss-1`, arn: `arn:aws:iam::${accountId}:user/xss-1`, name: XSS_NAME };
      const f = make(userCheck, 'FAIL', 'us-east-1', res, XSS_MESSAGE, { note: '</script><img src=x onerror=alert(2)>', '<b>key</b>': '&amp; \u2028 \u2029' });
      f.remediation = { text: '<script>window.__pwned=1</script>', cli: 'echo "</code><img src=x onerror=alert(3)>"', url: 'javascript:alert(4)' };
      f.title = '<svg onload=alert(5)>';
      findings.push(f);
    }
    if (findings.length < n) {
      const res = { id: '"><img src=x onerror=alert(6)>', arn: null, name: XSS_NAME };
      findings.push(make(generated[4], 'ERROR', 'eu-west-1', res, `${XSS_MESSAGE} <!-- comment`, {}));
    }
  }

  if (opts.qbusiness) {
    for (const s of sampleQBusinessFindings(accountId, opts.xss).findings) {
      if (findings.length >= n) break;
      const c = Q_CHECKS.find((x) => x.id === s.check_id) as SampleCheck;
      const f = make(c, s.status, s.region, s.resource, s.message, s.evidence);
      if (s.muted) {
        f.muted = true;
        f.mute_reason = s.muted;
      }
      findings.push(f);
    }
  }

  const base = findings.length;
  const ids = new Set(findings.map((f) => f.id));
  for (let k = base; k < n; k++) {
    const c = generated[Math.floor(r() * generated.length)];
    const region = c.global ? 'us-east-1' : SAMPLE_REGIONS[Math.floor(r() * SAMPLE_REGIONS.length)];
    const res = c.resource(k, region, accountId);
    const status = pickStatus(r());
    const label = res.name ?? res.id;
    const message =
      status === 'FAIL' ? c.fail(label) : status === 'PASS' ? c.pass(label) : status === 'ERROR' ? `Could not evaluate ${label}: AccessDenied on ${c.service}:List* (add it to the scanner's role)` : `Review ${label} by hand: ${c.title.toLowerCase()}`;
    const evidence: Finding['evidence'] =
      status === 'ERROR'
        ? { error: 'AccessDenied', action: `${c.service}:List*` }
        : { resource: label, checked_at: '2026-03-01T12:00:00Z', compliant: status === 'PASS', attempts: 1 + (k % 3) };
    const f = make(c, status, region, res, message, evidence);
    // Finding ids are unique in a scan; a synthetic resource seen twice gets a salted id.
    if (ids.has(f.id)) f.id = findingId(c.id, accountId, region, `${res.id}#${k}`);
    ids.add(f.id);
    if (mutedEvery > 0 && k % mutedEvery === mutedEvery - 1) {
      f.muted = true;
      f.mute_reason = `Accepted risk ${1000 + (k % 37)}: sandbox resources in ${region} (expires 2026-12-31)`;
    }
    findings.push(f);
  }

  const input: ReportInput = {
    result: {
      schema: 'qready.findings/v1',
      scan: {
        id: `scan-${seed}-${n}`,
        tool_version: '0.1.0',
        started_at: '2026-03-01T12:00:00Z',
        finished_at: '2026-03-01T12:03:27Z',
        account_id: accountId,
        partition: 'aws',
        regions: SAMPLE_REGIONS,
      },
      findings,
    },
    checks: opts.qbusiness ? [...sampleChecks(), ...sampleQBusinessChecks()] : sampleChecks(),
  };
  if (opts.compliance) input.compliance = summarizeFrameworks(sampleFrameworks(), findings, input.checks.map((c) => c.id));
  if (opts.baseline) input.diff = sampleDiff(input);
  return input;
}

/**
 * Two small frameworks over the sample checks: requirements with several checks, with a check
 * that did not run, with no check, and one whose title is an injection attempt.
 */
export function sampleFrameworks(): Framework[] {
  return [
    {
      key: 'cis_aws_3.0',
      name: 'CIS Amazon Web Services Foundations Benchmark',
      version: '3.0.0',
      requirements: [
        { id: '1.5', section: '1 Identity and Access Management', title: "Ensure MFA is enabled for the 'root' user account", checks: ['iam_root_mfa_enabled'] },
        {
          id: '1.10',
          section: '1 Identity and Access Management',
          title: 'Ensure multi-factor authentication (MFA) is enabled for all IAM users that have a console password',
          checks: ['iam_user_mfa_enabled_console_access', 'iam_user_access_key_rotated'],
        },
        { id: '1.20', section: '1 Identity and Access Management', title: 'Ensure that IAM Access analyzer is enabled for all regions', checks: ['accessanalyzer_enabled'] },
        { id: '1.22', section: '1 Identity and Access Management', title: 'Ensure access to AWSCloudShellFullAccess is restricted', checks: [] },
        { id: '3.1', section: '3 Logging', title: 'Ensure CloudTrail is enabled in all regions', checks: ['cloudtrail_multi_region_enabled'] },
        { id: '4.16', section: '4 Monitoring', title: XSS_NAME, checks: [INVENTORY_CHECK_ID] },
      ],
    },
    {
      key: 'amazon_q_ir_playbook',
      name: 'Amazon Q incident-response playbook (preparation)',
      version: '1.0',
      requirements: [
        { id: 'IAM-8', section: 'Identity and credentials', title: 'The IAM credential report is on file before an incident', checks: [INVENTORY_CHECK_ID] },
        { id: 'LOG-3', section: 'Detection and logging', title: 'CloudTrail records the data events of every Amazon Q Business application', checks: ['cloudtrail_qbusiness_data_events'] },
        { id: 'QB-1', section: 'Amazon Q Business application settings', title: 'Applications are encrypted with a customer managed KMS key', checks: ['qbusiness_application_encrypted_cmk', 'kms_qbusiness_key_rotation'] },
        { id: 'DET-2', section: 'Detection and logging', title: 'Amazon GuardDuty is enabled in every region', checks: ['guardduty_enabled'] },
        { id: 'QP-1', section: 'Amazon Q permissions', title: 'AmazonQFullAccess is not attached to IAM users', checks: [] },
      ],
    },
  ];
}

const GONE_CHECKS = ['iam_user_mfa_enabled_console_access', 'qbusiness_application_logging', 'cloudtrail_multi_region_enabled'];

/**
 * A deterministic comparison of the input's findings with a made-up baseline: every list of the
 * diff has entries; most reference findings of the input, a few are findings that are gone, one
 * differs from its finding (an older title), and one gone entry carries injection attempts.
 */
export function sampleDiff(input: ReportInput): ScanDiff {
  const scan = input.result.scan;
  const entry = (f: Finding, before: Status | null, mutedBefore: boolean): DiffEntry => ({
    id: f.id,
    check_id: f.check_id,
    title: f.title,
    severity: f.severity,
    region: f.region,
    resource: { ...f.resource },
    status_before: before,
    status_after: f.status,
    muted_before: mutedBefore,
    muted_after: f.muted,
    message: f.message,
  });
  const diff: ScanDiff = {
    schema: 'qready.diff/v1',
    old_scan: { ...scan, id: `${scan.id}-baseline`, started_at: '2026-02-22T12:00:00Z', finished_at: '2026-02-22T12:02:41Z' },
    new_scan: scan,
    new_failures: [],
    resolved_failures: [],
    still_failing: [],
    newly_muted: [],
    not_evaluated: [],
  };
  input.result.findings.forEach((f, k) => {
    if (f.muted) {
      if (k % 2 === 0) diff.newly_muted.push(entry(f, f.status, false));
    } else if (f.status === 'FAIL') {
      if (k % 3 === 0) diff.new_failures.push(entry(f, k % 2 ? null : 'PASS', false));
      else diff.still_failing.push(entry(f, 'FAIL', false));
    } else if (f.status === 'PASS' && k % 4 === 0) diff.resolved_failures.push(entry(f, 'FAIL', false));
    else if ((f.status === 'ERROR' || f.status === 'MANUAL') && k % 5 === 0) diff.not_evaluated.push(entry(f, 'FAIL', false));
  });
  if (diff.still_failing.length) diff.still_failing[0] = { ...diff.still_failing[0], title: 'An older title of this check' };
  for (let g = 0; g < 3; g++) {
    const name = `deleted-user-${g}`;
    const arn = `arn:aws:iam::${scan.account_id}:user/${name}`;
    diff.resolved_failures.push({
      id: findingId(GONE_CHECKS[g], scan.account_id, 'us-east-1', arn),
      check_id: GONE_CHECKS[g],
      title: 'A finding that is gone',
      severity: 'high',
      region: 'us-east-1',
      resource: { type: 'AwsIamUser', id: arn, arn, name: g === 2 ? XSS_NAME : name },
      status_before: 'FAIL',
      status_after: null,
      muted_before: false,
      muted_after: false,
      message: g === 2 ? XSS_MESSAGE : `${name} was deleted`,
    });
  }
  return diff;
}
