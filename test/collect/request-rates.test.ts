// Clients keep the documented request rates by construction: every attempt of a CloudTrail call
// takes a token of one bucket per region (10/s, burst 1), however many calls the collectors run
// at once; services without a documented rate are not paced. Virtual time: the fake clock's
// sleep moves time at once, and the wire stamps each request with it.
import assert from 'node:assert/strict';
import { DescribeTrailsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam';
import type { HttpRequest } from '@smithy/types';
import { ClientFactory } from '../../runner/collect/clients.js';
import { DOCUMENTED_REQUEST_RATES } from '../../runner/collect/request-rates.js';
import { AwsWire, errorFor, fastRetryStrategy, queryResult, resultFor, TEST_CREDENTIALS } from '../helpers/aws-wire.js';
import { busiestWindow, FakeClock } from '../helpers/fake-clock.js';

/**
 * Virtual time that moves only after a turn of the event loop: a request that got its token is
 * signed and reaches the wire (asynchronously, but within the turn) before another waiter's sleep
 * moves the clock on, so the wire's stamp is the time the token was granted.
 */
class TurnClock extends FakeClock {
  override async sleep(ms: number): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    return super.sleep(ms);
  }
}

function pacedWire(): { wire: AwsWire; clock: FakeClock; stamps: Map<string, number[]>; factory: ClientFactory } {
  const wire = new AwsWire();
  const clock = new TurnClock();
  const stamps = new Map<string, number[]>();
  const requestHandler = {
    ...wire.requestHandler,
    handle: (request: HttpRequest) => {
      const target = String(request.headers['x-amz-target'] ?? request.hostname);
      const key = `${request.hostname}|${target}`;
      stamps.set(key, [...(stamps.get(key) ?? []), clock.now()]);
      return wire.requestHandler.handle(request);
    },
  };
  // The production rates (no requestRates option), on virtual time.
  const factory = new ClientFactory({ requestHandler, credentials: TEST_CREDENTIALS, maxAttempts: 3, retryStrategy: fastRetryStrategy(3), clock });
  return { wire, clock, stamps, factory };
}

const allStamps = (stamps: Map<string, number[]>, host: string): number[] => [...stamps].filter(([k]) => k.startsWith(host)).flatMap(([, v]) => v).sort((a, b) => a - b);

describe('documented request rates', () => {
  it('documents CloudTrail at 10 requests per second with a burst of 1', () => {
    assert.equal(DOCUMENTED_REQUEST_RATES.cloudtrail?.perSecond, 10);
    assert.equal(DOCUMENTED_REQUEST_RATES.cloudtrail?.burst, 1);
    assert.match(DOCUMENTED_REQUEST_RATES.cloudtrail?.source ?? '', /^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('keeps 40 concurrent CloudTrail calls of two clients in one region within 10 per second', async () => {
    const { wire, stamps, factory } = pacedWire();
    wire.on('cloudtrail:DescribeTrails', (call) => resultFor(call, { trailList: [] }));
    wire.on('cloudtrail:GetTrailStatus', (call) => resultFor(call, { IsLogging: true }));
    // Two clients (different allow-lists) share the region's bucket.
    const lister = factory.client('cloudtrail', 'eu-west-1', ['cloudtrail:DescribeTrails']);
    const reader = factory.client('cloudtrail', 'eu-west-1', ['cloudtrail:GetTrailStatus']);
    await Promise.all(Array.from({ length: 20 }, (_v, i) => [
      lister.send(new DescribeTrailsCommand({ includeShadowTrails: true })),
      reader.send(new GetTrailStatusCommand({ Name: `trail-${i}` })),
    ]).flat());
    const times = allStamps(stamps, 'cloudtrail.eu-west-1');
    assert.equal(times.length, 40);
    assert.ok(busiestWindow(times) <= 10, `busiest second: ${busiestWindow(times)}`);
    assert.ok(times[39] - times[0] >= 3900, 'the 40 calls are spread over four seconds');
  });

  it('paces each region on its own, and every attempt of a retried call', async () => {
    const { wire, clock, stamps, factory } = pacedWire();
    let first = true;
    wire.on('cloudtrail:GetTrailStatus', (call) => {
      if (call.region === 'us-east-1' && first) {
        first = false;
        return errorFor(call, 'ThrottlingException', 'Rate exceeded');
      }
      return resultFor(call, { IsLogging: true });
    });
    const east = factory.client('cloudtrail', 'us-east-1', ['cloudtrail:GetTrailStatus']);
    const west = factory.client('cloudtrail', 'us-west-2', ['cloudtrail:GetTrailStatus']);
    await Promise.all([east.send(new GetTrailStatusCommand({ Name: 'a' })), west.send(new GetTrailStatusCommand({ Name: 'b' }))]);
    assert.deepEqual(allStamps(stamps, 'cloudtrail.us-west-2'), [0], 'another region does not wait for this one');
    const east2 = allStamps(stamps, 'cloudtrail.us-east-1');
    assert.equal(east2.length, 2, 'the throttled attempt and its retry');
    assert.ok(east2[1] - east2[0] >= 100, 'the retry waited for a token');
    assert.ok(clock.sleeps.length >= 1);
  });

  it('waits inside the retry loop and before the request is signed', () => {
    const { factory } = pacedWire();
    const names = factory.client('cloudtrail', 'us-east-1', ['cloudtrail:DescribeTrails']).middlewareStack.identify().map((n) => n.split(' ')[0]);
    const at = (name: string): number => names.indexOf(name);
    assert.ok(at('qreadyRequestPacing') > at('retryMiddleware'), names.join(', '));
    assert.ok(at('qreadyRequestPacing') < at('httpSigningMiddleware'), names.join(', '));
  });

  it('does not pace a service without a documented rate (IAM)', async () => {
    const { wire, clock, factory } = pacedWire();
    wire.on('iam:GetAccountSummary', queryResult('GetAccountSummary', '<SummaryMap><entry><key>Users</key><value>1</value></entry></SummaryMap>'));
    const iam = factory.client('iam', 'us-east-1', ['iam:GetAccountSummary']);
    await Promise.all(Array.from({ length: 30 }, () => iam.send(new GetAccountSummaryCommand({}))));
    assert.deepEqual(clock.sleeps, []);
  });
});
