// `qready investigate` end to end: log files in, reports out, exit codes, and bad input named.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CliIo } from '../../runner/cli/io.js';
import { AwsWire, awsJsonResult, fastRetryStrategy, TEST_CREDENTIALS } from '../helpers/aws-wire.js';
import { APP_ID, iamUser, qbusinessDataEvent, record, trailFile, trailKey, type RawRecord } from '../investigate/records.js';
import { makeTmp, removeTmp, runCli, runCliWith, type CliRun } from './harness.js';

const WINDOW = ['--start', '2026-11-24T00:00:00Z', '--end', '2026-11-26T00:00:00Z'];

function writeTrail(root: string, records: RawRecord[], unique = 'AbCdEfGh12345678'): string {
  const file = join(root, trailKey({ unique }));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, trailFile(records));
  return file;
}

const quietChat = (): RawRecord[] => [
  qbusinessDataEvent('ChatSync', { eventTime: '2026-11-25T09:10:00Z' }),
  qbusinessDataEvent('BatchPutDocument', { eventTime: '2026-11-25T09:12:00Z', requestParameters: { applicationId: APP_ID, indexId: 'i-1', documents: [{ id: 'd1' }] } }),
];

describe('qready investigate', function () {
  this.timeout(30_000);
  let tmp: string;
  let out: string;
  beforeEach(() => {
    tmp = makeTmp();
    out = join(tmp, 'out');
  });
  afterEach(() => removeTmp(tmp));

  const investigate = (...args: string[]): Promise<CliRun> => runCli('investigate', '--output-dir', out, '--no-progress', ...WINDOW, ...args);

  it('exits 0 on ordinary Amazon Q use and writes JSON, CSV timeline and HTML', async () => {
    writeTrail(join(tmp, 'trail'), quietChat());
    const r = await investigate('--source', `files:${join(tmp, 'trail')}`);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const files = readdirSync(out).sort();
    assert.deepEqual(files.map((f) => f.replace(/\d{14}/, 'T')), ['qready-investigation-111122223333-T.html', 'qready-investigation-111122223333-T.json', 'qready-investigation-111122223333-T.timeline.csv']);
    const json = JSON.parse(readFileSync(join(out, files[1]), 'utf8')) as { events: { eventName: string }[]; flagged: boolean; answers: { id: string; summary: string }[] };
    assert.deepEqual(json.events.map((e) => e.eventName), ['ChatSync', 'BatchPutDocument']);
    assert.equal(json.flagged, false);
    assert.match(json.answers.find((a) => a.id === 'documents')!.summary, /1 document uploaded/);
    assert.match(r.stdout, /report: .*\.timeline\.csv/);
  });

  it('exits 3 on logging tampering, and still reads the good files next to a corrupt one', async () => {
    const trail = join(tmp, 'trail');
    writeTrail(trail, [...quietChat(), record({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', eventTime: '2026-11-25T09:30:00Z', userIdentity: iamUser('mallory'), requestParameters: { name: 'org-trail' } })]);
    const broken = writeTrail(trail, [], 'Broken0000000000');
    writeFileSync(broken, readFileSync(broken).subarray(0, 10));
    const r = await investigate('--source', `files:${trail}`, '--output-formats', 'json');
    assert.equal(r.code, 3, r.stderr + r.stdout);
    assert.match(r.stdout, /StopLogging on trail org-trail/);
    assert.ok(r.stdout.includes(broken), 'the corrupt file is named');
    const json = JSON.parse(readFileSync(join(out, readdirSync(out)[0]), 'utf8')) as { problems: { where: string }[]; stats: { qEvents: number } };
    assert.deepEqual(json.problems.map((p) => p.where), [broken]);
    assert.equal(json.stats.qEvents, 2);
  });

  it('exits 1 when no file could be read at all (no answer is trustworthy)', async () => {
    const trail = join(tmp, 'trail');
    writeFileSync(writeTrail(trail, []), 'not gzip');
    const r = await investigate('--source', `files:${trail}`, '--output-formats', 'json');
    assert.equal(r.code, 1, r.stderr + r.stdout);
    assert.match(r.stdout, /NOTHING READ/);
    assert.doesNotMatch(r.stdout, /No tampering or unknown activity found/);
  });

  it('exits 1 when there is nothing to read (an empty folder), saying so', async () => {
    mkdirSync(join(tmp, 'empty'));
    const r = await investigate('--source', `files:${join(tmp, 'empty')}`, '--output-formats', 'json');
    assert.equal(r.code, 1, r.stderr + r.stdout);
    assert.match(r.stdout, /NOTHING READ: the source had no log file/);
  });

  it('filters never hide tampering: --principal names one user, another user\'s StopLogging still counts', async () => {
    const trail = join(tmp, 'trail');
    writeTrail(trail, [...quietChat(), record({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', eventTime: '2026-11-25T09:30:00Z', userIdentity: iamUser('mallory'), requestParameters: { name: 'org-trail' } })]);
    const r = await investigate('--source', `files:${trail}`, '--output-formats', 'json', '--principal', '*assumed-role/SecurityAdmin/*', '--region', 'us-east-1');
    assert.equal(r.code, 3, r.stderr + r.stdout);
    assert.match(r.stdout, /StopLogging on trail org-trail/);
  });

  it('--principal and --application narrow the Amazon Q events', async () => {
    const trail = join(tmp, 'trail');
    writeTrail(trail, [...quietChat(), qbusinessDataEvent('Chat', { eventTime: '2026-11-25T11:00:00Z', userIdentity: iamUser('zoe'), requestParameters: { applicationId: 'other-app' } })]);
    const r = await investigate('--source', `files:${trail}`, '--output-formats', 'json', '--principal', '*user/zoe', '--application', 'other-app');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(readFileSync(join(out, readdirSync(out)[0]), 'utf8')) as { events: { eventName: string; principal: { name: string } }[] };
    assert.deepEqual(json.events.map((e) => `${e.principal.name} ${e.eventName}`), ['zoe Chat']);
  });

  describe('bad input → exit 2 with a message naming it, nothing written', () => {
    const cases: [string, string[], RegExp][] = [
      ['an unreadable --start', ['--source', 'files:/nonexistent', '--start', 'last week'], /--start 'last week'/],
      ['an unknown source kind', ['--source', 'ftp://logs'], /unknown --source 'ftp:\/\/logs'/],
      ['an unknown output format', ['--source', 'files:/x', '--output-formats', 'pdf'], /unknown output format 'pdf'/],
      ['a region that is not one', ['--source', 'files:/x', '--region', 'europe'], /'europe' is not a region name/],
      ['a baseline that is not a duration', ['--source', 'files:/x', '--baseline', 'yesterday'], /--baseline 'yesterday'/],
      ['an unknown flag', ['--source', 'files:/x', '--since', '7d'], /unknown option '--since'/],
      ['a missing folder', ['--source', 'files:/nonexistent/trail'], /\/nonexistent\/trail/],
      ['a lake source without a store', ['--source', 'lake:'], /needs an event data store/],
    ];
    for (const [what, args, message] of cases) {
      it(what, async () => {
        const r = await investigate(...args);
        assert.equal(r.code, 2, r.stderr + r.stdout);
        assert.match(r.stderr, message);
        assert.throws(() => readdirSync(out), /ENOENT/, 'no report written');
      });
    }

    it('an invalid allowlist names the file and line', async () => {
      const allowlist = join(tmp, 'allow.yaml');
      writeFileSync(allowlist, 'principals:\n  - arn:aws:iam::111122223333:user/alice\nsource_ips:\n  - 10.0.0.0/33\n');
      const r = await investigate('--source', `files:${tmp}`, '--allowlist', allowlist);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, new RegExp(`${allowlist.replace(/[.]/g, '[.]')}:4`));
    });
  });

  it('--source lookup reads LookupEvents through the SDK client, one region, at the requested rate', async () => {
    const chat = record({ eventSource: 'q.amazonaws.com', eventName: 'SendMessage', eventTime: '2026-11-25T10:00:00Z', userIdentity: iamUser('alice') });
    const wire = new AwsWire().on('cloudtrail:LookupEvents', (call) => {
      const attr = (call.params.LookupAttributes as { AttributeKey: string; AttributeValue: string }[])[0];
      const hit = attr.AttributeKey === 'EventSource' && attr.AttributeValue === 'q.amazonaws.com';
      return awsJsonResult({ Events: hit ? [{ EventId: chat.eventID, EventName: 'SendMessage', CloudTrailEvent: JSON.stringify(chat) }] : [] });
    });
    // requestRates {}: the client-level CloudTrail pacing (10/s) has its own test; this one is about the lookup's own rate.
    const clientOptions = { credentials: TEST_CREDENTIALS, maxAttempts: 2, retryStrategy: fastRetryStrategy(2), requestHandler: wire.requestHandler, requestRates: {} } as unknown as CliIo['clientOptions'];
    const { code, stdout, stderr } = await runCliWith(clientOptions, 'investigate', '--region', 'us-east-1', '--requests-per-second', '1000', '--output-dir', out, '--output-formats', 'json', '--no-progress', ...WINDOW);
    assert.equal(code, 0, stderr + stdout);
    assert.ok(wire.calls.every((c) => c.action === 'cloudtrail:LookupEvents' && c.region === 'us-east-1'), 'only LookupEvents, only the region asked for');
    assert.ok(wire.calls.some((c) => (c.params.LookupAttributes as { AttributeValue: string }[])[0].AttributeValue === 'alice'), 'the Q principal is looked up');
    const json = JSON.parse(readFileSync(join(out, readdirSync(out)[0]), 'utf8')) as { events: { eventName: string }[]; run: { source: string } };
    assert.deepEqual(json.events.map((e) => e.eventName), ['SendMessage']);
  });
});
