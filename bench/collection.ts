// Benchmark: collecting the synthetic estate of synthetic-qbusiness.ts (by default the same 200
// Q Business applications and 3,000 IAM policies the evaluation benchmark reads) through the real
// SDK v3 clients, with every request answered by the shared fake endpoint of
// test/helpers/aws-wire.ts after 20 ms of simulated latency. collectAccount runs every data source
// with its default concurrency and the production client configuration (adaptive retries).
//
// Reported, each against a baseline computed from the estate alone (never from the collectors):
// (a) commands sent / the minimum: one command per List/Get call and page the data requires, pages
//     at the largest size each API accepts;
// (b) wall time / the floor: 20 ms × the longest chain of calls that must run one after another
//     (a page needs the token of the page before it; a child listing needs its parent's id), the
//     wall time if everything else ran in parallel;
// and the peak requests per second per service (busiest 1-second window of one region, since AWS
// rate limits are per account and region), beside the documented limits (DOCUMENTED_RATE_LIMITS).
// Beside (b), the client floor: the same collection with no latency at all, which is what the SDK
// clients, the fake endpoint and the collectors cost on this machine. The chain floor counts only
// network waits, so the wall time can never come nearer to it than the client floor allows.
//
// The collected snapshot is compared with the estate source by source: the wire must have served
// exactly the estate (mismatches are returned, and Q Business ones throw).
import { isDeepStrictEqual } from 'node:util';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import { ClientFactory } from '../runner/collect/clients.js';
import { collectAccount, type CollectProgress } from '../runner/collect/collector.js';
import { DOCUMENTED_REQUEST_RATES } from '../runner/collect/request-rates.js';
import { globalRegion, type AccountSnapshot } from '../runner/snapshot/snapshot.js';
import type { CloudTrailTrail, CloudTrailTrailsData } from '../runner/sources/cloudtrail-sources.js';
import type {
  AccessAnalyzerFindingsData, AccessAnalyzersData, AiOptOutPolicyData, GuardDutyDetectorsData, SecurityContactData, SecurityHubData,
} from '../runner/sources/detection-sources.js';
import type {
  AuthorizationDetailsData, CredentialReportData, CredentialReportRow, MfaDevicesData, PasswordPolicyData, SupportPolicyEntitiesData, VirtualMfaDevice,
} from '../runner/sources/iam-data.js';
import type {
  LogDeliveriesData, QBusinessApplication, QBusinessApplicationsData, QBusinessChatControlsData, QBusinessDataAccessor, QBusinessDataAccessorsData,
  QBusinessDataSource, QBusinessDataSourcesData, QBusinessIndex, QBusinessIndicesData, QBusinessPlugin, QBusinessPluginsData,
  QBusinessResourcePoliciesData, QBusinessRetriever, QBusinessRetrieversData, QBusinessTag, QBusinessWebExperience, QBusinessWebExperiencesData,
} from '../runner/sources/qbusiness-data.js';
import { SOURCES } from '../runner/sources/source.js';
import {
  AwsWire, errorFor, queryError, queryResult, resultFor, TEST_CREDENTIALS, xmlText, type WireCall, type WireReply,
} from '../test/helpers/aws-wire.js';
import { BENCH_REGIONS, QBUSINESS_BENCH_SIZE, syntheticQBusinessAccount, type QBusinessEstateSize } from './synthetic-qbusiness.js';

/** Simulated latency of every call. */
export const LATENCY_MS = 20;

export interface CollectionBench {
  applications: number;
  /** Commands the collectors sent (one per SDK command; retries would be extra HTTP requests, see httpRequests). */
  commands: number;
  minimumCommands: number;
  commandRatio: number;
  wallMs: number;
  floorMs: number;
  wallRatio: number;
  /** Busiest 1-second window of any one region, per service (the signing name: qbusiness, iam, cloudtrail…). */
  maxRequestsPerSecondPerService: Record<string, number>;
  // --- detail -----------------------------------------------------------------------------------
  httpRequests: number;
  /** The longest chain behind floorMs, step by step. */
  floorChain: string[];
  /** Actions sent more often than the estate requires: action → [sent, minimum]. */
  excess: Record<string, [number, number]>;
  /** Identical requests (same action, region and input) sent more than once. */
  duplicates: number;
  /** Most requests in flight at once. */
  peakInFlight: number;
  /** commands × latency / peakInFlight: the wall time the observed parallelism allows at best. */
  parallelismFloorMs: number;
  /** Per service and region (`qbusiness@eu-west-1`): busiest 1-second window. */
  peakPerServiceRegion: Record<string, number>;
  /** Sources whose collected data differs from the estate (none expected). */
  mismatchedSources: string[];
  /** CPU time of the process during the collection (SDK, fake endpoint and collectors together). */
  cpuMs: number;
  /** Each `source@region` collector run: start and end (ms after the scan started) and the commands it sent; longest first. */
  sourceSpans: { source: string; startMs: number; endMs: number; commands: number }[];
  /**
   * The same collection in the same run with no simulated latency (median of CLIENT_FLOOR_RUNS):
   * what the SDK clients, the fake endpoint and the collectors cost on this machine, which no
   * concurrency removes. Null when the benchmark was asked to skip it.
   */
  clientFloorMs: number | null;
  clientFloorCpuMs: number | null;
}

/** Runs of the zero-latency collection behind clientFloorMs (the median is reported). */
const CLIENT_FLOOR_RUNS = 3;

// --- documented limits ---------------------------------------------------------------------------

export interface RateLimit {
  /** Requests per second per account and region, or null when AWS publishes no number. */
  perSecond: number | null;
  note: string;
  source: string;
}

/**
 * What AWS documents about request rates for the services a scan calls: the rates the clients
 * keep (runner/collect/request-rates.ts), and the services that publish no number.
 */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, RateLimit>> = {
  ...Object.fromEntries(Object.entries(DOCUMENTED_REQUEST_RATES).map(([service, r]) => [service, { perSecond: r.perSecond, note: r.note, source: r.source }])),
  qbusiness: {
    perSecond: null, note: 'no request-rate quota published; only resource quotas (50 applications per account, 50 data sources, 25 plugins, 10 data accessors per application)',
    source: 'https://docs.aws.amazon.com/general/latest/gr/amazonq.html',
  },
  iam: {
    perSecond: null, note: 'token buckets per API whose sizes are not published ("Rate exceeded" when exceeded; not adjustable)',
    source: 'https://aws.amazon.com/blogs/security/how-to-monitor-and-query-iam-resources-at-scale-part-2/',
  },
};

// --- the estate as the APIs return it -------------------------------------------------------------

/** The largest page each paginated API accepts (and the size it uses when none is asked for), from the API references. */
const PAGES: Readonly<Record<string, { max: number; dflt: number }>> = {
  'qbusiness:ListApplications': { max: 100, dflt: 100 },
  'qbusiness:ListIndices': { max: 100, dflt: 100 },
  'qbusiness:ListDataSources': { max: 10, dflt: 10 },
  'qbusiness:ListRetrievers': { max: 50, dflt: 50 },
  'qbusiness:ListPlugins': { max: 50, dflt: 50 },
  'qbusiness:ListWebExperiences': { max: 100, dflt: 100 },
  'qbusiness:ListDataAccessors': { max: 10, dflt: 10 },
  'qbusiness:GetChatControlsConfiguration': { max: 50, dflt: 50 },
  'logs:DescribeDeliverySources': { max: 50, dflt: 50 },
  'logs:DescribeDeliveries': { max: 50, dflt: 50 },
  // IAM: MaxItems 1–1000; without it IAM returns 100 items per page.
  'iam:GetAccountAuthorizationDetails': { max: 1000, dflt: 100 },
  'iam:ListVirtualMFADevices': { max: 1000, dflt: 100 },
  'iam:ListMFADevices': { max: 1000, dflt: 100 },
  'iam:ListEntitiesForPolicy': { max: 1000, dflt: 100 },
  'access-analyzer:ListAnalyzers': { max: 100, dflt: 100 },
  'access-analyzer:ListFindings': { max: 100, dflt: 100 },
  'guardduty:ListDetectors': { max: 50, dflt: 50 },
};

