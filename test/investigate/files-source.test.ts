// `--source files:PATH` on real folders: an organization trail's layout (2 accounts × 2 regions ×
// 3 days) pruned by region and date, files outside the layout still read, corrupt files reported
// by name, the same events from one worker as from three, backpressure, and workers that end
// when the consumer stops early.
import assert from 'node:assert/strict';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, symlinkSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { UsageError } from '../../runner/cli/io.js';
import type { TrailEvent } from '../../runner/investigate/event.js';
import { filesSource, logFilePaths } from '../../runner/investigate/sources/files-source.js';
import { newSourceReport, type SourceQuery, type SourceReport, type TrailEventSource } from '../../runner/investigate/sources/source.js';
import { MAX_LOG_FILE_BYTES } from '../../runner/investigate/sources/log-file-parser.js';
import { liveParseWorkers, PARSE_WORKER_URL, parseInWorkers, type ParseJob } from '../../runner/investigate/sources/worker-pool.js';
import { TOO_DEEP } from '../../runner/investigate/normalise.js';
import { deeplyNestedJson, qbusinessDataEvent, record, trailFile, trailFileOfTexts, trailKey, type RawRecord } from './records.js';

const ORG = 'o-exampleorg1';
const ACCOUNTS = ['111122223333', '444455556666'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const DAYS = ['2026-11-24', '2026-11-25', '2026-11-26'];
const ms = (iso: string): number => Date.parse(iso);

async function collect(source: TrailEventSource, query: SourceQuery): Promise<{ events: TrailEvent[]; report: SourceReport; batches: number }> {
  const report = newSourceReport();
  const events: TrailEvent[] = [];
  let batches = 0;
  for await (const batch of source.events(query, report)) {
    assert.ok(batch.length > 0, 'no empty batches');
    batches++;
    events.push(...batch);
  }
  return { events, report, batches };
}

const ids = (events: TrailEvent[]): string[] => events.map((e) => e.eventId).sort();

function write(root: string, relative: string, bytes: Buffer | string): string {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  return path;
}

describe('filesSource', () => {
  let root: string;
  /** The eventID of the Chat event at 10:00 of each (account, region, day) file, and of its late record. */
  const chatId = (account: string, region: string, day: string): string => `chat-${account}-${region}-${day}`;
  const lateId = (account: string, region: string, day: string): string => `late-${account}-${region}-${day}`;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'qready-files-source-'));
    for (const account of ACCOUNTS) {
      for (const region of REGIONS) {
        for (const day of DAYS) {
          // The file delivered on `day` holds that day's 10:00 Chat, the previous day's 23:55
          // event (delivered late, after midnight), and an S3 read no analysis needs.
          const previous = new Date(ms(`${day}T00:00:00Z`) - 5 * 60_000).toISOString().replace('.000', '');
          const records = [
            qbusinessDataEvent('Chat', { eventID: chatId(account, region, day), eventTime: `${day}T10:00:00Z`, region, recipientAccountId: account }),
            qbusinessDataEvent('ChatSync', { eventID: lateId(account, region, day), eventTime: previous, region, recipientAccountId: account }),
            record({ eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventCategory: 'Data', region }),
          ];
          write(root, trailKey({ org: ORG, account, region, time: `${day}T00:05:00Z` }), trailFile(records));
        }
      }
      // Digests are not API records: reading one would report a file without Records.
      write(root, `AWSLogs/${ORG}/${account}/CloudTrail-Digest/us-east-1/2026/11/25/${account}_CloudTrail-Digest_us-east-1_x_20261125T010000Z.json.gz`, trailFile([]).subarray(0, 0));
    }
    // Outside the layout: read whatever the query, never skipped by path.
    write(root, 'manual-export/incident.json', JSON.stringify({ Records: [qbusinessDataEvent('DeleteApplication', { eventID: 'export-1', eventTime: '2026-11-25T12:00:00Z' })] }));
    write(root, 'manual-export/README.txt', 'not a log file');
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  const DAY_25: SourceQuery = { start: ms('2026-11-25T00:00:00Z'), end: ms('2026-11-26T00:00:00Z'), regions: ['us-east-1'] };

  it('opens only the day folders and regions of the window, and files outside the layout', async () => {
    const { events, report } = await collect(filesSource(root, { workers: 2 }), DAY_25);
    assert.deepEqual(report.problems, []);
    // us-east-1 only, folders of the 25th and the 26th (late delivery), both accounts, plus the export.
    assert.equal(report.units, 2 * 2 + 1);
    assert.equal(report.records, 2 * 2 * 3 + 1);
    assert.deepEqual(ids(events), [
      'export-1',
      ...ACCOUNTS.map((a) => chatId(a, 'us-east-1', '2026-11-25')),
      ...ACCOUNTS.map((a) => lateId(a, 'us-east-1', '2026-11-26')),
    ].sort());
    assert.ok(events.every((e) => e.scope === 'q' && e.region === 'us-east-1'));
  });

  it('lists the files in name order, pruned by path', async () => {
    const problems: SourceReport['problems'] = [];
    const paths: string[] = [];
    for await (const path of await logFilePaths(root, DAY_25, problems)) paths.push(path.slice(root.length + 1));
    assert.deepEqual(paths, [
      trailKey({ org: ORG, account: ACCOUNTS[0], region: 'us-east-1', time: '2026-11-25T00:05:00Z' }),
      trailKey({ org: ORG, account: ACCOUNTS[0], region: 'us-east-1', time: '2026-11-26T00:05:00Z' }),
      trailKey({ org: ORG, account: ACCOUNTS[1], region: 'us-east-1', time: '2026-11-25T00:05:00Z' }),
      trailKey({ org: ORG, account: ACCOUNTS[1], region: 'us-east-1', time: '2026-11-26T00:05:00Z' }),
      'manual-export/incident.json',
    ]);
  });

  it('reads every file of every region when the window and regions allow', async () => {
    const { events, report } = await collect(filesSource(root), { start: ms('2026-11-01T00:00:00Z'), end: ms('2026-12-01T00:00:00Z'), regions: null });
    assert.deepEqual(report.problems, []);
    assert.equal(report.units, ACCOUNTS.length * REGIONS.length * DAYS.length + 1);
    assert.equal(events.length, ACCOUNTS.length * REGIONS.length * DAYS.length * 2 + 1);
  });

  it('reads a single file given as the root', async () => {
    const { events, report } = await collect(filesSource(join(root, 'manual-export/incident.json')), { start: 0, end: ms('2030-01-01T00:00:00Z'), regions: null });
    assert.deepEqual(ids(events), ['export-1']);
    assert.equal(report.units, 1);
  });

  it('throws a usage error naming a missing root', async () => {
    const missing = join(root, 'no-such-folder');
    await assert.rejects(collect(filesSource(missing), DAY_25), (err: unknown) => err instanceof UsageError && err.message.includes(missing));
  });
});

