// CloudTrail trails of one region. DescribeTrails lists, besides the region's own trails, shadow
// copies of multi-region trails whose home is elsewhere and organization trails seen from a member
// account (includeShadowTrails). Status and event selectors belong to the trail, not to a copy:
// they are read only in the trail's home region, so each trail costs one GetTrailStatus and one
// GetEventSelectors per scan however many regions show it. A failure of either call is kept on
// that trail (an organization trail may refuse them to a member account); the others go on.
import {
  DescribeTrailsCommand,
  GetEventSelectorsCommand,
  GetTrailStatusCommand,
  type AdvancedEventSelector as SdkAdvancedEventSelector,
  type CloudTrailClient,
  type EventSelector as SdkEventSelector,
  type Trail,
} from '@aws-sdk/client-cloudtrail';
import pLimit from 'p-limit';
import {
  FIELD_OPERATORS,
  type AdvancedEventSelector,
  type AdvancedFieldSelector,
  type ClassicEventSelector,
  type CloudTrailSelectors,
  type CloudTrailStatus,
  type CloudTrailTrail,
  type CloudTrailTrailsData,
} from '../sources/cloudtrail-sources.js';
import type { SourceError } from '../snapshot/snapshot.js';
import type { Collector } from './collector.js';
import { toSourceError } from './source-error.js';

const iso = (d: Date | undefined): string | null => (d ? d.toISOString() : null);

/** `arn:aws:cloudtrail:REGION:ACCOUNT:trail/NAME` → REGION (for a trail without HomeRegion). */
function arnRegion(arn: string): string | null {
  return arn.split(':')[3] || null;
}

function describe(t: Trail, arn: string, region: string): CloudTrailTrail {
  const home = t.HomeRegion ?? arnRegion(arn) ?? region;
  return {
    name: t.Name ?? arn.slice(arn.lastIndexOf('/') + 1),
    arn,
    home_region: home,
    is_multi_region: t.IsMultiRegionTrail === true,
    is_organization_trail: t.IsOrganizationTrail === true,
    include_global_service_events: t.IncludeGlobalServiceEvents === true,
    log_file_validation_enabled: t.LogFileValidationEnabled === true,
    kms_key_id: t.KmsKeyId ?? null,
    s3_bucket_name: t.S3BucketName ?? null,
    cloudwatch_logs_log_group_arn: t.CloudWatchLogsLogGroupArn ?? null,
    has_custom_event_selectors: t.HasCustomEventSelectors === true,
    in_home_region: home === region,
    status: null,
    selectors: null,
  };
}

function classic(s: SdkEventSelector): ClassicEventSelector {
  const out: ClassicEventSelector = {};
  if (s.ReadWriteType !== undefined) out.ReadWriteType = s.ReadWriteType;
  if (s.IncludeManagementEvents !== undefined) out.IncludeManagementEvents = s.IncludeManagementEvents;
  if (s.DataResources !== undefined) {
    out.DataResources = s.DataResources.map((d) => {
      const r: { Type?: string; Values?: string[] } = {};
      if (d.Type !== undefined) r.Type = d.Type;
      if (d.Values !== undefined) r.Values = [...d.Values];
      return r;
    });
  }
  if (s.ExcludeManagementEventSources !== undefined) out.ExcludeManagementEventSources = [...s.ExcludeManagementEventSources];
  return out;
}

function advanced(s: SdkAdvancedEventSelector): AdvancedEventSelector {
  const out: AdvancedEventSelector = { FieldSelectors: [] };
  if (s.Name !== undefined) out.Name = s.Name;
  for (const f of s.FieldSelectors ?? []) {
    const field: AdvancedFieldSelector = { Field: f.Field ?? '' };
    // Only the operators that are set, so the snapshot is the same after a JSON round trip.
    for (const op of FIELD_OPERATORS) {
      const values = f[op];
      if (values !== undefined) field[op] = [...values];
    }
    out.FieldSelectors.push(field);
  }
  return out;
}

async function readStatus(client: CloudTrailClient, arn: string): Promise<CloudTrailStatus> {
  const s = await client.send(new GetTrailStatusCommand({ Name: arn }));
  return {
    is_logging: s.IsLogging === true,
    latest_delivery_time: iso(s.LatestDeliveryTime),
    latest_delivery_error: s.LatestDeliveryError || null,
    start_logging_time: iso(s.StartLoggingTime),
    stop_logging_time: iso(s.StopLoggingTime),
  };
}

async function readSelectors(client: CloudTrailClient, arn: string): Promise<CloudTrailSelectors> {
  const s = await client.send(new GetEventSelectorsCommand({ TrailName: arn }));
  return { event_selectors: (s.EventSelectors ?? []).map(classic), advanced_event_selectors: (s.AdvancedEventSelectors ?? []).map(advanced) };
}

/** Runs `read` and stores its result or its failure on the trail; never throws. */
async function settle<T>(read: () => Promise<T>, ok: (value: T) => void, failed: (error: SourceError) => void): Promise<void> {
  try {
    ok(await read());
  } catch (err) {
    failed(toSourceError(err));
  }
}

export const cloudtrailTrailsCollector: Collector = {
  id: 'cloudtrail.trails',
  async collect(ctx): Promise<CloudTrailTrailsData> {
    const client = ctx.clients.get('cloudtrail');
    // DescribeTrails is not paginated: one call returns every trail the region shows.
    const out = await client.send(new DescribeTrailsCommand({ includeShadowTrails: true }));
    const byArn = new Map<string, CloudTrailTrail>();
    for (const t of out.trailList ?? []) {
      const arn = t.TrailARN ?? (t.Name ? `arn:${ctx.partition}:cloudtrail:${t.HomeRegion ?? ctx.region}:${ctx.accountId}:trail/${t.Name}` : null);
      if (arn === null || byArn.has(arn)) continue;
      byArn.set(arn, describe(t, arn, ctx.region));
    }
    const trails = [...byArn.values()];
    const limit = pLimit(ctx.concurrency);
    // Two independent calls per trail, each in its own concurrency slot; one may fail without the other.
    await Promise.all(trails.filter((t) => t.in_home_region).flatMap((t) => [
      limit(() => settle(() => readStatus(client, t.arn), (v) => { t.status = v; }, (e) => { t.status_error = e; })),
      limit(() => settle(() => readSelectors(client, t.arn), (v) => { t.selectors = v; }, (e) => { t.selectors_error = e; })),
    ]));
    return { trails };
  },
};
