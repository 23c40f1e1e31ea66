// Amazon Q Business (restJson1) and CloudWatch Logs (awsJson1_1) of the healthy estate: in each
// region one application with one index, data source, retriever, plugin, web experience and data
// accessor, chat controls with two pages of topic configurations, a resource-based policy and tags
// on every resource; a CloudWatch Logs delivery source for the application's EVENT_LOGS and a
// delivery to a log group. Every id and ARN in a request is checked: an unknown one is a
// ResourceNotFoundException, as from AWS.
import { tokenPages, type AwsWire, type Responder, type WireCall } from '../../helpers/aws-wire.js';
import { ACCOUNT, epoch, expecting, isEstateRegion, type EstateRegion } from './common.js';

const T = epoch('2025-06-01T08:00:00Z');

/** Ids are UUIDs; the last group tells region and resource kind apart. */
function id(region: EstateRegion, kind: number): string {
  return `${region === 'us-east-1' ? 'a1a1a1a1' : 'e1e1e1e1'}-0000-4000-8000-${String(kind).padStart(12, '0')}`;
}

export interface QBusinessEstate {
  region: EstateRegion;
  application: string;
  index: string;
  dataSource: string;
  retriever: string;
  plugin: string;
  webExperience: string;
  dataAccessor: string;
}

export function qbusinessEstate(region: EstateRegion): QBusinessEstate {
  return {
    region, application: id(region, 1), index: id(region, 2), dataSource: id(region, 3), retriever: id(region, 4),
    plugin: id(region, 5), webExperience: id(region, 6), dataAccessor: id(region, 7),
  };
}

export const applicationArn = (e: QBusinessEstate, path = ''): string => `arn:aws:qbusiness:${e.region}:${ACCOUNT}:application/${e.application}${path}`;

/** The ARN of every resource of the estate, as AWS forms them (ListTagsForResource answers only these). */
export function resourceArns(e: QBusinessEstate): Record<string, string> {
  return {
    application: applicationArn(e),
    index: applicationArn(e, `/index/${e.index}`),
    dataSource: applicationArn(e, `/index/${e.index}/data-source/${e.dataSource}`),
    retriever: applicationArn(e, `/retriever/${e.retriever}`),
    plugin: applicationArn(e, `/plugin/${e.plugin}`),
    webExperience: applicationArn(e, `/web-experience/${e.webExperience}`),
    dataAccessor: applicationArn(e, `/data-accessor/${e.dataAccessor}`),
  };
}

/** The estate of the call's region, or null outside the estate's regions. */
const estateOf = (call: WireCall): QBusinessEstate | null => (isEstateRegion(call.region) ? qbusinessEstate(call.region) : null);

/** Checks the parent ids (and resource id) a request names, then answers from that region's estate. */
function scoped(ids: (e: QBusinessEstate) => Record<string, unknown>, reply: (e: QBusinessEstate, call: WireCall) => unknown): Responder {
  return expecting((call) => {
    const e = estateOf(call);
    return e && ids(e);
  }, (call) => reply(estateOf(call) as QBusinessEstate, call));
}

const ROLE = (name: string): string => `arn:aws:iam::${ACCOUNT}:role/${name}`;

