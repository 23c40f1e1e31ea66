// Two views that walk every resource of every Amazon Q Business application: the free-text fields
// of each resource (names, descriptions, web-experience texts, tags) for the sensitive-data check,
// and each application's tree for the inventory responders keep on file.
import type { CelTypeDecl } from '../cel/cel-types.js';
import type { SourceError } from '../snapshot/snapshot.js';
import type {
  QBusinessApplication,
  QBusinessChatControlsData,
  QBusinessDataAccessorsData,
  QBusinessDataSourcesData,
  QBusinessIndicesData,
  QBusinessPluginsData,
  QBusinessResourcePoliciesData,
  QBusinessRetrieversData,
  QBusinessTagged,
  QBusinessWebExperiencesData,
} from '../sources/qbusiness-data.js';
import { applicationResource, applicationsOf, arnAccount, partError, partsByApplication } from './qbusiness-common.js';
import { redactSensitive } from './qbusiness-sensitive.js';
import type { ViewContext, ViewDef, ViewItem } from './view.js';

const RESOURCE_SOURCES = [
  'qbusiness.applications',
  'qbusiness.indices',
  'qbusiness.data_sources',
  'qbusiness.retrievers',
  'qbusiness.plugins',
  'qbusiness.web_experiences',
  'qbusiness.data_accessors',
];

interface ResourceParts {
  indices: Map<string, QBusinessIndicesData['applications'][number]>;
  dataSources: Map<string, QBusinessDataSourcesData['indices'][number]>;
  retrievers: Map<string, QBusinessRetrieversData['applications'][number]>;
  plugins: Map<string, QBusinessPluginsData['applications'][number]>;
  webExperiences: Map<string, QBusinessWebExperiencesData['applications'][number]>;
  dataAccessors: Map<string, QBusinessDataAccessorsData['applications'][number]>;
}

// Both views of this file read the same parts, in the same regions: they are indexed once per
// region, remembered with the source data they were read from (snapshot data, never changed).
const partsCache = new WeakMap<object, { sources: unknown[]; parts: ResourceParts }>();

function resourceParts(data: Record<string, unknown>): ResourceParts {
  const sources = RESOURCE_SOURCES.map((id) => data[id]);
  const key = sources[0];
  const hit = typeof key === 'object' && key !== null ? partsCache.get(key) : undefined;
  if (hit && hit.sources.every((s, i) => s === sources[i])) return hit.parts;
  const parts = indexParts(data);
  if (typeof key === 'object' && key !== null) partsCache.set(key, { sources, parts });
  return parts;
}

function indexParts(data: Record<string, unknown>): ResourceParts {
  return {
    indices: partsByApplication((data['qbusiness.indices'] as QBusinessIndicesData).applications),
    dataSources: new Map((data['qbusiness.data_sources'] as QBusinessDataSourcesData).indices.map((e) => [`${e.application_id}/${e.index_id}`, e])),
    retrievers: partsByApplication((data['qbusiness.retrievers'] as QBusinessRetrieversData).applications),
    plugins: partsByApplication((data['qbusiness.plugins'] as QBusinessPluginsData).applications),
    webExperiences: partsByApplication((data['qbusiness.web_experiences'] as QBusinessWebExperiencesData).applications),
    dataAccessors: partsByApplication((data['qbusiness.data_accessors'] as QBusinessDataAccessorsData).applications),
  };
}

// --- named resources -----------------------------------------------------------------------------

const TEXT_FIELD_TYPE: CelTypeDecl = {
  name: 'QBusinessTextField',
  fields: { field: 'string', value: 'string' },
};

const NAMED_RESOURCE_TYPE: CelTypeDecl = {
  name: 'QBusinessNamedResource',
  fields: {
    kind: 'string',
    application_id: 'string',
    resource_id: 'string',
    arn: 'string',
    display_name: 'string',
    fields: `list<${TEXT_FIELD_TYPE.name}>`,
  },
  doc: {
    kind: 'application, index, data source, retriever, plugin, web experience or data accessor',
    display_name: 'the name with any e-mail address, phone number or access key id masked',
    fields: 'every free-text field: display name, description, custom plugin description, web-experience title/subtitle/welcome message, tag keys and values',
  },
};

// Exactly these two keys, in this order: the sensitive-text evaluator gives a resource without a
// match the item itself as evidence, which must read as its fields with nothing masked.
type TextField = { field: string; value: string };

function text(fields: TextField[], field: string, value: string | null): void {
  if (value) fields.push({ field, value });
}

function tagFields(fields: TextField[], tagged: QBusinessTagged): void {
  for (const tag of tagged.tags ?? []) {
    text(fields, 'tag key', tag.key);
    text(fields, `value of tag ${redactSensitive(tag.key)}`, tag.value);
  }
}

