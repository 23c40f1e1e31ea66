// Views over the cloudtrail data sources. Each reads the trails of every region of the account
// (runner/views/cloudtrail-trails.ts merges them by TrailARN) and emits each item in one region
// only, so a multi-region trail seen in ten regions still gets one finding.
import type { CelTypeDecl } from '../cel/cel-types.js';
import { trailRecordsManagementEvents } from '../evaluate/evaluators/event-selector.js';
import type { SourceError } from '../snapshot/snapshot.js';
import type { QBusinessApplicationsData } from '../sources/qbusiness-data.js';
import { regionTrails, trailTable, TRAILS_SOURCE, type MergedTrail, type TrailTable } from './cloudtrail-trails.js';
import { accountResource, type ViewContext, type ViewDef, type ViewItem } from './view.js';

const READ_ERROR_TYPE: CelTypeDecl = {
  name: 'CloudTrailReadError',
  fields: { code: 'string', message: 'string', action: 'string?' },
};

export const TRAIL_TYPE: CelTypeDecl = {
  name: 'CloudTrailTrail',
  fields: {
    exists: 'bool',
    name: 'string',
    arn: 'string',
    home_region: 'string',
    owner_account_id: 'string',
    owned_by_other_account: 'bool',
    is_multi_region: 'bool',
    is_organization_trail: 'bool',
    log_file_validation_enabled: 'bool',
    kms_key_id: 'string?',
    s3_bucket_name: 'string?',
    is_logging: 'bool?',
    event_selectors: 'list<dyn>?',
    advanced_event_selectors: 'list<dyn>?',
    status_error: `${READ_ERROR_TYPE.name}?`,
    selectors_error: `${READ_ERROR_TYPE.name}?`,
  },
  doc: {
    exists: 'false only for the one item that stands for "the account has no trail"',
    owned_by_other_account: 'an organization trail seen from a member account',
    is_logging: 'GetTrailStatus.IsLogging, read in the home region; absent when unknown (status_error)',
    event_selectors: 'classic event selectors; absent when unknown (selectors_error)',
    advanced_event_selectors: 'advanced event selectors; absent when unknown (selectors_error)',
  },
};

const REGION_TYPE: CelTypeDecl = {
  name: 'CloudTrailRegion',
  fields: { region: 'string', read: 'bool', error: `${READ_ERROR_TYPE.name}?` },
};

export const ACCOUNT_TRAILS_TYPE: CelTypeDecl = {
  name: 'CloudTrailAccount',
  fields: { account_id: 'string', trails: `list<${TRAIL_TYPE.name}>`, regions: `list<${REGION_TYPE.name}>`, management_trail: 'string?' },
  doc: {
    regions: 'each scanned region, and whether its trail list was read',
    management_trail: 'the multi-region trail that is logging and records read and write management events, when there is one ("trail NAME (home REGION)")',
  },
};

export const APPLICATION_TRAILS_TYPE: CelTypeDecl = {
  name: 'CloudTrailQBusinessApplication',
  fields: {
    application_id: 'string',
    arn: 'string',
    display_name: 'string',
    region: 'string',
    trails: `list<${TRAIL_TYPE.name}>`,
    trails_read: 'bool',
    trails_error: `${READ_ERROR_TYPE.name}?`,
  },
  doc: {
    trails: 'the trails that cover the application\'s region (multi-region, or homed there)',
    trails_read: 'false when the region\'s own trail list could not be read (a single-region trail there may be missing)',
  },
};

function readError(e: SourceError | null): Record<string, unknown> | null {
  return e ? { code: e.code, message: e.message, action: e.action } : null;
}

/** The CEL value of a merged trail. */
export function trailValue(m: MergedTrail, accountId: string): Record<string, unknown> {
  const t = m.trail;
  return {
    exists: true,
    name: t.name,
    arn: t.arn,
    home_region: t.home_region,
    owner_account_id: m.owner_account_id,
    owned_by_other_account: m.owner_account_id !== accountId,
    is_multi_region: t.is_multi_region,
    is_organization_trail: t.is_organization_trail,
    log_file_validation_enabled: t.log_file_validation_enabled,
    kms_key_id: t.kms_key_id,
    s3_bucket_name: t.s3_bucket_name,
    is_logging: m.is_logging,
    event_selectors: m.selectors ? m.selectors.event_selectors : null,
    advanced_event_selectors: m.selectors ? m.selectors.advanced_event_selectors : null,
    status_error: readError(m.status_error),
    selectors_error: readError(m.selectors_error),
  };
}

function trailItem(m: MergedTrail, accountId: string): ViewItem {
  return { value: trailValue(m, accountId), resource: { id: m.trail.arn, arn: m.trail.arn, name: m.trail.name } };
}

export const trailsView: ViewDef = {
  id: 'cloudtrail.trails',
  description:
    'Each trail of the account once (multi-region and organization trails included), in its home region; '
    + 'one item with exists = false, in the account\'s region, when there is no trail at all.',
  sources: [TRAILS_SOURCE],
  itemType: TRAIL_TYPE.name,
  types: [READ_ERROR_TYPE, TRAIL_TYPE],
  build(_data, ctx) {
    const table = trailTable(ctx.account);
    const items = table.trails.filter((m) => m.finding_region === ctx.region).map((m) => trailItem(m, ctx.account.account_id));
    if (table.trails.length === 0 && ctx.region === table.account_region) {
      items.push({
        value: {
          exists: false, name: '(no trail)', arn: '', home_region: ctx.region, owner_account_id: ctx.account.account_id,
          owned_by_other_account: false, is_multi_region: false, is_organization_trail: false, log_file_validation_enabled: false,
        },
        resource: accountResource(ctx),
      });
    }
    return items;
  },
};

