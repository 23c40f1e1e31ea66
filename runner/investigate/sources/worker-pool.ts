// Parses CloudTrail log files in worker threads, so decompression and JSON parsing use every
// core while the main thread runs the analyses. Memory stays flat whatever the number of files:
// the pool takes the next file only when a worker has room (at most PIPELINE files each: one
// being parsed, one waiting so the worker never idles while the main thread is busy) and the
// consumer has not fallen behind (at most OUTPUT_BATCHES_PER_WORKER batches waiting per worker).
// The consumer's `for await` drives everything; ending it, early or not, terminates the workers.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { TrailEvent } from '../event.js';
import { malformedMessage, type ParseFilter } from './log-file-parser.js';
import type { SourceQuery, SourceReport } from './source.js';

/** One file to parse: read from disk by the worker, or bytes already fetched (S3). */
export type ParseJob = { name: string; gzip: boolean } & ({ path: string } | { bytes: Uint8Array });

/** main → worker: a job with its id. */
export type JobMessage = ParseJob & { id: number };

/** worker → main. A job's events may come in several `events` messages before its `done`. */
export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'events'; id: number; events: TrailEvent[] }
  | {
      type: 'done';
      id: number;
      events: TrailEvent[];
      /** Whether the file's bytes could be read (a corrupt file is read; a missing one is not). */
      read: boolean;
      records: number;
      malformed: number;
      problem: string | null;
    };

/** The parse worker's module. Tests may start another one that wraps it (ParsePoolOptions). */
export const PARSE_WORKER_URL = new URL('./parse-worker.js', import.meta.url);
const PIPELINE = 2;
const OUTPUT_BATCHES_PER_WORKER = 4;
/** Default ceiling on workers: each holds up to a couple of parsed files, so more would cost memory for little speed. */
const MAX_DEFAULT_WORKERS = 4;
/**
 * Heap ceiling of a parse worker (V8 old generation). Without one, V8 sizes a worker's heap from
 * the machine's memory and collects lazily: on a 24 GiB machine two workers peaked at ~430 MB
 * RSS for 1M records; with 1,024 MB at ~350 MB, at the same speed. The parser never needs that
 * much: it refuses files over MAX_LOG_FILE_BYTES and parses big ones record by record
 * (log-file-parser.ts), because a worker that did hit the ceiling inside JSON.parse would abort
 * the whole process, not just itself.
 */
const WORKER_HEAP_MB = 1024;

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_DEFAULT_WORKERS));
}

let liveWorkers = 0;
/** Parse workers currently running in this process (tests check that abandoned iterations leave none). */
export function liveParseWorkers(): number {
  return liveWorkers;
}

/** A job posted to a worker and not done yet. */
interface PendingJob {
  id: number;
  name: string;
  /**
   * The job as it can be posted again to another worker, or null when its bytes were transferred.
   * Only a job posted to an idle worker is transferred: it is the one that worker works on, and a
   * worker that dies takes only that job with it (the jobs queued behind it are posted again).
   */
  again: ParseJob | null;
}

interface WorkerHandle {
  worker: Worker;
  /** Jobs posted and not done, in the order the worker takes them: the first is the one being parsed. */
  pending: PendingJob[];
  /** Loaded its modules and the catalogue: a failure after this is one file's, not the pool's. */
  ready: boolean;
  gone: boolean;
}

class ParsePool {
  failure: unknown = null;
  private readonly handles: WorkerHandle[] = [];
  private readonly output: TrailEvent[][] = [];
  private waiters: (() => void)[] = [];
  private nextId = 1;
  private closed = false;
  /** Workers being terminated after they were given up (close waits for them too). */
  private readonly ending: Promise<number>[] = [];

  constructor(
    private readonly filter: ParseFilter,
    private readonly report: SourceReport,
    private readonly maxWorkers: number,
    private readonly workerUrl: URL,
  ) {}

  get inFlight(): number {
    return this.handles.reduce((n, h) => n + h.pending.length, 0);
  }

  /** The next batch of events, if one is waiting. */
  take(): TrailEvent[] | undefined {
    const batch = this.output.shift();
    if (batch) this.notify();
    return batch;
  }

  /** Resolves at the next change of state (a message, a failure, a batch taken, the pool closed). */
  changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  fail(err: unknown): void {
    this.failure ??= err;
    this.notify();
  }