interface Named {
  kind: string;
  appId: string;
  id: string;
  arn: string;
  name: string;
  fields: TextField[];
  /** Why a field could not be read (the Get call or ListTagsForResource failed). */
  error?: SourceError;
}

function namedItem(n: Named): ViewItem {
  const name = redactSensitive(n.name);
  const item: ViewItem = {
    value: { kind: n.kind, application_id: n.appId, resource_id: n.id, arn: n.arn, display_name: name, fields: n.fields },
    resource: { id: n.arn, arn: n.arn, name },
  };
  if (n.error) item.error = n.error;
  return item;
}

const PLURAL: Record<string, string> = {
  index: 'indices', 'data source': 'data sources', retriever: 'retrievers', plugin: 'plugins', 'web experience': 'web experiences', 'data accessor': 'data accessors',
};

/** The error item for resources of one kind that could not be listed under `parent` (its own resource id, so finding ids stay unique). */
function unlisted(kind: string, appId: string, parentArn: string, parentName: string, error: SourceError): ViewItem {
  const plural = PLURAL[kind] ?? `${kind}s`;
  return { value: { kind, application_id: appId }, resource: { id: `${parentArn}/${plural.replace(/ /g, '-')}`, arn: parentArn, name: `${plural} of ${redactSensitive(parentName)}` }, error };
}

function namedResourcesOf(app: QBusinessApplication, parts: ResourceParts): ViewItem[] {
  const items: ViewItem[] = [];
  const appId = app.application_id;
  const push = (n: Named): void => void items.push(namedItem(n));

  const appFields: TextField[] = [];
  text(appFields, 'display name', app.display_name);
  text(appFields, 'description', app.description);
  tagFields(appFields, app);
  push({ kind: 'application', appId, id: appId, arn: app.arn, name: app.display_name, fields: appFields, error: app.error ?? app.tags_error });

  const indices = parts.indices.get(appId);
  const indicesError = partError(indices, 'qbusiness.indices', 'qbusiness:ListIndices', appId);
  if (indicesError || !indices?.indices) items.push(unlisted('index', appId, app.arn, app.display_name, indicesError ?? notListed('qbusiness:ListIndices')));
  else {
    for (const index of indices.indices) {
      const fields: TextField[] = [];
      text(fields, 'display name', index.display_name);
      text(fields, 'description', index.description);
      tagFields(fields, index);
      push({ kind: 'index', appId, id: index.index_id, arn: index.arn, name: index.display_name, fields, error: index.error ?? index.tags_error });

      const sources = parts.dataSources.get(`${appId}/${index.index_id}`);
      const sourcesError = sources ? sources.error : { code: 'NotCollected', message: `qbusiness.data_sources has no entry for index ${index.index_id}`, action: 'qbusiness:ListDataSources' };
      if (sourcesError || !sources?.data_sources) {
        items.push(unlisted('data source', appId, index.arn, index.display_name, sourcesError ?? notListed('qbusiness:ListDataSources')));
        continue;
      }
      for (const ds of sources.data_sources) {
        const dsFields: TextField[] = [];
        text(dsFields, 'display name', ds.display_name);
        text(dsFields, 'description', ds.description);
        tagFields(dsFields, ds);
        push({ kind: 'data source', appId, id: ds.data_source_id, arn: ds.arn, name: ds.display_name, fields: dsFields, error: ds.error ?? ds.tags_error });
      }
    }
  }

  const retrievers = parts.retrievers.get(appId);
  const retrieversError = partError(retrievers, 'qbusiness.retrievers', 'qbusiness:ListRetrievers', appId);
  if (retrieversError || !retrievers?.retrievers) items.push(unlisted('retriever', appId, app.arn, app.display_name, retrieversError ?? notListed('qbusiness:ListRetrievers')));
  else {
    for (const r of retrievers.retrievers) {
      const fields: TextField[] = [];
      text(fields, 'display name', r.display_name);
      tagFields(fields, r);
      // A retriever has no description: its name comes from ListRetrievers, so only the tags can be missing.
      push({ kind: 'retriever', appId, id: r.retriever_id, arn: r.arn, name: r.display_name, fields, error: r.tags_error });
    }
  }

  const plugins = parts.plugins.get(appId);
  const pluginsError = partError(plugins, 'qbusiness.plugins', 'qbusiness:ListPlugins', appId);
  if (pluginsError || !plugins?.plugins) items.push(unlisted('plugin', appId, app.arn, app.display_name, pluginsError ?? notListed('qbusiness:ListPlugins')));
  else {
    for (const p of plugins.plugins) {
      const fields: TextField[] = [];
      text(fields, 'display name', p.display_name);
      text(fields, 'custom plugin description', p.custom_description);
      tagFields(fields, p);
      push({ kind: 'plugin', appId, id: p.plugin_id, arn: p.arn, name: p.display_name, fields, error: p.error ?? p.tags_error });
    }
  }

  const webs = parts.webExperiences.get(appId);
  const websError = partError(webs, 'qbusiness.web_experiences', 'qbusiness:ListWebExperiences', appId);
  if (websError || !webs?.web_experiences) items.push(unlisted('web experience', appId, app.arn, app.display_name, websError ?? notListed('qbusiness:ListWebExperiences')));
  else {
    for (const w of webs.web_experiences) {
      const fields: TextField[] = [];
      text(fields, 'title', w.title);
      text(fields, 'subtitle', w.subtitle);
      text(fields, 'welcome message', w.welcome_message);
      tagFields(fields, w);
      push({ kind: 'web experience', appId, id: w.web_experience_id, arn: w.arn, name: w.title ?? w.web_experience_id, fields, error: w.error ?? w.tags_error });
    }
  }

  const accessors = parts.dataAccessors.get(appId);
  const accessorsError = partError(accessors, 'qbusiness.data_accessors', 'qbusiness:ListDataAccessors', appId);
  if (accessorsError || !accessors?.data_accessors) items.push(unlisted('data accessor', appId, app.arn, app.display_name, accessorsError ?? notListed('qbusiness:ListDataAccessors')));
  else {
    for (const a of accessors.data_accessors) {
      const fields: TextField[] = [];
      text(fields, 'display name', a.display_name);
      tagFields(fields, a);
      // The name comes from ListDataAccessors; only the tags can be missing.
      push({ kind: 'data accessor', appId, id: a.data_accessor_id, arn: a.arn, name: a.display_name, fields, error: a.tags_error });
    }
  }
  return items;
}

