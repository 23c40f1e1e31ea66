// `--source s3://BUCKET/PREFIX` through the real S3 client at the wire: a fake bucket answers
// ListObjectsV2 (restXml, prefixes and delimiters, pages of a few entries) and GetObject. Checks
// the folder discovery and day-prefix pruning (which prefixes were listed), paging, failing
// objects and listings reported while the rest is read, and that only s3:ListBucket and
// s3:GetObject were sent.
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import type { HttpRequest, HttpResponse } from '@smithy/types';
import { UsageError } from '../../runner/cli/io.js';
import type { TrailEvent } from '../../runner/investigate/event.js';
import { MAX_LOG_FILE_BYTES } from '../../runner/investigate/sources/log-file-parser.js';
import { parseS3Url, s3Source, S3_INVESTIGATE_ACTIONS } from '../../runner/investigate/sources/s3-source.js';
import { newSourceReport, type SourceQuery, type SourceReport } from '../../runner/investigate/sources/source.js';
import { liveParseWorkers } from '../../runner/investigate/sources/worker-pool.js';
import { wireClientFactory, xmlText } from '../helpers/aws-wire.js';
import { qbusinessDataEvent, record, trailFile, trailKey } from './records.js';

const BUCKET = 'org-trail-logs';
const ORG = 'o-exampleorg1';
const ACCOUNTS = ['111122223333', '444455556666'];
const REGIONS = ['us-east-1', 'eu-west-1'];
const DAYS = ['2026-11-24', '2026-11-25', '2026-11-26'];
const ms = (iso: string): number => Date.parse(iso);
const DAY_25: SourceQuery = { start: ms('2026-11-25T00:00:00Z'), end: ms('2026-11-26T00:00:00Z'), regions: ['us-east-1'] };

interface ListCall {
  prefix: string;
  delimiter: string | undefined;
  token: string | undefined;
}

