// Named evaluators of the detection checks.
import type { EvaluatorDef } from './evaluator.js';

export const DETECTION_EVALUATORS: readonly EvaluatorDef[] = [];