  /** Pulls jobs one at a time, each only when a worker can take it, until the jobs end or the pool closes. */
  async feed(jobs: AsyncIterable<ParseJob>): Promise<void> {
    const iterator = jobs[Symbol.asyncIterator]();
    let finished = false;
    try {
      for (;;) {
        while (!this.closed && !this.hasSlot()) await this.changed();
        if (this.closed) return;
        const next = await iterator.next();
        if (next.done) {
          finished = true;
          return;
        }
        if (this.closed) return;
        this.dispatch(next.value);
      }
    } finally {
      // Lets the job source stop listing and fetching when the consumer stopped early.
      if (!finished) await iterator.return?.();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.notify();
    await Promise.all([...this.handles.map((h) => h.worker.terminate()), ...this.ending]);
  }

  private hasSlot(): boolean {
    if (this.failure !== null || this.output.length >= this.maxWorkers * OUTPUT_BATCHES_PER_WORKER) return false;
    return this.handles.length < this.maxWorkers || this.handles.some((h) => h.pending.length < PIPELINE);
  }

  private dispatch(job: ParseJob): void {
    const handle = this.handles.find((h) => h.pending.length === 0)
      ?? (this.handles.length < this.maxWorkers ? this.spawn() : this.handles.find((h) => h.pending.length < PIPELINE));
    if (!handle) throw new Error('parse pool: no worker free (dispatch without a slot)');
    this.post(handle, this.nextId++, job);
  }

  /**
   * Posts a job. Bytes go to an idle worker by transfer (no copy); to a busy one as a copy, so the
   * job can be posted again should that worker die before it gets to it.
   */
  private post(handle: WorkerHandle, id: number, job: ParseJob): void {
    const idle = handle.pending.length === 0;
    if ('bytes' in job && idle) {
      const bytes = ownBuffer(job.bytes);
      handle.pending.push({ id, name: job.name, again: null });
      handle.worker.postMessage({ ...job, bytes, id } satisfies JobMessage, [bytes.buffer as ArrayBuffer]);
    } else {
      handle.pending.push({ id, name: job.name, again: job });
      handle.worker.postMessage({ ...job, id } satisfies JobMessage);
    }
  }

  private spawn(): WorkerHandle {
    const worker = new Worker(this.workerUrl, { workerData: this.filter, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    liveWorkers++;
    const handle: WorkerHandle = { worker, pending: [], ready: false, gone: false };
    worker.on('message', (message: WorkerMessage) => this.receive(handle, message));
    // A message the main thread cannot deserialise (a value nested deeper than its stack allows)
    // is dropped by Node; if it was a `done`, the job would never end. The worker is given up.
    worker.on('messageerror', (err) => {
      this.ending.push(worker.terminate());
      this.lost(handle, new Error(`a message from the parser thread could not be read: ${err.message}`));
    });
    worker.on('error', (err) => this.lost(handle, err));
    worker.on('exit', (code) => {
      liveWorkers--;
      if (!this.closed) this.lost(handle, new Error(`parser thread exited with code ${code}`));
    });
    this.handles.push(handle);
    return handle;
  }

  private receive(handle: WorkerHandle, message: WorkerMessage): void {
    // A worker given up may still have messages on their way: its jobs are reported or posted again.
    if (handle.gone) return;
    if (message.type === 'ready') {
      handle.ready = true;
      return;
    }
    if (message.events.length > 0) this.output.push(message.events);
    if (message.type === 'done') {
      const name = handle.pending.find((p) => p.id === message.id)?.name ?? `file #${message.id}`;
      handle.pending = handle.pending.filter((p) => p.id !== message.id);
      this.report.records += message.records;
      if (message.read) this.report.units++;
      if (message.problem !== null) this.report.problems.push({ where: name, message: message.problem });
      if (message.malformed > 0) this.report.problems.push({ where: name, message: malformedMessage(message.malformed) });
    }
    this.notify();
  }

  /**
   * A worker died: before it was ready the pool cannot work at all. After, only the file it was
   * parsing (the first pending) is lost and reported; the files queued behind it go to a fresh worker.
   */
  private lost(handle: WorkerHandle, err: unknown): void {
    if (handle.gone) return;
    handle.gone = true;
    this.handles.splice(this.handles.indexOf(handle), 1);
    if (!handle.ready) {
      this.fail(err);
      return;
    }
    const [current, ...queued] = handle.pending;
    handle.pending = [];
    if (current) {
      const message = err instanceof Error ? err.message : String(err);
      this.report.problems.push({ where: current.name, message: `parser thread failed: ${message}` });
    }
    if (queued.length > 0 && !this.closed) {
      const fresh = this.spawn();
      for (const job of queued) {
        if (job.again) this.post(fresh, job.id, job.again);
        // Cannot happen (only the current job's bytes are transferred); reported rather than lost silently.
        else this.report.problems.push({ where: job.name, message: 'parser thread failed before reading it' });
      }
    }
    this.notify();
  }
}

/** The query as the workers need it: a plain object, cloned into each thread. */
function parseFilterOf(query: SourceQuery): ParseFilter {
  const filter: ParseFilter = { start: query.start, end: query.end, regions: query.regions === null ? null : [...query.regions] };
  if (query.relatedSince !== undefined) filter.relatedSince = query.relatedSince;
  return filter;
}

/** The bytes in an ArrayBuffer of their own, so transferring it detaches nothing else (Node pools small Buffers). */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
  return whole ? bytes : bytes.slice();
}

/**
 * Parses the jobs in up to `workers` threads and yields the kept events in batches (one per file,
 * or chunks of a big file), filling `report` (records, units, problems) as files complete.
 */
export interface ParsePoolOptions {
  /** The worker module; default PARSE_WORKER_URL. For tests of threads that die or misbehave. */
  workerUrl?: URL;
}

export async function* parseInWorkers(jobs: AsyncIterable<ParseJob>, query: SourceQuery, report: SourceReport, workers: number, options: ParsePoolOptions = {}): AsyncGenerator<TrailEvent[]> {
  const count = Number.isFinite(workers) && workers >= 1 ? Math.floor(workers) : 1;
  const pool = new ParsePool(parseFilterOf(query), report, count, options.workerUrl ?? PARSE_WORKER_URL);
  let feeding = true;
  pool.feed(jobs).then(
    () => {
      feeding = false;
      pool.notify();
    },
    (err: unknown) => pool.fail(err),
  );
  try {
    for (;;) {
      if (pool.failure !== null) throw pool.failure;
      const batch = pool.take();
      if (batch) {
        yield batch;
        continue;
      }
      if (!feeding && pool.inFlight === 0) return;
      await pool.changed();
    }
  } finally {
    await pool.close();
  }
}
