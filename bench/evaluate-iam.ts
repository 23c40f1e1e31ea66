// Benchmark: evaluating every check on a synthetic account of 10,000 users, 2,000 roles and
// 5,000 policies, as a ratio to JSON.parse of the same snapshot (target ≤ 3×).
import { loadChecks } from '../runner/checks/loader.js';
import { evaluateAccount } from '../runner/evaluate/evaluate.js';
import type { Snapshot } from '../runner/snapshot/snapshot.js';
import { mb, median } from './stats.js';
import { COLLECTED_AT, syntheticIamSnapshot } from './synthetic-iam.js';

export interface EvaluateBench {
  checks: number;
  snapshotBytes: number;
  parseMs: number;
  evaluateMs: number;
  ratio: number;
  findings: number;
  heapPeakBytes: number;
}

/** The checks of issue 2's benchmark: the IAM preparation table (the first 18 checks qready had). */
export const IAM_PREPARATION = (id: string): boolean => id.startsWith('iam_') && !/amazonq|_q_/.test(id);

export async function benchEvaluateIam(size = { users: 10_000, roles: 2_000, policies: 5_000 }, runs = 9, only: (checkId: string) => boolean = () => true): Promise<EvaluateBench> {
  const json = JSON.stringify(syntheticIamSnapshot(size));
  const loaded = loadChecks();
  if (loaded.errors.length) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const checks = loaded.checks.filter((c) => only(c.id));
  const now = new Date(COLLECTED_AT);
  let findings = 0;
  let heapPeakBytes = 0;
  // Alternate the two measurements so that both see the same machine state; each evaluation
  // gets a freshly parsed snapshot, as a real scan does (no conversion cached from a prior run).
  const parseTimes: number[] = [];
  const evalTimes: number[] = [];
  // A full collection before each timed phase, and a moment for V8's background sweeping to
  // finish, so neither phase pays for the other's garbage (`npm run bench` runs node with
  // --expose-gc). Both phases get the same treatment.
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const settle = async (): Promise<void> => {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  };
  for (let i = 0; i <= runs; i++) {
    await settle();
    let t = performance.now();
    const snapshot = JSON.parse(json) as Snapshot;
    const parsed = performance.now() - t;
    await settle();
    t = performance.now();
    findings = evaluateAccount(snapshot.accounts[0], checks, { now }).length;
    const evaluated = performance.now() - t;
    heapPeakBytes = Math.max(heapPeakBytes, process.memoryUsage().heapUsed);
    if (i > 0) {
      parseTimes.push(parsed);
      evalTimes.push(evaluated);
    }
  }
  const parseMs = median(parseTimes);
  const evaluateMs = median(evalTimes);
  return { checks: checks.length, snapshotBytes: json.length, parseMs, evaluateMs, ratio: evaluateMs / parseMs, findings, heapPeakBytes };
}

export function printEvaluateBench(r: EvaluateBench): void {
  console.log(`evaluate ${r.checks} checks (10,000 users, 2,000 roles, 5,000 policies; snapshot ${mb(r.snapshotBytes)}, ${r.findings} findings)`);
  console.log(`  JSON.parse ${r.parseMs.toFixed(1)} ms  evaluate ${r.evaluateMs.toFixed(1)} ms  ratio ${r.ratio.toFixed(2)}× (target ≤ 3×) ${r.ratio <= 3 ? 'OK' : 'OVER TARGET'}`);
  console.log(`  peak heap during evaluation ${mb(r.heapPeakBytes)}`);
}
