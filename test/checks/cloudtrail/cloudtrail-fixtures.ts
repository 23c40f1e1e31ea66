// Fixtures and a table tester for the cloudtrail checks. Trails are given once; `spread` puts each
// into every scanned region that lists it, the way DescribeTrails(includeShadowTrails) does: a
// multi-region trail in every region (status and selectors only in its home region), a
// single-region trail in its home region only.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Check } from '../../../runner/checks/check.js';
import { builtinChecksDir, loadCheckFile } from '../../../runner/checks/loader.js';
import { evaluateAccount } from '../../../runner/evaluate/evaluate.js';
import type { Finding, Status } from '../../../runner/findings/finding.js';
import type { AccountSnapshot } from '../../../runner/snapshot/snapshot.js';
import type { AdvancedEventSelector, CloudTrailSelectors, CloudTrailTrail, CloudTrailTrailsData } from '../../../runner/sources/cloudtrail-sources.js';
import type { QBusinessApplication } from '../../../runner/sources/qbusiness-data.js';
import { ACCOUNT_ID, failed, NOW, regionalSnapshot, type RegionalSources } from '../../helpers/check-tester.js';

export { ACCOUNT_ID, failed };

export const ORG_ACCOUNT = '999988887777';
export const REGIONS = ['us-east-1', 'eu-west-1'];

export const MANAGEMENT: AdvancedEventSelector = { Name: 'Management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] };
export const dataSelector = (name: string, resourceType: string, ...extra: AdvancedEventSelector['FieldSelectors']): AdvancedEventSelector => ({
  Name: name,
  FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', Equals: [resourceType] }, ...extra],
});
export const Q_APP = dataSelector('Q Business applications', 'AWS::QBusiness::Application');
export const Q_INDEX = dataSelector('Q Business indices', 'AWS::QBusiness::Index');
export const Q_DATA_SOURCE = dataSelector('Q Business data sources', 'AWS::QBusiness::DataSource');
export const Q_DEV = dataSelector('Q Developer', 'AWS::CodeWhisperer::Profile');
export const advanced = (...selectors: AdvancedEventSelector[]): CloudTrailSelectors => ({ event_selectors: [], advanced_event_selectors: selectors });
export const CLASSIC_ALL: CloudTrailSelectors = { event_selectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [] }], advanced_event_selectors: [] };

/** A trail as the collector stores it in its home region (logging, validated, KMS, management events). */
export function trail(name: string, o: Partial<CloudTrailTrail> & { account?: string; logging?: boolean } = {}): CloudTrailTrail {
  const { account = ACCOUNT_ID, logging = true, ...rest } = o;
  const home = rest.home_region ?? 'us-east-1';
  return {
    name,
    arn: `arn:aws:cloudtrail:${home}:${account}:trail/${name}`,
    home_region: home,
    is_multi_region: true,
    is_organization_trail: false,
    include_global_service_events: true,
    log_file_validation_enabled: true,
    kms_key_id: `arn:aws:kms:${home}:${account}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
    s3_bucket_name: `${name}-logs`,
    cloudwatch_logs_log_group_arn: null,
    has_custom_event_selectors: true,
    in_home_region: true,
    status: { is_logging: logging, latest_delivery_time: '2026-11-30T11:55:00.000Z', latest_delivery_error: null, start_logging_time: '2025-01-01T00:00:00.000Z', stop_logging_time: logging ? null : '2026-10-01T00:00:00.000Z' },
    selectors: advanced(MANAGEMENT),
    ...rest,
  };
}

/** An organization trail of the management account ORG_ACCOUNT, as a member account sees it. */
export function orgTrail(name: string, o: Partial<CloudTrailTrail> & { logging?: boolean } = {}): CloudTrailTrail {
  return trail(name, { account: ORG_ACCOUNT, is_organization_trail: true, ...o });
}

/** Each scanned region's DescribeTrails result: the trails it lists, shadow copies without status and selectors. */
export function spread(trails: CloudTrailTrail[], regions: string[] = REGIONS): Record<string, CloudTrailTrailsData> {
  return Object.fromEntries(regions.map((region) => [region, {
    trails: trails.filter((t) => t.is_multi_region || t.home_region === region).map((t) => (t.home_region === region
      ? { ...t, in_home_region: true }
      : { ...t, in_home_region: false, status: null, selectors: null, status_error: undefined, selectors_error: undefined })),
  }]));
}

export const application = (id: string, region: string, name = `app-${id}`, account = ACCOUNT_ID): QBusinessApplication => ({
  application_id: id,
  arn: `arn:aws:qbusiness:${region}:${account}:application/${id}`,
  display_name: name,
} as QBusinessApplication);

export type { RegionalSources };

export function snapshot(sources: RegionalSources, regions: string[] = REGIONS): AccountSnapshot {
  return regionalSnapshot(sources, regions);
}

export interface Expectation {
  status: Status;
  region?: string;
  /** Resource name or id. */
  resource?: string;
  message?: string | RegExp | (string | RegExp)[];
  /** Fragments the message must not contain. */
  not?: (string | RegExp)[];
}

export interface Case {
  name: string;
  sources: RegionalSources;
  regions?: string[];
  expect: Expectation[];
}

const loaded = new Map<string, Check>();

/** The built-in check file checks/cloudtrail/<id>.yaml (loaded alone, so other groups' files cannot get in the way). */
export function cloudtrailCheck(checkId: string): Check {
  let check = loaded.get(checkId);
  if (!check) loaded.set(checkId, (check = loadCheckFile(join(builtinChecksDir(), 'cloudtrail', `${checkId}.yaml`))));
  return check;
}

export function run(checkId: string, sources: RegionalSources, regions?: string[]): Finding[] {
  return evaluateAccount(snapshot(sources, regions), [cloudtrailCheck(checkId)], { now: new Date(NOW) });
}

const has = (text: string, m: string | RegExp): boolean => (typeof m === 'string' ? text.includes(m) : m.test(text));

function matches(f: Finding, e: Expectation): boolean {
  if (f.status !== e.status) return false;
  if (e.region !== undefined && f.region !== e.region) return false;
  if (e.resource !== undefined && f.resource.name !== e.resource && f.resource.id !== e.resource) return false;
  const frags = e.message === undefined ? [] : Array.isArray(e.message) ? e.message : [e.message];
  return frags.every((m) => has(f.message, m)) && (e.not ?? []).every((m) => !has(f.message, m));
}

/** One mocha `it` per case; findings must match the expectations exactly, in any order. */
export function cloudtrailCheckCases(checkId: string, cases: Case[]): void {
  describe(checkId, () => {
    for (const c of cases) {
      it(c.name, () => {
        const findings = run(checkId, c.sources, c.regions);
        const summary = findings.map((f) => `${f.status} ${f.region} ${f.resource.name ?? f.resource.id}: ${f.message}`).join('\n');
        assert.equal(findings.length, c.expect.length, `expected ${c.expect.length} finding(s), got:\n${summary}`);
        const remaining = [...findings];
        for (const e of c.expect) {
          const idx = remaining.findIndex((f) => matches(f, e));
          assert.ok(idx >= 0, `no finding matches ${JSON.stringify(e, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v))}; got:\n${summary}`);
          remaining.splice(idx, 1);
        }
        for (const f of findings) {
          assert.equal(f.check_id, checkId);
          assert.equal(f.account_id, ACCOUNT_ID);
          assert.ok(f.message.length > 0);
          assert.doesNotMatch(f.message, /undefined|\[object Object\]/);
        }
      });
    }
  });
}
