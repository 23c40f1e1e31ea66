// Benchmark: evaluating every check (loadChecks(), the whole catalogue) on the synthetic estate of
// issue 3: 200 Amazon Q Business applications (each with 5 data sources, 5 plugins, 2 web
// experiences, an index, a retriever, chat controls, a data accessor and a resource policy) and
// 3,000 IAM policies (3,000 users, 1,000 roles), as a ratio to JSON.parse of the same snapshot
// (target ≤ 3×). Measured by evaluate-timing.ts, as evaluate-iam.ts is: a fresh parse before each
// evaluation, a full GC and a 20 ms settle before each timed phase, the median of 9 runs after one
// warm-up.
import { loadChecks } from '../runner/checks/loader.js';
import { measureEvaluation, type EvaluateBench } from './evaluate-timing.js';
import { mb } from './stats.js';
import { COLLECTED_AT, QBUSINESS_BENCH_SIZE, syntheticQBusinessSnapshot, type QBusinessEstateSize } from './synthetic-qbusiness.js';

export async function benchEvaluateQBusiness(size: QBusinessEstateSize = QBUSINESS_BENCH_SIZE, runs = 9, only: (checkId: string) => boolean = () => true): Promise<EvaluateBench> {
  const json = JSON.stringify(syntheticQBusinessSnapshot(size));
  const loaded = loadChecks();
  if (loaded.errors.length) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const checks = loaded.checks.filter((c) => only(c.id));
  const now = new Date(COLLECTED_AT);
  return measureEvaluation(json, checks, now, runs);
}

export function printEvaluateQBusinessBench(r: EvaluateBench, size: QBusinessEstateSize = QBUSINESS_BENCH_SIZE): void {
  console.log(`evaluate ${r.checks} checks (${size.applications} Q Business applications, ${size.policies.toLocaleString('en')} policies, ${size.users.toLocaleString('en')} users, ${size.roles.toLocaleString('en')} roles; snapshot ${mb(r.snapshotBytes)}, ${r.findings} findings)`);
  console.log(`  JSON.parse ${r.parseMs.toFixed(1)} ms  evaluate ${r.evaluateMs.toFixed(1)} ms  ratio ${r.ratio.toFixed(2)}× (target ≤ 3×) ${r.ratio <= 3 ? 'OK' : 'OVER TARGET'}`);
  console.log(`  peak heap during evaluation ${mb(r.heapPeakBytes)}`);
}