/** Pages needed for `n` items at the API's largest page (an empty list still takes one call). */
const pagesFor = (action: string, n: number): number => Math.max(1, Math.ceil(n / PAGES[action].max));

const epoch = (iso: string | null): number | undefined => (iso === null ? undefined : Date.parse(iso) / 1000);
const xmlDate = (iso: string): string => iso.replace('.000Z', 'Z');

/** Drops null and undefined members, as the APIs leave absent members out. */
function compact(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}

function sourceData<T>(account: AccountSnapshot, id: string, region: string): T {
  const result = account.sources[id]?.[region];
  if (result?.status !== 'ok') throw new Error(`estate has no ${id} in ${region}`);
  return result.data as T;
}

/** One page of `items` for the request: its size parameter (capped at the API's largest page) and an offset token. */
function pageOf<T>(items: readonly T[], call: WireCall, action: string, sizeParam: string, tokenParam: string): { items: T[]; next: string | undefined } {
  const { max, dflt } = PAGES[action];
  const asked = call.params[sizeParam];
  const size = Math.min(max, typeof asked === 'number' ? asked : typeof asked === 'string' ? Number(asked) : dflt);
  const token = call.params[tokenParam];
  const offset = token === undefined ? 0 : Number(String(token).slice(1));
  const end = offset + size;
  return { items: items.slice(offset, end), next: end < items.length ? `o${end}` : undefined };
}

interface RegionEstate {
  applications: QBusinessApplication[];
  application: Map<string, QBusinessApplication>;
  indices: Map<string, QBusinessIndex[]>;
  dataSources: Map<string, QBusinessDataSource[]>;
  retrievers: Map<string, QBusinessRetriever[]>;
  plugins: Map<string, QBusinessPlugin[]>;
  webExperiences: Map<string, QBusinessWebExperience[]>;
  dataAccessors: Map<string, QBusinessDataAccessor[]>;
  chatControls: QBusinessChatControlsData['applications'];
  policies: Map<string, unknown>;
  /** Every resource by `applicationId/kind/id` (kind: index, data-source, retriever, plugin, web-experience, data-accessor). */
  byId: Map<string, unknown>;
  tags: Map<string, QBusinessTag[]>;
  logs: LogDeliveriesData;
  trails: CloudTrailTrailsData;
  analyzers: AccessAnalyzersData;
  findings: AccessAnalyzerFindingsData;
  detectors: GuardDutyDetectorsData;
  hub: SecurityHubData;
}

function regionEstate(account: AccountSnapshot, region: string): RegionEstate {
  const d = <T>(id: string): T => sourceData<T>(account, id, region);
  const apps = d<QBusinessApplicationsData>('qbusiness.applications').applications;
  const byApp = <P extends { application_id: string }, T>(parts: readonly P[], items: (p: P) => T[] | null): Map<string, T[]> =>
    new Map(parts.map((p) => [p.application_id, items(p) ?? []]));
  const e: RegionEstate = {
    applications: apps,
    application: new Map(apps.map((a) => [a.application_id, a])),
    indices: byApp(d<QBusinessIndicesData>('qbusiness.indices').applications, (p) => p.indices),
    dataSources: new Map(d<QBusinessDataSourcesData>('qbusiness.data_sources').indices.map((p) => [`${p.application_id}/${p.index_id}`, p.data_sources ?? []])),
    retrievers: byApp(d<QBusinessRetrieversData>('qbusiness.retrievers').applications, (p) => p.retrievers),
    plugins: byApp(d<QBusinessPluginsData>('qbusiness.plugins').applications, (p) => p.plugins),
    webExperiences: byApp(d<QBusinessWebExperiencesData>('qbusiness.web_experiences').applications, (p) => p.web_experiences),
    dataAccessors: byApp(d<QBusinessDataAccessorsData>('qbusiness.data_accessors').applications, (p) => p.data_accessors),
    chatControls: d<QBusinessChatControlsData>('qbusiness.chat_controls').applications,
    policies: new Map(d<QBusinessResourcePoliciesData>('qbusiness.resource_policies').applications.map((p) => [p.application_id, p.policy])),
    byId: new Map(),
    tags: new Map(),
    logs: d<LogDeliveriesData>('qbusiness.log_deliveries'),
    trails: d<CloudTrailTrailsData>('cloudtrail.trails'),
    analyzers: d<AccessAnalyzersData>('accessanalyzer.analyzers'),
    findings: d<AccessAnalyzerFindingsData>('accessanalyzer.findings'),
    detectors: d<GuardDutyDetectorsData>('guardduty.detectors'),
    hub: d<SecurityHubData>('securityhub.hub'),
  };
  for (const app of apps) {
    const id = app.application_id;
    e.tags.set(app.arn, app.tags ?? []);
    const add = (kind: string, key: string, r: { arn: string; tags: QBusinessTag[] | null }): void => {
      e.byId.set(`${id}/${kind}/${key}`, r);
      e.tags.set(r.arn, r.tags ?? []);
    };
    for (const x of e.indices.get(id) ?? []) {
      add('index', x.index_id, x);
      for (const ds of e.dataSources.get(`${id}/${x.index_id}`) ?? []) add('data-source', `${x.index_id}/${ds.data_source_id}`, ds);
    }
    for (const x of e.retrievers.get(id) ?? []) add('retriever', x.retriever_id, x);
    for (const x of e.plugins.get(id) ?? []) add('plugin', x.plugin_id, x);
    for (const x of e.webExperiences.get(id) ?? []) add('web-experience', x.web_experience_id, x);
    for (const x of e.dataAccessors.get(id) ?? []) add('data-accessor', x.data_accessor_id, x);
  }
  return e;
}

// --- restJson1 / awsJson1_1 answers ----------------------------------------------------------------

const PLUGIN_AUTH: Record<string, (role: string | null) => Record<string, unknown>> = {
  basicAuthConfiguration: (role) => ({ secretArn: 'arn:aws:secretsmanager:us-east-1:999988887777:secret:plugin-basic', roleArn: role }),
  oAuth2ClientCredentialConfiguration: (role) => ({ secretArn: 'arn:aws:secretsmanager:us-east-1:999988887777:secret:plugin-oauth', roleArn: role }),
  noAuthConfiguration: () => ({}),
  idcAuthConfiguration: (role) => ({ idcApplicationArn: 'arn:aws:sso::999988887777:application/ssoins-6804a1b2c3d4e5f6/apl-plugin', roleArn: role }),
};

function applicationSummary(a: QBusinessApplication): Record<string, unknown> {
  return compact({ applicationId: a.application_id, displayName: a.display_name, status: a.status, identityType: a.identity_type, createdAt: epoch(a.created_at), updatedAt: epoch(a.updated_at) });
}