const s3Error = (status: number, code: string, message: string): HttpResponse => ({
  statusCode: status,
  headers: { 'content-type': 'application/xml' },
  body: Readable.from([Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${xmlText(message)}</Message><RequestId>4442587FB7D0A2F9</RequestId><HostId>host-id</HostId></Error>`)]),
});

/** One bucket as S3 serves it: ListObjectsV2 with Prefix/Delimiter and `pageSize` entries (keys and common prefixes) per page. */
class FakeBucket {
  readonly objects = new Map<string, Buffer>();
  readonly lists: ListCall[] = [];
  readonly gets: string[] = [];
  /** Keys whose GetObject is refused (AccessDenied), and prefixes whose listing is. */
  readonly deniedKeys = new Set<string>();
  readonly deniedPrefixes = new Set<string>();
  /** Sizes the listing reports instead of the bytes' length, and Content-Length headers GetObject sends instead. */
  readonly listedSizes = new Map<string, number>();
  readonly sentLengths = new Map<string, number>();
  pageSize = 1000;

  readonly requestHandler = {
    handle: async (request: HttpRequest): Promise<{ response: HttpResponse }> => {
      await new Promise((resolve) => setImmediate(resolve));
      return { response: this.respond(request) };
    },
    updateHttpClientConfig: (): void => undefined,
    httpHandlerConfigs: (): Record<string, never> => ({}),
    destroy: (): void => undefined,
  };

  private respond(request: HttpRequest): HttpResponse {
    assert.equal(request.hostname.split('.')[0], BUCKET, 'virtual-hosted bucket address');
    assert.match(String(request.headers.authorization ?? request.headers.Authorization), /\/s3\/aws4_request/);
    const query = request.query ?? {};
    if (request.method === 'GET' && query['list-type'] === '2') return this.list(query as Record<string, string | undefined>);
    if (request.method === 'GET') return this.get(decodeURIComponent(request.path.slice(1)));
    return s3Error(405, 'MethodNotAllowed', `${request.method} is not served`);
  }

  private list(query: Record<string, string | undefined>): HttpResponse {
    const prefix = query.prefix ?? '';
    const delimiter = query.delimiter;
    const token = query['continuation-token'];
    this.lists.push({ prefix, delimiter, token });
    if (this.deniedPrefixes.has(prefix)) return s3Error(403, 'AccessDenied', 'Access Denied');
    const entries: { key?: string; prefix?: string }[] = [];
    const seen = new Set<string>();
    for (const key of [...this.objects.keys()].sort()) {
      if (!key.startsWith(prefix)) continue;
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (cut < 0) entries.push({ key });
      else if (!seen.has(key.slice(0, cut + 1))) {
        seen.add(key.slice(0, cut + 1));
        entries.push({ prefix: key.slice(0, cut + 1) });
      }
    }
    const from = token === undefined ? 0 : Number(token.replace('page-', ''));
    const page = entries.slice(from, from + this.pageSize);
    const truncated = from + this.pageSize < entries.length;
    const contents = page.filter((e) => e.key !== undefined).map((e) => `<Contents><Key>${xmlText(e.key ?? '')}</Key><LastModified>2026-11-25T10:05:00.000Z</LastModified><ETag>&quot;0123456789abcdef&quot;</ETag><Size>${this.listedSizes.get(e.key ?? '') ?? this.objects.get(e.key ?? '')?.length ?? 0}</Size><StorageClass>STANDARD</StorageClass></Contents>`);
    const prefixes = page.filter((e) => e.prefix !== undefined).map((e) => `<CommonPrefixes><Prefix>${xmlText(e.prefix ?? '')}</Prefix></CommonPrefixes>`);
    const body = '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
      + `<Name>${BUCKET}</Name><Prefix>${xmlText(prefix)}</Prefix><KeyCount>${page.length}</KeyCount><MaxKeys>1000</MaxKeys>`
      + (delimiter ? `<Delimiter>${xmlText(delimiter)}</Delimiter>` : '')
      + `<IsTruncated>${truncated}</IsTruncated>`
      + (token ? `<ContinuationToken>${token}</ContinuationToken>` : '')
      + (truncated ? `<NextContinuationToken>page-${from + this.pageSize}</NextContinuationToken>` : '')
      + contents.join('') + prefixes.join('') + '</ListBucketResult>';
    return { statusCode: 200, headers: { 'content-type': 'application/xml' }, body: Readable.from([Buffer.from(body)]) };
  }

  private get(key: string): HttpResponse {
    this.gets.push(key);
    if (this.deniedKeys.has(key)) return s3Error(403, 'AccessDenied', 'Access Denied');
    const bytes = this.objects.get(key);
    if (!bytes) return s3Error(404, 'NoSuchKey', 'The specified key does not exist.');
    // As CloudTrail stores them: gzip bytes, no Content-Encoding.
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json', 'content-length': String(this.sentLengths.get(key) ?? bytes.length), etag: '"0123456789abcdef"', 'last-modified': 'Wed, 25 Nov 2026 10:05:00 GMT' },
      body: Readable.from([bytes]),
    };
  }
}

const chatId = (account: string, region: string, day: string): string => `chat-${account}-${region}-${day}`;
const lateId = (account: string, region: string, day: string): string => `late-${account}-${region}-${day}`;

/** The organization trail's bucket: 2 accounts × 2 regions × 3 days, digests, another service's logs. */
function orgBucket(prefix = ''): FakeBucket {
  const bucket = new FakeBucket();
  for (const account of ACCOUNTS) {
    for (const region of REGIONS) {
      for (const day of DAYS) {
        const previous = new Date(ms(`${day}T00:00:00Z`) - 5 * 60_000).toISOString().replace('.000', '');
        bucket.objects.set(prefix + trailKey({ org: ORG, account, region, time: `${day}T00:05:00Z` }), trailFile([
          qbusinessDataEvent('Chat', { eventID: chatId(account, region, day), eventTime: `${day}T10:00:00Z`, region, recipientAccountId: account }),
          qbusinessDataEvent('ChatSync', { eventID: lateId(account, region, day), eventTime: previous, region, recipientAccountId: account }),
          record({ eventSource: 's3.amazonaws.com', eventName: 'GetObject', eventCategory: 'Data', region }),
        ]));
      }
    }
    bucket.objects.set(`${prefix}AWSLogs/${ORG}/${account}/CloudTrail-Digest/us-east-1/2026/11/25/${account}_CloudTrail-Digest_us-east-1_t_20261125T010000Z.json.gz`, Buffer.from('{}'));
    bucket.objects.set(`${prefix}AWSLogs/${ORG}/${account}/Config/us-east-1/2026/11/25/ConfigSnapshot/${account}_Config_us-east-1_ConfigSnapshot_20261125T010000Z.json.gz`, Buffer.from('{}'));
  }
  bucket.objects.set(`${prefix}AWSLogs/${ORG}/${ACCOUNTS[0]}/CloudTrail/ConfigWritabilityCheckFile`, Buffer.from(''));
  return bucket;
}

async function collect(bucket: FakeBucket, url: string, query: SourceQuery, workers = 2): Promise<{ events: TrailEvent[]; report: SourceReport; sent: string[] }> {
  const factory = wireClientFactory(bucket.requestHandler);
  const report = newSourceReport();
  const events: TrailEvent[] = [];
  for await (const batch of s3Source(url, factory, { workers, region: 'us-east-1' }).events(query, report)) events.push(...batch);
  assert.ok(factory.sent.every((c) => c.region === 'us-east-1'));
  return { events, report, sent: factory.sent.map((c) => c.action) };
}

const ids = (events: TrailEvent[]): string[] => events.map((e) => e.eventId).sort();

describe('s3Source', () => {
  it('discovers the organization and account folders and lists only the window\'s day prefixes', async () => {
    const bucket = orgBucket();
    const { events, report, sent } = await collect(bucket, `s3://${BUCKET}`, DAY_25);
    assert.deepEqual(report.problems, []);
    const trail = (account: string): string => `AWSLogs/${ORG}/${account}/CloudTrail/`;
    assert.deepEqual(bucket.lists.map((l) => [l.prefix, l.delimiter]), [
      ['', '/'],
      ['AWSLogs/', '/'],
      [`AWSLogs/${ORG}/`, '/'],
      [`AWSLogs/${ORG}/${ACCOUNTS[0]}/`, '/'],
      [trail(ACCOUNTS[0]), '/'],
      [`${trail(ACCOUNTS[0])}us-east-1/2026/11/25/`, '/'],
      [`${trail(ACCOUNTS[0])}us-east-1/2026/11/26/`, '/'],
      [`AWSLogs/${ORG}/${ACCOUNTS[1]}/`, '/'],
      [trail(ACCOUNTS[1]), '/'],
      [`${trail(ACCOUNTS[1])}us-east-1/2026/11/25/`, '/'],
      [`${trail(ACCOUNTS[1])}us-east-1/2026/11/26/`, '/'],
    ]);
    assert.equal(bucket.gets.length, 4);
    assert.ok(bucket.gets.every((k) => k.includes('/CloudTrail/us-east-1/2026/11/2')));
    assert.equal(report.units, 4);
    assert.equal(report.records, 12);
    assert.deepEqual(ids(events), [...ACCOUNTS.map((a) => chatId(a, 'us-east-1', '2026-11-25')), ...ACCOUNTS.map((a) => lateId(a, 'us-east-1', '2026-11-26'))].sort());
    assert.deepEqual([...new Set(sent)].sort(), [...S3_INVESTIGATE_ACTIONS].sort());
  });

  it('discovers years and months by listing when the window is too long to list its days', async () => {
    const bucket = orgBucket('trails/');
    const query: SourceQuery = { start: ms('2026-06-01T00:00:00Z'), end: ms('2026-11-25T00:00:00Z'), regions: null };
    const { events, report } = await collect(bucket, `s3://${BUCKET}/trails/AWSLogs/${ORG}/${ACCOUNTS[0]}`, query);
    const prefixes = bucket.lists.map((l) => l.prefix.slice(`trails/AWSLogs/${ORG}/${ACCOUNTS[0]}/CloudTrail/`.length));
    assert.ok(prefixes.includes('us-east-1/') && prefixes.includes('eu-west-1/2026/11/'), prefixes.join(' '));
    // Day folders from the window's start to the day after its last day (the 24th): 24 and 25 only.
    assert.deepEqual(prefixes.filter((p) => /\d{2}\/$/.test(p) && p.split('/').length === 5).sort(), ['eu-west-1/2026/11/24/', 'eu-west-1/2026/11/25/', 'us-east-1/2026/11/24/', 'us-east-1/2026/11/25/']);
    assert.equal(report.units, 4);
    // The 24th's file: its Chat and the 23rd's late event; the 25th's: only the 24th's late event.
    assert.deepEqual(ids(events), REGIONS.flatMap((r) => [chatId(ACCOUNTS[0], r, '2026-11-24'), lateId(ACCOUNTS[0], r, '2026-11-24'), lateId(ACCOUNTS[0], r, '2026-11-25')]).sort());
    assert.ok(bucket.lists.every((l) => !l.prefix.includes('CloudTrail-Digest') && !l.prefix.includes('/Config/')));
  });

  it('follows ListObjectsV2 pages', async () => {
    const bucket = new FakeBucket();
    bucket.pageSize = 2;
    const day = 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/25/';
    for (let i = 0; i < 5; i++) {
      const time = `2026-11-25T10:0${i}:00Z`;
      bucket.objects.set(trailKey({ time, unique: `P${i}` }), trailFile([qbusinessDataEvent('Chat', { eventID: `page-file-${i}`, eventTime: time })]));
    }
    const { events, report } = await collect(bucket, `s3://${BUCKET}/AWSLogs/111122223333/CloudTrail/us-east-1/`, DAY_25);
    assert.deepEqual(bucket.lists.filter((l) => l.prefix === day).map((l) => l.token), [undefined, 'page-2', 'page-4']);
    assert.deepEqual(ids(events), [0, 1, 2, 3, 4].map((i) => `page-file-${i}`));
    assert.equal(report.units, 5);
  });

  it('reports an object it may not read and a prefix it may not list, and reads the rest', async () => {
    const bucket = orgBucket();
    const denied = trailKey({ org: ORG, account: ACCOUNTS[0], region: 'us-east-1', time: '2026-11-25T00:05:00Z' });
    bucket.deniedKeys.add(denied);
    const deniedPrefix = `AWSLogs/${ORG}/${ACCOUNTS[1]}/`;
    bucket.deniedPrefixes.add(deniedPrefix);
    const { events, report } = await collect(bucket, `s3://${BUCKET}/`, DAY_25);
    assert.deepEqual(report.problems.map((p) => p.where).sort(), [`s3://${BUCKET}/${denied}`, `s3://${BUCKET}/${deniedPrefix}`]);
    assert.ok(report.problems.every((p) => /AccessDenied/.test(p.message)), JSON.stringify(report.problems));
    assert.deepEqual(ids(events), [lateId(ACCOUNTS[0], 'us-east-1', '2026-11-26')]);
    assert.equal(report.units, 1);
  });

  it('reports a corrupt object by its key and reads the others', async () => {
    const bucket = new FakeBucket();
    const good = trailKey({ unique: 'GOOD' });
    const bad = trailKey({ unique: 'BAD' });
    bucket.objects.set(good, trailFile([qbusinessDataEvent('Chat', { eventID: 'good' })]));
    bucket.objects.set(bad, trailFile([qbusinessDataEvent('Chat')]).subarray(0, 30));
    const { events, report } = await collect(bucket, `s3://${BUCKET}/AWSLogs/`, DAY_25);
    assert.deepEqual(ids(events), ['good']);
    assert.deepEqual(report.problems.map((p) => p.where), [`s3://${BUCKET}/${bad}`]);
    assert.match(report.problems[0].message, /^cannot decompress/);
  });

  it('skips an object listed larger than the limit without fetching it, reported by its key', async () => {
    const bucket = new FakeBucket();
    const huge = trailKey({ unique: 'HUGE' });
    const good = trailKey({ unique: 'GOOD' });
    bucket.objects.set(huge, trailFile([qbusinessDataEvent('Chat', { eventID: 'in-huge' })]));
    bucket.listedSizes.set(huge, MAX_LOG_FILE_BYTES + 1);
    bucket.objects.set(good, trailFile([qbusinessDataEvent('Chat', { eventID: 'good' })]));
    const { events, report } = await collect(bucket, `s3://${BUCKET}/AWSLogs/`, DAY_25);
    assert.deepEqual(bucket.gets, [good]);
    assert.deepEqual(ids(events), ['good']);
    assert.deepEqual(report.problems, [{ where: `s3://${BUCKET}/${huge}`, message: `${MAX_LOG_FILE_BYTES + 1} bytes, larger than 256 MB; not read (CloudTrail log files are far smaller)` }]);
    assert.equal(report.units, 1);
  });

  it('refuses an object named by the URL whose Content-Length is over the limit, before reading its body', async () => {
    const bucket = new FakeBucket();
    const key = trailKey({ unique: 'HUGE' });
    bucket.objects.set(key, trailFile([qbusinessDataEvent('Chat', { eventID: 'in-huge' })]));
    bucket.sentLengths.set(key, MAX_LOG_FILE_BYTES + 1);
    const { events, report } = await collect(bucket, `s3://${BUCKET}/${key}`, DAY_25, 1);
    assert.deepEqual(events, []);
    assert.deepEqual(report.problems.map((p) => [p.where, p.message.replace(/ \(.*/, '')]), [[`s3://${BUCKET}/${key}`, `${MAX_LOG_FILE_BYTES + 1} bytes, larger than 256 MB; not read`]]);
    assert.equal(report.units, 0);
  });

  it('reads one object named by the URL without listing', async () => {
    const bucket = orgBucket();
    const key = trailKey({ org: ORG, account: ACCOUNTS[1], region: 'eu-west-1', time: '2026-11-25T00:05:00Z' });
    const { events, sent } = await collect(bucket, `s3://${BUCKET}/${key}`, { ...DAY_25, regions: null }, 1);
    assert.deepEqual(ids(events), [chatId(ACCOUNTS[1], 'eu-west-1', '2026-11-25')]);
    assert.deepEqual(sent, ['s3:GetObject']);
  });

  it('stops listing and fetching and ends its workers when the consumer stops early', async () => {
    const bucket = orgBucket();
    const factory = wireClientFactory(bucket.requestHandler);
    for await (const batch of s3Source(`s3://${BUCKET}`, factory, { workers: 2 }).events({ ...DAY_25, regions: null }, newSourceReport())) {
      assert.ok(batch.length > 0);
      break;
    }
    assert.equal(liveParseWorkers(), 0);
    // Requests already in flight may still land; none may start after them.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const gets = bucket.gets.length;
    const lists = bucket.lists.length;
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(bucket.lists.length, lists, 'no listing after the end');
    assert.equal(bucket.gets.length, gets, 'no request after the end');
  });

  it('parses s3:// URLs and rejects malformed ones as usage errors', () => {
    assert.deepEqual(parseS3Url('s3://my-bucket'), { bucket: 'my-bucket', prefix: '', single: false });
    assert.deepEqual(parseS3Url('s3://my-bucket/'), { bucket: 'my-bucket', prefix: '', single: false });
    assert.deepEqual(parseS3Url('s3://my-bucket/trails/AWSLogs'), { bucket: 'my-bucket', prefix: 'trails/AWSLogs/', single: false });
    assert.deepEqual(parseS3Url('s3://my-bucket/a/b.json.gz'), { bucket: 'my-bucket', prefix: 'a/b.json.gz', single: true });
    for (const url of ['s3://', 's3:///prefix', 's3://UPPER/x', 'https://my-bucket/x', 's3://a/x']) {
      assert.throws(() => parseS3Url(url), UsageError, url);
    }
  });
});
