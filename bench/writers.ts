// Report writer benchmark: json, json-ocsf, csv and junit on 10,000 and 100,000 findings, each
// with its throughput (findings/s) and its peak RSS above the RSS just before the write. The
// writers stream, so the memory a write needs must not grow with the number of findings: the
// caller prints rssDeltaMb at 100,000 over rssDeltaMb at 10,000 as a ratio (target: flat, ≈ 1).
//
// Inputs are built before anything is measured (they are the scan result the writers receive,
// not memory the writers use). Each writer first writes an untimed warm-up report (JIT, file
// system and V8 heap settle), then the measured ones; before each, gc() runs when node has
// --expose-gc (`npm run bench` passes it). Reports go to a temporary folder removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCsvReport } from '../reports/csv/csv-report.js';
import { writeJsonReport } from '../reports/json-report.js';
import { writeJunitReport } from '../reports/junit/junit-report.js';
import { writeOcsfReport } from '../reports/ocsf/ocsf-report.js';
import type { ReportInput } from '../reports/report-input.js';
import { sampleReportInput } from '../test/helpers/sample-findings.js';
import { peakRss } from './stats.js';

export interface WriterBenchRow {
  format: string;
  findings: number;
  ms: number;
  findingsPerSec: number;
  rssDeltaMb: number;
}

const WRITERS: { format: string; extension: string; write: (input: ReportInput, file: string) => Promise<void> }[] = [
  { format: 'json', extension: 'json', write: writeJsonReport },
  { format: 'json-ocsf', extension: 'ocsf.json', write: writeOcsfReport },
  { format: 'csv', extension: 'csv', write: writeCsvReport },
  { format: 'junit', extension: 'xml', write: writeJunitReport },
];

export const WRITER_BENCH_SIZES = [10_000, 100_000] as const;
const WARM_UP_FINDINGS = 2_000;
const MIB = 1_048_576;

const gc = (globalThis as { gc?: () => void }).gc;

/** Collects garbage (when exposed) and lets pending I/O callbacks and finalisers run. */
async function settle(): Promise<void> {
  gc?.();
  await new Promise((resolve) => setImmediate(resolve));
  gc?.();
}

export async function benchWriters(): Promise<WriterBenchRow[]> {
  const warmUp = sampleReportInput(WARM_UP_FINDINGS);
  const inputs = WRITER_BENCH_SIZES.map((n) => ({ n, input: sampleReportInput(n) }));
  const dir = mkdtempSync(join(tmpdir(), 'qready-bench-writers-'));
  const rows: WriterBenchRow[] = [];
  try {
    // The first large write of the process grows V8's heap once, whichever writer does it; that
    // growth would be charged to the writer measured first. One untimed write at the largest
    // size lets every writer be measured against a heap already sized for the inputs.
    const largest = inputs[inputs.length - 1].input;
    await WRITERS[0].write(largest, join(dir, 'heap-warm-up'));
    rmSync(join(dir, 'heap-warm-up'), { force: true });
    for (const w of WRITERS) {
      const warmFile = join(dir, `warm-up.${w.extension}`);
      await w.write(warmUp, warmFile);
      rmSync(warmFile, { force: true });
      for (const { n, input } of inputs) {
        const file = join(dir, `report-${n}.${w.extension}`);
        await settle();
        const baseline = process.memoryUsage().rss;
        const t0 = performance.now();
        const { peak } = await peakRss(() => w.write(input, file));
        const ms = performance.now() - t0;
        rmSync(file, { force: true });
        rows.push({ format: w.format, findings: n, ms, findingsPerSec: (n / ms) * 1000, rssDeltaMb: Math.max(0, peak - baseline) / MIB });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

/**
 * A streamed write adds about 0–2 MB of RSS at any size, which is within RSS's own noise (page
 * granularity, when V8 takes and returns pages), so memory ratios floor both deltas at this.
 */
export const RSS_NOISE_FLOOR_MB = 2;

/**
 * Peak-RSS growth at 100,000 findings over that at 10,000 for one format, both floored at
 * RSS_NOISE_FLOOR_MB: a flat writer reads ≈ 1×; one that builds the report as one string reads
 * far above 10× (a JSON.stringify of all findings measured 9 MB at 10,000 and 212 MB at 100,000).
 */
export function writerMemoryRatio(rows: WriterBenchRow[], format: string): number {
  const at = (n: number): number => {
    const row = rows.find((r) => r.format === format && r.findings === n);
    if (!row) throw new Error(`no ${format} row for ${n} findings`);
    return Math.max(row.rssDeltaMb, RSS_NOISE_FLOOR_MB);
  };
  return at(WRITER_BENCH_SIZES[1]) / at(WRITER_BENCH_SIZES[0]);
}