/** The trails that are multi-region, logging and record read and write management events. */
function managementTrails(table: TrailTable): MergedTrail[] {
  return table.trails.filter((m) => trailRecordsManagementEvents({
    name: m.trail.name, arn: m.trail.arn, home_region: m.trail.home_region, is_multi_region: m.trail.is_multi_region,
    is_logging: m.is_logging, selectors: m.selectors,
  }).verdict === 'yes');
}

/** The trail that passes cloudtrail_multi_region_enabled: the one homed in the account's region first. */
function managementTrail(table: TrailTable): MergedTrail | undefined {
  const qualifying = managementTrails(table);
  return qualifying.find((m) => m.finding_region === table.account_region) ?? qualifying[0];
}

function trailLabel(m: MergedTrail, accountId: string): string {
  const owner = m.owner_account_id !== accountId ? ` of account ${m.owner_account_id}` : '';
  return `${m.trail.is_organization_trail ? 'organization trail' : 'trail'} ${m.trail.name}${owner} (home ${m.trail.home_region})`;
}

function accountValue(table: TrailTable, ctx: ViewContext): Record<string, unknown> {
  const management = managementTrail(table);
  return {
    account_id: ctx.account.account_id,
    trails: table.trails.map((m) => trailValue(m, ctx.account.account_id)),
    regions: ctx.account.regions.map((region) => {
      const state = regionTrails(table, region);
      return { region, read: state.read, error: state.read ? null : readError(state.error) };
    }),
    management_trail: management ? trailLabel(management, ctx.account.account_id) : null,
  };
}

/**
 * The region of the multi-region finding: the home region of the trail that passes (a qualifying
 * trail was read there), else the account's region.
 */
function multiRegionFindingRegion(table: TrailTable): string | null {
  return managementTrail(table)?.finding_region ?? table.account_region;
}

export const multiRegionView: ViewDef = {
  id: 'cloudtrail.multi_region',
  description: 'One item per account with every trail, in the home region of the multi-region trail that records management events (else the account\'s region).',
  sources: [TRAILS_SOURCE],
  itemType: ACCOUNT_TRAILS_TYPE.name,
  types: [READ_ERROR_TYPE, TRAIL_TYPE, REGION_TYPE, ACCOUNT_TRAILS_TYPE],
  build(_data, ctx) {
    const table = trailTable(ctx.account);
    if (ctx.region !== multiRegionFindingRegion(table)) return [];
    return [{ value: accountValue(table, ctx), resource: accountResource(ctx) }];
  },
};

export const accountTrailsView: ViewDef = {
  id: 'cloudtrail.account',
  description: 'One item per account with every trail and which regions\' trail lists were read, in the account\'s region (us-east-1 when read).',
  sources: [TRAILS_SOURCE],
  itemType: ACCOUNT_TRAILS_TYPE.name,
  types: [READ_ERROR_TYPE, TRAIL_TYPE, REGION_TYPE, ACCOUNT_TRAILS_TYPE],
  build(_data, ctx) {
    const table = trailTable(ctx.account);
    if (ctx.region !== table.account_region) return [];
    return [{ value: accountValue(table, ctx), resource: accountResource(ctx) }];
  },
};

export const QBUSINESS_APPLICATIONS_SOURCE = 'qbusiness.applications';

export const qbusinessApplicationTrailsView: ViewDef = {
  id: 'cloudtrail.qbusiness_applications',
  description:
    'Each Amazon Q Business application with the trails that cover its region (read from cloudtrail.trails of every region), '
    + 'evaluated in the Q Business regions.',
  // Only the applications drive where the view is evaluated (the Q Business regions); the trails
  // are read from the whole account, and a region whose trail list is missing is marked per item.
  sources: [QBUSINESS_APPLICATIONS_SOURCE],
  alsoReads: [TRAILS_SOURCE],
  itemType: APPLICATION_TRAILS_TYPE.name,
  types: [READ_ERROR_TYPE, TRAIL_TYPE, APPLICATION_TRAILS_TYPE],
  build(data, ctx) {
    const apps = (data[QBUSINESS_APPLICATIONS_SOURCE] as QBusinessApplicationsData).applications;
    if (apps.length === 0) return [];
    const table = trailTable(ctx.account);
    const state = regionTrails(table, ctx.region);
    const covering = table.trails
      .filter((m) => m.trail.is_multi_region || m.trail.home_region === ctx.region)
      .map((m) => trailValue(m, ctx.account.account_id));
    return apps.map((app) => ({
      value: {
        application_id: app.application_id,
        arn: app.arn,
        display_name: app.display_name,
        region: ctx.region,
        trails: covering,
        trails_read: state.read,
        trails_error: state.read ? null : readError(state.error),
      },
      resource: { id: app.arn, arn: app.arn, name: app.display_name },
    }));
  },
};

export const CLOUDTRAIL_VIEWS: readonly ViewDef[] = [trailsView, multiRegionView, accountTrailsView, qbusinessApplicationTrailsView];
