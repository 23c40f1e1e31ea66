// Worker thread entry (started by worker-pool.ts): loads the event catalogue once, then parses
// the log files it is sent, one at a time, and posts back only the kept events and the counters.
// Events go back in chunks so one huge file never becomes one huge message.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { loadEventCatalogue } from '../catalogue.js';
import { parseLogFile, type ParseFilter, type ParsedLogFile } from './log-file-parser.js';
import type { JobMessage, WorkerMessage } from './worker-pool.js';

const CHUNK_EVENTS = 5_000;

const port = parentPort;
if (!port) throw new Error('parse-worker.js runs only as a worker thread (see worker-pool.ts)');
const filter = workerData as ParseFilter;
const catalogue = loadEventCatalogue();

const post = (message: WorkerMessage): void => port.postMessage(message);

function parse(job: JobMessage): ParsedLogFile & { read: boolean } {
  let bytes: Uint8Array;
  if ('bytes' in job) {
    bytes = job.bytes;
  } else {
    try {
      bytes = readFileSync(job.path);
    } catch (err) {
      return { events: [], records: 0, malformed: 0, problem: `cannot read: ${err instanceof Error ? err.message : String(err)}`, read: false };
    }
  }
  return { ...parseLogFile(bytes, job.gzip, filter, catalogue), read: true };
}

port.on('message', (job: JobMessage) => {
  const { events, records, malformed, problem, read } = parse(job);
  let from = 0;
  for (; events.length - from > CHUNK_EVENTS; from += CHUNK_EVENTS) {
    post({ type: 'events', id: job.id, events: events.slice(from, from + CHUNK_EVENTS) });
  }
  post({ type: 'done', id: job.id, events: from === 0 ? events : events.slice(from), read, records, malformed, problem });
});

post({ type: 'ready' });
