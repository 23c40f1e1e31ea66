// The measuring loop shared by the evaluation benchmarks (evaluate-iam.ts, evaluate-qbusiness.ts):
// evaluation time of a snapshot as a ratio to JSON.parse of the same snapshot.
import type { Check } from '../runner/checks/check.js';
import { evaluateAccount } from '../runner/evaluate/evaluate.js';
import type { Snapshot } from '../runner/snapshot/snapshot.js';
import { median } from './stats.js';

export interface EvaluateBench {
  checks: number;
  snapshotBytes: number;
  parseMs: number;
  evaluateMs: number;
  ratio: number;
  findings: number;
  heapPeakBytes: number;
}

/**
 * Times JSON.parse of `json` against evaluating `checks` on its first account: the median of
 * `runs` runs after one warm-up run, and the peak heap seen after each evaluation.
 */
export async function measureEvaluation(json: string, checks: readonly Check[], now: Date, runs: number): Promise<EvaluateBench> {
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
  // Run 0 is the warm-up.
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
