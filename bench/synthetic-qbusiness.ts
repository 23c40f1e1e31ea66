// A synthetic Amazon Q Business estate for benchmarks: N applications spread evenly over the Q
// Business regions, each with an index holding 5 data sources, a retriever, 5 plugins, 2 web
// experiences, chat controls, a data accessor and (mostly) a resource-based policy, tags on every
// resource; CloudWatch Logs deliveries for most applications; CloudTrail trails and the detection
// services in every region; and the IAM estate of synthetic-iam.ts. Every data source of the
// catalogue is present, so every check evaluates. Deterministic (no randomness): two runs measure
// the same work, and bench/collection.ts serves exactly this data over the SDK wire.
//
// Shapes are those of runner/sources/qbusiness-data.ts, cloudtrail-sources.ts and
// detection-sources.ts, in the forms the collectors store (whole-second timestamps, optional
// members present only when the API would return them), so that collecting the estate through
// the real SDK gives back the same snapshot.
import type { AccountSnapshot, Snapshot, SourceResult, SourceTable } from '../runner/snapshot/snapshot.js';
import type { AdvancedEventSelector, CloudTrailTrail, CloudTrailTrailsData } from '../runner/sources/cloudtrail-sources.js';
import type {
  AccessAnalyzerFindingsData, AccessAnalyzersData, AiOptOutPolicyData, GuardDutyDetectorsData, SecurityContactData, SecurityHubData,
} from '../runner/sources/detection-sources.js';
import {
  QBUSINESS_REGIONS,
  type LogDeliveriesData,
  type QBusinessApplication,
  type QBusinessApplicationsData,
  type QBusinessChatControls,
  type QBusinessChatControlsData,
  type QBusinessDataAccessor,
  type QBusinessDataAccessorsData,
  type QBusinessDataSource,
  type QBusinessDataSourcesData,
  type QBusinessIndex,
  type QBusinessIndicesData,
  type QBusinessPlugin,
  type QBusinessPluginsData,
  type QBusinessResourcePoliciesData,
  type QBusinessRetriever,
  type QBusinessRetrieversData,
  type QBusinessTag,
  type QBusinessWebExperience,
  type QBusinessWebExperiencesData,
} from '../runner/sources/qbusiness-data.js';
import { COLLECTED_AT, syntheticIamAccount, type EstateSize } from './synthetic-iam.js';

export { COLLECTED_AT };

export interface QBusinessEstateSize extends EstateSize {
  /** Applications in all, spread round-robin over the Q Business regions. */
  applications: number;
}

/** The benchmark estate of issue 3: 200 applications and 3,000 IAM policies (with 3,000 users and 1,000 roles). */
export const QBUSINESS_BENCH_SIZE: QBusinessEstateSize = { applications: 200, users: 3_000, roles: 1_000, policies: 3_000 };

/** Children per application (the benchmark shape). */
export const PER_APPLICATION = { indices: 1, dataSources: 5, retrievers: 1, plugins: 5, webExperiences: 2, dataAccessors: 1 } as const;

/** The scanned regions: the Q Business regions (us-east-1 carries the global sources). */
export const BENCH_REGIONS: readonly string[] = QBUSINESS_REGIONS;

/** The organization's management account, owner of the organization trail. */
const MANAGEMENT_ACCOUNT = '555566667777';
const EXTERNAL_ACCOUNT = '210987654321';

/** An ISO timestamp `days` (and `seconds`) before the collection time, whole seconds as the APIs send them. */
const ago = (days: number, seconds = 0): string => new Date(Date.parse(COLLECTED_AT) - days * 86_400_000 - seconds * 1000).toISOString();
const ok = (data: unknown): SourceResult => ({ status: 'ok', data, fetched_at: COLLECTED_AT });
const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');
/** A deterministic UUID: application number, resource kind and ordinal. */
const uuid = (app: number, kind: number, n = 0): string => `${hex(app, 8)}-${hex(kind, 4)}-4000-8000-${hex(n, 12)}`;
const tags = (o: Record<string, string>): QBusinessTag[] => Object.entries(o).map(([key, value]) => ({ key, value }));

/** Everything one application brings to the qbusiness sources. */
export interface SyntheticApplication {
  region: string;
  application: QBusinessApplication;
  indices: QBusinessIndex[];
  dataSources: QBusinessDataSource[];
  retrievers: QBusinessRetriever[];
  plugins: QBusinessPlugin[];
  webExperiences: QBusinessWebExperience[];
  chatControls: QBusinessChatControls;
  dataAccessors: QBusinessDataAccessor[];
  /** The decoded resource-based policy; null when the application has none. */
  policy: unknown;
}

