// Named evaluators of the Amazon Q permission checks (shared/CATALOGUE.md, "Amazon Q permissions").
import type { ParamValue } from '../../cel/environment.js';
import type { JsonValue } from '../../findings/finding.js';
import { catalogueVersion, expandActionPattern } from '../../iam/action-catalogue.js';
import { actionPattern } from '../../iam/action-pattern.js';
import { actionUniverse, effectiveActions, qWildcardGrants, type ActionUniverse, type EffectiveActions, type StatementRef } from '../../iam/policy-analysis.js';
import { describeStatement } from '../../iam/policy-document.js';
import { amazonQFullAccessArn, Q_HIGH_IMPACT_ACTIONS, qTrustStatements } from '../../iam/q-permissions.js';
import { principalPolicies, principalQTrust, type PrincipalPolicies } from '../../views/qpermissions-views.js';
import type { ViewItem } from '../../views/view.js';
import type { EvaluatorDef } from './evaluator.js';

const NO_PARAMS = { type: 'object', additionalProperties: false, properties: {} };

const capitalised = (kind: unknown): string => {
  const k = String(kind);
  return k.charAt(0).toUpperCase() + k.slice(1);
};

/** `User alice`, `Role QBusinessRole`, `Group q-admins`. */
const principalLabel = (item: ViewItem): string => `${capitalised(item.value.kind)} ${String(item.value.name)}`;

const via = (item: ViewItem): string[] => (item.value.amazonqfullaccess_via as string[] | undefined) ?? [];

/** iam_amazonqfullaccess_not_attached_to_users: FAIL per user who has AmazonQFullAccess, directly or through a group. */
export const amazonQFullAccessUsersEvaluator: EvaluatorDef = {
  name: 'amazonqfullaccess_users',
  description: 'FAIL for each IAM user who has AmazonQFullAccess attached directly or through a group; no finding for other principals.',
  itemTypes: ['IamPrincipal'],
  paramsSchema: NO_PARAMS,
  evaluate(item, _params, ctx) {
    if (item.value.kind !== 'user' || via(item).length === 0) return null;
    return {
      status: 'FAIL',
      message: `User ${String(item.value.name)} has AmazonQFullAccess (${via(item).join('; ')})`,
      evidence: { policy_arn: amazonQFullAccessArn(ctx.account.partition) },
    };
  },
};

/** iam_amazonqfullaccess_scoped: MANUAL per role or group holding AmazonQFullAccess. */
export const amazonQFullAccessScopedEvaluator: EvaluatorDef = {
  name: 'amazonqfullaccess_scoped',
  description: 'MANUAL for each role or group that has AmazonQFullAccess, with its trust policy (roles) or members (groups).',
  itemTypes: ['IamPrincipal'],
  paramsSchema: NO_PARAMS,
  evaluate(item, _params, ctx) {
    const kind = item.value.kind;
    if ((kind !== 'role' && kind !== 'group') || via(item).length === 0) return null;
    let who: string;
    if (kind === 'role') {
      const trusted = (item.value.trusted_principals as string[] | undefined) ?? [];
      who = `trusted by ${trusted.length ? trusted.join(', ') : 'no principal'}`;
    } else {
      const members = (item.value.members as string[] | undefined) ?? [];
      who = members.length ? `members: ${members.join(', ')}` : 'no members';
    }
    return {
      status: 'MANUAL',
      message: `${principalLabel(item)} has AmazonQFullAccess (${who}): confirm it needs Amazon Q plugin administration and iam:PassRole to Amazon Q`,
      evidence: { policy_arn: amazonQFullAccessArn(ctx.account.partition) },
    };
  },
};

/**
 * The high-impact actions of the check's parameter. An entry with a wildcard (`qapps:Delete*`) is
 * expanded against its service's real action list; names are spelled as the catalogue spells them.
 */
function highImpactList(params: Record<string, ParamValue>): readonly string[] {
  const configured = params.high_impact_actions;
  if (!Array.isArray(configured)) return Q_HIGH_IMPACT_ACTIONS;
  return expandedLists.get(configured) ?? expandList(configured);
}

// The check's parameters are one object per evaluation, the same for each of its thousands of
// items: the universe of the last parameter value asked about is kept at hand.
let lastConfigured: unknown = null;
let lastUniverse: ActionUniverse | null = null;

function universeOf(params: Record<string, ParamValue>): ActionUniverse {
  const configured = params.high_impact_actions;
  if (lastUniverse !== null && configured === lastConfigured) return lastUniverse;
  const universe = actionUniverse(highImpactList(params));
  lastConfigured = configured;
  lastUniverse = universe;
  return universe;
}

