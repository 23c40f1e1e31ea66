// The demo accounts' qbusiness data sources (prod mostly passes, sandbox mostly fails).
//
// prod (111122223333) runs one application in eu-west-1: IAM Identity Center, a customer managed
// key, attachments disabled, OAuth 2.0 plugins, one restricted web experience, guardrails,
// conversation logging and a data accessor of its own account. The sandbox (444455556666) runs one
// in us-east-1 that gets everything wrong: anonymous, AWS owned key, attachments enabled, a plugin
// without authentication, a web experience open to every origin, no guardrails, no logging, a data
// accessor from account 999999999999, an e-mail address in its description and an access key id in
// a tag. The other demo region of each account has no application.
import type { SourceTable } from '../../runner/snapshot/snapshot.js';
import type {
  LogDeliveriesData,
  QBusinessApplication,
  QBusinessApplicationsData,
  QBusinessChatControls,
  QBusinessChatControlsData,
  QBusinessDataAccessor,
  QBusinessDataAccessorsData,
  QBusinessDataSource,
  QBusinessDataSourcesData,
  QBusinessIndex,
  QBusinessIndicesData,
  QBusinessPlugin,
  QBusinessPluginsData,
  QBusinessResourcePoliciesData,
  QBusinessRetriever,
  QBusinessRetrieversData,
  QBusinessWebExperience,
  QBusinessWebExperiencesData,
} from '../../runner/sources/qbusiness-data.js';
import { ago, DEMO_REGIONS, ok, perRegion, type DemoAccount, type DemoSources } from './common.js';

export const PROD_APPLICATION_ID = 'a1b2c3d4-prod-0000-0000-000000000001';
export const PROD_APPLICATION_ARN = `arn:aws:qbusiness:eu-west-1:111122223333:application/${PROD_APPLICATION_ID}`;
export const SANDBOX_APPLICATION_ID = 'a1b2c3d4-sbx0-0000-0000-000000000002';
export const SANDBOX_APPLICATION_ARN = `arn:aws:qbusiness:us-east-1:444455556666:application/${SANDBOX_APPLICATION_ID}`;

/** Everything one application brings to the qbusiness sources. */
interface DemoApplication {
  region: string;
  application: QBusinessApplication;
  indices: QBusinessIndex[];
  dataSources: QBusinessDataSource[];
  retrievers: QBusinessRetriever[];
  plugins: QBusinessPlugin[];
  webExperiences: QBusinessWebExperience[];
  chatControls: QBusinessChatControls;
  dataAccessors: QBusinessDataAccessor[];
  policy: unknown;
  logs: LogDeliveriesData;
}

const tags = (o: Record<string, string>): { key: string; value: string }[] => Object.entries(o).map(([key, value]) => ({ key, value }));