const DATA_SOURCE_TYPES = ['S3', 'SHAREPOINTV2', 'CONFLUENCEV2', 'WEBCRAWLERV2', 'JIRA'] as const;

interface PluginShape {
  type: string;
  name: string;
  url: string;
  auth: 'basicAuthConfiguration' | 'oAuth2ClientCredentialConfiguration' | 'noAuthConfiguration' | 'idcAuthConfiguration';
}

function pluginShapes(i: number): PluginShape[] {
  return [
    { type: 'JIRA_CLOUD', name: 'jira-cloud', url: 'https://example.atlassian.net', auth: 'oAuth2ClientCredentialConfiguration' },
    { type: 'SERVICE_NOW', name: 'servicenow-itsm', url: 'https://example.service-now.com', auth: 'oAuth2ClientCredentialConfiguration' },
    { type: 'SALESFORCE_CRM', name: 'salesforce', url: 'https://example.my.salesforce.com', auth: i % 4 === 2 ? 'basicAuthConfiguration' : 'oAuth2ClientCredentialConfiguration' },
    { type: 'MICROSOFT_TEAMS', name: 'teams', url: 'https://graph.microsoft.com', auth: 'idcAuthConfiguration' },
    { type: 'CUSTOM', name: 'weather-api', url: 'https://api.weather.example.org', auth: i % 6 === 0 ? 'noAuthConfiguration' : 'oAuth2ClientCredentialConfiguration' },
  ];
}

