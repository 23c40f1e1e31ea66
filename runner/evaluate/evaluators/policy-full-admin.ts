// iam_no_custom_policy_full_admin: a statement that allows every action on every resource
// without a Condition (CIS 1.16 / FSBP IAM.1). An Allow with NotAction on Resource "*" grants
// every action it does not list, so it counts as full admin too.
import type { JsonValue } from '../../findings/finding.js';
import { coversAllResources, describeStatement, isAllActions, statements, type Statement } from '../../iam/policy-document.js';
import type { EvaluatorDef } from './evaluator.js';

function isFullAdmin(s: Statement): boolean {
  return s.effect === 'Allow' && s.condition === null && coversAllResources(s) && (s.notActions !== null || (s.actions ?? []).some(isAllActions));
}

export const policyFullAdminEvaluator: EvaluatorDef = {
  name: 'policy_full_admin',
  description: 'FAIL when a policy allows "*" (or NotAction) on Resource "*" without a Condition.',
  itemTypes: ['CustomPolicy'],
  paramsSchema: { type: 'object', additionalProperties: false, properties: {} },
  evaluate(item) {
    const doc = item.value.document;
    // Nearly every policy has no such statement: found without making a list for each.
    const list = statements(doc);
    let offending: Statement[] | null = null;
    for (const s of list) if (isFullAdmin(s)) (offending ??= []).push(s);
    const label = item.value.kind === 'inline' ? `Inline policy ${String(item.resource.name)}` : `Policy ${String(item.value.name)}`;
    if (offending === null) return { status: 'PASS', message: `${label} does not grant full administrative privileges` };
    const viaNotAction = offending.some((s) => s.notActions !== null);
    return {
      status: 'FAIL',
      message: `${label} allows ${viaNotAction ? 'every action outside a NotAction list' : '"*"'} on Resource "*" without a Condition`,
      evidence: { statements: offending.map(describeStatement) as JsonValue },
    };
  },
};
