// Fixtures and a regional table tester for the detection checks. check-tester's accountSnapshot()
// puts every source in one region; these checks are regional, so here each source is given per
// region and each expected finding may name its region.
import assert from 'node:assert/strict';
import { evaluateAccount } from '../../../runner/evaluate/evaluate.js';
import type { Status } from '../../../runner/findings/finding.js';
import type { AccountSnapshot, SourceError } from '../../../runner/snapshot/snapshot.js';
import type {
  AccessAnalyzer, AccessAnalyzerFindingsData, AccessAnalyzersData, AnalyzerFindings, ExternalAccessFinding, GuardDutyDetectorsData, SecurityHubData,
} from '../../../runner/sources/detection-sources.js';
import { ACCOUNT_ID, builtinCheck, failed, NOW, regionalSnapshot as snapshotOf, type RegionalSources } from '../../helpers/check-tester.js';

export { ACCOUNT_ID, failed };

export const REGIONS = ['us-east-1', 'eu-west-1'];

export type { RegionalSources };

export function regionalSnapshot(sources: RegionalSources, regions: string[] = REGIONS): AccountSnapshot {
  return snapshotOf(sources, regions);
}

/** The same data in every region of REGIONS. */
export function everywhere(data: unknown, regions: string[] = REGIONS): Record<string, unknown> {
  return Object.fromEntries(regions.map((r) => [r, data]));
}

export interface RegionalExpectation {
  status: Status;
  region?: string;
  /** Resource name or id. */
  resource?: string;
  message?: string | RegExp | (string | RegExp)[];
}

export interface RegionalCase {
  name: string;
  sources: RegionalSources;
  regions?: string[];
  expect: RegionalExpectation[];
  /** Expected findings in this order (the view's order), not in any order. */
  ordered?: boolean;
}

function matches(f: { status: Status; region: string; resource: { id: string; name: string | null }; message: string }, e: RegionalExpectation): boolean {
  if (f.status !== e.status) return false;
  if (e.region !== undefined && f.region !== e.region) return false;
  if (e.resource !== undefined && f.resource.name !== e.resource && f.resource.id !== e.resource) return false;
  const frags = e.message === undefined ? [] : Array.isArray(e.message) ? e.message : [e.message];
  return frags.every((m) => (typeof m === 'string' ? f.message.includes(m) : m.test(f.message)));
}

/** One mocha `it` per case; findings must match the expectations exactly (in any order unless `ordered`). */
export function regionalCheckCases(checkId: string, cases: RegionalCase[]): void {
  describe(`${checkId} (per region)`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const findings = evaluateAccount(regionalSnapshot(c.sources, c.regions), [builtinCheck(checkId)], { now: new Date(NOW) });
        const summary = findings.map((f) => `${f.status} ${f.region} ${f.resource.name ?? f.resource.id}: ${f.message}`).join('\n');
        assert.equal(findings.length, c.expect.length, `expected ${c.expect.length} finding(s), got:\n${summary}`);
        if (c.ordered) {
          c.expect.forEach((e, i) => assert.ok(matches(findings[i], e), `finding ${i} does not match ${JSON.stringify(e, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v))}; got:\n${summary}`));
        } else {
          const remaining = [...findings];
          for (const e of c.expect) {
            const idx = remaining.findIndex((f) => matches(f, e));
            assert.ok(idx >= 0, `no finding matches ${JSON.stringify(e, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v))}; got:\n${summary}`);
            remaining.splice(idx, 1);
          }
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

// --- data builders

export function analyzer(name: string, type = 'ACCOUNT', status = 'ACTIVE', region = 'us-east-1'): AccessAnalyzer {
  const kind = type.startsWith('ORGANIZATION') ? 'organization' : 'account';
  return {
    arn: `arn:aws:access-analyzer:${region}:${ACCOUNT_ID}:analyzer/${name}`, name, type, status,
    status_reason: status === 'FAILED' ? 'SERVICE_LINKED_ROLE_CREATION_FAILED' : null,
    created_at: '2025-01-01T00:00:00.000Z', last_resource_analyzed_at: kind === 'account' ? '2026-11-30T00:00:00.000Z' : null,
  };
}

export const analyzers = (...list: AccessAnalyzer[]): AccessAnalyzersData => ({ analyzers: list });

export function roleFinding(id: string, role: string, principal: Record<string, string> = { AWS: '999988887777' }): ExternalAccessFinding {
  return {
    id, resource: `arn:aws:iam::${ACCOUNT_ID}:role/${role}`, resource_type: 'AWS::IAM::Role', resource_owner_account: ACCOUNT_ID,
    principal, action: ['sts:AssumeRole'], is_public: principal.AWS === '*', condition: {}, status: 'ACTIVE',
    created_at: '2026-10-01T00:00:00.000Z', updated_at: '2026-10-01T00:00:00.000Z', analyzed_at: '2026-11-30T00:00:00.000Z', error: null,
  };
}

export function bucketFinding(id: string, bucket: string, isPublic = false): ExternalAccessFinding {
  return {
    id, resource: `arn:aws:s3:::${bucket}`, resource_type: 'AWS::S3::Bucket', resource_owner_account: ACCOUNT_ID,
    principal: { AWS: isPublic ? '*' : '444455556666' }, action: ['s3:GetObject'], is_public: isPublic,
    condition: isPublic ? {} : { 'aws:SourceVpce': 'vpce-1a2b3c4d' }, status: 'ACTIVE',
    created_at: '2026-10-01T00:00:00.000Z', updated_at: '2026-10-01T00:00:00.000Z', analyzed_at: '2026-11-30T00:00:00.000Z', error: null,
  };
}

export function analyzerFindings(a: AccessAnalyzer, findings: ExternalAccessFinding[] | null, error?: SourceError): AnalyzerFindings {
  return { analyzer_arn: a.arn, analyzer_name: a.name, analyzer_type: a.type, findings, ...(error ? { error } : {}) };
}

export const findingsData = (...list: AnalyzerFindings[]): AccessAnalyzerFindingsData => ({ analyzers: list });

export function detectors(...list: [string, string][]): GuardDutyDetectorsData {
  return {
    detectors: list.map(([id, status]) => ({ id, status, created_at: '2024-01-01T00:00:00.000Z', updated_at: '2026-11-01T00:00:00.000Z', finding_publishing_frequency: 'SIX_HOURS' })),
  };
}

export function hub(region: string): SecurityHubData {
  return {
    enabled: true, hub_arn: `arn:aws:securityhub:${region}:${ACCOUNT_ID}:hub/default`, subscribed_at: '2024-03-04T05:06:07.000Z',
    auto_enable_controls: true, control_finding_generator: 'SECURITY_CONTROL', not_enabled_reason: null,
  };
}

export const NO_HUB: SecurityHubData = {
  enabled: false, hub_arn: null, subscribed_at: null, auto_enable_controls: null, control_finding_generator: null,
  not_enabled_reason: `InvalidAccessException: Account ${ACCOUNT_ID} is not subscribed to AWS Security Hub`,
};
