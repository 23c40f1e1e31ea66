// The pieces under the export: batching within 100 records and 6 MB, and the token bucket.
import assert from 'node:assert/strict';
import { BATCH_LIMITS, batchesOf, bodyBytes } from '../../reports/security-hub/batches.js';

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