function getApplication(a: QBusinessApplication): Record<string, unknown> {
  return compact({
    ...applicationSummary(a), applicationArn: a.arn, description: a.description, roleArn: a.role_arn,
    identityCenterApplicationArn: a.identity_center_application_arn, iamIdentityProviderArn: a.iam_identity_provider_arn,
    encryptionConfiguration: a.kms_key_id === null ? null : { kmsKeyId: a.kms_key_id },
    attachmentsConfiguration: a.attachments_control_mode === null ? null : { attachmentsControlMode: a.attachments_control_mode },
    qAppsConfiguration: a.q_apps_control_mode === null ? null : { qAppsControlMode: a.q_apps_control_mode },
    personalizationConfiguration: a.personalization_control_mode === null ? null : { personalizationControlMode: a.personalization_control_mode },
    autoSubscriptionConfiguration: a.auto_subscribe === null ? null : { autoSubscribe: a.auto_subscribe },
  });
}

const indexSummary = (x: QBusinessIndex): Record<string, unknown> =>
  compact({ indexId: x.index_id, displayName: x.display_name, status: x.status, createdAt: epoch(x.created_at), updatedAt: epoch(x.updated_at) });

const getIndex = (appId: string, x: QBusinessIndex): Record<string, unknown> => compact({
  ...indexSummary(x), applicationId: appId, indexArn: x.arn, description: x.description, type: x.type,
  capacityConfiguration: x.capacity_units === null ? null : { units: x.capacity_units },
  indexStatistics: { textDocumentStatistics: compact({ indexedTextDocumentCount: x.indexed_documents, indexedTextBytes: x.indexed_bytes }) },
});

const dataSourceSummary = (x: QBusinessDataSource): Record<string, unknown> =>
  compact({ dataSourceId: x.data_source_id, displayName: x.display_name, type: x.type, status: x.status, createdAt: epoch(x.created_at), updatedAt: epoch(x.updated_at) });

function getDataSource(appId: string, x: QBusinessDataSource): Record<string, unknown> {
  const e = x.document_enrichment;
  return compact({
    ...dataSourceSummary(x), applicationId: appId, indexId: x.index_id, dataSourceArn: x.arn, description: x.description, roleArn: x.role_arn,
    syncSchedule: x.sync_schedule, configuration: { type: x.type, syncMode: 'FULL_CRAWL' },
    vpcConfiguration: x.vpc === null ? null : { subnetIds: x.vpc.subnet_ids, securityGroupIds: x.vpc.security_group_ids },
    documentEnrichmentConfiguration: e === null ? null : compact({
      inlineConfigurations: Array.from({ length: e.inline_rules }, () => ({ documentContentOperator: 'DELETE' })),
      preExtractionHookConfiguration: e.pre_extraction_lambda_arn === null ? null : { lambdaArn: e.pre_extraction_lambda_arn },
      postExtractionHookConfiguration: e.post_extraction_lambda_arn === null ? null : { lambdaArn: e.post_extraction_lambda_arn },
    }),
  });
}

const retrieverSummary = (appId: string, x: QBusinessRetriever): Record<string, unknown> =>
  compact({ applicationId: appId, retrieverId: x.retriever_id, displayName: x.display_name, type: x.type, status: x.status });

const getRetriever = (appId: string, x: QBusinessRetriever): Record<string, unknown> => compact({
  ...retrieverSummary(appId, x), retrieverArn: x.arn, roleArn: x.role_arn, createdAt: epoch(x.created_at), updatedAt: epoch(x.updated_at),
  configuration: x.index_id === null ? null : x.type === 'KENDRA_INDEX' ? { kendraIndexConfiguration: { indexId: x.index_id } } : { nativeIndexConfiguration: { indexId: x.index_id } },
});

const pluginSummary = (x: QBusinessPlugin): Record<string, unknown> => compact({
  pluginId: x.plugin_id, displayName: x.display_name, type: x.type, serverUrl: x.server_url, state: x.state, buildStatus: x.build_status,
  createdAt: epoch(x.created_at), updatedAt: epoch(x.updated_at),
});

const getPlugin = (appId: string, x: QBusinessPlugin): Record<string, unknown> => compact({
  ...pluginSummary(x), applicationId: appId, pluginArn: x.arn,
  authConfiguration: x.auth_configuration === null ? null : { [x.auth_configuration]: compact((PLUGIN_AUTH[x.auth_configuration] ?? (() => ({})))(x.auth_role_arn)) },
  customPluginConfiguration: x.custom_api_schema_type === null ? null : { description: x.custom_description, apiSchemaType: x.custom_api_schema_type, apiSchema: { payload: '{"openapi":"3.0.0"}' } },
});

const webExperienceSummary = (x: QBusinessWebExperience): Record<string, unknown> =>
  compact({ webExperienceId: x.web_experience_id, status: x.status, defaultEndpoint: x.default_endpoint, createdAt: epoch(x.created_at), updatedAt: epoch(x.updated_at) });

const getWebExperience = (appId: string, x: QBusinessWebExperience): Record<string, unknown> => compact({
  ...webExperienceSummary(x), applicationId: appId, webExperienceArn: x.arn, title: x.title, subtitle: x.subtitle, welcomeMessage: x.welcome_message,
  samplePromptsControlMode: x.sample_prompts_control_mode, origins: x.origins, roleArn: x.role_arn,
  identityProviderConfiguration: x.identity_provider === 'samlConfiguration'
    ? { samlConfiguration: { authenticationUrl: 'https://idp.example.com/saml/sso' } }
    : x.identity_provider === 'openIDConnectConfiguration' ? { openIDConnectConfiguration: { secretsArn: 'arn:aws:secretsmanager:us-east-1:999988887777:secret:oidc', secretsRole: x.role_arn } } : null,
  browserExtensionConfiguration: x.browser_extensions.length ? { enabledBrowserExtensions: x.browser_extensions } : null,
});

const dataAccessorSummary = (x: QBusinessDataAccessor): Record<string, unknown> => compact({
  dataAccessorId: x.data_accessor_id, dataAccessorArn: x.arn, displayName: x.display_name, principal: x.principal, idcApplicationArn: x.idc_application_arn,
  authenticationDetail: x.authentication_type === null ? null : { authenticationType: x.authentication_type }, createdAt: epoch(x.created_at), updatedAt: epoch(x.updated_at),
});

const getDataAccessor = (appId: string, x: QBusinessDataAccessor): Record<string, unknown> =>
  compact({ ...dataAccessorSummary(x), applicationId: appId, actionConfigurations: x.actions.map((action) => ({ action })) });

function trailOf(t: CloudTrailTrail): Record<string, unknown> {
  return compact({
    Name: t.name, TrailARN: t.arn, HomeRegion: t.home_region, IsMultiRegionTrail: t.is_multi_region, IsOrganizationTrail: t.is_organization_trail,
    IncludeGlobalServiceEvents: t.include_global_service_events, LogFileValidationEnabled: t.log_file_validation_enabled, KmsKeyId: t.kms_key_id,
    S3BucketName: t.s3_bucket_name, CloudWatchLogsLogGroupArn: t.cloudwatch_logs_log_group_arn, HasCustomEventSelectors: t.has_custom_event_selectors, HasInsightSelectors: false,
  });
}

// --- awsQuery (IAM) answers --------------------------------------------------------------------------

