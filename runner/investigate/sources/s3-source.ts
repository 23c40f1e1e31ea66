// `--source s3://BUCKET/PREFIX`: CloudTrail log files in the trail's bucket. Listing walks the
// folder levels with `Delimiter: '/'` and prunes them like files-source does (log-files.ts), and
// below a region folder it lists only the window's day folders, so a short window over a bucket
// of years of logs costs a few dozen list calls, not a listing of the whole bucket. Objects are
// fetched in the main thread (I/O) with bounded concurrency and parsed in the worker threads.
import { GetObjectCommand, ListObjectsV2Command, type ListObjectsV2CommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { UsageError } from '../../cli/io.js';
import type { ClientFactory } from '../../collect/clients.js';
import type { TrailEvent } from '../event.js';
import { MAX_LOG_FILE_BYTES, tooLargeMessage } from './log-file-parser.js';
import { dayFoldersOf, folderWanted, isGzipName, isLogFileName, isRegionFolder } from './log-files.js';
import type { SourceProblem, SourceQuery, SourceReport, TrailEventSource } from './source.js';
import { defaultWorkerCount, parseInWorkers, type ParseJob } from './worker-pool.js';

/** What reading log files from S3 needs (ListObjectsV2 is authorised as s3:ListBucket). For `qready policy`. */
export const S3_INVESTIGATE_ACTIONS = ['s3:ListBucket', 's3:GetObject'] as const;

/** GetObject calls in flight at once: enough to keep the parser threads fed, few enough to bound memory. */
const FETCH_CONCURRENCY = 8;
/** Up to this many days, a region folder's day folders are listed directly instead of discovered. */
const MAX_DIRECT_DAYS = 62;

export interface S3SourceOptions {
  /** Parser threads; default: the available cores, at most 4. */
  workers?: number;
  /** The bucket's region; default: the SDK's (AWS_REGION, the profile). */
  region?: string;
}

export interface S3Location {
  bucket: string;
  /** '' (the bucket), a folder ending in '/', or one object's key. */
  prefix: string;
  /** Whether the prefix names one log file. */
  single: boolean;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** `s3://bucket[/prefix]`. A prefix that is not a log file's name is read as a folder (a `/` is added). */
export function parseS3Url(url: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(url);
  if (!match || !BUCKET.test(match[1])) throw new UsageError(`--source ${url}: expected s3://BUCKET/PREFIX with a valid bucket name`);
  const [, bucket, rest] = match;
  if (isLogFileName(rest)) return { bucket, prefix: rest, single: true };
  return { bucket, prefix: rest === '' || rest.endsWith('/') ? rest : `${rest}/`, single: false };
}

export function s3Source(url: string, factory: ClientFactory, options: S3SourceOptions = {}): TrailEventSource {
  const location = parseS3Url(url);
  return {
    label: url,
    events: (query, report) => readS3(location, factory, query, report, options),
  };
}

function readS3(location: S3Location, factory: ClientFactory, query: SourceQuery, report: SourceReport, options: S3SourceOptions): AsyncGenerator<TrailEvent[]> {
  const client = factory.client('s3', options.region, S3_INVESTIGATE_ACTIONS);
  const bucket = new BucketReader(client, location.bucket, query, report.problems);
  const keys = location.single ? single(location.prefix) : bucket.keysUnder(location.prefix);
  return parseInWorkers(bucket.fetch(keys), query, report, options.workers ?? defaultWorkerCount());
}

/** A log file's key, with its size when a listing gave one. */
interface ListedObject {
  key: string;
  size: number | null;
}

async function* single(key: string): AsyncGenerator<ListedObject> {
  yield { key, size: null };
}

/** Stops a response body that will not be read (Node's stream), so its bytes are not downloaded. */
function discard(body: unknown): void {
  const stream = body as { destroy?: () => void };
  if (typeof stream.destroy === 'function') stream.destroy();
}

const describe = (err: unknown): string => {
  if (!(err instanceof Error)) return String(err);
  return err.name && err.name !== 'Error' && !err.message.startsWith(err.name) ? `${err.name}: ${err.message}` : err.message;
};

class BucketReader {
  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
    private readonly query: SourceQuery,
    private readonly problems: SourceProblem[],
  ) {}

  /** The log files' keys (and sizes) under a folder prefix, skipping folders the query cannot need. */
  async *keysUnder(prefix: string): AsyncGenerator<ListedObject> {
    const segments = prefix.split('/').filter((s) => s !== '');
    if (!folderWanted(segments, this.query)) return;
    const days = isRegionFolder(segments) ? dayFoldersOf(this.query, MAX_DIRECT_DAYS) : null;
    if (days) {
      for (const day of days) yield* this.keysUnder(`${prefix}${day}/`);
      return;
    }
    const subfolders: string[] = [];
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }));
      } catch (err) {
        this.problems.push({ where: `s3://${this.bucket}/${prefix}`, message: `cannot list: ${describe(err)}` });
        break;
      }
      for (const object of page.Contents ?? []) {
        if (object.Key !== undefined && isLogFileName(object.Key)) yield { key: object.Key, size: object.Size ?? null };
      }
      for (const folder of page.CommonPrefixes ?? []) {
        if (folder.Prefix !== undefined) subfolders.push(folder.Prefix);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    for (const folder of subfolders) yield* this.keysUnder(folder);
  }

  /**
   * The objects' bytes as parse jobs, in key order, with up to FETCH_CONCURRENCY requests ahead of
   * the consumer. A failing object is reported and skipped, and so is one whose listed size is over
   * MAX_LOG_FILE_BYTES, without being fetched.
   */
  async *fetch(keys: AsyncIterable<ListedObject>): AsyncGenerator<ParseJob> {
    const iterator = keys[Symbol.asyncIterator]();
    const ahead: Promise<ParseJob | null>[] = [];
    let listed = false;
    try {
      for (;;) {
        while (!listed && ahead.length < FETCH_CONCURRENCY) {
          const next = await iterator.next();
          if (next.done) listed = true;
          else ahead.push(this.get(next.value));
        }
        const head = ahead.shift();
        if (!head) return;
        const job = await head;
        if (job) yield job;
      }
    } finally {
      if (!listed) await iterator.return?.();
    }
  }

  /** Never rejects: requests still in flight when the consumer stops must not become unhandled rejections. */
  private async get({ key, size }: ListedObject): Promise<ParseJob | null> {
    const name = `s3://${this.bucket}/${key}`;
    if (size !== null && size > MAX_LOG_FILE_BYTES) {
      this.problems.push({ where: name, message: tooLargeMessage(size, 'read') });
      return null;
    }
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!object.Body) throw new Error('the response has no body');
      // An object named in the URL was not listed: its size comes with the response, before the body.
      if (object.ContentLength !== undefined && object.ContentLength > MAX_LOG_FILE_BYTES) {
        discard(object.Body);
        this.problems.push({ where: name, message: tooLargeMessage(object.ContentLength, 'read') });
        return null;
      }
      // CloudTrail stores the files gzip without Content-Encoding: the bytes arrive compressed.
      const bytes = await object.Body.transformToByteArray();
      return { name, bytes, gzip: isGzipName(key) };
    } catch (err) {
      this.problems.push({ where: name, message: `cannot get the object: ${describe(err)}` });
      return null;
    }
  }
}