/** Application `i` (0-based over the whole estate) in `region` of `account`. */
export function syntheticApplication(account: string, region: string, i: number): SyntheticApplication {
  const id = uuid(i, 0xa);
  const arn = `arn:aws:qbusiness:${region}:${account}:application/${id}`;
  const role = (name: string): string => `arn:aws:iam::${account}:role/service-role/${name}`;
  const identity = i % 17 === 5 ? 'ANONYMOUS' : i % 5 === 1 ? 'AWS_IAM_IDP_SAML' : 'AWS_IAM_IDC';
  const env = i % 2 === 0 ? 'prod' : 'dev';
  const created = 400 - (i % 300);
  const application: QBusinessApplication = {
    application_id: id,
    arn,
    display_name: `assistant-${String(i).padStart(3, '0')}`,
    description: i % 23 === 0 ? `Pilot assistant - ask owner${i}@example.com for access` : `Knowledge assistant ${i} for the ${env} teams`,
    status: 'ACTIVE',
    identity_type: identity,
    role_arn: role(`QBusinessApplicationRole-${i}`),
    identity_center_application_arn: identity === 'AWS_IAM_IDC' ? `arn:aws:sso::${account}:application/ssoins-6804a1b2c3d4e5f6/apl-${hex(i, 16)}` : null,
    iam_identity_provider_arn: identity === 'AWS_IAM_IDP_SAML' ? `arn:aws:iam::${account}:saml-provider/corporate-idp` : null,
    kms_key_id: i % 3 === 0 ? null : `arn:aws:kms:${region}:${account}:key/${uuid(i, 0xc)}`,
    attachments_control_mode: i % 4 === 1 ? 'ENABLED' : 'DISABLED',
    q_apps_control_mode: i % 2 === 0 ? 'DISABLED' : 'ENABLED',
    personalization_control_mode: 'ENABLED',
    auto_subscribe: 'DISABLED',
    created_at: ago(created),
    updated_at: ago(i % 30, 60),
    tags: tags({ owner: `team-${i % 12}`, environment: env, ...(i % 29 === 0 ? { 'deploy-key': 'AKIAIOSFODNN7EXAMPLE' } : {}) }),
  };

  const indexId = uuid(i, 0x1);
  const indexArn = `${arn}/index/${indexId}`;
  const indices: QBusinessIndex[] = [{
    index_id: indexId, arn: indexArn, display_name: `index-${i}`, description: 'Policies, runbooks and the intranet',
    type: i % 10 === 9 ? 'STARTER' : 'ENTERPRISE', status: 'ACTIVE', capacity_units: i % 10 === 9 ? null : 1 + (i % 3),
    indexed_documents: 1_000 + i * 37, indexed_bytes: 50_000_000 + i * 1_234_567, created_at: ago(created), updated_at: ago(i % 7), tags: tags({ environment: env }),
  }];

  const dataSources: QBusinessDataSource[] = DATA_SOURCE_TYPES.map((type, d) => {
    const dsId = uuid(i, 0x2, d);
    return {
      data_source_id: dsId, index_id: indexId, arn: `${indexArn}/data-source/${dsId}`, display_name: `${type.toLowerCase()}-${i}-${d}`,
      description: d === 0 ? 'Company policies bucket' : null, type, status: 'ACTIVE', role_arn: role(`QBusinessDataSource-${type}`),
      sync_schedule: d === 3 ? null : 'cron(0 2 * * ? *)',
      vpc: d === 1 ? { subnet_ids: [`subnet-${hex(i, 17)}`], security_group_ids: [`sg-${hex(i, 17)}`] } : null,
      document_enrichment: d === 2 ? { pre_extraction_lambda_arn: null, post_extraction_lambda_arn: `arn:aws:lambda:${region}:${account}:function:redact-pii`, inline_rules: 1 } : null,
      created_at: ago(created - 1), updated_at: ago(i % 11), tags: d === 4 ? [] : tags({ environment: env }),
    };
  });

  const retrieverId = uuid(i, 0x3);
  const retrievers: QBusinessRetriever[] = [{
    retriever_id: retrieverId, arn: `${arn}/retriever/${retrieverId}`, display_name: `native-${i}`, type: 'NATIVE_INDEX', status: 'ACTIVE',
    role_arn: null, index_id: indexId, created_at: ago(created), updated_at: ago(created), tags: [],
  }];

  const plugins: QBusinessPlugin[] = pluginShapes(i).map((p, n) => {
    const pluginId = uuid(i, 0x4, n);
    const custom = p.type === 'CUSTOM';
    return {
      plugin_id: pluginId, arn: `${arn}/plugin/${pluginId}`, display_name: `${p.name}-${i}`, type: p.type,
      state: n === 2 && i % 8 === 0 ? 'DISABLED' : 'ENABLED', build_status: 'READY', server_url: p.url, auth_configuration: p.auth,
      auth_role_arn: p.auth === 'noAuthConfiguration' ? null : role(`QBusinessPlugin-${p.name}`),
      custom_description: custom ? 'Looks up the weather for a city' : null, custom_api_schema_type: custom ? 'OPEN_API_V3' : null,
      created_at: ago(created - 2), updated_at: ago(i % 13), tags: tags({ environment: env }),
    };
  });

  const webExperiences: QBusinessWebExperience[] = [0, 1].map((w) => {
    const webId = uuid(i, 0x5, w);
    return {
      web_experience_id: webId, arn: `${arn}/web-experience/${webId}`, title: w === 0 ? 'Ask the handbook' : 'Support desk', subtitle: w === 0 ? 'Answers from company policies' : null,
      welcome_message: 'Ask about policies, runbooks and IT services.', status: 'ACTIVE',
      origins: w === 0 ? ['https://intranet.example.com'] : i % 9 === 0 ? ['*'] : i % 9 === 4 ? ['http://support.example.com'] : ['https://support.example.com', 'http://localhost:3000'],
      default_endpoint: `https://${hex(i * 2 + w, 8)}.chat.qbusiness.${region}.on.aws/`,
      role_arn: `arn:aws:iam::${account}:role/QBusinessWebExperienceRole`, sample_prompts_control_mode: 'ENABLED',
      identity_provider: identity === 'AWS_IAM_IDP_SAML' ? 'samlConfiguration' : null, browser_extensions: i % 4 === 0 && w === 0 ? ['CHROME'] : [],
      created_at: ago(created - 3), updated_at: ago(i % 17), tags: w === 0 ? tags({ environment: env }) : [],
    };
  });

  const chatControls: QBusinessChatControls = {
    response_scope: i % 7 === 3 ? 'EXTENDED_KNOWLEDGE_ENABLED' : 'ENTERPRISE_CONTENT_ONLY',
    blocked_phrases: i % 5 === 0 ? [] : ['salary bands', 'acquisition target'],
    system_message_override: i % 5 === 0 ? null : 'This topic is not available here.',
    topics: Array.from({ length: i % 4 }, (_, t) => ({
      name: `topic-${t}`, description: t === 0 ? 'Requests for legal advice' : null, rule_types: [t % 2 === 0 ? 'CONTENT_BLOCKER_RULE' : 'CONTENT_RETRIEVAL_RULE'],
      example_chat_messages: t,
    })),
    creator_mode: i % 3 === 0 ? 'ENABLED' : 'DISABLED',
    hallucination_reduction: i % 2 === 0 ? 'ENABLED' : 'DISABLED',
    orchestration: i % 5 === 2 ? 'ENABLED' : null,
  };

  const accessorId = uuid(i, 0x6);
  const principal = i % 11 === 0 ? `arn:aws:iam::${EXTERNAL_ACCOUNT}:role/IsvEnterpriseSearch` : `arn:aws:iam::${account}:role/InternalSearchPortal`;
  const dataAccessors: QBusinessDataAccessor[] = [{
    data_accessor_id: accessorId, arn: `${arn}/data-accessor/${accessorId}`, display_name: `search-${i}`, principal,
    idc_application_arn: `arn:aws:sso::${account}:application/ssoins-6804a1b2c3d4e5f6/apl-da${hex(i, 14)}`,
    authentication_type: i % 11 === 0 ? 'AWS_IAM_IDC_TTI' : 'AWS_IAM_IDC_AUTH_CODE', actions: ['qbusiness:SearchRelevantContent'],
    created_at: ago(90), updated_at: ago(90), tags: tags({ environment: env }),
  }];

  const policy = i % 6 === 0 ? null : {
    Version: '2012-10-17',
    Statement: [{ Sid: 'DataAccessor', Effect: 'Allow', Principal: { AWS: principal }, Action: ['qbusiness:SearchRelevantContent'], Resource: arn }],
  };

  return { region, application, indices, dataSources, retrievers, plugins, webExperiences, chatControls, dataAccessors, policy };
}

