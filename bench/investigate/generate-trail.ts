// Generates (once) the CloudTrail log files the investigation benchmark reads: `records` records
// in gzip files of `recordsPerFile`, laid out like an organisation trail's bucket
// (AWSLogs/o-exampleorg/ACCOUNT/CloudTrail/REGION/YYYY/MM/DD/…json.gz). Sets are cached under the
// system's temporary folder, keyed by generator version, record count and file size, and reused
// by later runs: generating is not what the benchmark measures. A set only gets its final name
// once every file and its manifest are written, so an interrupted run never leaves a half set.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { GenerateJob, GenerateResult } from './generate-worker.js';
import { TRAIL_END, TRAIL_START, WINDOW_START } from './trail-estate.js';
import { addCounts, emptyCounts, trailFileSpecs, type TrailCounts } from './trail-file.js';

/** Bump when the records or the layout change: the cache key includes it. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20260501;
export const DEFAULT_RECORDS_PER_FILE = 5_000;

export interface TrailManifest {
  generatorVersion: number;
  seed: number;
  records: number;
  recordsPerFile: number;
  /** File paths relative to the set's root, in time order. */
  files: string[];
  counts: TrailCounts;
  rawBytes: number;
  compressedBytes: number;
  /** The investigation window and the 30-day baseline before it (ISO-8601). */
  window: { start: string; end: string };
  baseline: { start: string; end: string };
  generationMs: number;
}

export interface TrailSet {
  /** The folder holding AWSLogs/ (what `--source files:` points at). */
  root: string;
  manifest: TrailManifest;
  /** True when this call wrote the set, false when it came from the cache. */
  generated: boolean;
}

export interface TrailSetOptions {
  records: number;
  recordsPerFile?: number;
  seed?: number;
  /** Worker threads; default: one per core, at most 4. */
  workers?: number;
  /** Cache folder; default: the system's temporary folder. */
  cacheDir?: string;
}

export function trailSetDir(options: TrailSetOptions): string {
  const perFile = options.recordsPerFile ?? DEFAULT_RECORDS_PER_FILE;
  const seed = options.seed ?? DEFAULT_SEED;
  return join(options.cacheDir ?? tmpdir(), `qready-bench-trail-v${GENERATOR_VERSION}-${options.records}-${perFile}-${seed}`);
}

function readManifest(dir: string): TrailManifest | null {
  try {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as TrailManifest;
    return m.generatorVersion === GENERATOR_VERSION && existsSync(join(dir, 'trail', m.files[0] ?? '')) ? m : null;
  } catch {
    return null;
  }
}

function runWorker(job: GenerateJob): Promise<GenerateResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./generate-worker.js', import.meta.url), { workerData: job });
    worker.once('message', (m: GenerateResult) => resolve(m));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`trail generator worker exited with code ${code}`));
    });
  });
}

/** The cached set for these options, generated first when missing. */
export async function ensureTrailSet(options: TrailSetOptions): Promise<TrailSet> {
  const dir = trailSetDir(options);
  const cached = readManifest(dir);
  if (cached) return { root: join(dir, 'trail'), manifest: cached, generated: false };

  const recordsPerFile = options.recordsPerFile ?? DEFAULT_RECORDS_PER_FILE;
  const seed = options.seed ?? DEFAULT_SEED;
  const t0 = performance.now();
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(join(partial, 'trail'), { recursive: true });
  try {
    const specs = trailFileSpecs(options.records, recordsPerFile, seed);
    const workers = Math.max(1, Math.min(options.workers ?? Math.min(availableParallelism(), 4), specs.length));
    // Interleaved shares: files differ little in cost, so each worker gets every n-th file.
    const jobs = Array.from({ length: workers }, (_, w) => ({ root: join(partial, 'trail'), specs: specs.filter((s) => s.index % workers === w) }));
    const results = await Promise.all(jobs.map(runWorker));
    const files = new Array<string>(specs.length);
    const counts = emptyCounts();
    let rawBytes = 0;
    let compressedBytes = 0;
    for (const r of results) {
      for (const p of r.paths) files[p.index] = p.path;
      addCounts(counts, r.counts);
      rawBytes += r.rawBytes;
      compressedBytes += r.compressedBytes;
    }
    const manifest: TrailManifest = {
      generatorVersion: GENERATOR_VERSION,
      seed,
      records: options.records,
      recordsPerFile,
      files,
      counts,
      rawBytes,
      compressedBytes,
      window: { start: new Date(WINDOW_START).toISOString(), end: new Date(TRAIL_END).toISOString() },
      baseline: { start: new Date(TRAIL_START).toISOString(), end: new Date(WINDOW_START).toISOString() },
      generationMs: performance.now() - t0,
    };
    writeFileSync(join(partial, 'manifest.json'), JSON.stringify(manifest, null, 1));
    rmSync(dir, { recursive: true, force: true });
    renameSync(partial, dir);
    return { root: join(dir, 'trail'), manifest, generated: true };
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  }
}
