// Builders of Amazon Q Business snapshot data for the check tests: one application (or several),
// each with the resources a test needs; anything a test leaves out is empty. A `SourceError` in
// place of a list records that the listing failed for that application.
import type { AccountSnapshot, SourceError, SourceResult } from '../../../runner/snapshot/snapshot.js';
import type {
  LogDeliveriesData,
  QBusinessApplication,
  QBusinessChatControls,
  QBusinessDataAccessor,
  QBusinessDataSource,
  QBusinessIndex,
  QBusinessPlugin,
  QBusinessRetriever,
  QBusinessWebExperience,
} from '../../../runner/sources/qbusiness-data.js';
import { ACCOUNT_ID, NOW, type SourceFixture } from '../../helpers/check-tester.js';

export const REGION = 'us-east-1';
export const APP_A = 'aaaaaaaa-1111-2222-3333-000000000001';
export const APP_B = 'bbbbbbbb-1111-2222-3333-000000000002';

export const appArn = (id: string, region = REGION): string => `arn:aws:qbusiness:${region}:${ACCOUNT_ID}:application/${id}`;

export const denied = (action: string): SourceError => ({ code: 'AccessDeniedException', message: `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/qready/scan is not authorized to perform: ${action}`, action });

export function application(id: string, o: Partial<QBusinessApplication> = {}): QBusinessApplication {
  return {
    application_id: id, arn: appArn(id), display_name: `app-${id.slice(0, 8)}`, description: null, status: 'ACTIVE', identity_type: 'AWS_IAM_IDC',
    role_arn: null, identity_center_application_arn: null, iam_identity_provider_arn: null, kms_key_id: null,
    attachments_control_mode: 'DISABLED', q_apps_control_mode: 'DISABLED', personalization_control_mode: 'DISABLED', auto_subscribe: null,
    created_at: null, updated_at: null, tags: [], ...o,
  };
}

export function index(appId: string, id: string, o: Partial<QBusinessIndex> = {}): QBusinessIndex {
  return {
    index_id: id, arn: `${appArn(appId)}/index/${id}`, display_name: `index-${id}`, description: null, type: 'ENTERPRISE', status: 'ACTIVE',
    capacity_units: 1, indexed_documents: 10, indexed_bytes: 1000, created_at: null, updated_at: null, tags: [], ...o,
  };
}

export function dataSource(appId: string, indexId: string, id: string, o: Partial<QBusinessDataSource> = {}): QBusinessDataSource {
  return {
    data_source_id: id, index_id: indexId, arn: `${appArn(appId)}/index/${indexId}/data-source/${id}`, display_name: `ds-${id}`, description: null,
    type: 'S3', status: 'ACTIVE', role_arn: `arn:aws:iam::${ACCOUNT_ID}:role/ds`, sync_schedule: null, vpc: null, document_enrichment: null,
    created_at: null, updated_at: null, tags: [], ...o,
  };
}

export function retriever(appId: string, id: string, o: Partial<QBusinessRetriever> = {}): QBusinessRetriever {
  return {
    retriever_id: id, arn: `${appArn(appId)}/retriever/${id}`, display_name: `retriever-${id}`, type: 'NATIVE_INDEX', status: 'ACTIVE', role_arn: null,
    index_id: null, created_at: null, updated_at: null, tags: [], ...o,
  };
}

export function plugin(appId: string, id: string, o: Partial<QBusinessPlugin> = {}): QBusinessPlugin {
  return {
    plugin_id: id, arn: `${appArn(appId)}/plugin/${id}`, display_name: `plugin-${id}`, type: 'JIRA', state: 'ENABLED', build_status: 'READY',
    server_url: 'https://example.atlassian.net', auth_configuration: 'oAuth2ClientCredentialConfiguration', auth_role_arn: null,
    custom_description: null, custom_api_schema_type: null, created_at: null, updated_at: null, tags: [], ...o,
  };
}

export function webExperience(appId: string, id: string, o: Partial<QBusinessWebExperience> = {}): QBusinessWebExperience {
  return {
    web_experience_id: id, arn: `${appArn(appId)}/web-experience/${id}`, title: `web-${id}`, subtitle: null, welcome_message: null, status: 'ACTIVE',
    origins: [], default_endpoint: null, role_arn: null, sample_prompts_control_mode: null, identity_provider: null, browser_extensions: [],
    created_at: null, updated_at: null, tags: [], ...o,
  };
}

export function chatControls(o: Partial<QBusinessChatControls> = {}): QBusinessChatControls {
  return {
    response_scope: 'ENTERPRISE_CONTENT_ONLY', blocked_phrases: [], system_message_override: null, topics: [],
    creator_mode: null, hallucination_reduction: null, orchestration: null, ...o,
  };
}

export const topic = (name: string): QBusinessChatControls['topics'][number] => ({ name, description: null, rule_types: ['CONTENT_BLOCKER_RULE'], example_chat_messages: 0 });

