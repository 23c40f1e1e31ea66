// Every named evaluator, by the name a check's `evaluator:` field uses.
import type { EvaluatorDef } from './evaluator.js';
import { policyFullAdminEvaluator } from './policy-full-admin.js';
import { CLOUDTRAIL_EVALUATORS } from './cloudtrail-evaluators.js';
import { DETECTION_EVALUATORS } from './detection-evaluators.js';
import { QBUSINESS_EVALUATORS } from './qbusiness-evaluators.js';
import { QPERMISSIONS_EVALUATORS } from './qpermissions-evaluators.js';

export const EVALUATORS: readonly EvaluatorDef[] = [policyFullAdminEvaluator, ...CLOUDTRAIL_EVALUATORS, ...DETECTION_EVALUATORS, ...QBUSINESS_EVALUATORS, ...QPERMISSIONS_EVALUATORS];

const BY_NAME = new Map(EVALUATORS.map((e) => [e.name, e]));

export function findEvaluator(name: string): EvaluatorDef | undefined {
  return BY_NAME.get(name);
}