describe('filesSource with bad files', () => {
  let root: string;
  const QUERY: SourceQuery = { start: ms('2026-11-25T00:00:00Z'), end: ms('2026-11-26T00:00:00Z'), regions: null };
  const good = (id: string): RawRecord => qbusinessDataEvent('Chat', { eventID: id, eventTime: '2026-11-25T10:00:00Z' });

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'qready-files-bad-'));
    const key = (unique: string): string => trailKey({ time: '2026-11-25T10:05:00Z', unique });
    write(root, key('A-good'), trailFile([good('good-1'), record({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances' })]));
    const whole = trailFile([good('lost-1'), good('lost-2')]);
    write(root, key('B-truncated'), whole.subarray(0, Math.floor(whole.length / 2)));
    write(root, key('C-notgzip'), 'this is not gzip');
    write(root, key('D-badjson'), gzipSync('{"Records": [{"eventTime": '));
    write(root, key('E-norecords'), gzipSync(JSON.stringify({ configurationItems: [] })));
    write(root, key('F-malformed'), trailFile([good('good-2'), { eventName: 'Chat' }, { eventSource: 'qbusiness.amazonaws.com' }, 42] as never));
    symlinkSync(join(root, 'missing-target.json.gz'), join(root, dirname(key('G')), 'G-dangling.json.gz'));
    write(root, key('H-outside'), trailFile([qbusinessDataEvent('Chat', { eventID: 'day-before', eventTime: '2026-11-24T10:00:00Z' })]));
    write(root, key('I-good'), trailFile([good('good-3')]));
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('reports each unreadable file by name and analyses the rest', async () => {
    const { events, report } = await collect(filesSource(root, { workers: 2 }), QUERY);
    assert.deepEqual(ids(events), ['good-1', 'good-2', 'good-3']);
    const problems = new Map(report.problems.map((p) => [basename(p.where).split('_').pop() ?? '', p.message]));
    assert.deepEqual([...problems.keys()].sort(), ['B-truncated.json.gz', 'C-notgzip.json.gz', 'D-badjson.json.gz', 'E-norecords.json.gz', 'F-malformed.json.gz', 'G-dangling.json.gz']);
    assert.match(problems.get('B-truncated.json.gz') ?? '', /^cannot decompress: unexpected end of file/);
    assert.match(problems.get('C-notgzip.json.gz') ?? '', /^not a gzip file/);
    assert.match(problems.get('D-badjson.json.gz') ?? '', /^invalid JSON: /);
    assert.match(problems.get('E-norecords.json.gz') ?? '', /no "Records" array/);
    assert.equal(problems.get('F-malformed.json.gz'), '3 records without eventTime/eventSource/eventName');
    assert.match(problems.get('G-dangling.json.gz') ?? '', /^cannot read: ENOENT/);
    assert.ok(report.problems.every((p) => p.where.startsWith(root)), 'problems name the file path');
    // Every file but the dangling link was read; raw records of the readable ones are counted.
    assert.equal(report.units, 8);
    assert.equal(report.records, 2 + 4 + 1 + 1);
  });
});

describe('filesSource parallelism and backpressure', () => {
  let root: string;
  const FILES = 40;
  const QUERY: SourceQuery = { start: ms('2026-11-25T00:00:00Z'), end: ms('2026-11-26T00:00:00Z'), regions: null };

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'qready-files-pool-'));
    for (let f = 0; f < FILES; f++) {
      const minute = String(f).padStart(2, '0');
      const records = Array.from({ length: 50 }, (_, i) => (i % 5 === 0
        ? qbusinessDataEvent(i % 10 === 0 ? 'Chat' : 'ListConversations', { eventID: `f${f}-r${i}`, eventTime: `2026-11-25T10:${minute}:${String(i).padStart(2, '0')}Z`, region: f % 2 ? 'eu-west-1' : 'us-east-1' })
        : record({ eventSource: 'dynamodb.amazonaws.com', eventName: 'GetItem', eventCategory: 'Data' })));
      write(root, trailKey({ region: f % 2 ? 'eu-west-1' : 'us-east-1', time: `2026-11-25T10:${minute}:00Z`, unique: `F${minute}` }), trailFile(records));
    }
    // One big file: its events arrive in several batches, not one huge message.
    const big = Array.from({ length: 12_000 }, (_, i) => qbusinessDataEvent('Chat', { eventID: `big-${i}`, eventTime: '2026-11-25T11:00:00Z' }));
    write(root, trailKey({ time: '2026-11-25T11:05:00Z', unique: 'BIG' }), trailFile(big));
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('gives the same events and counts with one worker as with three', async () => {
    const one = await collect(filesSource(root, { workers: 1 }), QUERY);
    const three = await collect(filesSource(root, { workers: 3 }), QUERY);
    assert.equal(one.events.length, FILES * 10 + 12_000);
    const byId = (events: TrailEvent[]): TrailEvent[] => [...events].sort((a, b) => (a.eventId < b.eventId ? -1 : 1));
    assert.deepEqual(byId(three.events), byId(one.events));
    assert.deepEqual(three.report, one.report);
    assert.equal(one.report.units, FILES + 1);
    assert.equal(one.report.records, FILES * 50 + 12_000);
    // The big file came in chunks: more batches than files with events.
    assert.ok(one.batches > FILES + 1, `batches ${one.batches}`);
  });

  it('reads ahead only a few files while the consumer does not pull', async () => {
    const report = newSourceReport();
    const iterator = filesSource(root, { workers: 2 }).events(QUERY, report)[Symbol.asyncIterator]();
    await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // 2 workers × 2 files each, at most 2 × 4 batches waiting, and the batch taken.
    assert.ok(report.units <= 13, `read ${report.units} of ${FILES + 1} files ahead of the consumer`);
    await iterator.return?.(undefined);
    assert.equal(liveParseWorkers(), 0);
  });

  it('terminates the workers when the loop breaks early', async () => {
    const report = newSourceReport();
    let seen = 0;
    for await (const batch of filesSource(root, { workers: 2 }).events(QUERY, report)) {
      seen += batch.length;
      assert.ok(liveParseWorkers() > 0);
      break;
    }
    assert.ok(seen > 0);
    assert.equal(liveParseWorkers(), 0);
    assert.ok(report.units < FILES + 1);
  });

  it('terminates the workers when the loop body throws', async () => {
    const report = newSourceReport();
    await assert.rejects(async () => {
      for await (const batch of filesSource(root, { workers: 2 }).events(QUERY, report)) throw new Error(`analysis failed on ${batch.length} events`);
    }, /analysis failed/);
    assert.equal(liveParseWorkers(), 0);
  });
});

describe('filesSource with files that could take the run down', () => {
  let root: string;
  const QUERY: SourceQuery = { start: ms('2026-11-25T00:00:00Z'), end: ms('2026-11-26T00:00:00Z'), regions: null };
  const key = (unique: string): string => trailKey({ time: '2026-11-25T10:05:00Z', unique });
  const chat = (id: string, extra: Partial<Parameters<typeof qbusinessDataEvent>[1]> = {}): RawRecord => qbusinessDataEvent('Chat', { eventID: id, eventTime: '2026-11-25T10:00:00Z', ...extra });

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'qready-files-harm-'));
  });

  after(() => rmSync(root, { recursive: true, force: true }));

  it('reports a file larger than the limit by its size, without reading it, and reads the others', async () => {
    const dir = join(root, 'big');
    // Sparse: as large as the limit says on disk, no bytes written. Its name says gzip, its bytes are not.
    const huge = write(dir, key('A-huge'), '');
    const fd = openSync(huge, 'r+');
    ftruncateSync(fd, MAX_LOG_FILE_BYTES + 1);
    closeSync(fd);
    write(dir, key('B-good'), trailFile([chat('after-huge')]));
    const { events, report } = await collect(filesSource(dir, { workers: 1 }), QUERY);
    assert.deepEqual(ids(events), ['after-huge']);
    assert.deepEqual(report.problems, [{ where: huge, message: `${MAX_LOG_FILE_BYTES + 1} bytes, larger than 256 MB; not read (CloudTrail log files are far smaller)` }]);
    assert.equal(report.units, 1, 'the huge file was not read');
  });

  it('keeps reading after a record nested 20,000 levels deep: the file behind it on the same thread arrives', async () => {
    const dir = join(root, 'deep');
    const deep = JSON.stringify(chat('deep', { requestParameters: { applicationId: 'app', attributeFilter: 'DEEP' } })).replace('"DEEP"', deeplyNestedJson(20_000));
    write(dir, key('A-deep'), trailFileOfTexts([deep, JSON.stringify(chat('beside-deep'))]));
    write(dir, key('B-good'), trailFile([chat('after-deep')]));
    const { events, report } = await collect(filesSource(dir, { workers: 1 }), QUERY);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(ids(events), ['after-deep', 'beside-deep', 'deep']);
    // The deep part is cut where no real record reaches (normalise.ts), the rest of the event is kept.
    assert.match(JSON.stringify(events.find((e) => e.eventId === 'deep')?.requestParameters), new RegExp(TOO_DEEP.replace(/[[\]]/g, '\\$&')));
    assert.equal(report.units, 2);
    assert.equal(liveParseWorkers(), 0);
  });

  /**
   * parse-worker.js, wrapped by test code: `setup` runs before it loads, `before(job)` before its
   * handler sees each job (its `parentPort.on('message', …)` is wrapped).
   */
  function wrappedWorker(setup: string): URL {
    const code = `import { parentPort } from 'node:worker_threads';
let before = () => undefined;
${setup}
const on = parentPort.on.bind(parentPort);
parentPort.on = (type, listener) => on(type, type === 'message' ? (job) => { before(job); listener(job); } : listener);
await import(${JSON.stringify(PARSE_WORKER_URL.href)});`;
    return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
  }

  /** Parses a file per name (two Chat events, `<name>-1` and `-2`) in one thread, read from disk or posted as bytes (S3). */
  async function parseJobs(workerUrl: URL, names: string[], as: 'path' | 'bytes' = 'path'): Promise<{ events: TrailEvent[]; report: SourceReport }> {
    const dir = join(root, 'pool');
    const jobs = (async function* (): AsyncGenerator<ParseJob> {
      for (const name of names) {
        const bytes = trailFile([chat(`${name}-1`), chat(`${name}-2`)]);
        yield as === 'bytes' ? { name, bytes, gzip: true } : { name, path: write(dir, `${name}.json.gz`, bytes), gzip: true };
      }
    })();
    const report = newSourceReport();
    const events: TrailEvent[] = [];
    for await (const batch of parseInWorkers(jobs, QUERY, report, 1, { workerUrl })) events.push(...batch);
    assert.equal(liveParseWorkers(), 0);
    return { events, report };
  }

  it('reports only the file a dying thread was parsing, and parses the ones queued behind it in a fresh thread', async () => {
    const crashing = wrappedWorker("before = (job) => { if (job.name.startsWith('CRASH')) process.exit(3); };");
    // Bytes (S3) too: the queued file's bytes must still be there to post again.
    for (const as of ['path', 'bytes'] as const) {
      const { events, report } = await parseJobs(crashing, ['CRASH', 'queued'], as);
      assert.deepEqual(report.problems, [{ where: 'CRASH', message: 'parser thread failed: parser thread exited with code 3' }], as);
      assert.deepEqual(ids(events), ['queued-1', 'queued-2'], as);
      assert.equal(report.units, 1, as);
    }
  });

  it('answers a file whose events cannot be posted with a problem, posts what it can, and lives on for the next file', async () => {
    // As the structured clone fails on a value nested too deep: for the messages that carry `one-2`.
    const refusing = wrappedWorker(`const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (message, transfer) => {
  if (Array.isArray(message.events) && message.events.some((e) => e.eventId === 'one-2')) throw new RangeError('Maximum call stack size exceeded');
  return post(message, transfer);
};`);
    const { events, report } = await parseJobs(refusing, ['one', 'two']);
    assert.deepEqual(ids(events), ['one-1', 'two-1', 'two-2']);
    assert.deepEqual(report.problems, [{ where: 'one', message: '1 event could not be passed on from the parser thread (Maximum call stack size exceeded); the rest of the file was read' }]);
    assert.equal(report.units, 2);
  });

  it('gives up a thread whose message the main thread cannot read, reporting the file it was on, and parses the rest', async () => {
    // Deep enough to leave the worker (4 MB stack) but not to be read on the main thread (~1 MB).
    const garbling = wrappedWorker(`before = (job) => {
  if (job.name.startsWith('GARBLED')) parentPort.postMessage({ type: 'events', id: job.id, events: [JSON.parse('${deeplyNestedJson(3_000)}')] });
};`);
    const { events, report } = await parseJobs(garbling, ['GARBLED', 'queued']);
    assert.deepEqual(report.problems.map((p) => [p.where, p.message]), [['GARBLED', 'parser thread failed: a message from the parser thread could not be read: Maximum call stack size exceeded']]);
    assert.deepEqual(ids(events), ['queued-1', 'queued-2']);
  });
});
