// The event spool: an external sort by time that keeps memory flat whatever the event count.
// Sources deliver events in no particular order (parallel files, regions); the outputs need them
// in time order, once per output format. The spool buffers `runSize` events, sorts them by
// (time, eventId) and writes them as a run file (NDJSON, one event a line) into a private temp
// folder. Reading is a k-way merge of the runs, so memory holds about two runs while adding and
// one read chunk per run while reading.
import { rmSync } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { TrailEvent } from './event.js';

export const DEFAULT_RUN_SIZE = 20_000;
/**
 * How many run files one merge reads at once. Each open run costs a file descriptor and a read
 * chunk per concurrent reader; beyond this, finish() merges runs into bigger ones first.
 */
export const DEFAULT_MAX_OPEN_RUNS = 64;
/** Lines are joined into chunks of about this many characters per write (one syscall, small strings). */
const WRITE_CHUNK_CHARS = 1 << 20;
const READ_CHUNK_BYTES = 1 << 16;

export interface EventSpoolOptions {
  /** Where the private temp folder goes (default: the OS temp folder). */
  dir?: string;
  /** Events per sorted run (default 20,000). */
  runSize?: number;
  /** Run files one merge opens at once (default 64, at least 2). */
  maxOpenRuns?: number;
}

/** A run file that cannot be written or read back intact: never a silent truncation. */
export class SpoolError extends Error {
  override name = 'SpoolError';
}

