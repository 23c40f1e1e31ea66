// Shapes of the Amazon Q Business data sources as stored in the snapshot (collectors:
// runner/collect/qbusiness*.ts and logs-deliveries.ts; views: runner/views/qbusiness-views.ts).
// Other groups' views may rely on the fields marked as shared.
//
// Conventions:
// - Field names are the API's in snake_case; a value the API did not return is null.
// - Timestamps are ISO-8601 strings (Date.toISOString).
// - A call that failed for one application or resource is recorded where it belongs, as
//   `error` (the Get call of that resource, or the listing of that application's resources) or
//   `tags_error` (ListTagsForResource), in the snapshot's SourceError shape. Everything else in
//   the region is kept: a check then says ERROR for that resource only.
import type { SourceError } from '../snapshot/snapshot.js';

/** The regions Amazon Q Business is offered in (the configuration's `service_regions.qbusiness` overrides). */
export const QBUSINESS_REGIONS: readonly string[] = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];

export interface QBusinessTag {
  key: string;
  value: string;
}

/** A resource's tags (`qbusiness:ListTagsForResource`); null, with `tags_error`, when that call failed. */
export interface QBusinessTagged {
  tags: QBusinessTag[] | null;
  tags_error?: SourceError;
}

// --- qbusiness.applications ---------------------------------------------------------------------

/** Source `qbusiness.applications` (regional): every application with its settings. */
export interface QBusinessApplicationsData {
  applications: QBusinessApplication[];
}

/**
 * ListApplications + GetApplication + ListTagsForResource. When GetApplication fails the entry
 * keeps what ListApplications said (id, name, status, identity type) and carries `error`.
 */
export interface QBusinessApplication extends QBusinessTagged {
  /** Shared: read by the CloudTrail data-event check. */
  application_id: string;
  /** Shared: `arn:aws:qbusiness:REGION:ACCOUNT:application/ID` (built from the id when GetApplication failed). */
  arn: string;
  /** Shared. */
  display_name: string;
  description: string | null;
  /** ACTIVE, CREATING, DELETING, FAILED, UPDATING. */
  status: string | null;
  /** AWS_IAM_IDC, AWS_IAM_IDP_SAML, AWS_IAM_IDP_OIDC, AWS_QUICKSIGHT_IDP, ANONYMOUS. */
  identity_type: string | null;
  role_arn: string | null;
  identity_center_application_arn: string | null;
  iam_identity_provider_arn: string | null;
  /** `encryptionConfiguration.kmsKeyId`; null means the AWS owned key. */
  kms_key_id: string | null;
  /** `attachmentsConfiguration.attachmentsControlMode`: ENABLED or DISABLED. */
  attachments_control_mode: string | null;
  /** `qAppsConfiguration.qAppsControlMode`. */
  q_apps_control_mode: string | null;
  /** `personalizationConfiguration.personalizationControlMode`. */
  personalization_control_mode: string | null;
  /** `autoSubscriptionConfiguration.autoSubscribe`. */
  auto_subscribe: string | null;
  created_at: string | null;
  updated_at: string | null;
  /** GetApplication failed; the fields only it returns are null. */
  error?: SourceError;
}

// --- per-application sources --------------------------------------------------------------------

/** One application's share of a per-application source; `error` when its listing call failed. */
export interface QBusinessApplicationPart {
  application_id: string;
  error?: SourceError;
}

/** Source `qbusiness.indices`: ListIndices + GetIndex + tags, per application. */
export interface QBusinessIndicesData {
  applications: (QBusinessApplicationPart & { indices: QBusinessIndex[] | null })[];
}

export interface QBusinessIndex extends QBusinessTagged {
  index_id: string;
  arn: string;
  display_name: string;
  description: string | null;
  /** ENTERPRISE or STARTER. */
  type: string | null;
  status: string | null;
  capacity_units: number | null;
  indexed_documents: number | null;
  indexed_bytes: number | null;
  created_at: string | null;
  updated_at: string | null;
  /** GetIndex failed. */
  error?: SourceError;
}

/** Source `qbusiness.data_sources`: ListDataSources (per index) + GetDataSource + tags. */
export interface QBusinessDataSourcesData {
  /** One entry per index listed by `qbusiness.indices`; `error` when ListDataSources failed for it. */
  indices: (QBusinessApplicationPart & { index_id: string; data_sources: QBusinessDataSource[] | null })[];
}

export interface QBusinessDataSource extends QBusinessTagged {
  data_source_id: string;
  index_id: string;
  arn: string;
  display_name: string;
  description: string | null;
  /** S3, SHAREPOINT, CONFLUENCE, WEBCRAWLER, … (a free string in the API). */
  type: string | null;
  status: string | null;
  role_arn: string | null;
  sync_schedule: string | null;
  vpc: { subnet_ids: string[]; security_group_ids: string[] } | null;
  /** `documentEnrichmentConfiguration`: the Lambda hooks and the number of inline rules. */
  document_enrichment: { pre_extraction_lambda_arn: string | null; post_extraction_lambda_arn: string | null; inline_rules: number } | null;
  created_at: string | null;
  updated_at: string | null;
  /** GetDataSource failed. */
  error?: SourceError;
}

/** Source `qbusiness.retrievers`: ListRetrievers + GetRetriever + tags. */
export interface QBusinessRetrieversData {
  applications: (QBusinessApplicationPart & { retrievers: QBusinessRetriever[] | null })[];
}

