// Benchmark: evaluating every check on a synthetic account of 10,000 users, 2,000 roles and
// 5,000 policies, as a ratio to JSON.parse of the same snapshot (target ≤ 3×).
import { loadChecks } from '../runner/checks/loader.js';
import { measureEvaluation, type EvaluateBench } from './evaluate-timing.js';
import { mb } from './stats.js';
import { COLLECTED_AT, syntheticIamSnapshot } from './synthetic-iam.js';

// Re-exported: the result type lived here before the loop moved to evaluate-timing.ts.
export type { EvaluateBench };

/** The checks of issue 2's benchmark: the IAM preparation table (the first 18 checks qready had). */
export const IAM_PREPARATION = (id: string): boolean => id.startsWith('iam_') && !/amazonq|_q_/.test(id);

export async function benchEvaluateIam(size = { users: 10_000, roles: 2_000, policies: 5_000 }, runs = 9, only: (checkId: string) => boolean = () => true): Promise<EvaluateBench> {
  const json = JSON.stringify(syntheticIamSnapshot(size));
  const loaded = loadChecks();
  if (loaded.errors.length) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const checks = loaded.checks.filter((c) => only(c.id));
  const now = new Date(COLLECTED_AT);
  return measureEvaluation(json, checks, now, runs);
}

export function printEvaluateBench(r: EvaluateBench): void {
  console.log(`evaluate ${r.checks} checks (10,000 users, 2,000 roles, 5,000 policies; snapshot ${mb(r.snapshotBytes)}, ${r.findings} findings)`);
  console.log(`  JSON.parse ${r.parseMs.toFixed(1)} ms  evaluate ${r.evaluateMs.toFixed(1)} ms  ratio ${r.ratio.toFixed(2)}× (target ≤ 3×) ${r.ratio <= 3 ? 'OK' : 'OVER TARGET'}`);
  console.log(`  peak heap during evaluation ${mb(r.heapPeakBytes)}`);
}