const CSV_COLUMNS: readonly (keyof CredentialReportRow)[] = [
  'user', 'arn', 'user_creation_time', 'password_enabled', 'password_last_used', 'password_last_changed', 'password_next_rotation', 'mfa_active',
  'access_key_1_active', 'access_key_1_last_rotated', 'access_key_1_last_used_date', 'access_key_1_last_used_region', 'access_key_1_last_used_service',
  'access_key_2_active', 'access_key_2_last_rotated', 'access_key_2_last_used_date', 'access_key_2_last_used_region', 'access_key_2_last_used_service',
  'cert_1_active', 'cert_1_last_rotated', 'cert_2_active', 'cert_2_last_rotated',
];

function credentialReportCsv(rows: readonly CredentialReportRow[]): string {
  const cell = (v: unknown, column: string, root: boolean): string => {
    if (v === null || v === undefined) return root && column === 'password_enabled' ? 'not_supported' : 'N/A';
    const text = String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [CSV_COLUMNS.join(','), ...rows.map((r) => CSV_COLUMNS.map((c) => cell(r[c], c, r.user === '<root_account>')).join(','))].join('\n') + '\n';
}

const member = (inner: string): string => `<member>${inner}</member>`;
const el = (name: string, value: string | number | boolean | null | undefined): string => (value === null || value === undefined ? '' : `<${name}>${xmlText(String(value))}</${name}>`);
const policyDoc = (doc: unknown): string => encodeURIComponent(JSON.stringify(doc));
const attachedXml = (list: { name: string; arn: string }[]): string => `<AttachedManagedPolicies>${list.map((p) => member(el('PolicyName', p.name) + el('PolicyArn', p.arn))).join('')}</AttachedManagedPolicies>`;
const inlineXml = (tag: string, list: { name: string; document: unknown }[]): string => `<${tag}>${list.map((p) => member(el('PolicyName', p.name) + el('PolicyDocument', policyDoc(p.document)))).join('')}</${tag}>`;

type DetailItem = { kind: 'user' | 'group' | 'role' | 'policy'; xml: string };

function authorizationItems(d: AuthorizationDetailsData): DetailItem[] {
  return [
    ...d.users.map((u): DetailItem => ({
      kind: 'user',
      xml: member(el('Path', u.path) + el('UserName', u.name) + el('UserId', u.id) + el('Arn', u.arn) + el('CreateDate', u.create_date && xmlDate(u.create_date))
        + inlineXml('UserPolicyList', u.inline_policies) + `<GroupList>${u.groups.map((g) => member(xmlText(g))).join('')}</GroupList>` + attachedXml(u.attached_policies)),
    })),
    ...d.groups.map((g): DetailItem => ({
      kind: 'group',
      xml: member(el('Path', '/') + el('GroupName', g.name) + el('GroupId', g.id) + el('Arn', g.arn) + el('CreateDate', '2024-01-01T00:00:00Z')
        + inlineXml('GroupPolicyList', g.inline_policies) + attachedXml(g.attached_policies)),
    })),
    ...d.roles.map((r): DetailItem => ({
      kind: 'role',
      xml: member(el('Path', r.path) + el('RoleName', r.name) + el('RoleId', r.id) + el('Arn', r.arn) + el('CreateDate', '2024-01-01T00:00:00Z')
        + el('AssumeRolePolicyDocument', policyDoc(r.trust_policy)) + '<InstanceProfileList/>' + inlineXml('RolePolicyList', r.inline_policies) + attachedXml(r.attached_policies)
        + (r.last_used === null ? '' : `<RoleLastUsed>${el('LastUsedDate', xmlDate(r.last_used))}</RoleLastUsed>`)),
    })),
    ...d.policies.map((p): DetailItem => ({
      kind: 'policy',
      xml: member(el('PolicyName', p.name) + el('PolicyId', p.id) + el('Arn', p.arn) + el('Path', '/') + el('DefaultVersionId', p.default_version_id)
        + el('AttachmentCount', p.attachment_count) + el('IsAttachable', true)
        + `<PolicyVersionList>${member(el('Document', policyDoc(p.document)) + el('VersionId', p.default_version_id) + el('IsDefaultVersion', true))}</PolicyVersionList>`),
    })),
  ];
}

/** IAM paging: MaxItems (default 100, at most 1000) and an offset Marker. */
function queryPage<T>(call: WireCall, action: string, items: readonly T[], render: (page: T[]) => string): WireReply {
  const { items: page, next } = pageOf(items, call, action, 'MaxItems', 'Marker');
  return queryResult(action, render(page) + (next ? `<IsTruncated>true</IsTruncated><Marker>${next}</Marker>` : '<IsTruncated>false</IsTruncated>'));
}

// --- the wire ---------------------------------------------------------------------------------------

const notFound = (call: WireCall): WireReply => errorFor(call, 'ResourceNotFoundException', `${call.action} in ${call.region}: no such resource`, 404);

/** A wire that serves `account` (the estate) for every action a scan sends. */
export function estateWire(account: AccountSnapshot): AwsWire {
  const regions = new Map(account.regions.map((r) => [r, regionEstate(account, r)]));
  const global = globalRegion(account.partition);
  const g = <T>(id: string): T => sourceData<T>(account, id, global);
  const report = g<CredentialReportData>('iam.credential_report');
  const csv = Buffer.from(credentialReportCsv(report.rows)).toString('base64');
  const details = authorizationItems(g<AuthorizationDetailsData>('iam.authorization_details'));
  const virtual = g<VirtualMfaDevice[]>('iam.virtual_mfa_devices');
  const mfa = new Map(g<MfaDevicesData>('iam.mfa_devices').users.map((u) => [u.user, u.devices ?? []]));
  const support = g<SupportPolicyEntitiesData>('iam.support_policy_entities');
  const supportEntities = [...support.roles.map((n) => ['PolicyRoles', 'RoleName', n]), ...support.users.map((n) => ['PolicyUsers', 'UserName', n]), ...support.groups.map((n) => ['PolicyGroups', 'GroupName', n])];
  const password = g<PasswordPolicyData>('iam.password_policy');
  const summary = g<Record<string, number>>('iam.account_summary');
  const contact = g<SecurityContactData>('account.security_contact');
  const optOut = g<AiOptOutPolicyData>('organizations.ai_opt_out_policy');

  const region = (call: WireCall): RegionEstate | undefined => regions.get(call.region);
  const app = (call: WireCall): QBusinessApplication | undefined => region(call)?.application.get(String(call.params.applicationId));
  /** Answers from the application named in the request (a not-found error for an unknown one). */
  const perApp = (reply: (e: RegionEstate, a: QBusinessApplication, call: WireCall) => unknown) => (call: WireCall): WireReply => {
    const e = region(call);
    const a = app(call);
    return e && a ? resultFor(call, reply(e, a, call)) : notFound(call);
  };
  /** A paginated per-application listing. */
  const listing = <T>(action: string, key: string, items: (e: RegionEstate, appId: string, call: WireCall) => T[] | undefined, summary: (appId: string, x: T) => Record<string, unknown>) =>
    (call: WireCall): WireReply => {
      const e = region(call);
      const a = app(call);
      const all = e && a ? items(e, a.application_id, call) : undefined;
      if (!e || !a || !all) return notFound(call);
      const { items: page, next } = pageOf(all, call, action, 'maxResults', 'nextToken');
      return resultFor(call, compact({ [key]: page.map((x) => summary(a.application_id, x)), nextToken: next }));
    };
  /** A Get of one resource by `applicationId/kind/<key>`. */
  const getter = <T>(kind: string, key: (call: WireCall) => string, body: (appId: string, x: T) => Record<string, unknown>) => (call: WireCall): WireReply => {
    const a = app(call);
    const x = a && region(call)?.byId.get(`${a.application_id}/${kind}/${key(call)}`);
    return a && x ? resultFor(call, body(a.application_id, x as T)) : notFound(call);
  };
  const logsPage = <T>(action: string, key: string, items: (e: LogDeliveriesData) => T[], render: (x: T) => Record<string, unknown>) => (call: WireCall): WireReply => {
    const e = region(call);
    if (!e) return notFound(call);
    const { items: page, next } = pageOf(items(e.logs), call, action, 'limit', 'nextToken');
    return resultFor(call, compact({ [key]: page.map(render), nextToken: next }));
  };
  const homeTrail = (call: WireCall, arn: unknown): CloudTrailTrail | undefined => region(call)?.trails.trails.find((t) => t.arn === arn && t.in_home_region);

  return new AwsWire()
    // --- Amazon Q Business
    .on('qbusiness:ListApplications', (call) => {
      const e = region(call);
      if (!e) return notFound(call);
      const { items, next } = pageOf(e.applications, call, 'qbusiness:ListApplications', 'maxResults', 'nextToken');
      return resultFor(call, compact({ applications: items.map(applicationSummary), nextToken: next }));
    })
    .on('qbusiness:GetApplication', perApp((_, a) => getApplication(a)))
    .on('qbusiness:ListTagsForResource', (call) => {
      const tags = region(call)?.tags.get(String(call.params.resourceARN));
      return tags ? resultFor(call, { tags }) : notFound(call);
    })
    .on('qbusiness:ListIndices', listing('qbusiness:ListIndices', 'indices', (e, id) => e.indices.get(id), (_, x) => indexSummary(x)))
    .on('qbusiness:GetIndex', getter<QBusinessIndex>('index', (c) => String(c.params.indexId), getIndex))
    .on('qbusiness:ListDataSources', listing('qbusiness:ListDataSources', 'dataSources', (e, id, c) => e.dataSources.get(`${id}/${String(c.params.indexId)}`), (_, x) => dataSourceSummary(x)))
    .on('qbusiness:GetDataSource', getter<QBusinessDataSource>('data-source', (c) => `${String(c.params.indexId)}/${String(c.params.dataSourceId)}`, getDataSource))
    .on('qbusiness:ListRetrievers', listing('qbusiness:ListRetrievers', 'retrievers', (e, id) => e.retrievers.get(id), retrieverSummary))
    .on('qbusiness:GetRetriever', getter<QBusinessRetriever>('retriever', (c) => String(c.params.retrieverId), getRetriever))
    .on('qbusiness:ListPlugins', listing('qbusiness:ListPlugins', 'plugins', (e, id) => e.plugins.get(id), (_, x) => pluginSummary(x)))
    .on('qbusiness:GetPlugin', getter<QBusinessPlugin>('plugin', (c) => String(c.params.pluginId), getPlugin))
    .on('qbusiness:ListWebExperiences', listing('qbusiness:ListWebExperiences', 'webExperiences', (e, id) => e.webExperiences.get(id), (_, x) => webExperienceSummary(x)))
    .on('qbusiness:GetWebExperience', getter<QBusinessWebExperience>('web-experience', (c) => String(c.params.webExperienceId), getWebExperience))
    .on('qbusiness:ListDataAccessors', listing('qbusiness:ListDataAccessors', 'dataAccessors', (e, id) => e.dataAccessors.get(id), (_, x) => dataAccessorSummary(x)))
    .on('qbusiness:GetDataAccessor', getter<QBusinessDataAccessor>('data-accessor', (c) => String(c.params.dataAccessorId), getDataAccessor))
    .on('qbusiness:GetChatControlsConfiguration', (call) => {
      const a = app(call);
      const c = a && region(call)?.chatControls.find((p) => p.application_id === a.application_id)?.chat_controls;
      if (!c) return notFound(call);
      const { items, next } = pageOf(c.topics, call, 'qbusiness:GetChatControlsConfiguration', 'maxResults', 'nextToken');
      return resultFor(call, compact({
        responseScope: c.response_scope,
        blockedPhrases: compact({ blockedPhrases: c.blocked_phrases, systemMessageOverride: c.system_message_override }),
        topicConfigurations: items.map((t) => compact({
          name: t.name, description: t.description, exampleChatMessages: Array.from({ length: t.example_chat_messages }, (_, n) => `example ${n}`),
          rules: t.rule_types.map((ruleType) => ({ ruleType })),
        })),
        creatorModeConfiguration: c.creator_mode === null ? null : { creatorModeControl: c.creator_mode },
        hallucinationReductionConfiguration: c.hallucination_reduction === null ? null : { hallucinationReductionControl: c.hallucination_reduction },
        orchestrationConfiguration: c.orchestration === null ? null : { control: c.orchestration },
        nextToken: next,
      }));
    })
    .on('qbusiness:GetPolicy', (call) => {
      const a = app(call);
      const policy = a ? region(call)?.policies.get(a.application_id) : undefined;
      // No resource-based policy: ResourceNotFoundException, as from AWS.
      return policy === undefined || policy === null ? notFound(call) : resultFor(call, { policy: JSON.stringify(policy) });
    })
    // --- CloudWatch Logs
    .on('logs:DescribeDeliverySources', logsPage('logs:DescribeDeliverySources', 'deliverySources', (l) => l.delivery_sources, (s) => compact({
      name: s.name, arn: s.arn, service: s.service, logType: s.log_type, resourceArns: s.resource_arns, status: s.status,
    })))
    .on('logs:DescribeDeliveries', logsPage('logs:DescribeDeliveries', 'deliveries', (l) => l.deliveries, (d) => compact({
      id: d.id, arn: d.arn, deliverySourceName: d.delivery_source_name, deliveryDestinationArn: d.delivery_destination_arn, deliveryDestinationType: d.delivery_destination_type,
    })))
    // --- CloudTrail
    .on('cloudtrail:DescribeTrails', (call) => {
      const e = region(call);
      return e ? resultFor(call, { trailList: e.trails.trails.map(trailOf) }) : notFound(call);
    })
    .on('cloudtrail:GetTrailStatus', (call) => {
      const s = homeTrail(call, call.params.Name)?.status;
      if (!s) return errorFor(call, 'TrailNotFoundException', `no trail ${String(call.params.Name)} homed in ${call.region}`);
      return resultFor(call, compact({
        IsLogging: s.is_logging, LatestDeliveryTime: epoch(s.latest_delivery_time), LatestDeliveryError: s.latest_delivery_error,
        StartLoggingTime: epoch(s.start_logging_time), StopLoggingTime: epoch(s.stop_logging_time),
      }));
    })
    .on('cloudtrail:GetEventSelectors', (call) => {
      const t = homeTrail(call, call.params.TrailName);
      if (!t?.selectors) return errorFor(call, 'TrailNotFoundException', `no trail ${String(call.params.TrailName)} homed in ${call.region}`);
      return resultFor(call, { TrailARN: t.arn, EventSelectors: t.selectors.event_selectors, AdvancedEventSelectors: t.selectors.advanced_event_selectors });
    })
    // --- detection services
    .on('access-analyzer:ListAnalyzers', (call) => {
      const e = region(call);
      if (!e) return notFound(call);
      const { items, next } = pageOf(e.analyzers.analyzers, call, 'access-analyzer:ListAnalyzers', 'maxResults', 'nextToken');
      return resultFor(call, compact({
        analyzers: items.map((a) => compact({
          arn: a.arn, name: a.name, type: a.type, status: a.status, statusReason: a.status_reason === null ? null : { code: a.status_reason },
          createdAt: a.created_at, lastResourceAnalyzedAt: a.last_resource_analyzed_at,
        })),
        nextToken: next,
      }));
    })
    .on('access-analyzer:ListFindings', (call) => {
      const entry = region(call)?.findings.analyzers.find((a) => a.analyzer_arn === call.params.analyzerArn);
      if (!entry) return notFound(call);
      const { items, next } = pageOf(entry.findings ?? [], call, 'access-analyzer:ListFindings', 'maxResults', 'nextToken');
      return resultFor(call, compact({
        findings: items.map((f) => compact({
          id: f.id, resource: f.resource, resourceType: f.resource_type, resourceOwnerAccount: f.resource_owner_account, principal: f.principal, action: f.action,
          isPublic: f.is_public, condition: f.condition, status: f.status, createdAt: f.created_at, updatedAt: f.updated_at, analyzedAt: f.analyzed_at, error: f.error,
        })),
        nextToken: next,
      }));
    })
    .on('guardduty:ListDetectors', (call) => {
      const e = region(call);
      if (!e) return notFound(call);
      const { items, next } = pageOf(e.detectors.detectors, call, 'guardduty:ListDetectors', 'maxResults', 'nextToken');
      return resultFor(call, compact({ detectorIds: items.map((d) => d.id), nextToken: next }));
    })
    .on('guardduty:GetDetector', (call) => {
      const d = region(call)?.detectors.detectors.find((x) => x.id === call.params.DetectorId);
      if (!d) return errorFor(call, 'BadRequestException', `no detector ${String(call.params.DetectorId)}`);
      return resultFor(call, compact({ status: d.status, createdAt: d.created_at, updatedAt: d.updated_at, findingPublishingFrequency: d.finding_publishing_frequency, serviceRole: 'arn:aws:iam::999988887777:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty' }));
    })
    .on('securityhub:DescribeHub', (call) => {
      const h = region(call)?.hub;
      if (!h) return notFound(call);
      if (!h.enabled) return errorFor(call, 'InvalidAccessException', (h.not_enabled_reason ?? '').replace(/^InvalidAccessException: /, ''), 401);
      return resultFor(call, compact({ HubArn: h.hub_arn, SubscribedAt: h.subscribed_at, AutoEnableControls: h.auto_enable_controls, ControlFindingGenerator: h.control_finding_generator }));
    })
    .on('account:GetAlternateContact', (call) => (contact.contact === null ? notFound(call) : resultFor(call, {
      AlternateContact: compact({ AlternateContactType: 'SECURITY', Name: contact.contact.name, Title: contact.contact.title, EmailAddress: contact.contact.email_address, PhoneNumber: contact.contact.phone_number }),
    })))
    .on('organizations:DescribeEffectivePolicy', (call) => (optOut.policy === null ? errorFor(call, 'EffectivePolicyNotFoundException', 'no effective policy') : resultFor(call, {
      EffectivePolicy: compact({
        PolicyContent: JSON.stringify(optOut.policy.content), LastUpdatedTimestamp: epoch(optOut.policy.last_updated), TargetId: optOut.policy.target_id, PolicyType: 'AISERVICES_OPT_OUT_POLICY',
      }),
    })))
    // --- IAM (awsQuery)
    .on('iam:GenerateCredentialReport', queryResult('iam:GenerateCredentialReport', '<State>COMPLETE</State>'))
    .on('iam:GetCredentialReport', queryResult('iam:GetCredentialReport',
      `<Content>${csv}</Content><ReportFormat>text/csv</ReportFormat>${el('GeneratedTime', report.generated_at && xmlDate(report.generated_at))}`))
    .on('iam:GetAccountPasswordPolicy', password.policy === null
      ? queryError('NoSuchEntity', 'The Password Policy with domain name 999988887777 cannot be found.', 404)
      : queryResult('iam:GetAccountPasswordPolicy', `<PasswordPolicy>${Object.entries(password.policy).map(([k, v]) => el(k, v as number | boolean)).join('')}</PasswordPolicy>`))
    .on('iam:GetAccountSummary', queryResult('iam:GetAccountSummary', `<SummaryMap>${Object.entries(summary).map(([k, v]) => `<entry>${el('key', k)}${el('value', v)}</entry>`).join('')}</SummaryMap>`))
    .on('iam:ListVirtualMFADevices', (call) => queryPage(call, 'iam:ListVirtualMFADevices', virtual, (page) => `<VirtualMFADevices>${page.map((d) => member(
      el('SerialNumber', d.serial_number) + el('EnableDate', d.enable_date && xmlDate(d.enable_date))
      + (d.user_arn === null ? '' : `<User>${el('Path', '/')}${el('UserName', d.user_name)}${el('UserId', 'AIDAEXAMPLE000000000')}${el('Arn', d.user_arn)}${el('CreateDate', '2024-01-01T00:00:00Z')}</User>`),
    )).join('')}</VirtualMFADevices>`))
    .on('iam:ListMFADevices', (call) => {
      const user = String(call.params.UserName);
      const devices = mfa.get(user);
      if (!devices) return queryError('NoSuchEntity', `The user with name ${user} cannot be found.`, 404);
      return queryPage(call, 'iam:ListMFADevices', devices, (page) => `<MFADevices>${page.map((d) => member(el('UserName', user) + el('SerialNumber', d.serial_number) + el('EnableDate', d.enable_date && xmlDate(d.enable_date)))).join('')}</MFADevices>`);
    })
    .on('iam:GetAccountAuthorizationDetails', (call) => queryPage(call, 'iam:GetAccountAuthorizationDetails', details, (page) => {
      const list = (kind: DetailItem['kind'], tag: string): string => `<${tag}>${page.filter((i) => i.kind === kind).map((i) => i.xml).join('')}</${tag}>`;
      return list('user', 'UserDetailList') + list('group', 'GroupDetailList') + list('role', 'RoleDetailList') + list('policy', 'Policies');
    }))
    .on('iam:ListEntitiesForPolicy', (call) => (call.params.PolicyArn !== support.policy_arn
      ? queryError('NoSuchEntity', `Policy ${String(call.params.PolicyArn)} does not exist or is not attachable.`, 404)
      : queryPage(call, 'iam:ListEntitiesForPolicy', supportEntities, (page) => ['PolicyRoles', 'PolicyUsers', 'PolicyGroups']
        .map((tag) => `<${tag}>${page.filter(([t]) => t === tag).map(([, name, value]) => member(el(name, value))).join('')}</${tag}>`).join(''))));
}

// --- the baseline, from the estate alone -----------------------------------------------------------------

interface Baseline {
  /** action → commands the estate requires. */
  minimum: Map<string, number>;
  /** The longest chain of calls that must run one after another, step by step. */
  chain: string[];
}

/** The minimum commands and the longest dependent chain, computed from the estate (not from the collectors). */
export function estateBaseline(account: AccountSnapshot): Baseline {
  const minimum = new Map<string, number>();
  const add = (action: string, n = 1): void => {
    minimum.set(action, (minimum.get(action) ?? 0) + n);
  };
  const list = (action: string, items: number): number => {
    const pages = pagesFor(action, items);
    add(action, pages);
    return pages;
  };
  let chain: string[] = [];
  const consider = (steps: string[]): void => {
    if (steps.length > chain.length) chain = steps;
  };
  const pagesOf = (action: string, n: number, where: string): string[] => Array.from({ length: pagesFor(action, n) }, (_, p) => `${action} page ${p + 1} (${where})`);

  for (const r of account.regions) {
    const e = regionEstate(account, r);
    const appPages = pagesOf('qbusiness:ListApplications', e.applications.length, r);
    list('qbusiness:ListApplications', e.applications.length);
    consider(appPages);
    const children = (action: string, get: string, n: number, id: string): void => {
      const pages = pagesOf(action, n, id);
      list(action, n);
      add(get, n);
      add('qbusiness:ListTagsForResource', n);
      consider([...appPages, ...pages, ...(n > 0 ? [`${get} + ListTagsForResource (${id})`] : [])]);
    };
    for (const a of e.applications) {
      const id = a.application_id;
      add('qbusiness:GetApplication');
      add('qbusiness:ListTagsForResource');
      consider([...appPages, `qbusiness:GetApplication + ListTagsForResource (${id})`]);
      const indices = e.indices.get(id) ?? [];
      children('qbusiness:ListIndices', 'qbusiness:GetIndex', indices.length, id);
      const indexPages = pagesOf('qbusiness:ListIndices', indices.length, id);
      for (const x of indices) {
        const ds = e.dataSources.get(`${id}/${x.index_id}`) ?? [];
        list('qbusiness:ListDataSources', ds.length);
        add('qbusiness:GetDataSource', ds.length);
        add('qbusiness:ListTagsForResource', ds.length);
        consider([...appPages, ...indexPages, ...pagesOf('qbusiness:ListDataSources', ds.length, `index ${x.index_id}`), ...(ds.length ? [`qbusiness:GetDataSource + ListTagsForResource (index ${x.index_id})`] : [])]);
      }
      children('qbusiness:ListRetrievers', 'qbusiness:GetRetriever', (e.retrievers.get(id) ?? []).length, id);
      children('qbusiness:ListPlugins', 'qbusiness:GetPlugin', (e.plugins.get(id) ?? []).length, id);
      children('qbusiness:ListWebExperiences', 'qbusiness:GetWebExperience', (e.webExperiences.get(id) ?? []).length, id);
      children('qbusiness:ListDataAccessors', 'qbusiness:GetDataAccessor', (e.dataAccessors.get(id) ?? []).length, id);
      const topics = e.chatControls.find((c) => c.application_id === id)?.chat_controls?.topics.length ?? 0;
      list('qbusiness:GetChatControlsConfiguration', topics);
      consider([...appPages, ...pagesOf('qbusiness:GetChatControlsConfiguration', topics, id)]);
      add('qbusiness:GetPolicy');
    }
    consider(pagesOf('logs:DescribeDeliverySources', e.logs.delivery_sources.length, r));
    list('logs:DescribeDeliverySources', e.logs.delivery_sources.length);
    consider(pagesOf('logs:DescribeDeliveries', e.logs.deliveries.length, r));
    list('logs:DescribeDeliveries', e.logs.deliveries.length);
    add('cloudtrail:DescribeTrails');
    const homed = e.trails.trails.filter((t) => t.in_home_region).length;
    add('cloudtrail:GetTrailStatus', homed);
    add('cloudtrail:GetEventSelectors', homed);
    consider([`cloudtrail:DescribeTrails (${r})`, ...(homed ? [`cloudtrail:GetTrailStatus + GetEventSelectors (${r})`] : [])]);
    const analyzerPages = pagesOf('access-analyzer:ListAnalyzers', e.analyzers.analyzers.length, r);
    list('access-analyzer:ListAnalyzers', e.analyzers.analyzers.length);
    for (const a of e.findings.analyzers) {
      list('access-analyzer:ListFindings', a.findings?.length ?? 0);
      consider([...analyzerPages, ...pagesOf('access-analyzer:ListFindings', a.findings?.length ?? 0, a.analyzer_name)]);
    }
    const detectors = e.detectors.detectors.length;
    list('guardduty:ListDetectors', detectors);
    add('guardduty:GetDetector', detectors);
    consider([...pagesOf('guardduty:ListDetectors', detectors, r), ...(detectors ? [`guardduty:GetDetector (${r})`] : [])]);
    add('securityhub:DescribeHub');
  }

  const g = <T>(id: string): T => sourceData<T>(account, id, globalRegion(account.partition));
  add('iam:GenerateCredentialReport');
  add('iam:GetCredentialReport');
  add('iam:GetAccountPasswordPolicy');
  add('iam:GetAccountSummary');
  list('iam:ListVirtualMFADevices', g<VirtualMfaDevice[]>('iam.virtual_mfa_devices').length);
  let mfaPages = 0;
  for (const u of g<MfaDevicesData>('iam.mfa_devices').users) mfaPages = Math.max(mfaPages, list('iam:ListMFADevices', u.devices?.length ?? 0));
  consider(['iam:GenerateCredentialReport', 'iam:GetCredentialReport', ...Array.from({ length: mfaPages }, (_, p) => `iam:ListMFADevices page ${p + 1}`)]);
  const d = g<AuthorizationDetailsData>('iam.authorization_details');
  const items = d.users.length + d.groups.length + d.roles.length + d.policies.length;
  list('iam:GetAccountAuthorizationDetails', items);
  consider(pagesOf('iam:GetAccountAuthorizationDetails', items, `${items} items`));
  const s = g<SupportPolicyEntitiesData>('iam.support_policy_entities');
  list('iam:ListEntitiesForPolicy', s.roles.length + s.users.length + s.groups.length);
  add('account:GetAlternateContact');
  add('organizations:DescribeEffectivePolicy');
  return { minimum, chain };
}

// --- measuring -------------------------------------------------------------------------------------------

/** Most starts within any 1-second window. */
function peakPerSecond(starts: number[]): number {
  const t = [...starts].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < t.length; j++) {
    while (t[j] - t[i] >= 1000) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

/** Service and region from the SigV4 credential scope. */
function scope(request: HttpRequest): string {
  const auth = Object.entries(request.headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1] ?? '';
  const m = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(String(auth));
  return m ? `${m[2]}@${m[1]}` : 'unknown@unknown';
}

export async function benchCollection(size: QBusinessEstateSize = QBUSINESS_BENCH_SIZE, latencyMs = LATENCY_MS, withClientFloor = true): Promise<CollectionBench> {
  const measured = await collectOnce(size, latencyMs);
  let clientFloorMs: number | null = null;
  let clientFloorCpuMs: number | null = null;
  if (withClientFloor) {
    const runs: CollectionBench[] = [];
    for (let i = 0; i < CLIENT_FLOOR_RUNS; i++) runs.push(await collectOnce(size, 0));
    runs.sort((a, b) => a.wallMs - b.wallMs);
    const median = runs[runs.length >> 1];
    clientFloorMs = median.wallMs;
    clientFloorCpuMs = median.cpuMs;
  }
  return { ...measured, clientFloorMs, clientFloorCpuMs };
}

async function collectOnce(size: QBusinessEstateSize, latencyMs: number): Promise<CollectionBench> {
  const estate = syntheticQBusinessAccount(size);
  const wire = estateWire(estate);
  const baseline = estateBaseline(estate);
  const starts = new Map<string, number[]>();
  let inFlight = 0;
  let peakInFlight = 0;
  let t0 = 0;
  const requestHandler = {
    ...wire.requestHandler,
    handle: async (request: HttpRequest): Promise<{ response: HttpResponse }> => {
      const key = scope(request);
      let list = starts.get(key);
      if (!list) starts.set(key, (list = []));
      list.push(performance.now() - t0);
      peakInFlight = Math.max(peakInFlight, ++inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, latencyMs));
        return await wire.requestHandler.handle(request);
      } finally {
        inFlight--;
      }
    },
  };
  // The production client configuration (adaptive retries, 5 attempts), static credentials.
  const factory = new ClientFactory({ requestHandler, credentials: TEST_CREDENTIALS });
  const spans = new Map<string, { start: number; end: number }>();
  const onProgress = (event: CollectProgress): void => {
    const key = `${event.source}@${event.region}`;
    const now = performance.now() - t0;
    if (event.status === 'started') spans.set(key, { start: now, end: now });
    else spans.set(key, { start: spans.get(key)?.start ?? now, end: now });
  };
  const cpu0 = process.cpuUsage();
  t0 = performance.now();
  const collected = await collectAccount({ factory, accountId: estate.account_id, partition: 'aws', regions: [...BENCH_REGIONS], sourceIds: SOURCES.map((s) => s.id), onProgress });
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const sentBySpan = new Map<string, number>();
  // The guard's log names the action, not the source: attribute by the source declaring it (ListTagsForResource by the ARN's resource kind).
  const sourceOfAction = new Map(SOURCES.flatMap((d) => d.actions.filter((a) => a !== 'qbusiness:ListTagsForResource').map((a) => [a, d.id] as const)));
  const tagSource = (arn: string): string => {
    const kind = /\/(data-source|index|retriever|plugin|web-experience|data-accessor)\/[^/]+$/.exec(arn)?.[1];
    return kind ? `qbusiness.${kind.replace('-', '_').replace(/index$/, 'indice')}s` : 'qbusiness.applications';
  };
  for (const c of factory.sent) {
    const source = c.action === 'qbusiness:ListTagsForResource' ? tagSource(String((c.params as { resourceARN?: unknown }).resourceARN)) : sourceOfAction.get(c.action);
    if (source) sentBySpan.set(`${source}@${c.region}`, (sentBySpan.get(`${source}@${c.region}`) ?? 0) + 1);
  }

  const mismatchedSources: string[] = [];
  for (const [id, byRegion] of Object.entries(estate.sources)) {
    for (const [r, want] of Object.entries(byRegion)) {
      const got = collected.sources[id]?.[r];
      const same = got?.status === 'ok' && want.status === 'ok' && isDeepStrictEqual(JSON.parse(JSON.stringify(got.data)), want.data);
      if (!same) mismatchedSources.push(`${id}@${r}`);
    }
  }
  const qbusinessMismatch = mismatchedSources.filter((s) => s.startsWith('qbusiness.'));
  if (qbusinessMismatch.length) throw new Error(`the wire did not serve the estate: ${qbusinessMismatch.join(', ')}`);

  const sentByAction = new Map<string, number>();
  for (const c of factory.sent) sentByAction.set(c.action, (sentByAction.get(c.action) ?? 0) + 1);
  const excess: Record<string, [number, number]> = {};
  for (const [action, sent] of sentByAction) {
    const min = baseline.minimum.get(action) ?? 0;
    if (sent !== min) excess[action] = [sent, min];
  }
  const keys = wire.calls.map((c) => JSON.stringify([c.action, c.region, Object.entries(c.params).sort(([a], [b]) => a.localeCompare(b))]));
  const duplicates = keys.length - new Set(keys).size;

  const peakPerServiceRegion: Record<string, number> = {};
  const maxRequestsPerSecondPerService: Record<string, number> = {};
  for (const [key, list] of [...starts].sort(([a], [b]) => a.localeCompare(b))) {
    const peak = peakPerSecond(list);
    peakPerServiceRegion[key] = peak;
    const service = key.split('@')[0];
    maxRequestsPerSecondPerService[service] = Math.max(maxRequestsPerSecondPerService[service] ?? 0, peak);
  }

  const commands = factory.sent.length;
  const minimumCommands = [...baseline.minimum.values()].reduce((a, b) => a + b, 0);
  const floorMs = latencyMs * baseline.chain.length;
  return {
    applications: size.applications,
    commands, minimumCommands, commandRatio: commands / minimumCommands,
    wallMs, floorMs, wallRatio: wallMs / floorMs,
    maxRequestsPerSecondPerService,
    httpRequests: wire.calls.length,
    floorChain: baseline.chain,
    excess, duplicates, peakInFlight,
    parallelismFloorMs: (commands * latencyMs) / peakInFlight,
    peakPerServiceRegion, mismatchedSources, cpuMs: (cpu.user + cpu.system) / 1000,
    sourceSpans: [...spans].map(([source, { start, end }]) => ({ source, startMs: start, endMs: end, commands: sentBySpan.get(source) ?? 0 }))
      .sort((a, b) => (b.endMs - b.startMs) - (a.endMs - a.startMs)),
    clientFloorMs: null,
    clientFloorCpuMs: null,
  };
}

