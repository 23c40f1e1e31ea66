// The account's trails, merged across regions. `cloudtrail.trails` is collected per region and a
// multi-region or organization trail shows up in every region, but only its home region's entry
// carries its status and event selectors. This merges the regions into one entry per TrailARN,
// decides in which region a per-trail or account-level finding goes (so each is emitted once), and
// says for every trail what could not be read and why. Pure: it reads the snapshot only.
import type { AccountSnapshot, SourceError, SourceResult } from '../snapshot/snapshot.js';
import { globalRegion } from '../snapshot/snapshot.js';
import type { CloudTrailSelectors, CloudTrailTrail, CloudTrailTrailsData } from '../sources/cloudtrail-sources.js';

export const TRAILS_SOURCE = 'cloudtrail.trails';

export interface MergedTrail {
  /** The home region's entry when it was read, else the first copy seen. */
  trail: CloudTrailTrail;
  /** The account that owns the trail (from its ARN): another account for an organization trail seen from a member. */
  owner_account_id: string;
  /** Scanned regions that list the trail. */
  seen_in: string[];
  /** Where the trail's own findings go: its home region when that was read, else the first region that lists it. */
  finding_region: string;
  is_logging: boolean | null;
  selectors: CloudTrailSelectors | null;
  /** Why is_logging is null. */
  status_error: SourceError | null;
  /** Why selectors is null. */
  selectors_error: SourceError | null;
}

/** Whether the region's trail list was read, and if not, why. */
export type RegionTrails = { read: true } | { read: false; error: SourceError };

export interface TrailTable {
  trails: MergedTrail[];
  /** Every scanned region: was its trail list read? */
  regions: Map<string, RegionTrails>;
  /**
   * The region of the account-level findings: the partition's IAM region when its trail list was
   * read, else the first scanned region whose list was; null when no list was read.
   */
  account_region: string | null;
}

const cache = new WeakMap<AccountSnapshot, TrailTable>();

function notCollected(region: string): SourceError {
  return { code: 'NotCollected', message: `${TRAILS_SOURCE} was not collected in ${region}`, action: 'cloudtrail:DescribeTrails' };
}

function stateOf(regions: ReadonlyMap<string, RegionTrails>, region: string): RegionTrails {
  return regions.get(region) ?? { read: false, error: { code: 'NotScanned', message: `${region} was not scanned`, action: null } };
}

/** The state of the trail list of any region, scanned or not. */
export function regionTrails(table: TrailTable, region: string): RegionTrails {
  return stateOf(table.regions, region);
}

function ownerOf(arn: string, fallback: string): string {
  return arn.split(':')[4] || fallback;
}

/** The merged trail table of an account (computed once per snapshot object). */
export function trailTable(account: AccountSnapshot): TrailTable {
  const hit = cache.get(account);
  if (hit) return hit;
  const sourceTable: Record<string, SourceResult> = account.sources[TRAILS_SOURCE] ?? {};
  const regions = new Map<string, RegionTrails>();
  const lists = new Map<string, CloudTrailTrail[]>();
  for (const region of account.regions) {
    const result = sourceTable[region];
    if (!result) regions.set(region, { read: false, error: notCollected(region) });
    else if (result.status === 'error') regions.set(region, { read: false, error: result.error });
    else {
      regions.set(region, { read: true });
      lists.set(region, (result.data as CloudTrailTrailsData).trails);
    }
  }

  // Every copy of each trail, in the order of the scanned regions.
  const copies = new Map<string, { region: string; trail: CloudTrailTrail }[]>();
  for (const [region, trails] of lists) {
    for (const trail of trails) {
      let list = copies.get(trail.arn);
      if (!list) copies.set(trail.arn, (list = []));
      list.push({ region, trail });
    }
  }

  const trails: MergedTrail[] = [];
  for (const [arn, seen] of [...copies].sort(([a], [b]) => a.localeCompare(b))) {
    const first = seen[0].trail;
    const homeRegion = first.home_region;
    const home = seen.find((c) => c.region === homeRegion && c.trail.in_home_region);
    const merged: MergedTrail = {
      trail: home?.trail ?? first,
      owner_account_id: ownerOf(arn, account.account_id),
      seen_in: seen.map((c) => c.region),
      finding_region: home ? home.region : seen[0].region,
      is_logging: null,
      selectors: null,
      status_error: null,
      selectors_error: null,
    };
    if (home) {
      const t = home.trail;
      if (t.status) merged.is_logging = t.status.is_logging;
      else merged.status_error = t.status_error ?? { code: 'NotCollected', message: `the status of ${t.name} was not read`, action: 'cloudtrail:GetTrailStatus' };
      if (t.selectors) merged.selectors = t.selectors;
      else merged.selectors_error = t.selectors_error ?? { code: 'NotCollected', message: `the event selectors of ${t.name} were not read`, action: 'cloudtrail:GetEventSelectors' };
    } else {
      // Status and selectors are read only in the home region; without it both are unknown.
      const state = stateOf(regions, homeRegion);
      const why: SourceError = state.read
        ? { code: 'NotListed', message: `${first.name} is not listed in its home region ${homeRegion}`, action: 'cloudtrail:DescribeTrails' }
        : state.error.code === 'NotScanned'
          ? { code: 'NotScanned', message: `its home region ${homeRegion} was not scanned (add it to --regions)`, action: null }
          : { ...state.error, message: `its home region ${homeRegion} could not be read: ${state.error.message}` };
      merged.status_error = why;
      merged.selectors_error = why;
    }
    trails.push(merged);
  }

  const read = account.regions.filter((r) => regions.get(r)?.read === true);
  const iamRegion = globalRegion(account.partition);
  const table: TrailTable = { trails, regions, account_region: read.includes(iamRegion) ? iamRegion : (read[0] ?? null) };
  cache.set(account, table);
  return table;
}
