// Views over the qbusiness data sources (and qbusiness.log_deliveries). Each application, plugin, web
// experience or data accessor is one item; a call that failed for one of them makes that item an
// error item (the check says ERROR for it alone). Display names are masked where they hold
// personal data or an access key id, so findings never repeat such values in full.
import type { CelTypeDecl } from '../cel/cel-types.js';
import type {
  LogDeliveriesData,
  QBusinessChatControlsData,
  QBusinessDataAccessorsData,
  QBusinessPluginsData,
  QBusinessWebExperiencesData,
} from '../sources/qbusiness-data.js';
import {
  applicationResource,
  applicationsOf,
  arnAccount,
  errorItem,
  originProblem,
  partError,
  partsByApplication,
} from './qbusiness-common.js';
import { inventoryView, namedResourcesView } from './qbusiness-inventory.js';
import { redactSensitive } from './qbusiness-sensitive.js';
import type { ViewDef, ViewItem } from './view.js';

const APPLICATIONS = 'qbusiness.applications';

// --- applications --------------------------------------------------------------------------------

const APPLICATION_TYPE: CelTypeDecl = {
  name: 'QBusinessAppSettings',
  fields: {
    application_id: 'string',
    arn: 'string',
    display_name: 'string',
    status: 'string?',
    identity_type: 'string?',
    kms_key_id: 'string?',
    attachments_control_mode: 'string?',
    q_apps_control_mode: 'string?',
    personalization_control_mode: 'string?',
    role_arn: 'string?',
    identity_center_application_arn: 'string?',
  },
  doc: {
    identity_type: 'AWS_IAM_IDC, AWS_IAM_IDP_SAML, AWS_IAM_IDP_OIDC, AWS_QUICKSIGHT_IDP or ANONYMOUS',
    kms_key_id: 'encryptionConfiguration.kmsKeyId; absent when the AWS owned key encrypts the application',
    attachments_control_mode: 'attachmentsConfiguration.attachmentsControlMode: ENABLED or DISABLED',
  },
};

export const applicationsView: ViewDef = {
  id: 'qbusiness.applications',
  description: 'Each Amazon Q Business application with its identity, encryption, attachment, Q Apps and personalization settings (GetApplication).',
  sources: [APPLICATIONS],
  itemType: APPLICATION_TYPE.name,
  types: [APPLICATION_TYPE],
  build(data) {
    return applicationsOf(data).map((app) => {
      const item: ViewItem = {
        value: {
          application_id: app.application_id,
          arn: app.arn,
          display_name: redactSensitive(app.display_name),
          status: app.status,
          identity_type: app.identity_type,
          kms_key_id: app.kms_key_id,
          attachments_control_mode: app.attachments_control_mode,
          q_apps_control_mode: app.q_apps_control_mode,
          personalization_control_mode: app.personalization_control_mode,
          role_arn: app.role_arn,
          identity_center_application_arn: app.identity_center_application_arn,
        },
        resource: applicationResource(app),
      };
      if (app.error) item.error = app.error;
      return item;
    });
  },
};

// --- plugins -------------------------------------------------------------------------------------

const PLUGIN_TYPE: CelTypeDecl = {
  name: 'QBusinessPluginItem',
  fields: {
    application_id: 'string',
    application_name: 'string',
    plugin_id: 'string',
    arn: 'string',
    display_name: 'string',
    type: 'string?',
    state: 'string?',
    server_url: 'string?',
    auth_configuration: 'string?',
    auth_role_arn: 'string?',
  },
  doc: { auth_configuration: 'the authConfiguration member set: basicAuthConfiguration, oAuth2ClientCredentialConfiguration, noAuthConfiguration or idcAuthConfiguration' },
};

export const pluginsView: ViewDef = {
  id: 'qbusiness.plugins',
  description: 'Each plugin of each Q Business application with type, state, server URL and the kind of authentication it uses (GetPlugin).',
  sources: [APPLICATIONS, 'qbusiness.plugins'],
  itemType: PLUGIN_TYPE.name,
  types: [PLUGIN_TYPE],
  build(data) {
    const parts = partsByApplication((data['qbusiness.plugins'] as QBusinessPluginsData).applications);
    const items: ViewItem[] = [];
    for (const app of applicationsOf(data)) {
      const part = parts.get(app.application_id);
      const failed = partError(part, 'qbusiness.plugins', 'qbusiness:ListPlugins', app.application_id);
      if (failed || !part?.plugins) {
        items.push(errorItem(applicationResource(app), { application_id: app.application_id }, failed ?? { code: 'NotCollected', message: 'plugins not listed', action: 'qbusiness:ListPlugins' }));
        continue;
      }
      const appName = redactSensitive(app.display_name);
      for (const p of part.plugins) {
        const name = redactSensitive(p.display_name);
        const item: ViewItem = {
          value: {
            application_id: app.application_id, application_name: appName, plugin_id: p.plugin_id, arn: p.arn, display_name: name,
            type: p.type, state: p.state, server_url: p.server_url, auth_configuration: p.auth_configuration, auth_role_arn: p.auth_role_arn,
          },
          resource: { id: p.arn, arn: p.arn, name },
        };
        if (p.error) item.error = p.error;
        else if (p.auth_configuration === null) {
          // Every plugin is created with an authentication configuration; without one there is nothing to judge.
          item.error = { code: 'NotReported', message: `GetPlugin returned no authConfiguration for plugin ${p.plugin_id}`, action: 'qbusiness:GetPlugin' };
        }
        items.push(item);
      }
    }
    return items;
  },
};

