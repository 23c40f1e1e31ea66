// The token bucket that keeps LookupEvents and the Security Hub export under their quotas, on a
// fake clock: sleeping advances fake time instantly, so a schedule of many seconds is checked in
// milliseconds.
import assert from 'node:assert/strict';
import { systemClock, TokenBucket } from '../../runner/util/token-bucket.js';
import { busiestWindow, FakeClock } from '../helpers/fake-clock.js';

describe('TokenBucket', () => {
  it('lets a burst start at once, then spaces requests at the rate', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 2, burst: 2, clock });
    const starts: number[] = [];
    for (let i = 0; i < 10; i++) {
      await bucket.take();
      starts.push(clock.now());
    }
    assert.deepEqual(starts, [0, 0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000]);
    // After the burst is spent, no second holds more than the rate.
    assert.equal(busiestWindow(starts.slice(2)), 2);
    // Over any window, at most burst + rate × length.
    assert.ok(busiestWindow(starts, 1000) <= 2 + 2);
    assert.ok(busiestWindow(starts, 3000) <= 2 + 6);
  });

  it('serves concurrent takers in arrival order without overdrawing', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 2, burst: 2, clock });
    const starts = new Map<number, number>();
    await Promise.all(Array.from({ length: 20 }, (_, i) => bucket.take().then(() => starts.set(i, clock.now()))));
    const inOrder = [...starts.keys()];
    assert.deepEqual(inOrder, Array.from({ length: 20 }, (_, i) => i), 'first come, first served');
    const times = [...starts.values()];
    assert.equal(Math.max(...times), 9000, '18 requests after the burst at 2/s take 9 s');
    assert.equal(busiestWindow(times.slice(2)), 2);
  });

  it('refills while idle, but never beyond the burst', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ ratePerSecond: 2, burst: 2, clock });
    await bucket.take();
    await bucket.take();
    clock.time += 60_000; // a minute of silence earns 2 tokens, not 120
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await bucket.take();
      starts.push(clock.now() - 60_000);
    }
    assert.deepEqual(starts, [0, 0, 500]);
  });

  it('handles rates below one per second and defaults the burst to the rate', async () => {
    const clock = new FakeClock();
    const slow = new TokenBucket({ ratePerSecond: 0.5, clock });
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) {
      await slow.take();
      starts.push(clock.now());
    }
    assert.deepEqual(starts, [0, 2000, 4000]);

    const fastClock = new FakeClock();
    const fast = new TokenBucket({ ratePerSecond: 5, clock: fastClock });
    for (let i = 0; i < 5; i++) await fast.take();
    assert.deepEqual(fastClock.sleeps, [], 'a burst of 5 at rate 5');
    await fast.take();
    assert.deepEqual(fastClock.sleeps, [200]);
  });

  it('rejects a rate or burst that could never let a request through', () => {
    assert.throws(() => new TokenBucket({ ratePerSecond: 0 }), RangeError);
    assert.throws(() => new TokenBucket({ ratePerSecond: Number.NaN }), RangeError);
    assert.throws(() => new TokenBucket({ ratePerSecond: 2, burst: 0.5 }), RangeError);
  });

  it('waits in real time on the system clock', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 50, burst: 1, clock: systemClock });
    const t = performance.now();
    for (let i = 0; i < 4; i++) await bucket.take();
    assert.ok(performance.now() - t >= 55, 'three waits of about 20 ms');
  });
});
