// Named evaluators of the qpermissions checks.
import type { EvaluatorDef } from './evaluator.js';

export const QPERMISSIONS_EVALUATORS: readonly EvaluatorDef[] = [];