/** The applications of the estate, by region (application i lives in BENCH_REGIONS[i % 4]). */
export function syntheticApplications(account: string, applications: number): Map<string, SyntheticApplication[]> {
  const byRegion = new Map<string, SyntheticApplication[]>(BENCH_REGIONS.map((r) => [r, []]));
  for (let i = 0; i < applications; i++) {
    const region = BENCH_REGIONS[i % BENCH_REGIONS.length];
    (byRegion.get(region) as SyntheticApplication[]).push(syntheticApplication(account, region, i));
  }
  return byRegion;
}

/** Conversation log deliveries: a delivery source for 4 applications in 5, a delivery for most of those. */
function logDeliveries(account: string, region: string, apps: readonly SyntheticApplication[]): LogDeliveriesData {
  const data: LogDeliveriesData = { delivery_sources: [], deliveries: [] };
  apps.forEach((app, n) => {
    if (n % 5 === 0) return;
    const name = `qbusiness-${app.application.application_id}`;
    data.delivery_sources.push({ name, arn: `arn:aws:logs:${region}:${account}:delivery-source:${name}`, service: 'qbusiness', log_type: 'EVENT_LOGS', resource_arns: [app.application.arn], status: 'ACTIVE' });
    if (n % 7 === 0) return;
    const id = `del${hex(n, 13)}`;
    data.deliveries.push({
      id, arn: `arn:aws:logs:${region}:${account}:delivery:${id}`, delivery_source_name: name,
      delivery_destination_arn: `arn:aws:logs:${region}:${account}:delivery-destination:qbusiness-conversations`, delivery_destination_type: n % 3 === 0 ? 'S3' : 'CWL',
    });
  });
  return data;
}

