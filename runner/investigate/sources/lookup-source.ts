// `--source lookup` (the default): CloudTrail LookupEvents, per region, in parallel across regions.
// LookupEvents holds management events only, 90 days back, takes one lookup attribute per call
// and allows about two calls per second per account and region, so the source asks narrowly:
//   phase 1  every Amazon Q event source, cloudtrail.amazonaws.com (tampering: StopLogging,
//            DeleteTrail, selector changes) and the three CloudWatch Logs delivery deletions by
//            event name (a whole logs.amazonaws.com lookup would be huge);
//   phase 2  for each principal seen in phase 1's Amazon Q events, a Username lookup: its IAM,
//            STS and CloudTrail events and the calls Amazon Q made for it (invokedBy q.amazonaws.com
//            carries the user's own identity, so they share its Username).
// Each region sits behind its own token bucket; the SDK's adaptive retries absorb the occasional
// ThrottlingException. Pages are streamed as they arrive; a failing region becomes a problem and
// the others go on.
import { LookupEventsCommand, type CloudTrailClient, type Event, type LookupAttribute } from '@aws-sdk/client-cloudtrail';
import { failedAction, type ClientFactory } from '../../collect/clients.js';
import { errorCode } from '../../collect/source-error.js';
import { TAMPERING_LOGS_EVENTS } from '../analyses/tampering.js';
import { loadEventCatalogue } from '../catalogue.js';
import { Q_EVENT_SOURCES, type EventCatalogue, type TrailEvent } from '../event.js';
import { normaliseRecord } from '../normalise.js';
import type { SourceQuery, SourceReport, TrailEventSource } from './source.js';
import { systemClock, TokenBucket, type Clock } from '../../util/token-bucket.js';

export const LOOKUP_ACTIONS: readonly string[] = ['cloudtrail:LookupEvents'];


/** Where trail tampering is logged (StopLogging, DeleteTrail, PutEventSelectors…). */
const TAMPERING_SOURCE = 'cloudtrail.amazonaws.com';

/**
 * The CloudWatch Logs changes the tampering analysis can flag (log-delivery deletions, and log
 * groups of Amazon Q deleted or cut short), looked up by name: a whole logs.amazonaws.com
 * lookup would page through every CreateLogStream of the account.
 */
export const LOG_DELIVERY_DELETIONS: readonly string[] = TAMPERING_LOGS_EVENTS;

/** LookupEvents' page size limit. */
const PAGE_SIZE = 50;
/** How far back LookupEvents reaches. */
const LOOKUP_RETENTION_MS = 90 * 24 * 3600 * 1000;
/** Pages waiting for the consumer before the lookups pause (memory stays flat when it is slow). */
const QUEUE_PAGES = 32;

export interface LookupSourceOptions {
  /** Steady LookupEvents calls per second and region. Default 2 (the documented quota). */
  requestsPerSecond?: number;
  /** Calls that may start back to back per region. Default 1: no second-long window then holds more than the rate. */
  burst?: number;
  /** Time for the token buckets; tests inject a fake clock. */
  clock?: Clock;
  /** Wall-clock now in epoch ms (for the 90-day notice). */
  now?: () => number;
}

/**
 * LookupEvents in `regions` (those the account can use); a query naming regions narrows them to
 * the ones in both lists. `report.records` counts every event LookupEvents returned, including
 * the ones dropped as out of scope or already seen through another lookup.
 */
export function lookupSource(factory: ClientFactory, regions: string[], options: LookupSourceOptions = {}): TrailEventSource {
  return {
    label: 'lookup',
    events: (query, report) => lookupEvents(factory, regions, options, query, report),
  };
}

/**
 * The LookupEvents Username of a principal, or null when it has none worth looking up. CloudTrail
 * fills Username with the IAM user name for IAMUser, the role session name for AssumedRole (the
 * last part of `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`; the role name is not searchable)
 * and `root` for the root user. Identity Center users (Q Developer in the IDE, onBehalfOf) and AWS
 * services have no IAM or STS identity of their own to look up. A session name is not unique
 * across roles, so a Username lookup may return other principals' events too; they are real
 * related events and kept.
 */