function notListed(action: string): SourceError {
  return { code: 'NotCollected', message: 'not listed', action };
}

export const namedResourcesView: ViewDef = {
  id: 'qbusiness.named_resources',
  description: 'Every Q Business application, index, data source, retriever, plugin, web experience and data accessor with its free-text fields (names, descriptions, texts, tag keys and values).',
  sources: RESOURCE_SOURCES,
  itemType: NAMED_RESOURCE_TYPE.name,
  types: [TEXT_FIELD_TYPE, NAMED_RESOURCE_TYPE],
  build(data) {
    const parts = resourceParts(data);
    return applicationsOf(data).flatMap((app) => namedResourcesOf(app, parts));
  },
};

// --- inventory -----------------------------------------------------------------------------------

const INVENTORY_TYPE: CelTypeDecl = {
  name: 'QBusinessInventory',
  fields: {
    application_id: 'string',
    arn: 'string',
    display_name: 'string',
    status: 'string?',
    identity_type: 'string?',
    encryption: 'string',
    attachments_control_mode: 'string?',
    index_count: 'int',
    data_source_count: 'int',
    retriever_count: 'int',
    plugin_count: 'int',
    web_experience_count: 'int',
    data_accessor_count: 'int',
    external_data_accessor_count: 'int',
    indices: 'dyn',
    retrievers: 'dyn',
    plugins: 'dyn',
    web_experiences: 'dyn',
    data_accessors: 'dyn',
    chat_controls: 'dyn',
    resource_policy: 'dyn',
  },
  doc: {
    encryption: 'the KMS key ARN, or "AWS owned key"',
    indices: 'each index with its data sources (type, role, sync schedule, status, VPC, enrichment Lambdas)',
    plugins: 'type, authentication kind, state and server URL of each plugin',
    data_accessors: 'principal, its account, and whether that account is another than the scanned one',
  },
};

interface SettingsParts {
  chat: Map<string, QBusinessChatControlsData['applications'][number]>;
  policies: Map<string, QBusinessResourcePoliciesData['applications'][number]>;
}

