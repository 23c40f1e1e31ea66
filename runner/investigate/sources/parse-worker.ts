// Worker thread entry (started by worker-pool.ts): loads the event catalogue once, then parses
// the log files it is sent, one at a time, and posts back only the kept events and the counters.
// Events go back in chunks so one huge file never becomes one huge message. Every job is
// answered with a `done`, whatever goes wrong with it: a thread that died on one file would take
// the files queued behind it down too.
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { loadEventCatalogue } from '../catalogue.js';
import type { TrailEvent } from '../event.js';
import { MAX_LOG_FILE_BYTES, parseLogFile, tooLargeMessage, type ParseFilter, type ParsedLogFile } from './log-file-parser.js';
import type { JobMessage, WorkerMessage } from './worker-pool.js';

const CHUNK_EVENTS = 5_000;

const port = parentPort;
if (!port) throw new Error('parse-worker.js runs only as a worker thread (see worker-pool.ts)');
const filter = workerData as ParseFilter;
const catalogue = loadEventCatalogue();

const post = (message: WorkerMessage): void => port.postMessage(message);
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

type Parsed = ParsedLogFile & { read: boolean };
const unread = (problem: string): Parsed => ({ events: [], records: 0, malformed: 0, problem, read: false });

/** A file on disk, refused by its size before a byte of it is read. */
function readFile(path: string): Uint8Array | Parsed {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    return unread(`cannot read: ${messageOf(err)}`);
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_LOG_FILE_BYTES) return unread(tooLargeMessage(size, 'read'));
    return readFileSync(fd);
  } catch (err) {
    return unread(`cannot read: ${messageOf(err)}`);
  } finally {
    closeSync(fd);
  }
}

function parse(job: JobMessage): Parsed {
  const bytes = 'bytes' in job ? job.bytes : readFile(job.path);
  if (!(bytes instanceof Uint8Array)) return bytes;
  return { ...parseLogFile(bytes, job.gzip, filter, catalogue), read: true };
}

/**
 * Posts events in one message, or, when that fails (a value the structured clone cannot copy),
 * one event per message. Returns how many could not be posted and why.
 */
function postEvents(id: number, events: TrailEvent[]): { unsent: number; why: string | null } {
  try {
    post({ type: 'events', id, events });
    return { unsent: 0, why: null };
  } catch (err) {
    let unsent = 0;
    let why = messageOf(err);
    for (const event of events) {
      try {
        post({ type: 'events', id, events: [event] });
      } catch (e) {
        unsent++;
        why = messageOf(e);
      }
    }
    return { unsent, why };
  }
}

function answer(job: JobMessage): void {
  const { events, records, malformed, problem, read } = parse(job);
  let unsent = 0;
  let why: string | null = null;
  const send = (chunk: TrailEvent[]): void => {
    const sent = postEvents(job.id, chunk);
    unsent += sent.unsent;
    why = sent.why ?? why;
  };
  let from = 0;
  for (; events.length - from > CHUNK_EVENTS; from += CHUNK_EVENTS) send(events.slice(from, from + CHUNK_EVENTS));
  const rest = from === 0 ? events : events.slice(from);
  const done = { type: 'done', id: job.id, read, records, malformed, problem } as const;
  try {
    post({ ...done, events: rest });
    return;
  } catch {
    // The last chunk goes on its own, event by event where it must; `done` then carries none.
  }
  if (rest.length > 0) send(rest);
  const lost = unsent > 0 ? `${unsent} event${unsent === 1 ? '' : 's'} could not be passed on from the parser thread (${why ?? 'unknown error'}); the rest of the file was read` : null;
  post({ ...done, events: [], problem: problem ?? lost });
}

port.on('message', (job: JobMessage) => {
  try {
    answer(job);
  } catch (err) {
    // Whatever failed, this job is over: the pool hears so, and the thread goes on to the next.
    post({ type: 'done', id: job.id, events: [], read: false, records: 0, malformed: 0, problem: `parser failed: ${messageOf(err)}` });
  }
});

post({ type: 'ready' });
