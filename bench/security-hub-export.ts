// Security Hub export benchmark: 20,000 findings through the whole export in dry-run mode (ASFF
// mapping, sizing, batching, one file per batch), offline. Reports throughput and how much the
// process's peak RSS grew during the export (the input is built beforehand and not counted).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportToSecurityHub } from '../reports/security-hub/export.js';
import { sampleReportInput } from '../test/helpers/sample-findings.js';
import { peakRss } from './stats.js';

export interface SecurityHubDryRunBench {
  findings: number;
  ms: number;
  findingsPerSec: number;
  peakRssDeltaMb: number;
}

const FINDINGS = 20_000;

function settle(): void {
  // `npm run bench` runs with --expose-gc; elsewhere this is a no-op.
  (globalThis as { gc?: () => void }).gc?.();
}

export async function benchSecurityHubDryRun(): Promise<SecurityHubDryRunBench> {
  const input = sampleReportInput(FINDINGS);
  const dir = mkdtempSync(join(tmpdir(), 'qready-bench-sechub-'));
  try {
    // One small untimed run warms the code paths (JIT, module loading).
    await exportToSecurityHub({ input: sampleReportInput(500), dryRunDir: join(dir, 'warm-up') });
    settle();
    const before = process.memoryUsage().rss;
    const t = performance.now();
    const { result, peak } = await peakRss(() => exportToSecurityHub({ input, dryRunDir: join(dir, 'run') }));
    const ms = performance.now() - t;
    if (result.totals.sent !== FINDINGS) throw new Error(`dry run sent ${result.totals.sent} of ${FINDINGS} findings`);
    if (readdirSync(join(dir, 'run')).length !== result.totals.batches) throw new Error('dry run wrote a different number of batch files');
    return { findings: FINDINGS, ms, findingsPerSec: FINDINGS / (ms / 1000), peakRssDeltaMb: Math.max(0, peak - before) / 1_048_576 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