// --- web experiences -----------------------------------------------------------------------------

const WEB_EXPERIENCE_TYPE: CelTypeDecl = {
  name: 'QBusinessWebExperienceItem',
  fields: {
    application_id: 'string',
    application_name: 'string',
    web_experience_id: 'string',
    arn: 'string',
    title: 'string',
    status: 'string?',
    origins: 'list<string>',
    disallowed_origins: 'list<string>',
    default_endpoint: 'string?',
  },
  doc: { disallowed_origins: 'origins with a wildcard, or plain http:// other than http://localhost[:port], each with the reason' },
};

export const webExperiencesView: ViewDef = {
  id: 'qbusiness.web_experiences',
  description: 'Each web experience of each Q Business application with its allowed origins and the ones that are not restricted (GetWebExperience).',
  sources: [APPLICATIONS, 'qbusiness.web_experiences'],
  itemType: WEB_EXPERIENCE_TYPE.name,
  types: [WEB_EXPERIENCE_TYPE],
  build(data) {
    const parts = partsByApplication((data['qbusiness.web_experiences'] as QBusinessWebExperiencesData).applications);
    const items: ViewItem[] = [];
    for (const app of applicationsOf(data)) {
      const part = parts.get(app.application_id);
      const failed = partError(part, 'qbusiness.web_experiences', 'qbusiness:ListWebExperiences', app.application_id);
      if (failed || !part?.web_experiences) {
        items.push(errorItem(applicationResource(app), { application_id: app.application_id }, failed ?? { code: 'NotCollected', message: 'web experiences not listed', action: 'qbusiness:ListWebExperiences' }));
        continue;
      }
      const appName = redactSensitive(app.display_name);
      for (const w of part.web_experiences) {
        const title = redactSensitive(w.title ?? w.web_experience_id);
        const disallowed: string[] = [];
        for (const origin of w.origins) {
          const problem = originProblem(origin);
          if (problem) disallowed.push(`${origin} (${problem})`);
        }
        const item: ViewItem = {
          value: {
            application_id: app.application_id, application_name: appName, web_experience_id: w.web_experience_id, arn: w.arn, title,
            status: w.status, origins: w.origins, disallowed_origins: disallowed, default_endpoint: w.default_endpoint,
          },
          resource: { id: w.arn, arn: w.arn, name: title },
        };
        if (w.error) item.error = w.error;
        items.push(item);
      }
    }
    return items;
  },
};

// --- chat controls -------------------------------------------------------------------------------

const CHAT_CONTROLS_TYPE: CelTypeDecl = {
  name: 'QBusinessChatControlsItem',
  fields: {
    application_id: 'string',
    arn: 'string',
    display_name: 'string',
    response_scope: 'string?',
    blocked_phrase_count: 'int',
    topic_count: 'int',
    topics: 'list<string>',
    creator_mode: 'string?',
    hallucination_reduction: 'string?',
  },
  doc: { response_scope: 'ENTERPRISE_CONTENT_ONLY or EXTENDED_KNOWLEDGE_ENABLED', topics: 'names of the topic configurations (all pages)' },
};

export const chatControlsView: ViewDef = {
  id: 'qbusiness.chat_controls',
  description: 'The chat controls of each Q Business application: response scope, number of blocked phrases and topic configurations.',
  sources: [APPLICATIONS, 'qbusiness.chat_controls'],
  itemType: CHAT_CONTROLS_TYPE.name,
  types: [CHAT_CONTROLS_TYPE],
  build(data) {
    const parts = partsByApplication((data['qbusiness.chat_controls'] as QBusinessChatControlsData).applications);
    return applicationsOf(data).map((app) => {
      const part = parts.get(app.application_id);
      const resource = applicationResource(app);
      const failed = partError(part, 'qbusiness.chat_controls', 'qbusiness:GetChatControlsConfiguration', app.application_id);
      const c = part?.chat_controls;
      if (failed || !c) return errorItem(resource, { application_id: app.application_id }, failed ?? { code: 'NotCollected', message: 'chat controls not read', action: 'qbusiness:GetChatControlsConfiguration' });
      return {
        value: {
          application_id: app.application_id, arn: app.arn, display_name: resource.name,
          response_scope: c.response_scope, blocked_phrase_count: c.blocked_phrases.length, topic_count: c.topics.length,
          topics: c.topics.map((t) => redactSensitive(t.name)), creator_mode: c.creator_mode, hallucination_reduction: c.hallucination_reduction,
        },
        resource,
      };
    });
  },
};

// --- conversation logging ------------------------------------------------------------------------