const expandedLists = new WeakMap<readonly string[], readonly string[]>();

function expandList(configured: string[]): readonly string[] {
  const out: string[] = [];
  for (const entry of configured) {
    const p = actionPattern(entry);
    if (p.wildcard && p.literalService !== null) out.push(...expandActionPattern(entry, [p.literalService]));
    else out.push(entry);
  }
  expandedLists.set(configured, out);
  return out;
}

const MESSAGE_LIST_LIMIT = 10;

/** The condition keys of statements, as written, without repeats. */
function conditionKeysOf(refs: readonly StatementRef[]): string[] {
  const keys: string[] = [];
  for (const r of refs) {
    for (const block of Object.values(r.condition ?? {})) {
      if (block && typeof block === 'object') for (const k of Object.keys(block)) if (!keys.includes(k)) keys.push(k);
    }
  }
  return keys;
}

function listForMessage(actions: readonly string[], universe: ActionUniverse): string {
  if (actions.length === universe.size && universe.size > 1) return `all ${universe.size} high-impact Amazon Q actions`;
  const shown = actions.slice(0, MESSAGE_LIST_LIMIT).join(', ');
  const more = actions.length > MESSAGE_LIST_LIMIT ? ` and ${actions.length - MESSAGE_LIST_LIMIT} more` : '';
  return `${actions.length} high-impact Amazon Q action${actions.length === 1 ? '' : 's'}: ${shown}${more}`;
}

// Principals that share their resolved policies (users of one group) share the analysis too.
const effectiveCache = new WeakMap<PrincipalPolicies, Map<ActionUniverse, EffectiveActions>>();

function effectiveFor(resolved: PrincipalPolicies, universe: ActionUniverse): EffectiveActions {
  let byUniverse = effectiveCache.get(resolved);
  if (!byUniverse) effectiveCache.set(resolved, (byUniverse = new Map()));
  let result = byUniverse.get(universe);
  if (!result) byUniverse.set(universe, (result = effectiveActions(resolved.policies, universe)));
  return result;
}

/** iam_q_privileged_principals: MANUAL per principal allowed any high-impact Amazon Q action, after explicit Deny. */
export const qPrivilegedPrincipalsEvaluator: EvaluatorDef = {
  name: 'q_privileged_principals',
  description:
    'MANUAL for each user, group or role whose identity policies (attached, inline, and for users their groups\') allow a high-impact Amazon Q action, ' +
    'with wildcards expanded and unconditional explicit Deny applied; the evidence lists the actions and the statements that grant them.',
  itemTypes: ['IamPrincipal'],
  paramsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      high_impact_actions: { type: 'array', minItems: 1, items: { type: 'string', pattern: '^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$' } },
    },
  },
  evaluate(item, params) {
    const resolved = principalPolicies(item);
    if (!resolved) throw new Error(`no identity policies for ${principalLabel(item)}: the item is not from the iam.principals view`);
    const universe = universeOf(params);
    const missing = resolved.unresolved;
    // Most principals have no policy that allows any of the actions: they are answered here,
    // without working out (or keeping) an analysis that would say "nothing".
    const result = universe.grantsAny(resolved.policies) ? effectiveFor(resolved, universe) : null;
    // Without every policy the principal might hold more (or, through a Deny, less): "nothing" is
    // not a verdict that can be given, so it is an ERROR; what the readable policies allow is still shown.
    if (result === null || result.allowed.length === 0) {
      if (missing.length === 0) return null;
      throw new Error(`${principalLabel(item)}: the snapshot lacks ${missing.join(', ')} (GetAccountAuthorizationDetails did not return it), so its permissions cannot be read`);
    }
    let message = `${principalLabel(item)} can perform ${listForMessage(result.allowed, universe)}`;
    const notes: string[] = [];
    if (result.conditional.length > 0) {
      const keys = conditionKeysOf(result.granted_by.filter((g) => g.condition && g.actions.some((x) => result.conditional.includes(x))));
      const on = keys.length ? ` on ${keys.join(', ')}` : '';
      notes.push(result.conditional.length === result.allowed.length ? `only under a Condition${on}` : `${result.conditional.length} of them only under a Condition${on}`);
    }
    if (result.denies_not_applied.length > 0) notes.push('a Deny with a Condition or on some resources only does not remove them');
    if (result.removed_by_deny.length > 0) notes.push(`${result.removed_by_deny.length} more removed by an explicit Deny`);
    if (missing.length > 0) notes.push(`not read, missing from the snapshot: ${missing.join(', ')}`);
    if (notes.length) message += ` (${notes.join('; ')})`;
    const evidence: { [key: string]: JsonValue } = {
      high_impact_actions: result.allowed,
      granted_by: result.granted_by as unknown as JsonValue,
    };
    if (result.conditional.length) evidence.conditional_actions = result.conditional;
    if (result.removed_by_deny.length) {
      evidence.removed_by_deny = result.removed_by_deny;
      evidence.denied_by = result.denied_by as unknown as JsonValue;
    }
    if (result.denies_not_applied.length) evidence.denies_not_applied = result.denies_not_applied as unknown as JsonValue;
    if (missing.length) evidence.unresolved = [...missing];
    return { status: 'MANUAL', message, evidence };
  },
};

