// The resources below each Amazon Q Business application: indices, data sources (per index),
// retrievers, plugins, web experiences and data accessors. Each source lists the resources of
// every application its dependency found (all pages, the largest page the API allows), then reads
// each resource's details and tags in parallel. A failed listing is recorded on its application
// (or index), a failed Get or ListTagsForResource on its resource; the rest is collected.
import {
  GetDataAccessorCommand,
  GetDataSourceCommand,
  GetIndexCommand,
  GetPluginCommand,
  GetRetrieverCommand,
  GetWebExperienceCommand,
  paginateListDataAccessors,
  paginateListDataSources,
  paginateListIndices,
  paginateListPlugins,
  paginateListRetrievers,
  paginateListWebExperiences,
  type DataAccessor,
  type DataSource,
  type Index,
  type Plugin,
  type Retriever,
  type WebExperience,
} from '@aws-sdk/client-qbusiness';
import type { SourceError } from '../snapshot/snapshot.js';
import type {
  QBusinessDataAccessor,
  QBusinessDataAccessorsData,
  QBusinessDataSource,
  QBusinessDataSourcesData,
  QBusinessIndex,
  QBusinessIndicesData,
  QBusinessPlugin,
  QBusinessPluginsData,
  QBusinessRetriever,
  QBusinessRetrieversData,
  QBusinessWebExperience,
  QBusinessWebExperiencesData,
} from '../sources/qbusiness-data.js';
import type { CollectContext, Collector } from './collector.js';
import { iso, listAll, listedApplications, qbusinessCalls, unionMember, type QBusinessCalls } from './qbusiness-common.js';

/** The largest page each List call accepts (ListDataSources and ListDataAccessors: 10). */
export const PAGE_SIZES = {
  indices: 100,
  dataSources: 10,
  retrievers: 50,
  plugins: 50,
  webExperiences: 100,
  dataAccessors: 10,
} as const;

interface Listing<T> {
  items: T[] | null;
  error?: SourceError;
}

/** Lists one parent's resources, then reads each one's details; a failed listing is kept as the error. */
async function listThenRead<S, T>(q: QBusinessCalls, list: () => Promise<S[]>, read: (summary: S) => Promise<T>): Promise<Listing<T>> {
  const listed = await q.run(list);
  if (!listed.ok) return { items: null, error: listed.error };
  return { items: await Promise.all(listed.value.map(read)) };
}

/** `listThenRead` for every application of the region, in the shape `{ application_id, <key>: [...] }`. */
async function perApplication<K extends string, S, T>(
  ctx: CollectContext,
  key: K,
  list: (q: QBusinessCalls, applicationId: string) => Promise<S[]>,
  read: (q: QBusinessCalls, applicationId: string, summary: S) => Promise<T>,
): Promise<({ application_id: string; error?: SourceError } & Record<K, T[] | null>)[]> {
  const q = qbusinessCalls(ctx);
  return Promise.all(listedApplications(ctx).map(async ({ application_id }) => {
    const { items, error } = await listThenRead(q, () => list(q, application_id), (s) => read(q, application_id, s));
    const part = { application_id, [key]: items } as { application_id: string; error?: SourceError } & Record<K, T[] | null>;
    if (error) part.error = error;
    return part;
  }));
}

/** Keeps `error` only when set, so that the snapshot has no `error: undefined` keys. */
function withError<T extends object>(value: T, error: SourceError | undefined): T & { error?: SourceError } {
  return error ? { ...value, error } : value;
}

// --- indices -------------------------------------------------------------------------------------

async function readIndex(q: QBusinessCalls, applicationId: string, s: Index): Promise<QBusinessIndex> {
  const id = s.indexId ?? '';
  const arn = q.arn(`${applicationId}/index/${id}`);
  const [got, tagged] = await Promise.all([q.run(() => q.client.send(new GetIndexCommand({ applicationId, indexId: id }))), q.tags(arn)]);
  const g = got.ok ? got.value : undefined;
  const stats = g?.indexStatistics?.textDocumentStatistics;
  return withError({
    index_id: id,
    arn: g?.indexArn ?? arn,
    display_name: g?.displayName ?? s.displayName ?? id,
    description: g?.description ?? null,
    type: g?.type ?? null,
    status: g?.status ?? s.status ?? null,
    capacity_units: g?.capacityConfiguration?.units ?? null,
    indexed_documents: stats?.indexedTextDocumentCount ?? null,
    indexed_bytes: stats?.indexedTextBytes ?? null,
    created_at: iso(g?.createdAt ?? s.createdAt),
    updated_at: iso(g?.updatedAt ?? s.updatedAt),
    ...tagged,
  }, got.ok ? undefined : got.error);
}

export const indicesCollector: Collector = {
  id: 'qbusiness.indices',
  async collect(ctx): Promise<QBusinessIndicesData> {
    const applications = await perApplication(ctx, 'indices',
      (q, applicationId) => listAll(paginateListIndices({ client: q.client, pageSize: PAGE_SIZES.indices }, { applicationId }), (p) => p.indices),
      readIndex);
    return { applications };
  },
};

