// The demo accounts' cloudtrail data sources. Production is recorded by the organization's trail
// (multi-region, homed in us-east-1, owned by the management account): logging, validated, KMS
// encrypted, with advanced selectors for management events, Amazon Q Business applications and
// indices, and Q Developer profiles. It also has a trail of its own in the application's region,
// qbusiness-conversation-audit, the trail whose selectors the demo trail's incident narrows
// (examples/demo/trail-incident.ts) and the responders restore before this snapshot is taken.
// The sandbox has two single-region trails of its own in
// us-east-1: one stopped, unvalidated, unencrypted, with classic selectors; one that logs only
// Chat events of Q Business. Each region lists the trails DescribeTrails would show there, with
// status and selectors only in the trail's home region.
import type { SourceTable } from '../../runner/snapshot/snapshot.js';
import type { AdvancedEventSelector, CloudTrailTrail, CloudTrailTrailsData } from '../../runner/sources/cloudtrail-sources.js';
import { ago, DEMO_REGIONS, ok, perRegion, type DemoSources } from './common.js';
import { ACCOUNT_TRAIL_ARN } from './trail-incident.js';

/** The organization's management account, which owns the organization trail. */
export const ORGANIZATION_MANAGEMENT_ACCOUNT = '555566667777';

const dataEvents = (name: string, resourceType: string, ...extra: AdvancedEventSelector['FieldSelectors']): AdvancedEventSelector => ({
  Name: name,
  FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: [resourceType] }, ...extra],
});

function organizationTrail(): CloudTrailTrail {
  const owner = ORGANIZATION_MANAGEMENT_ACCOUNT;
  return {
    name: 'org-audit-trail',
    arn: `arn:aws:cloudtrail:us-east-1:${owner}:trail/org-audit-trail`,
    home_region: 'us-east-1',
    is_multi_region: true,
    is_organization_trail: true,
    include_global_service_events: true,
    log_file_validation_enabled: true,
    kms_key_id: `arn:aws:kms:us-east-1:${owner}:key/7f3c2a10-4b5d-4e6f-8a9b-0c1d2e3f4a5b`,
    s3_bucket_name: 'org-audit-cloudtrail-555566667777',
    cloudwatch_logs_log_group_arn: null,
    has_custom_event_selectors: true,
    in_home_region: true,
    status: { is_logging: true, latest_delivery_time: ago(0), latest_delivery_error: null, start_logging_time: ago(900), stop_logging_time: null },
    selectors: {
      event_selectors: [],
      advanced_event_selectors: [
        { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        dataEvents('Amazon Q Business applications', 'AWS::QBusiness::Application'),
        // Indices too; data sources (AWS::QBusiness::DataSource) are left out, a gap the check names.
        dataEvents('Amazon Q Business indices', 'AWS::QBusiness::Index'),
        dataEvents('Amazon Q Developer profiles', 'AWS::CodeWhisperer::Profile'),
      ],
    },
  };
}

/**
 * Production's own trail for the knowledge assistant's conversations, in the application's region:
 * validated and KMS encrypted like the organization trail, with the selectors the contractor
 * removed on 2026-11-26 and the responders put back on 2026-11-29 (management events, and every
 * data event of the Q Business applications).
 */
function conversationAuditTrail(account: string): CloudTrailTrail {
  // The demo trail's ARN names it: arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME.
  const arn = ACCOUNT_TRAIL_ARN;
  const [, , , homeRegion, , resource] = arn.split(':');
  const name = resource.replace(/^trail\//, '');
  return {
    name,
    arn,
    home_region: homeRegion,
    is_multi_region: false,
    is_organization_trail: false,
    include_global_service_events: true,
    log_file_validation_enabled: true,
    kms_key_id: `arn:aws:kms:${homeRegion}:${account}:key/2b4d6f80-1a3c-4e5f-9071-8293a4b5c6d7`,
    s3_bucket_name: `${name}-${account}`,
    cloudwatch_logs_log_group_arn: null,
    has_custom_event_selectors: true,
    in_home_region: true,
    // Logging since before the demo trail's baseline: the incident changed the selectors, not the logging.
    status: { is_logging: true, latest_delivery_time: ago(0), latest_delivery_error: null, start_logging_time: ago(240), stop_logging_time: null },
    selectors: {
      event_selectors: [],
      advanced_event_selectors: [
        { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
        dataEvents('Q Business conversations and documents', 'AWS::QBusiness::Application'),
      ],
    },
  };
}

function sandboxTrails(account: string): CloudTrailTrail[] {
  const base = (name: string): Omit<CloudTrailTrail, 'status' | 'selectors'> => ({
    name,
    arn: `arn:aws:cloudtrail:us-east-1:${account}:trail/${name}`,
    home_region: 'us-east-1',
    is_multi_region: false,
    is_organization_trail: false,
    include_global_service_events: true,
    log_file_validation_enabled: false,
    kms_key_id: null,
    s3_bucket_name: `${name}-${account}`,
    cloudwatch_logs_log_group_arn: null,
    has_custom_event_selectors: false,
    in_home_region: true,
  });
  return [
    {
      // Stopped during a cost clean-up and never started again.
      ...base('sandbox-trail'),
      status: { is_logging: false, latest_delivery_time: ago(41), latest_delivery_error: null, start_logging_time: ago(400), stop_logging_time: ago(41) },
      selectors: { event_selectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }], advanced_event_selectors: [] },
    },
    {
      // Logs the conversations only (an eventName filter): not every data event of the application.
      ...base('qbusiness-chat-trail'),
      log_file_validation_enabled: true,
      has_custom_event_selectors: true,
      status: { is_logging: true, latest_delivery_time: ago(0), latest_delivery_error: null, start_logging_time: ago(60), stop_logging_time: null },
      selectors: {
        event_selectors: [],
        advanced_event_selectors: [dataEvents('Q Business chat', 'AWS::QBusiness::Application', { Field: 'eventName', Equals: ['Chat', 'ChatSync'] })],
      },
    },
  ];
}

/** What DescribeTrails(includeShadowTrails) lists in `region`: shadow copies carry no status or selectors. */
function listedIn(region: string, trails: CloudTrailTrail[]): CloudTrailTrailsData {
  return {
    trails: trails
      .filter((t) => t.is_multi_region || t.home_region === region)
      .map((t) => (t.home_region === region ? t : { ...t, in_home_region: false, status: null, selectors: null })),
  };
}

export const cloudtrailDemoSources: DemoSources = (account) => {
  const trails = account.kind === 'prod' ? [organizationTrail(), conversationAuditTrail(account.id)] : sandboxTrails(account.id);
  const table: SourceTable = { 'cloudtrail.trails': perRegion(Object.fromEntries(DEMO_REGIONS.map((region) => [region, ok(listedIn(region, trails))]))) };
  return table;
};
