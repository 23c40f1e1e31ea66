import assert from 'node:assert/strict';
import { collectAccount, type CollectProgress, type Collector } from '../../runner/collect/collector.js';
import { withDependencies } from '../../runner/sources/source.js';
import type { SourceDecl } from '../../runner/sources/source.js';
import { SOURCES } from '../../runner/sources/source.js';
import { accessDenied, AwsWire, queryError } from '../helpers/aws-wire.js';
import { ACCOUNT, accountSummary, healthyAccount, noSleep, wireFactory } from './iam-wire-fixtures.js';

const ALL = SOURCES.map((s) => s.id);

describe('collectAccount', () => {
  it('stores AccessDenied on the credential report as a source error naming iam:GetCredentialReport; other sources succeed', async () => {
    const wire = healthyAccount().on('iam:GetCredentialReport', accessDenied('iam:GetCredentialReport'));
    const snapshot = await collectAccount({ factory: wireFactory(wire), accountId: ACCOUNT, partition: 'aws', regions: ['us-east-1'], sourceIds: ALL, sleep: noSleep });

    const report = snapshot.sources['iam.credential_report']['us-east-1'];
    assert.equal(report.status, 'error');
    assert.equal(report.status === 'error' && report.error.code, 'AccessDenied');
    assert.equal(report.status === 'error' && report.error.action, 'iam:GetCredentialReport');
    assert.match(report.status === 'error' ? report.error.message : '', /not authorized to perform: iam:GetCredentialReport/);

    // The dependent source fails naming its dependency (and the permission to grant); no MFA calls are made.
    const mfa = snapshot.sources['iam.mfa_devices']['us-east-1'];
    assert.equal(mfa.status, 'error');
    assert.equal(mfa.status === 'error' && mfa.error.code, 'DependencyFailed');
    assert.match(mfa.status === 'error' ? mfa.error.message : '', /iam\.credential_report/);
    assert.equal(mfa.status === 'error' && mfa.error.action, 'iam:GetCredentialReport');
    assert.equal(wire.callsTo('iam:ListMFADevices').length, 0);

    for (const id of ['iam.password_policy', 'iam.account_summary', 'iam.virtual_mfa_devices', 'iam.authorization_details', 'iam.support_policy_entities']) {
      assert.equal(snapshot.sources[id]['us-east-1'].status, 'ok', id);
    }
  });

  it('retries a Throttling error and stores the data of the successful attempt', async () => {
    const wire = new AwsWire().on('iam:GetAccountSummary', queryError('Throttling', 'Rate exceeded'), accountSummary);
    const snapshot = await collectAccount({ factory: wireFactory(wire), accountId: ACCOUNT, partition: 'aws', regions: [], sourceIds: ['iam.account_summary'], sleep: noSleep });
    const result = snapshot.sources['iam.account_summary']['us-east-1'];
    assert.equal(result.status, 'ok');
    assert.equal(wire.callsTo('iam:GetAccountSummary').length, 2);
  });

  it('keys global sources by the partition\'s IAM region and reports progress for each', async () => {
    const events: CollectProgress[] = [];
    const snapshot = await collectAccount({
      factory: wireFactory(healthyAccount()), accountId: ACCOUNT, partition: 'aws-cn', regions: ['cn-north-1', 'cn-northwest-1'],
      sourceIds: ['iam.account_summary'], sleep: noSleep, onProgress: (e) => events.push(e),
    });
    assert.deepEqual(Object.keys(snapshot.sources['iam.account_summary']), ['cn-north-1']);
    assert.deepEqual(snapshot.regions, ['cn-north-1', 'cn-northwest-1']);
    assert.deepEqual(events.map((e) => [e.source, e.region, e.status]), [
      ['iam.account_summary', 'cn-north-1', 'started'], ['iam.account_summary', 'cn-north-1', 'ok'],
    ]);
  });

  it('adds dependencies of requested sources, ordered before their dependents', async () => {
    assert.deepEqual(withDependencies(['iam.mfa_devices', 'iam.account_summary']), ['iam.credential_report', 'iam.mfa_devices', 'iam.account_summary']);
    const snapshot = await collectAccount({ factory: wireFactory(healthyAccount()), accountId: ACCOUNT, partition: 'aws', regions: [], sourceIds: ['iam.mfa_devices'], sleep: noSleep });
    assert.deepEqual(Object.keys(snapshot.sources), ['iam.credential_report', 'iam.mfa_devices']);
  });

  it('rejects unknown sources and dependency cycles before making any call', async () => {
    const wire = healthyAccount();
    await assert.rejects(
      collectAccount({ factory: wireFactory(wire), accountId: ACCOUNT, partition: 'aws', regions: [], sourceIds: ['iam.nope'] }),
      /unknown data source 'iam\.nope'/,
    );
    const cyclic: SourceDecl[] = [
      { id: 'a', scope: 'global', actions: [], dependsOn: ['b'], description: '' },
      { id: 'b', scope: 'global', actions: [], dependsOn: ['a'], description: '' },
    ];
    assert.throws(() => withDependencies(['a'], cyclic), /cycle: a → b → a/);
    assert.equal(wire.calls.length, 0);
  });

  describe('with regional sources (declarations injected)', () => {
    const declarations: SourceDecl[] = [
      { id: 'test.global', scope: 'global', actions: [], description: 'global' },
      { id: 'test.regional', scope: 'regional', actions: [], dependsOn: ['test.global'], description: 'regional' },
      { id: 'test.per_region', scope: 'regional', actions: [], dependsOn: ['test.regional'], description: 'regional on regional' },
    ];

    function collectors(fail: (id: string, region: string) => boolean, log: string[] = []): Map<string, Collector> {
      return new Map(declarations.map((d) => [d.id, {
        id: d.id,
        collect: async (ctx) => {
          log.push(`${d.id}@${ctx.region}`);
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (fail(d.id, ctx.region)) throw Object.assign(new Error(`${d.id} broke`), { name: 'AccessDeniedException', qreadyAction: 'test:Get' });
          return { region: ctx.region, deps: ctx.deps };
        },
      }]));
    }

    it('runs regional sources once per region with their global and same-region dependencies', async () => {
      const snapshot = await collectAccount({
        factory: wireFactory(new AwsWire()), accountId: ACCOUNT, partition: 'aws', regions: ['eu-west-1', 'us-west-2'],
        sourceIds: ['test.per_region'], declarations, collectors: collectors(() => false),
      });
      assert.deepEqual(Object.keys(snapshot.sources['test.global']), ['us-east-1']);
      assert.deepEqual(Object.keys(snapshot.sources['test.per_region']), ['eu-west-1', 'us-west-2']);
      const perRegion = snapshot.sources['test.per_region']['us-west-2'];
      assert.deepEqual(perRegion.status === 'ok' && perRegion.data, {
        region: 'us-west-2',
        deps: { 'test.regional': { region: 'us-west-2', deps: { 'test.global': { region: 'us-east-1', deps: {} } } } },
      });
    });

    it('a failure in one region does not touch the other region', async () => {
      const snapshot = await collectAccount({
        factory: wireFactory(new AwsWire()), accountId: ACCOUNT, partition: 'aws', regions: ['eu-west-1', 'us-west-2'],
        sourceIds: ['test.per_region'], declarations, collectors: collectors((id, region) => id === 'test.regional' && region === 'eu-west-1'),
      });
      const failed = snapshot.sources['test.regional']['eu-west-1'];
      assert.deepEqual(failed.status === 'error' && failed.error, { code: 'AccessDeniedException', message: 'test.regional broke', action: 'test:Get' });
      const dependent = snapshot.sources['test.per_region']['eu-west-1'];
      assert.equal(dependent.status === 'error' && dependent.error.code, 'DependencyFailed');
      assert.equal(snapshot.sources['test.regional']['us-west-2'].status, 'ok');
      assert.equal(snapshot.sources['test.per_region']['us-west-2'].status, 'ok');
    });

    it('never runs more collectors at once than the concurrency bound', async () => {
      let running = 0;
      let peak = 0;
      const many: SourceDecl[] = Array.from({ length: 6 }, (_, i) => ({ id: `test.r${i}`, scope: 'regional', actions: [], description: '' }));
      const slow = new Map<string, Collector>(many.map((d) => [d.id, {
        id: d.id,
        collect: async () => {
          peak = Math.max(peak, ++running);
          await new Promise((resolve) => setTimeout(resolve, 5));
          running--;
          return null;
        },
      }]));
      const snapshot = await collectAccount({
        factory: wireFactory(new AwsWire()), accountId: ACCOUNT, partition: 'aws', regions: ['eu-west-1', 'us-west-2', 'ap-south-1'],
        sourceIds: many.map((d) => d.id), declarations: many, collectors: slow, concurrency: 3,
      });
      assert.equal(peak, 3);
      assert.equal(Object.values(snapshot.sources).flatMap((r) => Object.values(r)).length, 18);
    });

    it('a throwing progress callback does not lose results', async () => {
      const snapshot = await collectAccount({
        factory: wireFactory(new AwsWire()), accountId: ACCOUNT, partition: 'aws', regions: ['eu-west-1'],
        sourceIds: ['test.global'], declarations, collectors: collectors(() => false),
        onProgress: () => { throw new Error('terminal gone'); },
      });
      assert.equal(snapshot.sources['test.global']['us-east-1'].status, 'ok');
    });
  });
});