export function printCollectionBench(r: CollectionBench): void {
  const ok = (good: boolean): string => (good ? 'OK' : 'OVER TARGET');
  console.log(`collection (${r.applications} Q Business applications and the IAM estate over the SDK wire, ${LATENCY_MS} ms per call, default concurrency)`);
  console.log(`  commands ${r.commands.toLocaleString('en')} / minimum ${r.minimumCommands.toLocaleString('en')} = ${r.commandRatio.toFixed(3)} (target 1.0) ${ok(r.commandRatio <= 1)}`);
  for (const [action, [sent, min]] of Object.entries(r.excess)) console.log(`    ${action}: ${sent} sent, ${min} required`);
  console.log(`  wall ${r.wallMs.toFixed(0)} ms / floor ${r.floorMs} ms (${r.floorChain.length} dependent calls) = ${r.wallRatio.toFixed(1)}× (target ≤ 2×) ${ok(r.wallRatio <= 2)}`);
  console.log(`    peak ${r.peakInFlight} requests in flight; at that parallelism the ${r.commands} commands need ≥ ${r.parallelismFloorMs.toFixed(0)} ms`);
  if (r.clientFloorMs !== null && r.clientFloorCpuMs !== null) {
    // The chain floor counts only network waits; the client's own work is a floor of its own.
    const perCommand = (r.clientFloorCpuMs * 1000) / r.commands;
    console.log(`    client floor: the same collection with 0 ms latency takes ${r.clientFloorMs.toFixed(0)} ms (${r.clientFloorCpuMs.toFixed(0)} ms CPU, ${perCommand.toFixed(0)} µs per command: SDK, fake endpoint, collectors)`);
    console.log(`    = ${(r.clientFloorMs / r.floorMs).toFixed(1)}× the chain floor before any latency; wall / client floor = ${(r.wallMs / r.clientFloorMs).toFixed(2)}×`);
  }
  for (const [service, peak] of Object.entries(r.maxRequestsPerSecondPerService)) {
    const limit = DOCUMENTED_RATE_LIMITS[service];
    const verdict = limit?.perSecond ? `documented ${limit.perSecond}/s ${peak <= limit.perSecond ? 'OK' : 'EXCEEDED'}` : limit ? 'no documented number' : 'limit not looked up';
    console.log(`  ${service.padEnd(16)} peak ${String(peak).padStart(5)} requests/s in one region (${verdict})`);
  }
  console.log('  longest collector runs (source@region: start–end ms, commands sent):');
  for (const s of r.sourceSpans.slice(0, 8)) console.log(`    ${s.source.padEnd(38)} ${s.startMs.toFixed(0).padStart(5)}–${s.endMs.toFixed(0).padStart(5)} ms  ${s.commands}`);
  if (r.mismatchedSources.length) console.log(`  collected data differs from the estate in ${r.mismatchedSources.join(', ')}`);
}
