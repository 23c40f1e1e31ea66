// The pieces under the export: batching within 100 records and 6 MB, and the token bucket.
import assert from 'node:assert/strict';
import { BATCH_LIMITS, batchesOf, bodyBytes } from '../../reports/security-hub/batches.js';
import { realClock, TokenBucket, type Clock } from '../../reports/security-hub/rate-limit.js';

const items = (sizes: number[]): { bytes: number; n: number }[] => sizes.map((bytes, n) => ({ bytes, n }));

describe('Security Hub batching', () => {
  it('cuts at 100 records', () => {
    const batches = [...batchesOf(items(Array.from({ length: 250 }, () => 1000)))];
    assert.deepEqual(batches.map((b) => b.length), [100, 100, 50]);
    assert.deepEqual(batches.flat().map((i) => i.n), Array.from({ length: 250 }, (_, i) => i));
  });

  it('cuts before a record that would take the body over 6,000,000 bytes, and fills up to it exactly', () => {
    const size = 200_000;
    const batches = [...batchesOf(items(Array.from({ length: 70 }, () => size)))];
    for (const b of batches) assert.ok(bodyBytes(b) <= BATCH_LIMITS.bytes);
    assert.equal(batches[0].length, 29); // 15 + 29 × 200,000 + 28 = 5,800,043; one more is over
    assert.equal(batches.flat().length, 70);
    // A body exactly at the limit is allowed.
    const exact = BATCH_LIMITS.bytes - 15 - 1;
    assert.deepEqual([...batchesOf(items([exact / 2, exact / 2]))].map((b) => b.length), [2]);
    assert.deepEqual([...batchesOf(items([exact / 2, exact / 2 + 1]))].map((b) => b.length), [1, 1]);
  });

  it('honours custom limits and yields nothing for nothing', () => {
    assert.deepEqual([...batchesOf(items([5, 5, 5]), { findings: 2, bytes: 1000 })].map((b) => b.length), [2, 1]);
    assert.deepEqual([...batchesOf([])], []);
    assert.equal(bodyBytes([]), Buffer.byteLength('{"Findings":[]}'));
  });
});

describe('token bucket', () => {
  class FakeClock implements Clock {
    t = 0;
    now(): number {
      return this.t;
    }
    sleep(ms: number): Promise<void> {
      this.t += ms;
      return Promise.resolve();
    }
  }

  it('lets a burst through, then one token per 1/rate seconds', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 3, clock);
    const times: number[] = [];
    for (let i = 0; i < 8; i++) {
      await bucket.take();
      times.push(clock.now());
    }
    assert.deepEqual(times, [0, 0, 0, 100, 200, 300, 400, 500]);
  });

  it('refills while idle, never beyond the burst', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 2, clock);
    await bucket.take();
    await bucket.take();
    clock.t += 10_000;
    const start = clock.now();
    for (let i = 0; i < 3; i++) await bucket.take();
    assert.equal(clock.now() - start, 100);
  });

  it('rejects a nonsensical rate, and works on the real clock', async () => {
    assert.throws(() => new TokenBucket(0, 1), /invalid rate limit/);
    const bucket = new TokenBucket(50, 1, realClock);
    const t = performance.now();
    for (let i = 0; i < 4; i++) await bucket.take();
    assert.ok(performance.now() - t >= 55, 'three waits of ~20 ms');
  });
});