export function scriptQBusiness(wire: AwsWire): AwsWire {
  const app = (e: QBusinessEstate): Record<string, unknown> => ({ applicationId: e.application });
  return wire
    .on('qbusiness:ListApplications', scoped(() => ({}), (e) => ({
      applications: [{ applicationId: e.application, displayName: `assistant-${e.region}`, status: 'ACTIVE', identityType: 'AWS_IAM_IDC', createdAt: T, updatedAt: T }],
    })))
    .on('qbusiness:GetApplication', scoped(app, (e) => ({
      applicationId: e.application, applicationArn: applicationArn(e), displayName: `assistant-${e.region}`, description: 'Internal knowledge assistant',
      status: 'ACTIVE', identityType: 'AWS_IAM_IDC', roleArn: ROLE('QBusinessApplicationRole'),
      identityCenterApplicationArn: `arn:aws:sso::${ACCOUNT}:application/ssoins-1111111111111111/apl-2222222222222222`,
      encryptionConfiguration: { kmsKeyId: `arn:aws:kms:${e.region}:${ACCOUNT}:key/1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e` },
      attachmentsConfiguration: { attachmentsControlMode: 'DISABLED' }, qAppsConfiguration: { qAppsControlMode: 'DISABLED' },
      personalizationConfiguration: { personalizationControlMode: 'DISABLED' }, autoSubscriptionConfiguration: { autoSubscribe: 'DISABLED' },
      createdAt: T, updatedAt: T + 60,
    })))
    .on('qbusiness:ListTagsForResource', expecting((call) => {
      const e = estateOf(call);
      const arn = String(call.params.resourceARN);
      return e && Object.values(resourceArns(e)).includes(arn) ? { resourceARN: arn } : null;
    }, () => ({ tags: [{ key: 'owner', value: 'platform-team' }, { key: 'data-classification', value: 'internal' }] })))
    .on('qbusiness:ListIndices', scoped(app, (e) => ({ indices: [{ indexId: e.index, displayName: 'handbook', status: 'ACTIVE', createdAt: T, updatedAt: T }] })))
    .on('qbusiness:GetIndex', scoped((e) => ({ applicationId: e.application, indexId: e.index }), (e) => ({
      applicationId: e.application, indexId: e.index, indexArn: resourceArns(e).index, displayName: 'handbook', type: 'ENTERPRISE', status: 'ACTIVE',
      capacityConfiguration: { units: 1 }, indexStatistics: { textDocumentStatistics: { indexedTextDocumentCount: 1200, indexedTextBytes: 52_000_000 } },
      createdAt: T, updatedAt: T,
    })))
    .on('qbusiness:ListDataSources', scoped((e) => ({ applicationId: e.application, indexId: e.index }), (e) => ({
      dataSources: [{ dataSourceId: e.dataSource, displayName: 'handbook-bucket', type: 'S3', status: 'ACTIVE', createdAt: T, updatedAt: T }],
    })))
    .on('qbusiness:GetDataSource', scoped((e) => ({ applicationId: e.application, indexId: e.index, dataSourceId: e.dataSource }), (e) => ({
      applicationId: e.application, indexId: e.index, dataSourceId: e.dataSource, dataSourceArn: resourceArns(e).dataSource, displayName: 'handbook-bucket',
      type: 'S3', status: 'ACTIVE', roleArn: ROLE('QBusinessS3DataSource'), syncSchedule: 'cron(0 2 * * ? *)',
      vpcConfiguration: { subnetIds: ['subnet-0a1b2c3d'], securityGroupIds: ['sg-0a1b2c3d'] },
      configuration: { type: 'S3', connectionConfiguration: { repositoryEndpointMetadata: { BucketName: `handbook-${e.region}` } } },
      createdAt: T, updatedAt: T,
    })))
    .on('qbusiness:ListRetrievers', scoped(app, (e) => ({
      retrievers: [{ applicationId: e.application, retrieverId: e.retriever, displayName: 'native', type: 'NATIVE_INDEX', status: 'ACTIVE' }],
    })))
    .on('qbusiness:GetRetriever', scoped((e) => ({ applicationId: e.application, retrieverId: e.retriever }), (e) => ({
      applicationId: e.application, retrieverId: e.retriever, retrieverArn: resourceArns(e).retriever, displayName: 'native', type: 'NATIVE_INDEX',
      status: 'ACTIVE', configuration: { nativeIndexConfiguration: { indexId: e.index } }, createdAt: T, updatedAt: T,
    })))
    .on('qbusiness:ListPlugins', scoped(app, (e) => ({
      plugins: [{ pluginId: e.plugin, displayName: 'jira', type: 'JIRA', state: 'ENABLED', buildStatus: 'READY', serverUrl: 'https://example.atlassian.net', createdAt: T, updatedAt: T }],
    })))
    .on('qbusiness:GetPlugin', scoped((e) => ({ applicationId: e.application, pluginId: e.plugin }), (e) => ({
      applicationId: e.application, pluginId: e.plugin, pluginArn: resourceArns(e).plugin, displayName: 'jira', type: 'JIRA', state: 'ENABLED', buildStatus: 'READY',
      serverUrl: 'https://example.atlassian.net',
      authConfiguration: { oAuth2ClientCredentialConfiguration: { secretArn: `arn:aws:secretsmanager:${e.region}:${ACCOUNT}:secret:jira-AbCdEf`, roleArn: ROLE('QBusinessJiraPlugin') } },
      createdAt: T, updatedAt: T,
    })))
    .on('qbusiness:ListWebExperiences', scoped(app, (e) => ({
      webExperiences: [{ webExperienceId: e.webExperience, status: 'ACTIVE', defaultEndpoint: `https://${e.webExperience.slice(0, 8)}.chat.qbusiness.${e.region}.on.aws/`, createdAt: T, updatedAt: T }],
    })))
    .on('qbusiness:GetWebExperience', scoped((e) => ({ applicationId: e.application, webExperienceId: e.webExperience }), (e) => ({
      applicationId: e.application, webExperienceId: e.webExperience, webExperienceArn: resourceArns(e).webExperience, title: 'Ask the handbook', subtitle: 'Internal use only',
      welcomeMessage: 'Hello', status: 'ACTIVE', origins: ['https://intranet.example.com'], defaultEndpoint: `https://${e.webExperience.slice(0, 8)}.chat.qbusiness.${e.region}.on.aws/`,
      roleArn: ROLE('QBusinessWebExperience'), samplePromptsControlMode: 'ENABLED', createdAt: T, updatedAt: T,
    })))
    .on('qbusiness:ListDataAccessors', scoped(app, (e) => ({
      dataAccessors: [{ dataAccessorId: e.dataAccessor, dataAccessorArn: resourceArns(e).dataAccessor, displayName: 'search-isv', principal: ROLE('IsvSearch'), createdAt: T, updatedAt: T }],
    })))
    .on('qbusiness:GetDataAccessor', scoped((e) => ({ applicationId: e.application, dataAccessorId: e.dataAccessor }), (e) => ({
      applicationId: e.application, dataAccessorId: e.dataAccessor, dataAccessorArn: resourceArns(e).dataAccessor, displayName: 'search-isv', principal: ROLE('IsvSearch'),
      actionConfigurations: [{ action: 'qbusiness:SearchRelevantContent' }], authenticationDetail: { authenticationType: 'AWS_IAM_IDC_AUTH_CODE' },
      createdAt: T, updatedAt: T,
    })))
    // Two pages: settings and a topic, then another topic.
    .on('qbusiness:GetChatControlsConfiguration', (call) => {
      const e = estateOf(call);
      if (!e || call.params.applicationId !== e.application) return expecting(() => null, () => null)(call);
      return tokenPages([
        {
          responseScope: 'ENTERPRISE_CONTENT_ONLY', blockedPhrases: { blockedPhrases: ['salary bands'], systemMessageOverride: 'I cannot help with that.' },
          topicConfigurations: [{ name: 'legal-advice', description: 'No legal advice', rules: [{ ruleType: 'CONTENT_BLOCKER_RULE' }], exampleChatMessages: ['Can I sue?'] }],
          creatorModeConfiguration: { creatorModeControl: 'DISABLED' }, hallucinationReductionConfiguration: { hallucinationReductionControl: 'ENABLED' },
        },
        { responseScope: 'ENTERPRISE_CONTENT_ONLY', topicConfigurations: [{ name: 'hr-policies', rules: [{ ruleType: 'CONTENT_RETRIEVAL_RULE' }] }] },
      ])(call);
    })
    .on('qbusiness:GetPolicy', scoped(app, (e) => ({
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'isv', Effect: 'Allow', Principal: { AWS: ROLE('IsvSearch') }, Action: 'qbusiness:SearchRelevantContent', Resource: applicationArn(e) }],
      }),
    })))
    .on('logs:DescribeDeliverySources', scoped(() => ({}), (e) => ({
      deliverySources: [{
        name: `qbusiness-${e.application}`, arn: `arn:aws:logs:${e.region}:${ACCOUNT}:delivery-source:qbusiness-${e.application}`,
        resourceArns: [applicationArn(e)], service: 'qbusiness', logType: 'EVENT_LOGS',
      }],
    })))
    .on('logs:DescribeDeliveries', scoped(() => ({}), (e) => ({
      deliveries: [{
        id: `del${e.region === 'us-east-1' ? 'USE1' : 'EUW1'}0000000001`, arn: `arn:aws:logs:${e.region}:${ACCOUNT}:delivery:del0000000001`,
        deliverySourceName: `qbusiness-${e.application}`, deliveryDestinationArn: `arn:aws:logs:${e.region}:${ACCOUNT}:delivery-destination:qbusiness-logs`,
        deliveryDestinationType: 'CWL',
      }],
    })));
}