/** Label of a CustomPolicy item (as policy_full_admin words it). */
const policyLabel = (item: ViewItem): string =>
  item.value.kind === 'inline' ? `Inline policy ${String(item.resource.name)}` : `Policy ${String(item.value.name)}`;

/** iam_policy_no_q_wildcard: FAIL when an Allow without Condition on Resource "*" grants every action of a Q service. */
export const policyQWildcardEvaluator: EvaluatorDef = {
  name: 'policy_q_wildcard',
  description:
    'FAIL when an Allow statement without Condition grants, on Resource "*", an action pattern matching every action of q, qbusiness, qapps or ' +
    'codewhisperer (judged against the IAM action catalogue), or a NotAction list that leaves one of those services out.',
  itemTypes: ['CustomPolicy'],
  paramsSchema: NO_PARAMS,
  evaluate(item) {
    const grants = qWildcardGrants(item.value.document);
    if (grants.length === 0) return { status: 'PASS', message: `${policyLabel(item)} grants no Amazon Q service wildcard` };
    const services = [...new Set(grants.flatMap((g) => g.services))];
    const patterns = [...new Set(grants.flatMap((g) => (g.statement.notActions !== null ? [`NotAction ${g.statement.notActions.join(', ')}`] : g.patterns)))];
    return {
      status: 'FAIL',
      message: `${policyLabel(item)} allows every action of ${services.join(', ')} on Resource "*" without a Condition (${patterns.join('; ')})`,
      evidence: {
        statements: grants.map((g) => ({ ...describeStatement(g.statement), statement_index: g.index, q_services: g.services, patterns: g.patterns })) as JsonValue,
        action_catalogue: catalogueVersion(),
      },
    };
  },
};

/** iam_role_q_trust_confused_deputy: roles trusted by Amazon Q service principals need aws:SourceAccount or aws:SourceArn. */
export const roleQTrustConfusedDeputyEvaluator: EvaluatorDef = {
  name: 'role_q_trust_confused_deputy',
  description:
    'For each role whose trust policy allows qbusiness.amazonaws.com, *.qbusiness.amazonaws.com or q.amazonaws.com (or every principal): ' +
    'FAIL when such a statement has neither an aws:SourceAccount nor an aws:SourceArn condition (any operator, any case).',
  itemTypes: ['IamPrincipal'],
  paramsSchema: NO_PARAMS,
  evaluate(item) {
    if (item.value.kind !== 'role') return null;
    const trusts = principalQTrust(item) ?? qTrustStatements(item.value.trust_policy);
    if (trusts.length === 0) return null;
    const principals = [...new Set(trusts.flatMap((t) => t.principals))].map((p) => (p === '*' ? 'every principal ("*")' : p));
    const evidence = {
      q_trust_statements: trusts.map((t) => ({
        ...describeStatement(t.statement), statement_index: t.index, principal: t.statement.principal, q_principals: t.principals, source_conditions: t.source_conditions,
      })) as JsonValue,
    };
    const unprotected = trusts.filter((t) => t.source_conditions.length === 0);
    if (unprotected.length > 0) {
      const who = [...new Set(unprotected.flatMap((t) => t.principals))].map((p) => (p === '*' ? 'every principal ("*")' : p));
      return {
        status: 'FAIL',
        message: `${principalLabel(item)} trusts ${who.join(', ')} without an aws:SourceAccount or aws:SourceArn condition`,
        evidence,
      };
    }
    const keys = [...new Set(trusts.flatMap((t) => t.source_conditions))];
    return { status: 'PASS', message: `${principalLabel(item)} trusts ${principals.join(', ')} only under ${keys.join(' / ')}`, evidence };
  },
};

export const QPERMISSIONS_EVALUATORS: readonly EvaluatorDef[] = [
  amazonQFullAccessUsersEvaluator,
  amazonQFullAccessScopedEvaluator,
  qPrivilegedPrincipalsEvaluator,
  policyQWildcardEvaluator,
  roleQTrustConfusedDeputyEvaluator,
];
