// Data sources: CloudTrail trails, status and event selectors (collector:
// runner/collect/cloudtrail-trails.ts; views: runner/views/cloudtrail-views.ts). The shape the
// collector stores in the snapshot is declared here too, so collector, views and evaluators agree.
import type { SourceError } from '../snapshot/snapshot.js';
import type { SourceDecl } from './source.js';

export const CLOUDTRAIL_SOURCES: readonly SourceDecl[] = [
  {
    id: 'cloudtrail.trails',
    scope: 'regional',
    actions: ['cloudtrail:DescribeTrails', 'cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors'],
    description:
      'Trails visible in the region (DescribeTrails with shadow trails: multi-region trails of other home regions and '
      + 'organization trails seen from a member account). Status and event selectors of each trail are read once, in '
      + 'its home region.',
  },
];

/** Source `cloudtrail.trails` (regional): every trail DescribeTrails lists in the region. */
export interface CloudTrailTrailsData {
  trails: CloudTrailTrail[];
}

export interface CloudTrailTrail {
  name: string;
  /** The TrailARN; its account is the trail's owner (the management account for an organization trail). */
  arn: string;
  home_region: string;
  is_multi_region: boolean;
  is_organization_trail: boolean;
  include_global_service_events: boolean;
  log_file_validation_enabled: boolean;
  /** The KMS key ARN the log files are encrypted with; null means SSE-S3 only. */
  kms_key_id: string | null;
  s3_bucket_name: string | null;
  cloudwatch_logs_log_group_arn: string | null;
  has_custom_event_selectors: boolean;
  /**
   * True when this region is the trail's home region: only there are its status and event
   * selectors read (one GetTrailStatus and one GetEventSelectors per trail and scan). In every
   * other region the entry is a shadow copy, and `status` and `selectors` are null.
   */
  in_home_region: boolean;
  /** GetTrailStatus; null in a shadow copy or when the call failed (`status_error`). */
  status: CloudTrailStatus | null;
  status_error?: SourceError;
  /** GetEventSelectors; null in a shadow copy or when the call failed (`selectors_error`). */
  selectors: CloudTrailSelectors | null;
  selectors_error?: SourceError;
}

export interface CloudTrailStatus {
  is_logging: boolean;
  latest_delivery_time: string | null;
  latest_delivery_error: string | null;
  start_logging_time: string | null;
  stop_logging_time: string | null;
}

/** A trail has either classic or advanced event selectors; the other list is empty. */
export interface CloudTrailSelectors {
  event_selectors: ClassicEventSelector[];
  advanced_event_selectors: AdvancedEventSelector[];
}

/** As in the CloudTrail API (EventSelector); absent members take the API's defaults (All, true). */
export interface ClassicEventSelector {
  ReadWriteType?: 'ReadOnly' | 'WriteOnly' | 'All' | string;
  IncludeManagementEvents?: boolean;
  DataResources?: { Type?: string; Values?: string[] }[];
  ExcludeManagementEventSources?: string[];
}

/** As in the CloudTrail API (AdvancedEventSelector). */
export interface AdvancedEventSelector {
  Name?: string;
  FieldSelectors: AdvancedFieldSelector[];
}

export const FIELD_OPERATORS = ['Equals', 'NotEquals', 'StartsWith', 'NotStartsWith', 'EndsWith', 'NotEndsWith'] as const;
export type FieldOperator = (typeof FIELD_OPERATORS)[number];

/** As in the CloudTrail API (AdvancedFieldSelector): one field, one or more operators. */
export type AdvancedFieldSelector = { Field: string } & { [op in FieldOperator]?: string[] };