/** Time order; equal times by eventId so every output lists the events the same way. */
export function compareEvents(a: TrailEvent, b: TrailEvent): number {
  if (a.time !== b.time) return a.time - b.time;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

export async function createEventSpool(options: EventSpoolOptions = {}): Promise<EventSpool> {
  return EventSpool.create(options);
}

interface RunFile {
  path: string;
  /** Events written, checked on every read so a truncated file is an error. */
  count: number;
}

type SpoolState = 'adding' | 'finishing' | 'finished' | 'disposed';

/**
 * Usage: `const wait = spool.addBatch(batch); if (wait) await wait;` … `await spool.finish()`,
 * then `for await (const e of spool.events())` as often as needed, and `await spool.dispose()`.
 * Yielded events are shared with other readers when they come from memory: treat them as read-only.
 */
export class EventSpool {
  private buffer: TrailEvent[] = [];
  private readonly runs: RunFile[] = [];
  /** After finish(): the last, partial run, sorted and kept in memory instead of written. */
  private tail: TrailEvent[] = [];
  /** The chain of run writes (each waits for the one before). */
  private writing: Promise<void> | null = null;
  private writesInFlight = 0;
  private failure: Error | null = null;
  private added = 0;
  private runNumber = 0;
  private state: SpoolState = 'adding';
  private disposal: Promise<void> | null = null;

  private constructor(
    /** The private temp folder holding the run files. */
    readonly directory: string,
    private readonly runSize: number,
    private readonly maxOpenRuns: number,
  ) {}

  static async create(options: EventSpoolOptions = {}): Promise<EventSpool> {
    const runSize = options.runSize ?? DEFAULT_RUN_SIZE;
    const maxOpenRuns = options.maxOpenRuns ?? DEFAULT_MAX_OPEN_RUNS;
    if (!Number.isInteger(runSize) || runSize < 1) throw new RangeError(`event spool: runSize must be a positive integer, got ${runSize}`);
    if (!Number.isInteger(maxOpenRuns) || maxOpenRuns < 2) throw new RangeError(`event spool: maxOpenRuns must be an integer of at least 2, got ${maxOpenRuns}`);
    const directory = await mkdtemp(join(options.dir ?? tmpdir(), 'qready-spool-'));
    removeOnExit(directory);
    return new EventSpool(directory, runSize, maxOpenRuns);
  }

  /** Events added so far. */
  get count(): number {
    return this.added;
  }

  /** The run files on disk (diagnostics and tests). */
  get runFiles(): readonly string[] {
    return this.runs.map((r) => r.path);
  }

  /**
   * Buffers the event. Returns a promise only when the caller should wait: a full buffer was cut
   * into a run while the previous run was still being written. Awaiting it keeps memory at about
   * two runs; not awaiting is still correct, but queued runs then stay in memory.
   */
  add(event: TrailEvent): Promise<void> | undefined {
    this.assertAdding();
    checkTime(event);
    this.buffer.push(event);
    this.added += 1;
    return this.buffer.length >= this.runSize ? this.cutRun() : undefined;
  }

  /** add() for a source's batch; same promise rule. */
  addBatch(events: readonly TrailEvent[]): Promise<void> | undefined {
    this.assertAdding();
    let wait: Promise<void> | undefined;
    for (const event of events) {
      checkTime(event);
      this.buffer.push(event);
      this.added += 1;
      if (this.buffer.length >= this.runSize) wait = this.cutRun() ?? wait;
    }
    return wait;
  }

  /** Waits for the run writes; keeps the last partial run in memory; merges runs down to maxOpenRuns. */
  async finish(): Promise<void> {
    if (this.state === 'finished') return;
    this.assertAdding();
    this.state = 'finishing';
    const tail = this.buffer;
    this.buffer = [];
    tail.sort(compareEvents);
    this.tail = tail;
    if (this.writing) await this.writing;
    // The in-memory tail is one more source of the merge.
    await this.mergeRunsDownTo(this.maxOpenRuns - 1);
    this.state = 'finished';
  }

  /**
   * The events in (time, eventId) order, optionally filtered. Callable any number of times,
   * concurrently too: every call reads the runs with its own file handles.
   */
  events(filter?: (event: TrailEvent) => boolean): AsyncIterable<TrailEvent> {
    if (this.state !== 'finished') {
      throw new SpoolError(this.state === 'disposed' ? 'event spool: events() after dispose()' : 'event spool: call finish() before events()');
    }
    const cursors: Cursor[] = this.runs.map((run) => new RunFileCursor(run));
    if (this.tail.length > 0) cursors.push(new ArrayCursor(this.tail));
    return mergeCursors(cursors, filter);
  }

  /** Removes the temp folder and everything in it. Idempotent. */
  dispose(): Promise<void> {
    this.disposal ??= this.removeEverything();
    return this.disposal;
  }

  private async removeEverything(): Promise<void> {
    this.state = 'disposed';
    this.buffer = [];
    this.tail = [];
    // A write still running would recreate a file in the folder we are removing.
    if (this.writing) await this.writing.catch(() => undefined);
    await rm(this.directory, { recursive: true, force: true });
    liveDirectories.delete(this.directory);
  }

  private assertAdding(): void {
    if (this.failure) throw this.failure;
    if (this.state !== 'adding') throw new SpoolError(`event spool: cannot add events after ${this.state === 'disposed' ? 'dispose()' : 'finish()'}`);
  }

  private cutRun(): Promise<void> | undefined {
    const run = this.buffer;
    this.buffer = [];
    run.sort(compareEvents);
    const file: RunFile = { path: this.nextRunPath(), count: run.length };
    this.runs.push(file);
    const previous = this.writesInFlight > 0 ? this.writing : null;
    this.writing = this.queueWrite(() => writeRunFile(file.path, run));
    return previous ?? undefined;
  }

  private queueWrite(write: () => Promise<number>): Promise<void> {
    this.writesInFlight += 1;
    const done = (this.writing ?? Promise.resolve())
      .then(async () => {
        await write();
      })
      .catch((e: unknown) => {
        this.failure ??= e instanceof Error ? e : new SpoolError(String(e));
        throw this.failure;
      })
      .finally(() => {
        this.writesInFlight -= 1;
      });
    // The failure surfaces from add() and finish(); a caller that does not await must not crash
    // the process with an unhandled rejection.
    done.catch(() => undefined);
    return done;
  }

  /** Merges the oldest runs into bigger ones until at most `limit` remain (the classic multi-pass merge). */
  private async mergeRunsDownTo(limit: number): Promise<void> {
    while (this.runs.length > limit) {
      const group = this.runs.splice(0, Math.min(this.maxOpenRuns, this.runs.length - limit + 1));
      const expected = group.reduce((n, run) => n + run.count, 0);
      const path = this.nextRunPath();
      const count = await writeRunFile(path, mergeCursors(group.map((run) => new RunFileCursor(run))));
      if (count !== expected) throw new SpoolError(`event spool: merging ${group.length} runs into ${path} gave ${count} events, expected ${expected}`);
      this.runs.push({ path, count });
      await Promise.all(group.map((run) => rm(run.path, { force: true })));
    }
  }

  private nextRunPath(): string {
    this.runNumber += 1;
    return join(this.directory, `run-${String(this.runNumber).padStart(6, '0')}.ndjson`);
  }
}

/** A NaN time would silently break the sort order of every run. */
function checkTime(event: TrailEvent): void {
  if (!Number.isFinite(event.time)) throw new TypeError(`event spool: event ${event.eventId} has no valid time (${event.eventTime})`);
}

// ---- writing runs ----

/** Writes events (already in order) as NDJSON; returns how many it wrote. */
async function writeRunFile(path: string, events: readonly TrailEvent[] | AsyncIterable<TrailEvent>): Promise<number> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'wx');
  } catch (e) {
    throw new SpoolError(`event spool: could not create run file ${path}: ${messageOf(e)}`);
  }
  let lines: string[] = [];
  let chars = 0;
  let count = 0;
  const flush = async (): Promise<void> => {
    if (lines.length === 0) return;
    const bytes = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    lines = [];
    chars = 0;
    await writeAll(handle, bytes, path);
  };
  try {
    if (Array.isArray(events)) {
      // A plain loop: no promise per event on the hot path.
      for (const event of events as readonly TrailEvent[]) {
        const line = JSON.stringify(event);
        lines.push(line);
        chars += line.length + 1;
        count += 1;
        if (chars >= WRITE_CHUNK_CHARS) await flush();
      }
    } else {
      for await (const event of events as AsyncIterable<TrailEvent>) {
        const line = JSON.stringify(event);
        lines.push(line);
        chars += line.length + 1;
        count += 1;
        if (chars >= WRITE_CHUNK_CHARS) await flush();
      }
    }
    await flush();
  } finally {
    await handle.close().catch(() => undefined);
  }
  return count;
}

