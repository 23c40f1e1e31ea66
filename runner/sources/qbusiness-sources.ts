// Data sources: Amazon Q Business applications and their resources, CloudWatch Logs deliveries.
//
// One source per resource kind, each below `qbusiness.applications` (which lists the applications
// once per region and page): a scan collects only the kinds its checks read, `qready policy` for
// a few checks grants only their calls, and a failed call stays with the application or resource
// it was made for (shapes: qbusiness-data.ts).
import { QBUSINESS_REGIONS } from './qbusiness-data.js';
import type { SourceDecl } from './source.js';

const TAGS = 'qbusiness:ListTagsForResource';
const APPLICATIONS = 'qbusiness.applications';

export const QBUSINESS_SOURCES: readonly SourceDecl[] = [
  {
    id: APPLICATIONS,
    scope: 'regional',
    regions: QBUSINESS_REGIONS,
    actions: ['qbusiness:ListApplications', 'qbusiness:GetApplication', TAGS],
    description: 'Amazon Q Business applications with identity type, encryption, attachment, Q Apps and personalization settings and tags.',
  },
  {
    id: 'qbusiness.indices',
    scope: 'regional',
    regions: QBUSINESS_REGIONS,
    actions: ['qbusiness:ListIndices', 'qbusiness:GetIndex', TAGS],
    dependsOn: [APPLICATIONS],
    description: 'The indices of each Q Business application with type, status, size and tags.',
  },
  {
    id: 'qbusiness.data_sources',
    scope: 'regional',
    regions: QBUSINESS_REGIONS,
    actions: ['qbusiness:ListDataSources', 'qbusiness:GetDataSource', TAGS],
    dependsOn: ['qbusiness.indices'],
    description: 'The data sources (connectors) of each Q Business index with type, role, sync schedule, VPC, document enrichment and tags.',
  },
  {
    id: 'qbusiness.retrievers',
    scope: 'regional',
    regions: QBUSINESS_REGIONS,
    actions: ['qbusiness:ListRetrievers', 'qbusiness:GetRetriever', TAGS],
    dependsOn: [APPLICATIONS],
    description: 'The retrievers of each Q Business application with type, role, index and tags.',
  },
  {
    id: 'qbusiness.plugins',
    scope: 'regional',
    regions: QBUSINESS_REGIONS,
    actions: ['qbusiness:ListPlugins', 'qbusiness:GetPlugin', TAGS],
    dependsOn: [APPLICATIONS],
    description: 'The plugins of each Q Business application with type, state, server URL, authentication kind and tags.',
  },
  {
    id: 'qbusiness.web_experiences',
    scope: 'regional',
    regions: QBUSINESS_REGIONS,
    actions: ['qbusiness:ListWebExperiences', 'qbusiness:GetWebExperience', TAGS],
    dependsOn: [APPLICATIONS],
    description: 'The web experiences of each Q Business application with allowed origins, texts, status and tags.',
  },
  {
    id: 'qbusiness.chat_controls',
    scope: 'regional',
    regions: QBUSINESS_REGIONS,
    actions: ['qbusiness:GetChatControlsConfiguration'],
    dependsOn: [APPLICATIONS],
    description: 'The chat controls of each Q Business application: response scope, blocked phrases and every topic configuration.',
  },
  {
    id: 'qbusiness.data_accessors',
    scope: 'regional',
    regions: QBUSINESS_REGIONS,
    actions: ['qbusiness:ListDataAccessors', 'qbusiness:GetDataAccessor', TAGS],
    dependsOn: [APPLICATIONS],
    description: 'The data accessors (ISV access to SearchRelevantContent) of each Q Business application with principal, actions and tags.',
  },
  {
    id: 'qbusiness.resource_policies',
    scope: 'regional',
    regions: QBUSINESS_REGIONS,
    actions: ['qbusiness:GetPolicy'],
    dependsOn: [APPLICATIONS],
    description: 'The resource-based policy of each Q Business application.',
  },
  {
    // Read where Q Business applications live, so that it lines up with qbusiness.applications.
    // A configuration that narrows `service_regions.qbusiness` should narrow `logs` the same way.
    id: 'qbusiness.log_deliveries',
    scope: 'regional',
    regions: QBUSINESS_REGIONS,
    actions: ['logs:DescribeDeliverySources', 'logs:DescribeDeliveries'],
    description: 'CloudWatch Logs vended-log delivery sources and deliveries (Q Business conversation logs use log type EVENT_LOGS).',
  },
];