/** The qbusiness sources of one region, as the collectors store them. */
function qbusinessSources(apps: readonly SyntheticApplication[], logs: LogDeliveriesData): Record<string, unknown> {
  const part = <K extends string, T>(key: K, items: (a: SyntheticApplication) => T[]): ({ application_id: string } & Record<K, T[]>)[] =>
    apps.map((a) => ({ application_id: a.application.application_id, [key]: items(a) }) as { application_id: string } & Record<K, T[]>);
  return {
    'qbusiness.applications': { applications: apps.map((a) => a.application) } satisfies QBusinessApplicationsData,
    'qbusiness.indices': { applications: part('indices', (a) => a.indices) } satisfies QBusinessIndicesData,
    'qbusiness.data_sources': {
      indices: apps.flatMap((a) => a.indices.map((index) => ({
        application_id: a.application.application_id, index_id: index.index_id, data_sources: a.dataSources.filter((ds) => ds.index_id === index.index_id),
      }))),
    } satisfies QBusinessDataSourcesData,
    'qbusiness.retrievers': { applications: part('retrievers', (a) => a.retrievers) } satisfies QBusinessRetrieversData,
    'qbusiness.plugins': { applications: part('plugins', (a) => a.plugins) } satisfies QBusinessPluginsData,
    'qbusiness.web_experiences': { applications: part('web_experiences', (a) => a.webExperiences) } satisfies QBusinessWebExperiencesData,
    'qbusiness.chat_controls': { applications: apps.map((a) => ({ application_id: a.application.application_id, chat_controls: a.chatControls })) } satisfies QBusinessChatControlsData,
    'qbusiness.data_accessors': { applications: part('data_accessors', (a) => a.dataAccessors) } satisfies QBusinessDataAccessorsData,
    'qbusiness.resource_policies': { applications: apps.map((a) => ({ application_id: a.application.application_id, policy: a.policy })) } satisfies QBusinessResourcePoliciesData,
    'qbusiness.log_deliveries': logs,
  };
}

const dataEvents = (name: string, resourceType: string): AdvancedEventSelector => ({
  Name: name,
  FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: [resourceType] }],
});

/**
 * The trails: the organization's multi-region trail homed in us-east-1 (logging, validated,
 * encrypted, Q Business application and index data events), and a single-region trail of the
 * account in eu-west-1 with classic selectors and no encryption.
 */
function trails(account: string): CloudTrailTrail[] {
  return [
    {
      name: 'org-audit-trail', arn: `arn:aws:cloudtrail:us-east-1:${MANAGEMENT_ACCOUNT}:trail/org-audit-trail`, home_region: 'us-east-1',
      is_multi_region: true, is_organization_trail: true, include_global_service_events: true, log_file_validation_enabled: true,
      kms_key_id: `arn:aws:kms:us-east-1:${MANAGEMENT_ACCOUNT}:key/7f3c2a10-4b5d-4e6f-8a9b-0c1d2e3f4a5b`, s3_bucket_name: `org-audit-cloudtrail-${MANAGEMENT_ACCOUNT}`,
      cloudwatch_logs_log_group_arn: null, has_custom_event_selectors: true, in_home_region: true,
      status: { is_logging: true, latest_delivery_time: ago(0, 300), latest_delivery_error: null, start_logging_time: ago(900), stop_logging_time: null },
      selectors: {
        event_selectors: [],
        advanced_event_selectors: [
          { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
          dataEvents('Amazon Q Business applications', 'AWS::QBusiness::Application'),
          dataEvents('Amazon Q Business indices', 'AWS::QBusiness::Index'),
        ],
      },
    },
    {
      name: 'eu-local-trail', arn: `arn:aws:cloudtrail:eu-west-1:${account}:trail/eu-local-trail`, home_region: 'eu-west-1',
      is_multi_region: false, is_organization_trail: false, include_global_service_events: false, log_file_validation_enabled: false,
      kms_key_id: null, s3_bucket_name: `eu-local-trail-${account}`, cloudwatch_logs_log_group_arn: `arn:aws:logs:eu-west-1:${account}:log-group:eu-local-trail:*`,
      has_custom_event_selectors: false, in_home_region: true,
      status: { is_logging: true, latest_delivery_time: ago(0, 600), latest_delivery_error: null, start_logging_time: ago(200), stop_logging_time: null },
      selectors: { event_selectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }], advanced_event_selectors: [] },
    },
  ];
}

/** What DescribeTrails (with shadow trails) lists in `region`: shadow copies carry no status or selectors. */
export function trailsIn(region: string, all: readonly CloudTrailTrail[]): CloudTrailTrailsData {
  return {
    trails: all
      .filter((t) => t.is_multi_region || t.home_region === region)
      .map((t) => (t.home_region === region ? t : { ...t, in_home_region: false, status: null, selectors: null })),
  };
}