export function lookupUsername(event: TrailEvent): string | null {
  const { type, arn, name } = event.principal;
  if (type === 'Root') return 'root';
  if (type === 'IAMUser') return name || null;
  if (type === 'AssumedRole' && arn?.includes(':assumed-role/')) return arn.slice(arn.lastIndexOf('/') + 1) || null;
  return null;
}

const DENIED = /AccessDenied|UnauthorizedOperation|NotAuthorized/i;
const BAD_CREDENTIALS = /UnrecognizedClient|InvalidClientTokenId|AuthFailure/i;

/** How a source names a failure: the missing permission for AccessDenied, the error's words otherwise. */
export function describeSourceError(err: unknown): string {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  const action = failedAction(err);
  if (DENIED.test(code)) return `missing permission ${action ?? '(unknown action)'} (${code}): ${message}`;
  if (BAD_CREDENTIALS.test(code)) return `credentials not accepted (${code}; a region that is not enabled for the account?): ${message}`;
  return `${action ? `${action} failed: ` : ''}${code}: ${message}`;
}

interface RegionRun {
  region: string;
  client: CloudTrailClient;
  bucket: TokenBucket;
  failed: boolean;
}

/** What all regions share while they read: the window, de-duplication, phase 2's principals, the output. */
class LookupRun {
  readonly seen = new Set<string>();
  readonly usernames = new Set<string>();
  unreadable = 0;

  constructor(
    readonly query: SourceQuery,
    readonly report: SourceReport,
    readonly queue: BatchQueue<TrailEvent[]>,
    readonly catalogue: EventCatalogue,
  ) {}

  /** The page's events that are in scope, in the window, wanted and not seen before. */
  accept(events: Event[]): TrailEvent[] {
    const out: TrailEvent[] = [];
    for (const e of events) {
      this.report.records++;
      const raw = parseRecord(e.CloudTrailEvent);
      if (raw === undefined) {
        this.unreadable++;
        continue;
      }
      const event = normaliseRecord(raw, this.catalogue);
      if (!event || !this.wanted(event)) continue;
      if (event.eventId) {
        if (this.seen.has(event.eventId)) continue;
        this.seen.add(event.eventId);
      }
      if (event.scope === 'q') {
        const username = lookupUsername(event);
        if (username) this.usernames.add(username);
      }
      out.push(event);
    }
    return out;
  }

  private wanted(event: TrailEvent): boolean {
    const { start, end, regions } = this.query;
    return event.time >= start && event.time < end && (regions === null || regions.includes(event.region));
  }
}

