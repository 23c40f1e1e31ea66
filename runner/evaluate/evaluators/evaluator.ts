// Named evaluators carry rules that CEL cannot say clearly (IAM policy analysis, selector
// coverage). A check names one with `evaluator:`; its `params` are validated against the
// evaluator's own JSON Schema at load.
import type { ParamValue } from '../../cel/environment.js';
import type { JsonValue } from '../../findings/finding.js';
import type { AccountSnapshot } from '../../snapshot/snapshot.js';
import type { ViewItem } from '../../views/view.js';

export interface EvaluatorContext {
  now: Date;
  account: AccountSnapshot;
  region: string;
}

export interface EvaluatorResult {
  status: 'PASS' | 'FAIL' | 'MANUAL';
  message: string;
  evidence?: { [key: string]: JsonValue };
}

export interface EvaluatorDef {
  name: string;
  description: string;
  /** Item types (view `itemType`s) this evaluator understands. */
  itemTypes: string[];
  /** JSON Schema of the check's `params` (use additionalProperties: false). */
  paramsSchema: object;
  /** One verdict per item, or null for no finding on this item. */
  evaluate(item: ViewItem, params: Record<string, ParamValue>, ctx: EvaluatorContext): EvaluatorResult | null;
}
