// What evaluateAccount does for speed that must not show in its findings: evidence merged key by
// key rather than by spread, one `resource` object per item for checks of the same resource type,
// and what a trail's selectors capture remembered across the applications of its regions.
import assert from 'node:assert/strict';
import { loadChecks } from '../../runner/checks/loader.js';
import { evaluateAccount, withEvidence } from '../../runner/evaluate/evaluate.js';
import { dataEventCoverage } from '../../runner/evaluate/evaluators/event-selector.js';
import type { AccountSnapshot } from '../../runner/snapshot/snapshot.js';
import type { AdvancedEventSelector, CloudTrailSelectors } from '../../runner/sources/cloudtrail-sources.js';
import { userRow } from '../helpers/iam-fixtures.js';

describe('withEvidence', () => {
  it('gives what { ...value, ...evidence } gives, key order and all', () => {
    const cases: [Record<string, unknown>, Record<string, unknown>][] = [
      [{ a: 1, b: [2], c: { d: 3 } }, { e: 'x' }],
      [{ a: 1, b: 2, c: 3 }, { b: 'replaced', z: 0 }],
      [{ 2: 'two', 10: 'ten', name: 'n' }, { 1: 'one', name: 'm' }],
      [{}, {}],
      [JSON.parse('{"x":1,"__proto__":{"polluted":true},"y":2}') as Record<string, unknown>, { y: 3 }],
      [{ a: 1 }, JSON.parse('{"__proto__":"evidence","b":2}') as Record<string, unknown>],
    ];
    for (const [value, evidence] of cases) {
      const merged = withEvidence(value, evidence);
      assert.equal(JSON.stringify(merged), JSON.stringify({ ...value, ...evidence }));
      assert.deepEqual(Object.keys(merged), Object.keys({ ...value, ...evidence }));
      assert.equal(Object.getPrototypeOf(merged), Object.prototype);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('evaluateAccount findings', () => {
  const now = new Date('2026-11-30T09:00:00.000Z');
  const report = { generated_at: now.toISOString(), rows: [userRow('alice', { password_enabled: true, mfa_active: false }), userRow('bob')] };
  const account: AccountSnapshot = {
    account_id: '111122223333',
    partition: 'aws',
    regions: ['us-east-1'],
    sources: { 'iam.credential_report': { 'us-east-1': { status: 'ok', data: report } } },
  } as unknown as AccountSnapshot;

  it('share one resource object per item between checks of a view, equal to a fresh one', () => {
    const checks = loadChecks().checks.filter((c) => c.doc.source === 'iam.user_credentials');
    assert.ok(checks.length >= 2);
    const findings = evaluateAccount(account, checks, { now });
    const byResource = new Map<string, object[]>();
    for (const f of findings) {
      assert.deepEqual(f.resource, { type: checks.find((c) => c.id === f.check_id)!.doc.resource_type, id: f.resource.id, arn: f.resource.arn, name: f.resource.name });
      byResource.set(`${f.resource.type} ${f.resource.id}`, [...(byResource.get(`${f.resource.type} ${f.resource.id}`) ?? []), f.resource]);
    }
    const alice = byResource.get(`AwsIamUser ${report.rows[0].arn}`)!;
    assert.ok(alice.length >= 2);
    for (const r of alice) assert.equal(r, alice[0]);
    // Two evaluations give the same findings, byte for byte.
    assert.equal(JSON.stringify(evaluateAccount(account, checks, { now })), JSON.stringify(findings));
  });
});

describe('dataEventCoverage of the same selectors for several targets', () => {
  const APP = (n: number): string => `arn:aws:qbusiness:us-east-1:123456789012:application/app-${n}`;
  const data = { Field: 'eventCategory', Equals: ['Data'] };
  const type = { Field: 'resources.type', Equals: ['AWS::QBusiness::Application'] };
  const selectors = (...list: AdvancedEventSelector[]): CloudTrailSelectors => ({ event_selectors: [], advanced_event_selectors: list });

  it('answers as for selectors seen for the first time, with or without a resources.ARN filter', () => {
    const lists: (() => AdvancedEventSelector[])[] = [
      () => [{ Name: 'all', FieldSelectors: [data, type] }],
      () => [{ Name: 'reads', FieldSelectors: [data, type, { Field: 'readOnly', Equals: ['true'] }] }],
      () => [{ Name: 'one app', FieldSelectors: [data, type, { Field: 'resources.ARN', Equals: [APP(1)] }] }],
      () => [{ Name: 'not app 2', FieldSelectors: [data, type, { Field: 'resources.ARN', NotEquals: [APP(2)] }] }, { Name: 'other', FieldSelectors: [data] }],
    ];
    for (const list of lists) {
      const shared = selectors(...list());
      for (const target of [{ arn: APP(1) }, { arn: APP(2) }, { prefix: `${APP(1)}/index/` }, { arn: APP(1) }]) {
        const first = dataEventCoverage(selectors(...list()), 'AWS::QBusiness::Application', target);
        assert.deepEqual(dataEventCoverage(shared, 'AWS::QBusiness::Application', target), first, `${list()[0].Name} ${JSON.stringify(target)}`);
        assert.deepEqual(dataEventCoverage(shared, 'AWS::QBusiness::Index', target), dataEventCoverage(selectors(...list()), 'AWS::QBusiness::Index', target));
      }
    }
  });
});
