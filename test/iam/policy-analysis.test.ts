import assert from 'node:assert/strict';
import { Q_SERVICES, serviceActions } from '../../runner/iam/action-catalogue.js';
import { ActionUniverse, actionUniverse, effectiveActions, qWildcardGrants, type PolicySource } from '../../runner/iam/policy-analysis.js';
import { conditionKeys, principalEntries, statements } from '../../runner/iam/policy-document.js';
import { Q_HIGH_IMPACT_ACTIONS } from '../../runner/iam/q-permissions.js';

const doc = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const allow = (Action: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, Resource: '*', ...extra });
const allowNot = (NotAction: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', NotAction, Resource: '*', ...extra });
const deny = (Action: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Deny', Action, Resource: '*', ...extra });
const MFA = { Bool: { 'aws:MultiFactorAuthPresent': 'true' } };

const inline = (document: unknown, name = 'p', group: string | null = null): PolicySource => ({ kind: 'inline', name, arn: null, group, document });

const UNIVERSE = ['qbusiness:DeleteApplication', 'qbusiness:BatchPutDocument', 'qbusiness:BatchDeleteDocument', 'q:PassRequest', 'q:CreatePlugin'];
const ALL = UNIVERSE;

describe('policy analysis: effective actions of a principal', () => {
  const u = actionUniverse(UNIVERSE);
  const cases: { name: string; policies: PolicySource[]; allowed: string[]; conditional?: string[]; removed?: string[]; notApplied?: number }[] = [
    { name: 'nothing', policies: [], allowed: [] },
    { name: '"*"', policies: [inline(doc(allow('*')))], allowed: ALL },
    { name: '"*:*" means "*"', policies: [inline(doc(allow('*:*')))], allowed: ALL },
    { name: 'a service wildcard', policies: [inline(doc(allow('qbusiness:*')))], allowed: ['qbusiness:DeleteApplication', 'qbusiness:BatchPutDocument', 'qbusiness:BatchDeleteDocument'] },
    { name: 'a prefix wildcard', policies: [inline(doc(allow('qbusiness:Batch*')))], allowed: ['qbusiness:BatchPutDocument', 'qbusiness:BatchDeleteDocument'] },
    { name: '`?`', policies: [inline(doc(allow('q:Pass?equest')))], allowed: ['q:PassRequest'] },
    { name: 'service wildcard `q*:*`', policies: [inline(doc(allow('q*:*')))], allowed: ALL },
    { name: 'case-insensitive', policies: [inline(doc(allow(['QBUSINESS:deleteapplication', 'Q:PASS*'])))], allowed: ['qbusiness:DeleteApplication', 'q:PassRequest'] },
    { name: 'qbusiness:Get* grants none of them', policies: [inline(doc(allow('qbusiness:Get*')))], allowed: [] },
    { name: 'NotAction grants what it does not list', policies: [inline(doc(allowNot(['qbusiness:*'])))], allowed: ['q:PassRequest', 'q:CreatePlugin'] },
    { name: 'NotAction with a wildcard', policies: [inline(doc(allowNot('*:Batch*')))], allowed: ['qbusiness:DeleteApplication', 'q:PassRequest', 'q:CreatePlugin'] },
    { name: 'an Allow scoped to resources still grants', policies: [inline(doc(allow('qbusiness:DeleteApplication', { Resource: 'arn:aws:qbusiness:eu-west-1:1:application/x' })))], allowed: ['qbusiness:DeleteApplication'] },
    { name: 'an Allow with NotResource still grants', policies: [inline(doc({ Effect: 'Allow', Action: 'q:PassRequest', NotResource: 'arn:aws:s3:::x' }))], allowed: ['q:PassRequest'] },
    {
      name: 'an Allow under a Condition still grants, marked conditional',
      policies: [inline(doc(allow('*', { Condition: MFA }), allow('q:PassRequest')))],
      allowed: ALL, conditional: ['qbusiness:DeleteApplication', 'qbusiness:BatchPutDocument', 'qbusiness:BatchDeleteDocument', 'q:CreatePlugin'],
    },
    { name: 'an unconditional Deny on "*" removes', policies: [inline(doc(allow('*'), deny('qbusiness:Batch*')))], allowed: ['qbusiness:DeleteApplication', 'q:PassRequest', 'q:CreatePlugin'], removed: ['qbusiness:BatchPutDocument', 'qbusiness:BatchDeleteDocument'] },
    { name: 'a Deny in another policy of the principal removes', policies: [inline(doc(allow('*')), 'a'), inline(doc(deny('*')), 'b', 'guarded')], allowed: [], removed: ALL },
    { name: 'a Deny with NotAction removes everything it does not list', policies: [inline(doc(allow('*'), { Effect: 'Deny', NotAction: 'q:PassRequest', Resource: '*' }))], allowed: ['q:PassRequest'], removed: ['qbusiness:DeleteApplication', 'qbusiness:BatchPutDocument', 'qbusiness:BatchDeleteDocument', 'q:CreatePlugin'] },
    { name: 'a Deny with a Condition does not remove', policies: [inline(doc(allow('q:*'), deny('q:*', { Condition: MFA })))], allowed: ['q:PassRequest', 'q:CreatePlugin'], notApplied: 1 },
    { name: 'a Deny on some resources only does not remove', policies: [inline(doc(allow('q:*'), deny('q:*', { Resource: 'arn:aws:q:us-east-1:1:plugin/x' })))], allowed: ['q:PassRequest', 'q:CreatePlugin'], notApplied: 1 },
    { name: 'a Deny alone grants nothing', policies: [inline(doc(deny('*')))], allowed: [] },
    { name: 'a single statement object, string action', policies: [inline({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'q:CreatePlugin', Resource: '*' } })], allowed: ['q:CreatePlugin'] },
    { name: 'a JSON string document', policies: [inline(JSON.stringify(doc(allow('q:CreatePlugin'))))], allowed: ['q:CreatePlugin'] },
    { name: 'an unparseable document grants nothing', policies: [inline('{not json')], allowed: [] },
    { name: 'an unknown Effect is ignored', policies: [inline(doc({ Effect: 'allow', Action: '*', Resource: '*' }))], allowed: [] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = effectiveActions(c.policies, u);
      assert.deepEqual(r.allowed, c.allowed);
      assert.deepEqual(r.conditional, c.conditional ?? []);
      assert.deepEqual(r.removed_by_deny, c.removed ?? []);
      assert.equal(r.denies_not_applied.length, c.notApplied ?? 0);
    });
  }

  it('names the granting and denying statements in evidence', () => {
    const r = effectiveActions([
      { kind: 'aws_managed', name: 'AdministratorAccess', arn: 'arn:aws:iam::aws:policy/AdministratorAccess', group: 'admins', document: doc(allow('*')) },
      inline(doc({ Sid: 'NoDeletes', ...deny('qbusiness:Delete*') }, { Sid: 'NotWithoutMfa', ...deny('q:*', { Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } }) }), 'guard'),
    ], u);
    assert.deepEqual(r.granted_by, [{
      policy: 'AdministratorAccess', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess', policy_kind: 'aws_managed', via: 'group admins', statement_index: 0,
      actions: ['qbusiness:BatchPutDocument', 'qbusiness:BatchDeleteDocument', 'q:PassRequest', 'q:CreatePlugin'],
    }]);
    assert.deepEqual(r.denied_by.map((d) => [d.policy, d.sid, d.actions]), [['guard', 'NoDeletes', ['qbusiness:DeleteApplication']]]);
    assert.deepEqual(r.denies_not_applied.map((d) => [d.sid, d.actions, d.reason]), [['NotWithoutMfa', ['q:PassRequest', 'q:CreatePlugin'], 'the Deny has a Condition, so it does not always apply']]);
    assert.deepEqual(r.denies_not_applied[0].condition, { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } });
  });

  it('canonicalises and de-duplicates the universe', () => {
    const v = new ActionUniverse(['QBUSINESS:deleteapplication', 'qbusiness:DeleteApplication', 'custom:NotInCatalogue']);
    assert.deepEqual(v.actions, ['qbusiness:DeleteApplication', 'custom:NotInCatalogue']);
  });

  it('handles universes wider than one 32-bit word', () => {
    const v = actionUniverse(serviceActions('qbusiness'));
    assert.ok(v.size > 64);
    const r = effectiveActions([inline(doc(allow('qbusiness:*'), deny('qbusiness:Get*')))], v);
    assert.equal(r.allowed.length + r.removed_by_deny.length, v.size);
    assert.ok(r.allowed.every((a) => !a.startsWith('qbusiness:Get')));
    assert.ok(r.removed_by_deny.length > 5);
  });

  it('shares one universe per list, and caches per pattern and per policy memo', () => {
    assert.equal(actionUniverse([...Q_HIGH_IMPACT_ACTIONS]), actionUniverse(Q_HIGH_IMPACT_ACTIONS));
    const v = actionUniverse(Q_HIGH_IMPACT_ACTIONS);
    assert.equal(v.patternBits('qbusiness:Delete*'), v.patternBits('qbusiness:Delete*'));
    const memo = {};
    const document = doc(allow('*'));
    const first = v.policyBits({ document, memo });
    assert.equal(v.policyBits({ document, memo }), first, 'a second source with the same memo reuses the analysis');
    assert.notEqual(v.policyBits({ document }), first, 'without a memo nothing is kept');
    assert.notEqual(u.policyBits({ document, memo }), first, 'each universe has its own entry in the memo');
  });
});

