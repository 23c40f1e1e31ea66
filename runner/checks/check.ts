// A loaded, validated and compiled check. The YAML shape is check-metadata/check.schema.json.
import type { ParamValue } from '../cel/environment.js';
import type { Compliance, Remediation, Severity } from '../findings/finding.js';

export type IrPhase = 'preparation' | 'detection_and_analysis' | 'containment_eradication_recovery' | 'post_incident';
export type CafCategory = 'directive' | 'preventive' | 'detective' | 'responsive';

/** The YAML document of a check, as validated by the schema. */
export interface CheckDocument {
  id: string;
  title: string;
  service: string;
  severity: Severity;
  resource_type: string;
  source: string;
  where?: string;
  assert?: string;
  evaluator?: string;
  manual?: true;
  params?: Record<string, ParamValue>;
  message: { pass?: string; fail?: string; manual?: string };
  empty?: { status: 'PASS' | 'FAIL' | 'MANUAL'; message: string };
  description: string;
  risk: string;
  remediation: Remediation;
  ir_phase: IrPhase;
  caf: CafCategory[];
  compliance: Compliance;
}

/** A compiled CEL expression: call with the evaluation context. */
export type CompiledExpr = (ctx: CelContext) => unknown;

export interface CelContext {
  item: object;
  params: object;
  now: Date;
}

/** A message with `{cel expression}` placeholders, compiled. */
export type CompiledTemplate = (ctx: CelContext) => string;

export type CheckRule =
  | { kind: 'assert'; assert: CompiledExpr }
  | { kind: 'evaluator'; evaluator: string }
  | { kind: 'manual' };

export interface Check {
  doc: CheckDocument;
  file: string;
  /** Line of the `id:` key, for errors found after loading (duplicate ids). */
  idLine: number;
  id: string;
  params: Record<string, ParamValue>;
  paramsType: string;
  where: CompiledExpr | null;
  rule: CheckRule;
  messages: { pass?: CompiledTemplate; fail?: CompiledTemplate; manual?: CompiledTemplate };
}
