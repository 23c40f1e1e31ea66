// Named evaluators of the qbusiness checks.
import type { EvaluatorDef } from './evaluator.js';

export const QBUSINESS_EVALUATORS: readonly EvaluatorDef[] = [];