export function dataAccessor(appId: string, id: string, principal: string | null, o: Partial<QBusinessDataAccessor> = {}): QBusinessDataAccessor {
  return {
    data_accessor_id: id, arn: `${appArn(appId)}/data-accessor/${id}`, display_name: `accessor-${id}`, principal, idc_application_arn: null,
    authentication_type: 'AWS_IAM_IDC_TTI', actions: ['qbusiness:SearchRelevantContent'], created_at: null, updated_at: null, tags: [], ...o,
  };
}

type Listed<T> = T[] | SourceError;

/** One application and its resources; lists left out are empty. */
export interface AppFixture {
  app: QBusinessApplication;
  indices?: Listed<QBusinessIndex>;
  /** Data sources by index id; a SourceError when ListDataSources failed for that index. */
  dataSources?: Record<string, Listed<QBusinessDataSource>>;
  retrievers?: Listed<QBusinessRetriever>;
  plugins?: Listed<QBusinessPlugin>;
  webExperiences?: Listed<QBusinessWebExperience>;
  chatControls?: QBusinessChatControls | SourceError;
  dataAccessors?: Listed<QBusinessDataAccessor>;
  policy?: unknown;
}

const isError = (x: unknown): x is SourceError => typeof x === 'object' && x !== null && !Array.isArray(x) && 'code' in x && 'action' in x;

function part<K extends string, T>(appId: string, key: K, listed: Listed<T> | undefined): Record<string, unknown> {
  if (isError(listed)) return { application_id: appId, [key]: null, error: listed };
  return { application_id: appId, [key]: listed ?? [] };
}

/** Every qbusiness source (and qbusiness.log_deliveries) of one region, built from the applications. */
export function qbusinessSources(apps: AppFixture[], logs: LogDeliveriesData = { delivery_sources: [], deliveries: [] }): SourceFixture {
  return {
    'qbusiness.applications': { applications: apps.map((a) => a.app) },
    'qbusiness.indices': { applications: apps.map((a) => part(a.app.application_id, 'indices', a.indices)) },
    'qbusiness.data_sources': {
      indices: apps.flatMap((a) => (isError(a.indices) ? [] : (a.indices ?? [])).map((i) => {
        const listed = a.dataSources?.[i.index_id];
        return { ...part(a.app.application_id, 'data_sources', listed), index_id: i.index_id };
      })),
    },
    'qbusiness.retrievers': { applications: apps.map((a) => part(a.app.application_id, 'retrievers', a.retrievers)) },
    'qbusiness.plugins': { applications: apps.map((a) => part(a.app.application_id, 'plugins', a.plugins)) },
    'qbusiness.web_experiences': { applications: apps.map((a) => part(a.app.application_id, 'web_experiences', a.webExperiences)) },
    'qbusiness.chat_controls': {
      applications: apps.map((a) => (isError(a.chatControls)
        ? { application_id: a.app.application_id, chat_controls: null, error: a.chatControls }
        : { application_id: a.app.application_id, chat_controls: a.chatControls ?? chatControls() })),
    },
    'qbusiness.data_accessors': { applications: apps.map((a) => part(a.app.application_id, 'data_accessors', a.dataAccessors)) },
    'qbusiness.resource_policies': {
      applications: apps.map((a) => (isError(a.policy) ? { application_id: a.app.application_id, policy: null, error: a.policy } : { application_id: a.app.application_id, policy: a.policy ?? null })),
    },
    'qbusiness.log_deliveries': logs,
  };
}

/** The EVENT_LOGS delivery source of an application, with or without a delivery. */
export function eventLogs(arn: string, delivered: boolean, logType = 'EVENT_LOGS'): LogDeliveriesData {
  const name = `qb-${arn.split('/').pop() ?? ''}`;
  return {
    delivery_sources: [{ name, arn: null, service: 'qbusiness', log_type: logType, resource_arns: [arn], status: 'ACTIVE' }],
    deliveries: delivered ? [{ id: `d-${name}`, arn: null, delivery_source_name: name, delivery_destination_arn: `arn:aws:logs:${REGION}:${ACCOUNT_ID}:delivery-destination:qb`, delivery_destination_type: 'CWL' }] : [],
  };
}

/** An account snapshot over several regions, each with its own sources (ok data or an error). */
export function multiRegionSnapshot(byRegion: Record<string, Record<string, unknown | { __error: SourceError }>>): AccountSnapshot {
  const sources: AccountSnapshot['sources'] = {};
  for (const [region, table] of Object.entries(byRegion)) {
    for (const [id, data] of Object.entries(table)) {
      const err = (data as { __error?: SourceError } | null)?.__error;
      const result: SourceResult = err ? { status: 'error', error: err, fetched_at: NOW } : { status: 'ok', data, fetched_at: NOW };
      sources[id] = { ...sources[id], [region]: result };
    }
  }
  return { account_id: ACCOUNT_ID, partition: 'aws', regions: Object.keys(byRegion), sources };
}