// --- data sources (per index) --------------------------------------------------------------------

async function readDataSource(q: QBusinessCalls, applicationId: string, indexId: string, s: DataSource): Promise<QBusinessDataSource> {
  const id = s.dataSourceId ?? '';
  const arn = q.arn(`${applicationId}/index/${indexId}/data-source/${id}`);
  const [got, tagged] = await Promise.all([
    q.run(() => q.client.send(new GetDataSourceCommand({ applicationId, indexId, dataSourceId: id }))),
    q.tags(arn),
  ]);
  const g = got.ok ? got.value : undefined;
  const vpc = g?.vpcConfiguration;
  const enrichment = g?.documentEnrichmentConfiguration;
  return withError({
    data_source_id: id,
    index_id: indexId,
    arn: g?.dataSourceArn ?? arn,
    display_name: g?.displayName ?? s.displayName ?? id,
    description: g?.description ?? null,
    type: g?.type ?? s.type ?? null,
    status: g?.status ?? s.status ?? null,
    role_arn: g?.roleArn ?? null,
    sync_schedule: g?.syncSchedule ?? null,
    vpc: vpc ? { subnet_ids: vpc.subnetIds ?? [], security_group_ids: vpc.securityGroupIds ?? [] } : null,
    document_enrichment: enrichment
      ? {
          pre_extraction_lambda_arn: enrichment.preExtractionHookConfiguration?.lambdaArn ?? null,
          post_extraction_lambda_arn: enrichment.postExtractionHookConfiguration?.lambdaArn ?? null,
          inline_rules: enrichment.inlineConfigurations?.length ?? 0,
        }
      : null,
    created_at: iso(g?.createdAt ?? s.createdAt),
    updated_at: iso(g?.updatedAt ?? s.updatedAt),
    ...tagged,
  }, got.ok ? undefined : got.error);
}

export const dataSourcesCollector: Collector = {
  id: 'qbusiness.data_sources',
  async collect(ctx): Promise<QBusinessDataSourcesData> {
    const q = qbusinessCalls(ctx);
    // Applications whose indices could not be listed have no entry here; their error is in qbusiness.indices.
    const indices = (ctx.deps['qbusiness.indices'] as QBusinessIndicesData).applications
      .flatMap((app) => (app.indices ?? []).map((index) => ({ application_id: app.application_id, index_id: index.index_id })));
    return {
      indices: await Promise.all(indices.map(async ({ application_id, index_id }) => {
        const { items, error } = await listThenRead(q,
          () => listAll(paginateListDataSources({ client: q.client, pageSize: PAGE_SIZES.dataSources }, { applicationId: application_id, indexId: index_id }), (p) => p.dataSources),
          (s) => readDataSource(q, application_id, index_id, s));
        return withError({ application_id, index_id, data_sources: items }, error);
      })),
    };
  },
};

// --- retrievers ----------------------------------------------------------------------------------

async function readRetriever(q: QBusinessCalls, applicationId: string, s: Retriever): Promise<QBusinessRetriever> {
  const id = s.retrieverId ?? '';
  const arn = q.arn(`${applicationId}/retriever/${id}`);
  const [got, tagged] = await Promise.all([q.run(() => q.client.send(new GetRetrieverCommand({ applicationId, retrieverId: id }))), q.tags(arn)]);
  const g = got.ok ? got.value : undefined;
  const config = g?.configuration;
  return withError({
    retriever_id: id,
    arn: g?.retrieverArn ?? arn,
    display_name: g?.displayName ?? s.displayName ?? id,
    type: g?.type ?? s.type ?? null,
    status: g?.status ?? s.status ?? null,
    role_arn: g?.roleArn ?? null,
    index_id: config?.nativeIndexConfiguration?.indexId ?? config?.kendraIndexConfiguration?.indexId ?? null,
    created_at: iso(g?.createdAt),
    updated_at: iso(g?.updatedAt),
    ...tagged,
  }, got.ok ? undefined : got.error);
}

export const retrieversCollector: Collector = {
  id: 'qbusiness.retrievers',
  async collect(ctx): Promise<QBusinessRetrieversData> {
    const applications = await perApplication(ctx, 'retrievers',
      (q, applicationId) => listAll(paginateListRetrievers({ client: q.client, pageSize: PAGE_SIZES.retrievers }, { applicationId }), (p) => p.retrievers),
      readRetriever);
    return { applications };
  },
};

// --- plugins -------------------------------------------------------------------------------------

