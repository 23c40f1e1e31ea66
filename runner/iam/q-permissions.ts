// What the Amazon Q permission checks know about Amazon Q: the managed policy AmazonQFullAccess,
// the high-impact actions, and the service principals that assume roles for Q.
import { conditionKeys, principalsOfType, statements, type Statement } from './policy-document.js';

export const AMAZON_Q_FULL_ACCESS = 'AmazonQFullAccess';

/** `arn:<partition>:iam::aws:policy/AmazonQFullAccess`, in any partition. */
export function isAmazonQFullAccess(policyArn: string): boolean {
  // Checked for every attached policy of every principal: the suffix rules out nearly all of them first.
  return policyArn.endsWith('/AmazonQFullAccess') && /^arn:[^:]+:iam::aws:policy\/AmazonQFullAccess$/.test(policyArn);
}

/** The AmazonQFullAccess ARN in a partition. */
export function amazonQFullAccessArn(partition = 'aws'): string {
  return `arn:${partition}:iam::aws:policy/${AMAZON_Q_FULL_ACCESS}`;
}

/**
 * Actions that change what an Amazon Q Business application knows, who reaches it and what it
 * may do, or let Amazon Q Developer act for a user (shared/CATALOGUE.md, iam_q_privileged_principals).
 * The check's `high_impact_actions` parameter defaults to this list.
 */
export const Q_HIGH_IMPACT_ACTIONS: readonly string[] = [
  'qbusiness:DeleteApplication',
  'qbusiness:UpdateApplication',
  'qbusiness:DeleteIndex',
  'qbusiness:DeleteDataSource',
  'qbusiness:CreateDataSource',
  'qbusiness:UpdateDataSource',
  'qbusiness:DeleteRetriever',
  'qbusiness:DeleteWebExperience',
  'qbusiness:UpdateWebExperience',
  'qbusiness:CreatePlugin',
  'qbusiness:UpdatePlugin',
  'qbusiness:UpdateChatControlsConfiguration',
  'qbusiness:DeleteChatControlsConfiguration',
  'qbusiness:BatchPutDocument',
  'qbusiness:BatchDeleteDocument',
  'qbusiness:AssociatePermission',
  'qbusiness:PutResourcePolicy',
  'qbusiness:CreateDataAccessor',
  'qbusiness:UpdateDataAccessor',
  'qbusiness:DisableAclOnDataSource',
  'qbusiness:CreateAnonymousWebExperienceUrl',
  'q:PassRequest',
  'q:CreatePlugin',
  'q:CreateAssignment',
];

/**
 * The service principals of Amazon Q that assume customer roles: `qbusiness.amazonaws.com`, any
 * `*.qbusiness.amazonaws.com` (`application.qbusiness.amazonaws.com` for web experiences) and
 * `q.amazonaws.com`. Compared case-insensitively.
 */
export function isQServicePrincipal(service: string): boolean {
  const s = service.toLowerCase();
  return s === 'qbusiness.amazonaws.com' || s === 'q.amazonaws.com' || (s.endsWith('.qbusiness.amazonaws.com') && s.length > '.qbusiness.amazonaws.com'.length);
}

/** The two condition keys AWS documents against the confused deputy (lower-cased). */
const SOURCE_KEYS = ['aws:sourceaccount', 'aws:sourcearn'] as const;

/** A trust-policy statement that lets an Amazon Q service principal assume the role. */
export interface QTrustStatement {
  statement: Statement;
  index: number;
  /** The Q service principals it names, or `*` when it trusts every principal. */
  principals: string[];
  /** Which of aws:SourceAccount / aws:SourceArn its Condition tests (any operator), as written. */
  source_conditions: string[];
}

function sourceKeysAsWritten(s: Statement): string[] {
  if (!s.condition) return [];
  const out: string[] = [];
  for (const block of Object.values(s.condition)) {
    if (!block || typeof block !== 'object' || Array.isArray(block)) continue;
    for (const key of Object.keys(block)) if ((SOURCE_KEYS as readonly string[]).includes(key.toLowerCase()) && !out.includes(key)) out.push(key);
  }
  return out;
}

/**
 * The Allow statements of a trust policy whose Principal includes an Amazon Q service principal
 * (a string or a list), or every principal (`"*"`, `{"AWS": "*"}` or `{"Service": "*"}`; AWS reads
 * `"*"` and `{"AWS": "*"}` alike, and they include the Q service principals).
 */
export function qTrustStatements(trustPolicy: unknown): QTrustStatement[] {
  const out: QTrustStatement[] = [];
  const list = statements(trustPolicy);
  for (let index = 0; index < list.length; index++) {
    const statement = list[index];
    if (statement.effect !== 'Allow' || statement.principal === null) continue;
    const services = principalsOfType(statement.principal, 'Service');
    const principals = services.filter(isQServicePrincipal);
    if (principalsOfType(statement.principal, 'AWS').includes('*') || services.includes('*')) principals.push('*');
    if (principals.length === 0) continue;
    out.push({ statement, index, principals, source_conditions: sourceKeysAsWritten(statement) });
  }
  return out;
}

/** True when the statement tests aws:SourceAccount or aws:SourceArn (any operator, any case). */
export function hasSourceCondition(s: Statement): boolean {
  return conditionKeys(s).some((k) => (SOURCE_KEYS as readonly string[]).includes(k));
}
