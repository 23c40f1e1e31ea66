// Worker thread of the trail generator: builds, compresses and writes the files it is given and
// answers with what they hold. Files are independent (one PRNG stream each), so two workers
// write the set in half the time and produce the same bytes as one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import { buildEstate } from './trail-estate.js';
import { addCounts, buildTrailFile, emptyCounts, type TrailCounts, type TrailFileSpec } from './trail-file.js';

export interface GenerateJob {
  root: string;
  specs: TrailFileSpec[];
}

export interface GenerateResult {
  /** Relative paths by spec index. */
  paths: { index: number; path: string }[];
  counts: TrailCounts;
  rawBytes: number;
  compressedBytes: number;
}

function run(job: GenerateJob): GenerateResult {
  const estate = buildEstate();
  const result: GenerateResult = { paths: [], counts: emptyCounts(), rawBytes: 0, compressedBytes: 0 };
  for (const spec of job.specs) {
    const file = buildTrailFile(estate, spec);
    const gz = gzipSync(file.json);
    const target = join(job.root, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, gz);
    result.paths.push({ index: spec.index, path: file.path });
    addCounts(result.counts, file.counts);
    result.rawBytes += file.json.length;
    result.compressedBytes += gz.length;
  }
  return result;
}

if (parentPort) parentPort.postMessage(run(workerData as GenerateJob));
