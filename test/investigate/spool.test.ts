import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { TrailEvent } from '../../runner/investigate/event.js';
import { compareEvents, createEventSpool, EventSpool, SpoolError } from '../../runner/investigate/spool.js';

const BASE_TIME = Date.parse('2026-11-25T00:00:00Z');

/** A seeded PRNG (mulberry32): the same "random" order on every run, so a failure reproduces. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A normalised event shaped like the real ones (nested principal, request parameters, nulls). */
function trailEvent(n: number, time: number): TrailEvent {
  const id = `e${String(n).padStart(8, '0')}-0000-4000-8000-${(n * 7919).toString(16).padStart(12, '0')}`;
  return {
    eventId: id,
    eventTime: new Date(time).toISOString(),
    time,
    eventSource: n % 3 === 0 ? 'iam.amazonaws.com' : 'qbusiness.amazonaws.com',
    eventName: n % 3 === 0 ? 'AttachRolePolicy' : 'ChatSync',
    region: n % 2 === 0 ? 'us-east-1' : 'eu-west-1',
    accountId: '111122223333',
    eventCategory: n % 3 === 0 ? 'Management' : 'Data',
    readOnly: n % 3 === 0 ? false : null,
    principal: {
      key: `arn:aws:sts::111122223333:assumed-role/Developer/user${n % 50}`,
      type: 'AssumedRole',
      arn: `arn:aws:sts::111122223333:assumed-role/Developer/user${n % 50}`,
      accountId: '111122223333',
      sessionIssuerArn: 'arn:aws:iam::111122223333:role/Developer',
      onBehalfOf: null,
      accessKeyId: 'ASIAEXAMPLESESSION01',
      name: `Developer/user${n % 50}`,
    },
    sourceIp: `203.0.113.${n % 250}`,
    userAgent: 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2',
    errorCode: n % 17 === 0 ? 'AccessDenied' : null,
    errorMessage: n % 17 === 0 ? 'User is not authorized to perform: qbusiness:ChatSync' : null,
    invokedBy: null,
    resources: [{ arn: 'arn:aws:qbusiness:us-east-1:111122223333:application/a1b2c3d4', type: 'AWS::QBusiness::Application' }],
    applicationId: n % 3 === 0 ? null : 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111',
    requestParameters: { applicationId: 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111', userMessage: `question number ${n} — ünïcödé`, attachments: [] },
    responseElements: null,
    additionalEventData: null,
    scope: n % 3 === 0 ? 'related' : 'q',
    qClass: n % 3 === 0 ? null : { name: 'ChatSync', category: 'conversation', operation: 'read', eventType: 'data', resourceKind: 'application' },
  };
}

/** `count` events with random times over a day, in random order. */
function shuffledEvents(count: number, seed: number): TrailEvent[] {
  const random = rng(seed);
  return Array.from({ length: count }, (_, n) => trailEvent(n, BASE_TIME + Math.floor(random() * 86_400_000)));
}

async function collect(events: AsyncIterable<TrailEvent>): Promise<TrailEvent[]> {
  const out: TrailEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

function sortedCopy(events: TrailEvent[]): TrailEvent[] {
  return [...events].sort(compareEvents);
}

/** Adds the way the investigation does: batches, awaiting only when the spool asks. */
async function addAll(spool: EventSpool, events: TrailEvent[], batchSize = 37): Promise<void> {
  for (let i = 0; i < events.length; i += batchSize) {
    const wait = spool.addBatch(events.slice(i, i + batchSize));
    if (wait) await wait;
  }
}

describe('investigate: event spool', () => {
  let parent: string;
  const spools: EventSpool[] = [];

  async function newSpool(runSize: number, maxOpenRuns?: number): Promise<EventSpool> {
    const spool = await createEventSpool({ dir: parent, runSize, ...(maxOpenRuns ? { maxOpenRuns } : {}) });
    spools.push(spool);
    return spool;
  }

  beforeEach(async () => {
    parent = await mkdtemp(join(tmpdir(), 'qready-spool-test-'));
  });

  afterEach(async () => {
    await Promise.all(spools.splice(0).map((s) => s.dispose()));
    await rm(parent, { recursive: true, force: true });
  });

  it('sorts events added in random order across many runs', async () => {
    const input = shuffledEvents(2345, 1);
    const spool = await newSpool(100);
    await addAll(spool, input);
    await spool.finish();

    assert.equal(spool.count, 2345);
    // 23 full runs on disk; the last 45 events stay in memory.
    assert.equal(spool.runFiles.length, 23);
    assert.equal((await readdir(spool.directory)).length, 23);
    const output = await collect(spool.events());
    assert.deepEqual(output, sortedCopy(input));
  });

  it('orders events with equal times by eventId, within and across runs', async () => {
    const random = rng(2);
    const sameTime = BASE_TIME + 5_000;
    const input = Array.from({ length: 500 }, (_, n) => trailEvent(n, n % 5 === 0 ? sameTime + 1 : sameTime));
    input.sort(() => random() - 0.5);
    const spool = await newSpool(64);
    await addAll(spool, input, 1);
    await spool.finish();

    const output = await collect(spool.events());
    const ids = output.map((e) => `${e.time} ${e.eventId}`);
    assert.deepEqual(ids, [...ids].sort());
    assert.equal(output.length, 500);
    assert.equal(output[0].eventId, input.filter((e) => e.time === sameTime).map((e) => e.eventId).sort()[0]);
  });

  it('can be read twice and concurrently, with the same result', async () => {
    const input = shuffledEvents(1000, 3);
    const spool = await newSpool(128);
    await addAll(spool, input);
    await spool.finish();

    const expected = sortedCopy(input);
    assert.deepEqual(await collect(spool.events()), expected);
    assert.deepEqual(await collect(spool.events()), expected);
    const [a, b, c] = await Promise.all([collect(spool.events()), collect(spool.events()), collect(spool.events((e) => e.scope === 'q'))]);
    assert.deepEqual(a, expected);
    assert.deepEqual(b, expected);
    assert.deepEqual(c, expected.filter((e) => e.scope === 'q'));
  });

  it('applies a filter and keeps time order', async () => {
    const input = shuffledEvents(777, 4);
    const spool = await newSpool(50);
    await addAll(spool, input);
    await spool.finish();

    const denied = await collect(spool.events((e) => e.errorCode === 'AccessDenied'));
    const expected = sortedCopy(input).filter((e) => e.errorCode === 'AccessDenied');
    assert.ok(expected.length > 10);
    assert.deepEqual(denied, expected);
  });

  it('keeps a single run in memory and writes no file', async () => {
    const input = shuffledEvents(300, 5);
    const spool = await newSpool(1000);
    for (const e of input) assert.equal(spool.add(e), undefined);
    await spool.finish();

    assert.deepEqual(spool.runFiles, []);
    assert.deepEqual(await readdir(spool.directory), []);
    assert.deepEqual(await collect(spool.events()), sortedCopy(input));
  });

  it('yields nothing from an empty spool', async () => {
    const spool = await newSpool(10);
    await spool.finish();
    assert.equal(spool.count, 0);
    assert.deepEqual(await collect(spool.events()), []);
  });

  it('asks the caller to wait only when a run is cut while the previous one is still being written', async () => {
    const spool = await newSpool(10);
    const input = shuffledEvents(30, 6);
    const results = input.map((e) => spool.add(e));
    // Adds 20 and 30 cut runs while the previous write (started synchronously before) is still
    // in flight; add 10 cut the first run with nothing in flight; no other add cut a run.
    const waits = results.flatMap((r, i) => (r === undefined ? [] : [i + 1]));
    assert.deepEqual(waits, [20, 30]);
    await Promise.all(results);
    await spool.finish();
    assert.deepEqual(await collect(spool.events()), sortedCopy(input));
  });

  it('merges runs in passes when there are more than maxOpenRuns', async () => {
    const input = shuffledEvents(1000, 7);
    const spool = await newSpool(50, 4);
    await addAll(spool, input);
    await spool.finish();

    // 20 runs were written; finish() merged them so one read opens at most 4 sources (3 files + the tail).
    assert.ok(spool.runFiles.length <= 3, `${spool.runFiles.length} runs left`);
    assert.deepEqual((await readdir(spool.directory)).sort(), spool.runFiles.map((p) => p.slice(spool.directory.length + 1)).sort());
    assert.deepEqual(await collect(spool.events()), sortedCopy(input));
  });

  it('closes its files when a reader stops early', async () => {
    const spool = await newSpool(100);
    await addAll(spool, shuffledEvents(1000, 8));
    await spool.finish();
    const handlesBefore = process.getActiveResourcesInfo().filter((r) => r === 'FileHandle').length;
    let seen = 0;
    for await (const e of spool.events()) {
      assert.ok(e.time >= BASE_TIME);
      seen += 1;
      if (seen === 5) break;
    }
    assert.equal(seen, 5);
    assert.equal(process.getActiveResourcesInfo().filter((r) => r === 'FileHandle').length, handlesBefore);
  });

  it('dispose() removes the folder, is idempotent, and ends the spool', async () => {
    const spool = await newSpool(10);
    await addAll(spool, shuffledEvents(100, 9));
    await spool.finish();
    assert.ok(existsSync(spool.directory));
    assert.equal((await readdir(spool.directory)).length, 10);

    await Promise.all([spool.dispose(), spool.dispose()]);
    await spool.dispose();
    assert.equal(existsSync(spool.directory), false);
    assert.throws(() => spool.events(), SpoolError);
    assert.throws(() => spool.add(trailEvent(1, BASE_TIME)), /after dispose/);
  });

  it('removes its folder when the process exits without dispose()', async () => {
    const spoolModule = new URL('../../runner/investigate/spool.js', import.meta.url).href;
    const script = [
      `const { createEventSpool } = await import(${JSON.stringify(spoolModule)});`,
      `const spool = await createEventSpool({ dir: ${JSON.stringify(parent)}, runSize: 2 });`,
      `for (const [i, id] of ['a', 'b', 'c'].entries()) await spool.add({ eventId: id, eventTime: '', time: i });`,
      'await spool.finish();',
      'console.log(spool.directory, spool.runFiles.length);',
    ].join('\n');
    const [directory, runs] = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }).trim().split(' ');
    assert.equal(runs, '1');
    assert.ok(directory.startsWith(join(parent, 'qready-spool-')), directory);
    assert.equal(existsSync(directory), false);
    assert.deepEqual(await readdir(parent), []);
  });

  it('refuses misuse: events() before finish(), add() after finish(), a NaN time', async () => {
    const spool = await newSpool(10);
    assert.throws(() => spool.add({ ...trailEvent(1, BASE_TIME), time: Number.NaN }), /no valid time/);
    spool.add(trailEvent(2, BASE_TIME));
    assert.throws(() => spool.events(), /call finish\(\) before events\(\)/);
    await spool.finish();
    await spool.finish();
    assert.throws(() => spool.add(trailEvent(3, BASE_TIME)), /after finish\(\)/);
    assert.equal((await collect(spool.events())).length, 1);
  });

  describe('damaged run files are errors, never a silent truncation', () => {
    async function finishedSpool(): Promise<EventSpool> {
      const spool = await newSpool(100);
      await addAll(spool, shuffledEvents(450, 10));
      await spool.finish();
      assert.equal(spool.runFiles.length, 4);
      return spool;
    }

    it('a corrupt line names the file and the line', async () => {
      const spool = await finishedSpool();
      const file = spool.runFiles[2];
      const lines = (await readFile(file, 'utf8')).split('\n');
      lines[41] = lines[41].slice(0, 30);
      await writeFile(file, lines.join('\n'));
      await assert.rejects(collect(spool.events()), (e: Error) => {
        assert.ok(e instanceof SpoolError);
        assert.ok(e.message.includes(file), e.message);
        assert.match(e.message, /line 42 is not valid JSON/);
        return true;
      });
    });

    it('a missing run file names the file', async () => {
      const spool = await finishedSpool();
      const file = spool.runFiles[0];
      await unlink(file);
      await assert.rejects(collect(spool.events()), (e: Error) => e instanceof SpoolError && e.message.includes(file) && /cannot be read/.test(e.message));
    });

    it('a file cut at a line boundary is reported by its event count', async () => {
      const spool = await finishedSpool();
      const file = spool.runFiles[1];
      const lines = (await readFile(file, 'utf8')).split('\n');
      await writeFile(file, `${lines.slice(0, 60).join('\n')}\n`);
      await assert.rejects(collect(spool.events()), /holds 60 events, 100 were written/);
    });

    it('a file cut inside a line is reported as truncated', async () => {
      const spool = await finishedSpool();
      const file = spool.runFiles[3];
      const text = await readFile(file, 'utf8');
      await writeFile(file, text.slice(0, text.length - 25));
      await assert.rejects(collect(spool.events()), /ends inside line 100 \(truncated\)/);
    });

    it('a write failure surfaces from add() and finish()', async () => {
      const spool = await newSpool(10);
      await rm(spool.directory, { recursive: true });
      const input = shuffledEvents(25, 11);
      for (const e of input.slice(0, 20)) void spool.add(e)?.catch(() => undefined);
      await assert.rejects(spool.finish(), /could not create run file/);
      assert.throws(() => spool.add(input[24]), /could not create run file/);
    });
  });

  describe('memory', () => {
    // Retained heap is only measurable after a full collection; mocha runs without --expose-gc,
    // so switch it on at run time and take `gc` from a fresh context.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;

    function retainedHeap(): number {
      gc();
      return process.memoryUsage().heapUsed;
    }

    /** Heap bytes per event while `count` events are held (the sample is garbage afterwards). */
    function weighEvents(count: number): number {
      const empty = retainedHeap();
      const sample = Array.from({ length: count }, (_, n) => trailEvent(n, BASE_TIME + n));
      const held = retainedHeap() - empty;
      assert.equal(sample.length, count);
      return held / count;
    }

    it('stays flat while adding and reading 200,000 events (runSize 10,000)', async function () {
      this.timeout(120_000);
      const runSize = 10_000;
      const total = 200_000;

      // What one event costs on the heap, measured rather than guessed: hold 10,000 and weigh them.
      const perEvent = weighEvents(runSize);

      // The spool holds at most the run being filled plus the run being written (plus one
      // write chunk of ~1 MB of text). Four runs' worth leaves room for V8's own slack; a naive
      // array of every event would hold twenty runs' worth, five times the bound.
      const bound = 4 * runSize * perEvent;
      assert.ok(total * perEvent > 4 * bound, 'the test must be able to tell a spool from an array');

      const spool = await newSpool(runSize);
      const baseline = retainedHeap();
      let peak = 0;
      const random = rng(12);
      for (let n = 0; n < total; n += 1) {
        const wait = spool.add(trailEvent(n, BASE_TIME + Math.floor(random() * 86_400_000)));
        if (wait) await wait;
        if (n % runSize === runSize - 1) peak = Math.max(peak, retainedHeap() - baseline);
      }
      await spool.finish();
      peak = Math.max(peak, retainedHeap() - baseline);
      assert.ok(peak < bound, `adding: heap grew ${(peak / 1e6).toFixed(1)} MB, bound ${(bound / 1e6).toFixed(1)} MB (${perEvent.toFixed(0)} B/event)`);

      let read = 0;
      let last = -Infinity;
      let readPeak = 0;
      for await (const e of spool.events()) {
        assert.ok(e.time >= last);
        last = e.time;
        read += 1;
        if (read % 20_000 === 0) readPeak = Math.max(readPeak, retainedHeap() - baseline);
      }
      assert.equal(read, total);
      assert.ok(readPeak < bound, `reading: heap grew ${(readPeak / 1e6).toFixed(1)} MB, bound ${(bound / 1e6).toFixed(1)} MB`);
    });
  });
});