function inventoryOf(app: QBusinessApplication, parts: ResourceParts, settings: SettingsParts, ctx: ViewContext): ViewItem {
  const appId = app.application_id;
  const resource = applicationResource(app);
  const chat = settings.chat.get(appId);
  const policy = settings.policies.get(appId);
  const indices = parts.indices.get(appId);
  const retrievers = parts.retrievers.get(appId);
  const plugins = parts.plugins.get(appId);
  const webs = parts.webExperiences.get(appId);
  const accessors = parts.dataAccessors.get(appId);

  // The inventory is only worth filing when complete: any part that could not be read makes it ERROR.
  const errors: (SourceError | null | undefined)[] = [
    app.error,
    partError(indices, 'qbusiness.indices', 'qbusiness:ListIndices', appId),
    partError(retrievers, 'qbusiness.retrievers', 'qbusiness:ListRetrievers', appId),
    partError(plugins, 'qbusiness.plugins', 'qbusiness:ListPlugins', appId),
    partError(webs, 'qbusiness.web_experiences', 'qbusiness:ListWebExperiences', appId),
    partError(accessors, 'qbusiness.data_accessors', 'qbusiness:ListDataAccessors', appId),
    partError(chat, 'qbusiness.chat_controls', 'qbusiness:GetChatControlsConfiguration', appId),
    partError(policy, 'qbusiness.resource_policies', 'qbusiness:GetPolicy', appId),
  ];
  const indexTree = (indices?.indices ?? []).map((index) => {
    const entry = parts.dataSources.get(`${appId}/${index.index_id}`);
    errors.push(index.error, entry ? entry.error : { code: 'NotCollected', message: `data sources of index ${index.index_id} were not listed`, action: 'qbusiness:ListDataSources' });
    const dataSources = (entry?.data_sources ?? []).map((ds) => {
      errors.push(ds.error);
      return {
        data_source_id: ds.data_source_id, display_name: redactSensitive(ds.display_name), type: ds.type, status: ds.status, role_arn: ds.role_arn,
        sync_schedule: ds.sync_schedule, vpc: ds.vpc !== null,
        enrichment_lambdas: [ds.document_enrichment?.pre_extraction_lambda_arn, ds.document_enrichment?.post_extraction_lambda_arn].filter((x): x is string => typeof x === 'string'),
      };
    });
    return { index_id: index.index_id, display_name: redactSensitive(index.display_name), type: index.type, status: index.status, indexed_documents: index.indexed_documents, data_sources: dataSources };
  });
  const retrieverTree = (retrievers?.retrievers ?? []).map((r) => {
    errors.push(r.error);
    return { retriever_id: r.retriever_id, display_name: redactSensitive(r.display_name), type: r.type, status: r.status, role_arn: r.role_arn, index_id: r.index_id };
  });
  const pluginTree = (plugins?.plugins ?? []).map((p) => {
    errors.push(p.error);
    return { plugin_id: p.plugin_id, display_name: redactSensitive(p.display_name), type: p.type, auth_configuration: p.auth_configuration, state: p.state, server_url: p.server_url };
  });
  const webTree = (webs?.web_experiences ?? []).map((w) => {
    errors.push(w.error);
    return { web_experience_id: w.web_experience_id, title: redactSensitive(w.title ?? w.web_experience_id), status: w.status, origins: w.origins, default_endpoint: w.default_endpoint };
  });
  const accessorTree = (accessors?.data_accessors ?? []).map((a) => {
    errors.push(a.error);
    const account = arnAccount(a.principal);
    return { data_accessor_id: a.data_accessor_id, display_name: redactSensitive(a.display_name), principal: a.principal, principal_account: account, external: account !== null && account !== ctx.account.account_id, actions: a.actions };
  });
  const c = chat?.chat_controls ?? null;
  const value = {
    application_id: appId,
    arn: app.arn,
    display_name: resource.name,
    status: app.status,
    identity_type: app.identity_type,
    encryption: app.kms_key_id ?? 'AWS owned key',
    attachments_control_mode: app.attachments_control_mode,
    index_count: indexTree.length,
    data_source_count: indexTree.reduce((n, i) => n + i.data_sources.length, 0),
    retriever_count: retrieverTree.length,
    plugin_count: pluginTree.length,
    web_experience_count: webTree.length,
    data_accessor_count: accessorTree.length,
    external_data_accessor_count: accessorTree.filter((a) => a.external).length,
    indices: indexTree,
    retrievers: retrieverTree,
    plugins: pluginTree,
    web_experiences: webTree,
    data_accessors: accessorTree,
    chat_controls: c && {
      response_scope: c.response_scope, blocked_phrase_count: c.blocked_phrases.length, topics: c.topics.map((t) => redactSensitive(t.name)),
      creator_mode: c.creator_mode, hallucination_reduction: c.hallucination_reduction,
    },
    resource_policy: policy?.policy ?? null,
  };
  const error = errors.find((e): e is SourceError => e !== null && e !== undefined);
  const item: ViewItem = { value, resource };
  if (error) item.error = error;
  return item;
}

export const inventoryView: ViewDef = {
  id: 'qbusiness.inventory',
  description: 'Each Q Business application as a tree: indices with data sources, retrievers, plugins, web experiences, data accessors, chat controls and resource policy.',
  sources: [...RESOURCE_SOURCES, 'qbusiness.chat_controls', 'qbusiness.resource_policies'],
  itemType: INVENTORY_TYPE.name,
  types: [INVENTORY_TYPE],
  build(data, ctx) {
    const parts = resourceParts(data);
    const settings: SettingsParts = {
      chat: partsByApplication((data['qbusiness.chat_controls'] as QBusinessChatControlsData).applications),
      policies: partsByApplication((data['qbusiness.resource_policies'] as QBusinessResourcePoliciesData).applications),
    };
    return applicationsOf(data).map((app) => inventoryOf(app, parts, settings, ctx));
  },
};
