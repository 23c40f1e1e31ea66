// Named evaluators of the cloudtrail checks.
import type { EvaluatorDef } from './evaluator.js';

export const CLOUDTRAIL_EVALUATORS: readonly EvaluatorDef[] = [];