function prod(): DemoApplication {
  const a = '111122223333';
  const id = PROD_APPLICATION_ID;
  const arn = PROD_APPLICATION_ARN;
  const index = 'b2c3d4e5-prod-0000-0000-0000000000a1';
  const role = (name: string): string => `arn:aws:iam::${a}:role/service-role/${name}`;
  return {
    region: 'eu-west-1',
    application: {
      application_id: id, arn, display_name: 'prod-knowledge-assistant', description: 'Company knowledge assistant for employees',
      status: 'ACTIVE', identity_type: 'AWS_IAM_IDC', role_arn: role('QBusinessApplicationRole'),
      identity_center_application_arn: 'arn:aws:sso::111122223333:application/ssoins-6804a1b2c3d4e5f6/apl-0a1b2c3d4e5f6a7b',
      iam_identity_provider_arn: null, kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      attachments_control_mode: 'DISABLED', q_apps_control_mode: 'DISABLED', personalization_control_mode: 'ENABLED', auto_subscribe: 'DISABLED',
      created_at: ago(300), updated_at: ago(20), tags: tags({ 'cost-center': 'it-4711', owner: 'platform-team', environment: 'prod' }),
    },
    indices: [{
      index_id: index, arn: `${arn}/index/${index}`, display_name: 'prod-enterprise-index', description: 'Policies, runbooks and the intranet',
      type: 'ENTERPRISE', status: 'ACTIVE', capacity_units: 1, indexed_documents: 48210, indexed_bytes: 3_120_000_000,
      created_at: ago(300), updated_at: ago(1), tags: tags({ environment: 'prod' }),
    }],
    dataSources: [
      {
        data_source_id: 'c3d4e5f6-prod-0000-0000-0000000000b1', index_id: index, arn: `${arn}/index/${index}/data-source/c3d4e5f6-prod-0000-0000-0000000000b1`,
        display_name: 'policies-s3', description: 'Company policies bucket', type: 'S3', status: 'ACTIVE', role_arn: role('QBusinessS3DataSourceRole'),
        sync_schedule: 'cron(0 2 * * ? *)', vpc: null, document_enrichment: null, created_at: ago(300), updated_at: ago(30), tags: tags({ environment: 'prod' }),
      },
      {
        data_source_id: 'c3d4e5f6-prod-0000-0000-0000000000b2', index_id: index, arn: `${arn}/index/${index}/data-source/c3d4e5f6-prod-0000-0000-0000000000b2`,
        display_name: 'intranet-sharepoint', description: 'SharePoint Online intranet', type: 'SHAREPOINTV2', status: 'ACTIVE', role_arn: role('QBusinessSharePointRole'),
        sync_schedule: 'cron(0 */6 * * ? *)', vpc: { subnet_ids: ['subnet-0a1b2c3d4e5f60001'], security_group_ids: ['sg-0a1b2c3d4e5f60001'] },
        document_enrichment: { pre_extraction_lambda_arn: null, post_extraction_lambda_arn: `arn:aws:lambda:eu-west-1:${a}:function:redact-pii`, inline_rules: 1 },
        created_at: ago(250), updated_at: ago(10), tags: tags({ environment: 'prod' }),
      },
    ],
    retrievers: [{
      retriever_id: 'd4e5f6a7-prod-0000-0000-0000000000c1', arn: `${arn}/retriever/d4e5f6a7-prod-0000-0000-0000000000c1`, display_name: 'prod-native-retriever',
      type: 'NATIVE_INDEX', status: 'ACTIVE', role_arn: null, index_id: index, created_at: ago(300), updated_at: ago(300), tags: [],
    }],
    plugins: [
      {
        plugin_id: 'e5f6a7b8-prod-0000-0000-0000000000d1', arn: `${arn}/plugin/e5f6a7b8-prod-0000-0000-0000000000d1`, display_name: 'jira-cloud', type: 'JIRA_CLOUD',
        state: 'ENABLED', build_status: 'READY', server_url: 'https://example.atlassian.net', auth_configuration: 'oAuth2ClientCredentialConfiguration',
        auth_role_arn: role('QBusinessJiraPluginRole'), custom_description: null, custom_api_schema_type: null, created_at: ago(200), updated_at: ago(40), tags: tags({ environment: 'prod' }),
      },
      {
        plugin_id: 'e5f6a7b8-prod-0000-0000-0000000000d2', arn: `${arn}/plugin/e5f6a7b8-prod-0000-0000-0000000000d2`, display_name: 'servicenow-itsm', type: 'SERVICE_NOW',
        state: 'ENABLED', build_status: 'READY', server_url: 'https://example.service-now.com', auth_configuration: 'oAuth2ClientCredentialConfiguration',
        auth_role_arn: role('QBusinessServiceNowPluginRole'), custom_description: null, custom_api_schema_type: null, created_at: ago(180), updated_at: ago(40), tags: tags({ environment: 'prod' }),
      },
    ],
    webExperiences: [{
      web_experience_id: 'f6a7b8c9-prod-0000-0000-0000000000e1', arn: `${arn}/web-experience/f6a7b8c9-prod-0000-0000-0000000000e1`,
      title: 'Ask the handbook', subtitle: 'Answers from company policies and the intranet', welcome_message: 'Ask about policies, runbooks and IT services.',
      status: 'ACTIVE', origins: ['https://intranet.example.com'], default_endpoint: 'https://abcd1234.chat.qbusiness.eu-west-1.on.aws/',
      role_arn: `arn:aws:iam::${a}:role/QBusinessWebExperienceRole`, sample_prompts_control_mode: 'ENABLED', identity_provider: null, browser_extensions: [],
      created_at: ago(300), updated_at: ago(60), tags: tags({ environment: 'prod' }),
    }],
    chatControls: {
      response_scope: 'ENTERPRISE_CONTENT_ONLY', blocked_phrases: ['salary of', 'acquisition target'], system_message_override: 'This topic is not available here.',
      topics: [{ name: 'legal-advice', description: 'Requests for legal advice', rule_types: ['CONTENT_BLOCKER_RULE'], example_chat_messages: 2 }],
      creator_mode: 'DISABLED', hallucination_reduction: 'ENABLED', orchestration: null,
    },
    dataAccessors: [{
      data_accessor_id: 'a7b8c9d0-prod-0000-0000-0000000000f1', arn: `${arn}/data-accessor/a7b8c9d0-prod-0000-0000-0000000000f1`, display_name: 'internal-search-portal',
      principal: `arn:aws:iam::${a}:role/InternalSearchPortal`, idc_application_arn: null, authentication_type: 'AWS_IAM_IDC_AUTH_CODE',
      actions: ['qbusiness:SearchRelevantContent'], created_at: ago(90), updated_at: ago(90), tags: tags({ environment: 'prod' }),
    }],
    policy: {
      Version: '2012-10-17',
      Statement: [{ Sid: 'InternalSearchPortal', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${a}:role/InternalSearchPortal` }, Action: ['qbusiness:SearchRelevantContent'], Resource: arn }],
    },
    logs: {
      delivery_sources: [{ name: 'qbusiness-prod-event-logs', arn: `arn:aws:logs:eu-west-1:${a}:delivery-source:qbusiness-prod-event-logs`, service: 'qbusiness', log_type: 'EVENT_LOGS', resource_arns: [arn], status: 'ACTIVE' }],
      deliveries: [{
        id: 'AbCdEf0123456789', arn: `arn:aws:logs:eu-west-1:${a}:delivery:AbCdEf0123456789`, delivery_source_name: 'qbusiness-prod-event-logs',
        delivery_destination_arn: `arn:aws:logs:eu-west-1:${a}:delivery-destination:qbusiness-conversations`, delivery_destination_type: 'CWL',
      }],
    },
  };
}

function sandbox(): DemoApplication {
  const a = '444455556666';
  const id = SANDBOX_APPLICATION_ID;
  const arn = SANDBOX_APPLICATION_ARN;
  const index = 'b2c3d4e5-sbx0-0000-0000-0000000000a2';
  return {
    region: 'us-east-1',
    application: {
      application_id: id, arn, display_name: 'sandbox-playground', description: 'Experiments with Q Business - ask tom.becker@example.com for access',
      status: 'ACTIVE', identity_type: 'ANONYMOUS', role_arn: `arn:aws:iam::${a}:role/service-role/QBusinessSandboxRole`,
      identity_center_application_arn: null, iam_identity_provider_arn: null, kms_key_id: null,
      attachments_control_mode: 'ENABLED', q_apps_control_mode: 'ENABLED', personalization_control_mode: 'ENABLED', auto_subscribe: null,
      created_at: ago(120), updated_at: ago(5), tags: tags({ owner: 'tom.becker', 'deploy-key': 'AKIAIOSFODNN7EXAMPLE' }),
    },
    indices: [{
      index_id: index, arn: `${arn}/index/${index}`, display_name: 'sandbox-index', description: null, type: 'STARTER', status: 'ACTIVE',
      capacity_units: null, indexed_documents: 1250, indexed_bytes: 48_000_000, created_at: ago(120), updated_at: ago(5), tags: [],
    }],
    dataSources: [{
      data_source_id: 'c3d4e5f6-sbx0-0000-0000-0000000000b3', index_id: index, arn: `${arn}/index/${index}/data-source/c3d4e5f6-sbx0-0000-0000-0000000000b3`,
      display_name: 'public-website-crawler', description: 'Crawls the public website', type: 'WEBCRAWLERV2', status: 'ACTIVE',
      role_arn: `arn:aws:iam::${a}:role/QBusinessDataSourceRole`, sync_schedule: null, vpc: null, document_enrichment: null,
      created_at: ago(120), updated_at: ago(120), tags: [],
    }],
    retrievers: [{
      retriever_id: 'd4e5f6a7-sbx0-0000-0000-0000000000c2', arn: `${arn}/retriever/d4e5f6a7-sbx0-0000-0000-0000000000c2`, display_name: 'sandbox-retriever',
      type: 'NATIVE_INDEX', status: 'ACTIVE', role_arn: null, index_id: index, created_at: ago(120), updated_at: ago(120), tags: [],
    }],
    plugins: [
      {
        plugin_id: 'e5f6a7b8-sbx0-0000-0000-0000000000d3', arn: `${arn}/plugin/e5f6a7b8-sbx0-0000-0000-0000000000d3`, display_name: 'weather-api', type: 'CUSTOM',
        state: 'ENABLED', build_status: 'READY', server_url: 'https://api.weather.example.org', auth_configuration: 'noAuthConfiguration', auth_role_arn: null,
        custom_description: 'Looks up the weather for a city', custom_api_schema_type: 'OPEN_API_V3', created_at: ago(60), updated_at: ago(60), tags: [],
      },
      {
        plugin_id: 'e5f6a7b8-sbx0-0000-0000-0000000000d4', arn: `${arn}/plugin/e5f6a7b8-sbx0-0000-0000-0000000000d4`, display_name: 'zendesk-support', type: 'ZENDESK_SUITE',
        state: 'ENABLED', build_status: 'READY', server_url: 'https://example.zendesk.com', auth_configuration: 'basicAuthConfiguration',
        auth_role_arn: `arn:aws:iam::${a}:role/QBusinessZendeskPluginRole`, custom_description: null, custom_api_schema_type: null, created_at: ago(50), updated_at: ago(50), tags: [],
      },
    ],
    webExperiences: [{
      web_experience_id: 'f6a7b8c9-sbx0-0000-0000-0000000000e2', arn: `${arn}/web-experience/f6a7b8c9-sbx0-0000-0000-0000000000e2`,
      title: 'Sandbox chat', subtitle: null, welcome_message: 'Try anything.', status: 'ACTIVE', origins: ['*', 'http://localhost:3000'],
      default_endpoint: 'https://wxyz9876.chat.qbusiness.us-east-1.on.aws/', role_arn: null, sample_prompts_control_mode: 'ENABLED', identity_provider: null, browser_extensions: [],
      created_at: ago(120), updated_at: ago(5), tags: [],
    }],
    chatControls: {
      response_scope: 'EXTENDED_KNOWLEDGE_ENABLED', blocked_phrases: [], system_message_override: null, topics: [],
      creator_mode: 'ENABLED', hallucination_reduction: 'DISABLED', orchestration: null,
    },
    dataAccessors: [{
      data_accessor_id: 'a7b8c9d0-sbx0-0000-0000-0000000000f2', arn: `${arn}/data-accessor/a7b8c9d0-sbx0-0000-0000-0000000000f2`, display_name: 'isv-enterprise-search',
      principal: 'arn:aws:iam::999999999999:role/IsvEnterpriseSearch', idc_application_arn: null, authentication_type: 'AWS_IAM_IDC_TTI',
      actions: ['qbusiness:SearchRelevantContent'], created_at: ago(30), updated_at: ago(30), tags: [],
    }],
    policy: null,
    logs: {
      // A delivery source was created for the application, but never connected to a destination.
      delivery_sources: [{ name: 'qbusiness-sandbox-event-logs', arn: `arn:aws:logs:us-east-1:${a}:delivery-source:qbusiness-sandbox-event-logs`, service: 'qbusiness', log_type: 'EVENT_LOGS', resource_arns: [arn], status: 'ACTIVE' }],
      deliveries: [],
    },
  };
}

/** The qbusiness sources of one region: its application's data, or empty lists. */
function regionSources(app: DemoApplication | null): Record<string, unknown> {
  const id = app?.application.application_id;
  const part = <K extends string, T>(key: K, items: T[]): ({ application_id: string } & Record<K, T[]>)[] =>
    (id ? [{ application_id: id, [key]: items } as { application_id: string } & Record<K, T[]>] : []);
  return {
    'qbusiness.applications': { applications: app ? [app.application] : [] } satisfies QBusinessApplicationsData,
    'qbusiness.indices': { applications: part('indices', app?.indices ?? []) } satisfies QBusinessIndicesData,
    'qbusiness.data_sources': {
      indices: (app?.indices ?? []).map((index) => ({ application_id: id ?? '', index_id: index.index_id, data_sources: (app?.dataSources ?? []).filter((ds) => ds.index_id === index.index_id) })),
    } satisfies QBusinessDataSourcesData,
    'qbusiness.retrievers': { applications: part('retrievers', app?.retrievers ?? []) } satisfies QBusinessRetrieversData,
    'qbusiness.plugins': { applications: part('plugins', app?.plugins ?? []) } satisfies QBusinessPluginsData,
    'qbusiness.web_experiences': { applications: part('web_experiences', app?.webExperiences ?? []) } satisfies QBusinessWebExperiencesData,
    'qbusiness.chat_controls': { applications: id && app ? [{ application_id: id, chat_controls: app.chatControls }] : [] } satisfies QBusinessChatControlsData,
    'qbusiness.data_accessors': { applications: part('data_accessors', app?.dataAccessors ?? []) } satisfies QBusinessDataAccessorsData,
    'qbusiness.resource_policies': { applications: id && app ? [{ application_id: id, policy: app.policy }] : [] } satisfies QBusinessResourcePoliciesData,
    'qbusiness.log_deliveries': app ? app.logs : { delivery_sources: [], deliveries: [] } satisfies LogDeliveriesData,
  };
}

export const qbusinessDemoSources: DemoSources = (account: DemoAccount) => {
  const app = account.kind === 'prod' ? prod() : sandbox();
  const table: SourceTable = {};
  for (const region of DEMO_REGIONS) {
    for (const [source, data] of Object.entries(regionSources(region === app.region ? app : null))) {
      table[source] = perRegion({ ...table[source], [region]: ok(data) });
    }
  }
  return table;
};