export interface QBusinessRetriever extends QBusinessTagged {
  retriever_id: string;
  arn: string;
  display_name: string;
  /** NATIVE_INDEX or KENDRA_INDEX. */
  type: string | null;
  status: string | null;
  role_arn: string | null;
  /** The Q Business index (NATIVE_INDEX) or Amazon Kendra index (KENDRA_INDEX) it reads. */
  index_id: string | null;
  created_at: string | null;
  updated_at: string | null;
  /** GetRetriever failed. */
  error?: SourceError;
}

/** The member of GetPlugin's `authConfiguration` union that is set. */
export type QBusinessPluginAuth = 'basicAuthConfiguration' | 'oAuth2ClientCredentialConfiguration' | 'noAuthConfiguration' | 'idcAuthConfiguration';

/** Source `qbusiness.plugins`: ListPlugins + GetPlugin + tags. */
export interface QBusinessPluginsData {
  applications: (QBusinessApplicationPart & { plugins: QBusinessPlugin[] | null })[];
}

export interface QBusinessPlugin extends QBusinessTagged {
  plugin_id: string;
  arn: string;
  display_name: string;
  /** SERVICE_NOW, SALESFORCE, JIRA, ZENDESK, CUSTOM, QUICKSIGHT, … */
  type: string | null;
  /** ENABLED or DISABLED. */
  state: string | null;
  build_status: string | null;
  server_url: string | null;
  /** The union member GetPlugin returned (an unknown member keeps its own name); null when none. */
  auth_configuration: QBusinessPluginAuth | string | null;
  /** The role of the basic, OAuth 2.0 or IAM Identity Center auth configuration. */
  auth_role_arn: string | null;
  /** `customPluginConfiguration.description` (custom plugins only). */
  custom_description: string | null;
  custom_api_schema_type: string | null;
  created_at: string | null;
  updated_at: string | null;
  /** GetPlugin failed; the list's fields (name, type, state, server URL) are kept. */
  error?: SourceError;
}

/** Source `qbusiness.web_experiences`: ListWebExperiences + GetWebExperience + tags. */
export interface QBusinessWebExperiencesData {
  applications: (QBusinessApplicationPart & { web_experiences: QBusinessWebExperience[] | null })[];
}

export interface QBusinessWebExperience extends QBusinessTagged {
  web_experience_id: string;
  arn: string;
  title: string | null;
  subtitle: string | null;
  welcome_message: string | null;
  status: string | null;
  /** Origins allowed to embed the web experience, as configured. */
  origins: string[];
  default_endpoint: string | null;
  role_arn: string | null;
  sample_prompts_control_mode: string | null;
  /** `samlConfiguration` or `openIDConnectConfiguration` when an identity provider is set. */
  identity_provider: string | null;
  browser_extensions: string[];
  created_at: string | null;
  updated_at: string | null;
  /** GetWebExperience failed; title and origins are then unknown. */
  error?: SourceError;
}

/** Source `qbusiness.chat_controls`: GetChatControlsConfiguration (all pages of topics) per application. */
export interface QBusinessChatControlsData {
  applications: (QBusinessApplicationPart & { chat_controls: QBusinessChatControls | null })[];
}

export interface QBusinessChatControls {
  /** ENTERPRISE_CONTENT_ONLY or EXTENDED_KNOWLEDGE_ENABLED. */
  response_scope: string | null;
  blocked_phrases: string[];
  system_message_override: string | null;
  topics: { name: string; description: string | null; rule_types: string[]; example_chat_messages: number }[];
  creator_mode: string | null;
  hallucination_reduction: string | null;
  orchestration: string | null;
}

/** Source `qbusiness.data_accessors`: ListDataAccessors + GetDataAccessor + tags. */
export interface QBusinessDataAccessorsData {
  applications: (QBusinessApplicationPart & { data_accessors: QBusinessDataAccessor[] | null })[];
}

export interface QBusinessDataAccessor extends QBusinessTagged {
  data_accessor_id: string;
  arn: string;
  display_name: string;
  /** The IAM role ARN of the ISV allowed to call SearchRelevantContent; possibly in another account. */
  principal: string | null;
  idc_application_arn: string | null;
  authentication_type: string | null;
  /** The `action` of each action configuration (GetDataAccessor). */
  actions: string[];
  created_at: string | null;
  updated_at: string | null;
  /** GetDataAccessor failed; the list's fields (name, principal) are kept. */
  error?: SourceError;
}

/** Source `qbusiness.resource_policies`: GetPolicy per application. */
export interface QBusinessResourcePoliciesData {
  /** `policy` is the decoded JSON document (the raw text if it is not JSON), null when there is none. */
  applications: (QBusinessApplicationPart & { policy: unknown })[];
}

// --- qbusiness.log_deliveries ----------------------------------------------------------------------------

/** Source `qbusiness.log_deliveries` (regional): CloudWatch Logs vended-log delivery sources and deliveries. */
export interface LogDeliveriesData {
  delivery_sources: LogDeliverySource[];
  deliveries: LogDelivery[];
}

export interface LogDeliverySource {
  name: string;
  arn: string | null;
  /** The AWS service that vends the logs (`qbusiness`). */
  service: string | null;
  /** `EVENT_LOGS` for Q Business conversation and feedback logs. */
  log_type: string | null;
  /** The resources whose logs it sends (the application ARN). */
  resource_arns: string[];
  status: string | null;
}

export interface LogDelivery {
  id: string;
  arn: string | null;
  delivery_source_name: string | null;
  delivery_destination_arn: string | null;
  /** S3, CWL or FH. */
  delivery_destination_type: string | null;
}
