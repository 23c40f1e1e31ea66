// Every named evaluator, by the name a check's `evaluator:` field uses.
import type { EvaluatorDef } from './evaluator.js';
import { policyFullAdminEvaluator } from './policy-full-admin.js';

export const EVALUATORS: readonly EvaluatorDef[] = [policyFullAdminEvaluator];

const BY_NAME = new Map(EVALUATORS.map((e) => [e.name, e]));

export function findEvaluator(name: string): EvaluatorDef | undefined {
  return BY_NAME.get(name);
}