function parseRecord(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function* lookupEvents(factory: ClientFactory, regions: string[], options: LookupSourceOptions, query: SourceQuery, report: SourceReport): AsyncGenerator<TrailEvent[]> {
  const queue = new BatchQueue<TrailEvent[]>(QUEUE_PAGES);
  const run = new LookupRun(query, report, queue, loadEventCatalogue());
  const oldest = (options.now ?? Date.now)() - LOOKUP_RETENTION_MS;
  if (query.start < oldest) {
    report.problems.push({ where: 'lookup', message: `LookupEvents keeps 90 days: events before ${new Date(oldest).toISOString()} are not available (use --source files:, s3:// or lake: for older ones)` });
  }
  const wanted = query.regions === null ? regions : regions.filter((r) => query.regions?.includes(r));
  const regionRuns: RegionRun[] = [...new Set(wanted)].map((region) => ({
    region,
    client: factory.client('cloudtrail', region, LOOKUP_ACTIONS),
    bucket: new TokenBucket({ ratePerSecond: options.requestsPerSecond ?? 2, burst: options.burst ?? 1, clock: options.clock ?? systemClock }),
    failed: false,
  }));
  void readAllRegions(run, regionRuns).then(() => queue.finish(), (err: unknown) => queue.fail(err));
  try {
    yield* queue;
  } finally {
    // The consumer stopped early (or finished): lookups still waiting for a token give up.
    queue.stop();
  }
}

async function readAllRegions(run: LookupRun, regions: RegionRun[]): Promise<void> {
  await Promise.all(regions.map((r) => guarded(run, r, () => phaseOne(run, r))));
  // IAM and STS events of a principal that used Q in one region are logged in another (IAM in
  // us-east-1), so phase 2 asks every region about every Q principal.
  const usernames = [...run.usernames].sort();
  await Promise.all(regions.filter((r) => !r.failed).map((r) => guarded(run, r, () => phaseTwo(run, r, usernames))));
  if (run.unreadable > 0) run.report.problems.push({ where: 'lookup', message: `${run.unreadable} events had no readable CloudTrailEvent JSON and were skipped` });
}

async function guarded(run: LookupRun, region: RegionRun, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (err) {
    region.failed = true;
    run.report.problems.push({ where: `lookup ${region.region}`, message: describeSourceError(err) });
  }
}

async function phaseOne(run: LookupRun, region: RegionRun): Promise<void> {
  for (const source of [...Q_EVENT_SOURCES, TAMPERING_SOURCE]) {
    await lookup(run, region, { AttributeKey: 'EventSource', AttributeValue: source });
  }
  for (const name of LOG_DELIVERY_DELETIONS) {
    await lookup(run, region, { AttributeKey: 'EventName', AttributeValue: name });
  }
}

async function phaseTwo(run: LookupRun, region: RegionRun, usernames: string[]): Promise<void> {
  for (const username of usernames) await lookup(run, region, { AttributeKey: 'Username', AttributeValue: username });
}

/** Every page of one lookup, each pushed as a batch as soon as it arrives. */
async function lookup(run: LookupRun, region: RegionRun, attribute: LookupAttribute): Promise<void> {
  let token: string | undefined;
  for (;;) {
    await region.bucket.take();
    if (run.queue.stopped) return;
    const page = await region.client.send(new LookupEventsCommand({
      LookupAttributes: [attribute],
      StartTime: new Date(run.query.start),
      // EndTime is inclusive; the window's end is not (accept() drops an event at exactly `end`).
      EndTime: new Date(run.query.end),
      MaxResults: PAGE_SIZE,
      NextToken: token,
    }));
    run.report.units++;
    const batch = run.accept(page.Events ?? []);
    if (batch.length > 0) await run.queue.push(batch);
    // A repeated token would loop forever; CloudTrail ends paging by omitting it.
    if (!page.NextToken || page.NextToken === token) return;
    token = page.NextToken;
  }
}

/**
 * A bounded queue from many producers (the regions) to one consumer: producers wait while it is
 * full, so a slow consumer slows the lookups instead of growing memory.
 */
export class BatchQueue<T> {
  private readonly items: T[] = [];
  private readonly producersWaiting: (() => void)[] = [];
  private consumerWaiting: (() => void) | null = null;
  private finished = false;
  private failure: { error: unknown } | null = null;
  private isStopped = false;

  constructor(private readonly capacity: number) {}

  /** Whether the consumer has gone: producers stop reading. */
  get stopped(): boolean {
    return this.isStopped;
  }

  async push(item: T): Promise<void> {
    while (this.items.length >= this.capacity && !this.isStopped) {
      await new Promise<void>((resolve) => this.producersWaiting.push(resolve));
    }
    if (this.isStopped) return;
    this.items.push(item);
    this.wakeConsumer();
  }

  /** No more items will come. */
  finish(): void {
    this.finished = true;
    this.wakeConsumer();
  }

  /** The producers failed unexpectedly: the consumer rethrows after the items already queued. */
  fail(error: unknown): void {
    this.failure = { error };
    this.finish();
  }

  /** The consumer is gone: release every waiting producer and drop what is queued. */
  stop(): void {
    this.isStopped = true;
    this.items.length = 0;
    for (const wake of this.producersWaiting.splice(0)) wake();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) {
        this.producersWaiting.shift()?.();
        yield item;
        continue;
      }
      if (this.finished) {
        if (this.failure) throw this.failure.error;
        return;
      }
      await new Promise<void>((resolve) => { this.consumerWaiting = resolve; });
    }
  }

  private wakeConsumer(): void {
    const wake = this.consumerWaiting;
    this.consumerWaiting = null;
    wake?.();
  }
}