const LOG_DELIVERY_TYPE: CelTypeDecl = {
  name: 'QBusinessLogDelivery',
  fields: { id: 'string', delivery_source: 'string', destination_arn: 'string?', destination_type: 'string?' },
};

const LOGGING_TYPE: CelTypeDecl = {
  name: 'QBusinessConversationLogging',
  fields: {
    application_id: 'string',
    arn: 'string',
    display_name: 'string',
    delivery_sources: 'list<string>',
    deliveries: `list<${LOG_DELIVERY_TYPE.name}>`,
  },
  doc: {
    delivery_sources: 'CloudWatch Logs delivery sources of log type EVENT_LOGS whose resources include the application ARN',
    deliveries: 'the deliveries of those sources to a destination',
  },
};

export const conversationLoggingView: ViewDef = {
  id: 'qbusiness.conversation_logging',
  description: 'Each Q Business application with its EVENT_LOGS delivery sources and their deliveries (CloudWatch Logs vended logs).',
  sources: [APPLICATIONS, 'qbusiness.log_deliveries'],
  itemType: LOGGING_TYPE.name,
  types: [LOG_DELIVERY_TYPE, LOGGING_TYPE],
  build(data) {
    const logs = data['qbusiness.log_deliveries'] as LogDeliveriesData;
    const eventSources = logs.delivery_sources.filter((s) => s.log_type === 'EVENT_LOGS');
    return applicationsOf(data).map((app) => {
      // Only the ARN is needed, which is known even when GetApplication failed.
      const names = eventSources.filter((s) => s.resource_arns.includes(app.arn)).map((s) => s.name);
      const deliveries = logs.deliveries
        .filter((d) => d.delivery_source_name !== null && names.includes(d.delivery_source_name))
        .map((d) => ({ id: d.id, delivery_source: d.delivery_source_name, destination_arn: d.delivery_destination_arn, destination_type: d.delivery_destination_type }));
      const resource = applicationResource(app);
      return { value: { application_id: app.application_id, arn: app.arn, display_name: resource.name, delivery_sources: names, deliveries }, resource };
    });
  },
};

// --- data accessors ------------------------------------------------------------------------------

const DATA_ACCESSOR_TYPE: CelTypeDecl = {
  name: 'QBusinessDataAccessorItem',
  fields: {
    application_id: 'string',
    application_name: 'string',
    data_accessor_id: 'string',
    arn: 'string',
    display_name: 'string',
    principal: 'string',
    principal_account: 'string',
    scanned_account: 'string',
    authentication_type: 'string?',
    actions: 'list<string>',
  },
  doc: { principal: 'the IAM role ARN the accessor lets call SearchRelevantContent', principal_account: 'the account id in that ARN', scanned_account: 'the account being scanned' },
};

export const dataAccessorsView: ViewDef = {
  id: 'qbusiness.data_accessors',
  description: 'Each data accessor of each Q Business application with its principal and the account the principal belongs to.',
  sources: [APPLICATIONS, 'qbusiness.data_accessors'],
  itemType: DATA_ACCESSOR_TYPE.name,
  types: [DATA_ACCESSOR_TYPE],
  build(data, ctx) {
    const parts = partsByApplication((data['qbusiness.data_accessors'] as QBusinessDataAccessorsData).applications);
    const items: ViewItem[] = [];
    for (const app of applicationsOf(data)) {
      const part = parts.get(app.application_id);
      const failed = partError(part, 'qbusiness.data_accessors', 'qbusiness:ListDataAccessors', app.application_id);
      if (failed || !part?.data_accessors) {
        items.push(errorItem(applicationResource(app), { application_id: app.application_id }, failed ?? { code: 'NotCollected', message: 'data accessors not listed', action: 'qbusiness:ListDataAccessors' }));
        continue;
      }
      const appName = redactSensitive(app.display_name);
      for (const a of part.data_accessors) {
        const name = redactSensitive(a.display_name);
        const principalAccount = arnAccount(a.principal);
        const item: ViewItem = {
          value: {
            application_id: app.application_id, application_name: appName, data_accessor_id: a.data_accessor_id, arn: a.arn, display_name: name,
            principal: a.principal, principal_account: principalAccount, scanned_account: ctx.account.account_id,
            authentication_type: a.authentication_type, actions: a.actions,
          },
          resource: { id: a.arn, arn: a.arn, name },
        };
        // ListDataAccessors already names the principal; only without it is the accessor unreadable.
        if (a.principal === null) item.error = a.error ?? { code: 'NoPrincipal', message: `data accessor ${a.data_accessor_id} has no principal`, action: 'qbusiness:GetDataAccessor' };
        else if (principalAccount === null) item.error = { code: 'UnrecognizedPrincipal', message: `principal ${a.principal} is not an ARN with an account id`, action: null };
        items.push(item);
      }
    }
    return items;
  },
};

export const QBUSINESS_VIEWS: readonly ViewDef[] = [
  applicationsView,
  pluginsView,
  webExperiencesView,
  chatControlsView,
  conversationLoggingView,
  dataAccessorsView,
  namedResourcesView,
  inventoryView,
];