async function writeAll(handle: FileHandle, bytes: Buffer, path: string): Promise<void> {
  let offset = 0;
  try {
    while (offset < bytes.length) {
      const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
  } catch (e) {
    throw new SpoolError(`event spool: could not write run file ${path}: ${messageOf(e)}`);
  }
}

// ---- reading runs: cursors and the k-way merge ----

/** One sorted source of the merge. `current` is valid after start(), advance() or refill() returned true. */
interface Cursor {
  current: TrailEvent;
  start(): Promise<boolean>;
  /** The next buffered event, synchronously; false when the buffer is empty (then refill()). */
  advance(): boolean;
  /** Reads more; false at the end. */
  refill(): Promise<boolean>;
  close(): Promise<void>;
}

class ArrayCursor implements Cursor {
  current!: TrailEvent;
  private index = -1;

  constructor(private readonly events: readonly TrailEvent[]) {}

  start(): Promise<boolean> {
    return Promise.resolve(this.advance());
  }

  advance(): boolean {
    this.index += 1;
    if (this.index >= this.events.length) return false;
    this.current = this.events[this.index];
    return true;
  }

  refill(): Promise<boolean> {
    return Promise.resolve(false);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** Reads a run file in chunks, splitting lines itself (cheaper than readline, and the count is checked). */
class RunFileCursor implements Cursor {
  current!: TrailEvent;
  private handle: FileHandle | null = null;
  private readonly decoder = new StringDecoder('utf8');
  private readonly chunk = Buffer.allocUnsafe(READ_CHUNK_BYTES);
  private position = 0;
  private lines: string[] = [];
  private nextLine = 0;
  /** The start of a line whose end is in the next chunk. */
  private partial = '';
  private linesRead = 0;
  private atEnd = false;

  constructor(private readonly run: RunFile) {}

  async start(): Promise<boolean> {
    try {
      this.handle = await open(this.run.path, 'r');
    } catch (e) {
      throw this.corrupt(`cannot be read: ${messageOf(e)}`);
    }
    return this.refill();
  }

  advance(): boolean {
    if (this.nextLine >= this.lines.length) return false;
    const line = this.lines[this.nextLine];
    this.nextLine += 1;
    this.linesRead += 1;
    this.current = this.parse(line);
    return true;
  }

  async refill(): Promise<boolean> {
    while (!this.atEnd) {
      await this.readChunk();
      if (this.advance()) return true;
    }
    if (this.partial !== '') throw this.corrupt(`ends inside line ${this.linesRead + 1} (truncated)`);
    if (this.linesRead !== this.run.count) throw this.corrupt(`holds ${this.linesRead} events, ${this.run.count} were written (truncated or altered)`);
    return false;
  }

  async close(): Promise<void> {
    const handle = this.handle;
    this.handle = null;
    // Closing only releases the descriptor; a failure here must not hide the reading error.
    await handle?.close().catch(() => undefined);
  }

  private async readChunk(): Promise<void> {
    if (!this.handle) throw this.corrupt('is closed');
    let bytesRead: number;
    try {
      ({ bytesRead } = await this.handle.read(this.chunk, 0, this.chunk.length, this.position));
    } catch (e) {
      throw this.corrupt(`cannot be read: ${messageOf(e)}`);
    }
    this.nextLine = 0;
    if (bytesRead === 0) {
      this.atEnd = true;
      this.partial += this.decoder.end();
      this.lines = [];
      return;
    }
    this.position += bytesRead;
    const lines = (this.partial + this.decoder.write(this.chunk.subarray(0, bytesRead))).split('\n');
    this.partial = lines.pop() ?? '';
    this.lines = lines;
  }

  private parse(line: string): TrailEvent {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (e) {
      throw this.corrupt(`line ${this.linesRead} is not valid JSON (${messageOf(e)})`);
    }
    if (!isSpooledEvent(value)) throw this.corrupt(`line ${this.linesRead} is not a spooled event`);
    return value;
  }

  private corrupt(what: string): SpoolError {
    return new SpoolError(`event spool: run file ${this.run.path} ${what}`);
  }
}

function isSpooledEvent(value: unknown): value is TrailEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { time?: unknown; eventId?: unknown };
  return typeof v.time === 'number' && typeof v.eventId === 'string';
}

/** The k-way merge: a binary min-heap of cursors keyed by their current event. */
async function* mergeCursors(cursors: Cursor[], filter?: (event: TrailEvent) => boolean): AsyncGenerator<TrailEvent> {
  const heap: Cursor[] = [];
  try {
    // allSettled, not all: every open must have finished before `finally` closes the handles.
    const started = await Promise.allSettled(cursors.map((cursor) => cursor.start()));
    for (const [i, result] of started.entries()) {
      if (result.status === 'rejected') throw result.reason;
      if (result.value) heapPush(heap, cursors[i]);
    }
    while (heap.length > 0) {
      const top = heap[0];
      const event = top.current;
      if (top.advance() || (await top.refill())) siftDown(heap, 0);
      else heapPopTop(heap);
      if (!filter || filter(event)) yield event;
    }
  } finally {
    // Also runs when the reader stops early (break): no file handle is left open.
    await Promise.all(cursors.map((cursor) => cursor.close()));
  }
}

function before(a: Cursor, b: Cursor): boolean {
  return compareEvents(a.current, b.current) < 0;
}

function heapPush(heap: Cursor[], cursor: Cursor): void {
  heap.push(cursor);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i], heap[parent])) break;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

function heapPopTop(heap: Cursor[]): void {
  const last = heap.pop();
  if (last && heap.length > 0) {
    heap[0] = last;
    siftDown(heap, 0);
  }
}

function siftDown(heap: Cursor[], start: number): void {
  let i = start;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) return;
    const right = left + 1;
    const child = right < heap.length && before(heap[right], heap[left]) ? right : left;
    if (!before(heap[child], heap[i])) return;
    [heap[i], heap[child]] = [heap[child], heap[i]];
    i = child;
  }
}

// ---- cleanup on exit (best effort: covers a normal exit, not a kill) ----

const liveDirectories = new Set<string>();
let exitHookInstalled = false;

function removeOnExit(directory: string): void {
  liveDirectories.add(directory);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const dir of liveDirectories) {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // the process is exiting; nothing more can be done
      }
    }
  });
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