async function readPlugin(q: QBusinessCalls, applicationId: string, s: Plugin): Promise<QBusinessPlugin> {
  const id = s.pluginId ?? '';
  const arn = q.arn(`${applicationId}/plugin/${id}`);
  const [got, tagged] = await Promise.all([q.run(() => q.client.send(new GetPluginCommand({ applicationId, pluginId: id }))), q.tags(arn)]);
  const g = got.ok ? got.value : undefined;
  const auth = g?.authConfiguration;
  const authRole = auth?.basicAuthConfiguration?.roleArn ?? auth?.oAuth2ClientCredentialConfiguration?.roleArn ?? auth?.idcAuthConfiguration?.roleArn ?? null;
  return withError({
    plugin_id: id,
    arn: g?.pluginArn ?? arn,
    display_name: g?.displayName ?? s.displayName ?? id,
    type: g?.type ?? s.type ?? null,
    state: g?.state ?? s.state ?? null,
    build_status: g?.buildStatus ?? s.buildStatus ?? null,
    server_url: g?.serverUrl ?? s.serverUrl ?? null,
    auth_configuration: unionMember(auth),
    auth_role_arn: authRole,
    custom_description: g?.customPluginConfiguration?.description ?? null,
    custom_api_schema_type: g?.customPluginConfiguration?.apiSchemaType ?? null,
    created_at: iso(g?.createdAt ?? s.createdAt),
    updated_at: iso(g?.updatedAt ?? s.updatedAt),
    ...tagged,
  }, got.ok ? undefined : got.error);
}

export const pluginsCollector: Collector = {
  id: 'qbusiness.plugins',
  async collect(ctx): Promise<QBusinessPluginsData> {
    const applications = await perApplication(ctx, 'plugins',
      (q, applicationId) => listAll(paginateListPlugins({ client: q.client, pageSize: PAGE_SIZES.plugins }, { applicationId }), (p) => p.plugins),
      readPlugin);
    return { applications };
  },
};

// --- web experiences -----------------------------------------------------------------------------

async function readWebExperience(q: QBusinessCalls, applicationId: string, s: WebExperience): Promise<QBusinessWebExperience> {
  const id = s.webExperienceId ?? '';
  const arn = q.arn(`${applicationId}/web-experience/${id}`);
  const [got, tagged] = await Promise.all([
    q.run(() => q.client.send(new GetWebExperienceCommand({ applicationId, webExperienceId: id }))),
    q.tags(arn),
  ]);
  const g = got.ok ? got.value : undefined;
  return withError({
    web_experience_id: id,
    arn: g?.webExperienceArn ?? arn,
    title: g?.title ?? null,
    subtitle: g?.subtitle ?? null,
    welcome_message: g?.welcomeMessage ?? null,
    status: g?.status ?? s.status ?? null,
    origins: g?.origins ?? [],
    default_endpoint: g?.defaultEndpoint ?? s.defaultEndpoint ?? null,
    role_arn: g?.roleArn ?? null,
    sample_prompts_control_mode: g?.samplePromptsControlMode ?? null,
    identity_provider: unionMember(g?.identityProviderConfiguration),
    browser_extensions: g?.browserExtensionConfiguration?.enabledBrowserExtensions ?? [],
    created_at: iso(g?.createdAt ?? s.createdAt),
    updated_at: iso(g?.updatedAt ?? s.updatedAt),
    ...tagged,
  }, got.ok ? undefined : got.error);
}

export const webExperiencesCollector: Collector = {
  id: 'qbusiness.web_experiences',
  async collect(ctx): Promise<QBusinessWebExperiencesData> {
    const applications = await perApplication(ctx, 'web_experiences',
      (q, applicationId) => listAll(paginateListWebExperiences({ client: q.client, pageSize: PAGE_SIZES.webExperiences }, { applicationId }), (p) => p.webExperiences),
      readWebExperience);
    return { applications };
  },
};

// --- data accessors ------------------------------------------------------------------------------

async function readDataAccessor(q: QBusinessCalls, applicationId: string, s: DataAccessor): Promise<QBusinessDataAccessor> {
  const id = s.dataAccessorId ?? '';
  const arn = s.dataAccessorArn ?? q.arn(`${applicationId}/data-accessor/${id}`);
  const [got, tagged] = await Promise.all([
    q.run(() => q.client.send(new GetDataAccessorCommand({ applicationId, dataAccessorId: id }))),
    q.tags(arn),
  ]);
  const g = got.ok ? got.value : undefined;
  return withError({
    data_accessor_id: id,
    arn: g?.dataAccessorArn ?? arn,
    display_name: g?.displayName ?? s.displayName ?? id,
    principal: g?.principal ?? s.principal ?? null,
    idc_application_arn: g?.idcApplicationArn ?? s.idcApplicationArn ?? null,
    authentication_type: g?.authenticationDetail?.authenticationType ?? s.authenticationDetail?.authenticationType ?? null,
    actions: (g?.actionConfigurations ?? []).map((a) => a.action ?? '').filter((a) => a !== ''),
    created_at: iso(g?.createdAt ?? s.createdAt),
    updated_at: iso(g?.updatedAt ?? s.updatedAt),
    ...tagged,
  }, got.ok ? undefined : got.error);
}

export const dataAccessorsCollector: Collector = {
  id: 'qbusiness.data_accessors',
  async collect(ctx): Promise<QBusinessDataAccessorsData> {
    const applications = await perApplication(ctx, 'data_accessors',
      (q, applicationId) => listAll(paginateListDataAccessors({ client: q.client, pageSize: PAGE_SIZES.dataAccessors }, { applicationId }), (p) => p.dataAccessors),
      readDataAccessor);
    return { applications };
  },
};