/** Detection services of one region: an external-access analyzer with findings, GuardDuty and Security Hub (not in ap-southeast-2). */
function detectionSources(account: string, region: string): Record<string, unknown> {
  const external = `arn:aws:access-analyzer:${region}:${account}:analyzer/external-access`;
  const analyzers: AccessAnalyzersData = {
    analyzers: [
      { arn: external, name: 'external-access', type: 'ACCOUNT', status: 'ACTIVE', status_reason: null, created_at: ago(400), last_resource_analyzed_at: ago(0, 120) },
      { arn: `arn:aws:access-analyzer:${region}:${account}:analyzer/unused-access`, name: 'unused-access', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', status_reason: null, created_at: ago(120), last_resource_analyzed_at: null },
    ],
  };
  const findings: AccessAnalyzerFindingsData = {
    analyzers: [{
      analyzer_arn: external, analyzer_name: 'external-access', analyzer_type: 'ACCOUNT',
      findings: region === 'eu-west-1' ? [] : [{
        id: `0a1b2c3d-0000-4000-8000-${hex(BENCH_REGIONS.indexOf(region), 12)}`, resource: `arn:aws:iam::${account}:role/partner-q-integration`, resource_type: 'AWS::IAM::Role',
        resource_owner_account: account, principal: { AWS: EXTERNAL_ACCOUNT }, action: ['sts:AssumeRole'], is_public: false, condition: { 'sts:ExternalId': 'partner-1' },
        status: 'ACTIVE', created_at: ago(21), updated_at: ago(21), analyzed_at: ago(0, 60), error: null,
      }],
    }],
  };
  const detectors: GuardDutyDetectorsData = {
    detectors: region === 'ap-southeast-2' ? [] : [{ id: hex(0x6ec5a1b2 + BENCH_REGIONS.indexOf(region), 32), status: region === 'us-west-2' ? 'DISABLED' : 'ENABLED', created_at: ago(600), updated_at: ago(30), finding_publishing_frequency: 'FIFTEEN_MINUTES' }],
  };
  const hub: SecurityHubData = region === 'ap-southeast-2'
    ? { enabled: false, hub_arn: null, subscribed_at: null, auto_enable_controls: null, control_finding_generator: null, not_enabled_reason: `InvalidAccessException: Account ${account} is not subscribed to AWS Security Hub` }
    : { enabled: true, hub_arn: `arn:aws:securityhub:${region}:${account}:hub/default`, subscribed_at: ago(500), auto_enable_controls: true, control_finding_generator: 'SECURITY_CONTROL', not_enabled_reason: null };
  return { 'accessanalyzer.analyzers': analyzers, 'accessanalyzer.findings': findings, 'guardduty.detectors': detectors, 'securityhub.hub': hub };
}

/** The account's SECURITY contact and the organization's effective AI services opt-out policy. */
export const SECURITY_CONTACT: SecurityContactData = { contact: { name: 'Security Operations Center', title: 'SOC on call', email_address: 'soc@example.com', phone_number: '+49 30 555 0100' } };
export const aiOptOut = (account: string): AiOptOutPolicyData => ({
  in_organization: true, reason: null,
  policy: { content: { services: { default: { opt_out_policy: { '@@assign': 'optOut' } } } }, last_updated: ago(200), target_id: account },
});

/** The whole account: the IAM estate of synthetic-iam.ts plus everything above, in the Q Business regions. */
export function syntheticQBusinessAccount(size: QBusinessEstateSize = QBUSINESS_BENCH_SIZE): AccountSnapshot {
  const iam = syntheticIamAccount(size);
  const account = iam.account_id;
  const sources: SourceTable = { ...iam.sources };
  const put = (id: string, region: string, data: unknown): void => {
    sources[id] = { ...sources[id], [region]: ok(data) };
  };
  const all = trails(account);
  for (const [region, apps] of syntheticApplications(account, size.applications)) {
    for (const [id, data] of Object.entries(qbusinessSources(apps, logDeliveries(account, region, apps)))) put(id, region, data);
    put('cloudtrail.trails', region, trailsIn(region, all));
    for (const [id, data] of Object.entries(detectionSources(account, region))) put(id, region, data);
  }
  put('account.security_contact', 'us-east-1', SECURITY_CONTACT);
  put('organizations.ai_opt_out_policy', 'us-east-1', aiOptOut(account));
  return { account_id: account, partition: 'aws', regions: [...BENCH_REGIONS], sources };
}

export function syntheticQBusinessSnapshot(size: QBusinessEstateSize = QBUSINESS_BENCH_SIZE): Snapshot {
  return { schema: 'qready.snapshot/v1', tool_version: 'bench', collected_at: COLLECTED_AT, accounts: [syntheticQBusinessAccount(size)] };
}