describe('policy analysis: Amazon Q service wildcards in a policy', () => {
  const ALL_Q = [...Q_SERVICES];
  const cases: { name: string; document: unknown; services: string[] }[] = [
    { name: '"*"', document: doc(allow('*')), services: ALL_Q },
    { name: '"*:*"', document: doc(allow('*:*')), services: ALL_Q },
    { name: '"*" in a list', document: doc(allow(['s3:GetObject', '*'])), services: ALL_Q },
    { name: 'q:*', document: doc(allow('q:*')), services: ['q'] },
    { name: 'qbusiness:*', document: doc(allow('qbusiness:*')), services: ['qbusiness'] },
    { name: 'q*:*', document: doc(allow('q*:*')), services: ['q', 'qbusiness', 'qapps'] },
    { name: 'QApps:* (case)', document: doc(allow('QApps:*')), services: ['qapps'] },
    { name: 'codewhisperer:?* (matches every name)', document: doc(allow('codewhisperer:?*')), services: ['codewhisperer'] },
    { name: 'qbusiness:Get* is narrower', document: doc(allow('qbusiness:Get*')), services: [] },
    { name: 'listing a few actions', document: doc(allow(['qbusiness:Chat', 'qbusiness:ChatSync'])), services: [] },
    { name: 'NotAction leaving every Q service out', document: doc(allowNot('iam:*')), services: ALL_Q },
    { name: 'NotAction leaving qbusiness out', document: doc(allowNot(['q:*', 'qapps:*', 'codewhisperer:*'])), services: ['qbusiness'] },
    { name: 'NotAction naming part of qbusiness still covers the others', document: doc(allowNot(['qbusiness:Delete*'])), services: ['q', 'qapps', 'codewhisperer'] },
    { name: 'NotAction naming every Q service', document: doc(allowNot(['q*:*', 'codewhisperer:*'])), services: [] },
    { name: 'with a Condition', document: doc(allow('*', { Condition: MFA })), services: [] },
    { name: 'on specific resources', document: doc(allow('qbusiness:*', { Resource: 'arn:aws:qbusiness:*:*:application/*' })), services: [] },
    { name: 'with NotResource', document: doc({ Effect: 'Allow', Action: 'qbusiness:*', NotResource: 'arn:aws:s3:::x' }), services: [] },
    { name: 'a Deny', document: doc(deny('*')), services: [] },
    { name: 'an empty Condition block counts as none', document: doc(allow('q:*', { Condition: {} })), services: ['q'] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      assert.deepEqual([...new Set(qWildcardGrants(c.document).flatMap((g) => g.services))], c.services);
    });
  }

  it('reports the statement and the patterns responsible', () => {
    const grants = qWildcardGrants(doc(allow('s3:*'), allow(['s3:GetObject', 'qbusiness:*', 'qapps:*', 'qbusiness:Get*'])));
    assert.deepEqual(grants.map((g) => [g.index, g.services, g.patterns]), [[1, ['qbusiness', 'qapps'], ['qbusiness:*', 'qapps:*']]]);
  });
});

describe('policy documents: condition keys and principals', () => {
  it('lists condition keys lower-cased, whatever the operator', () => {
    const [s] = statements(doc(allow('*', { Condition: { ArnLike: { 'aws:SourceArn': 'x' }, StringEquals: { 'AWS:SOURCEACCOUNT': '1' } } })));
    assert.deepEqual(conditionKeys(s), ['aws:sourcearn', 'aws:sourceaccount']);
  });

  it('normalises Principal: "*", strings, lists', () => {
    assert.deepEqual(principalEntries('*'), { AWS: ['*'], Service: [], Federated: [], CanonicalUser: [] });
    assert.deepEqual(principalEntries({ Service: ['a.amazonaws.com', 'b.amazonaws.com'], AWS: 'arn:aws:iam::1:root' }).Service, ['a.amazonaws.com', 'b.amazonaws.com']);
    assert.deepEqual(principalEntries({ AWS: 'arn:aws:iam::1:root' }).AWS, ['arn:aws:iam::1:root']);
    assert.deepEqual(principalEntries(null), { AWS: [], Service: [], Federated: [], CanonicalUser: [] });
  });
});
