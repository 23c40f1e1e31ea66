// The shortcuts of the policy analysis (what a statement's patterns start with, a pattern's
// service length, shared empty answers, one-entry memos) must answer exactly as the plain
// pattern matching does; these tests compare them with it.
import assert from 'node:assert/strict';
import { serviceActions } from '../../runner/iam/action-catalogue.js';
import { matchesAction } from '../../runner/iam/action-pattern.js';
import { ActionUniverse, actionUniverse, effectiveActions, qWildcardGrants, type PolicyMemo, type PolicySource } from '../../runner/iam/policy-analysis.js';
import { coversAllResources, initialBit, OTHER_INITIAL, principalEntries, principalsOfType, statements } from '../../runner/iam/policy-document.js';
import { Q_HIGH_IMPACT_ACTIONS, qTrustStatements } from '../../runner/iam/q-permissions.js';
import { principalPolicies, principalQTrust, principalsView } from '../../runner/views/qpermissions-views.js';
import { ADMIN_DOCUMENT, authorizationDetails, iamUser } from '../helpers/iam-fixtures.js';
import { doc, iamGroup, iamRole, managed, ref, trustAccount, trustService } from '../checks/iam/q-permissions-fixtures.js';

const PATTERNS = [
  '*', '*:*', '**', 'q*', 'q*:*', 'Q:*', 'q:PassRequest', 'Q:PASSREQUEST', 'q:Pass?equest', '?:PassRequest', 'q?:*', '?*:*',
  'qbusiness:*', 'QBusiness:Delete*', 'qbusiness:deleteapplication', 'qb?siness:Update*', '*business:*', '*:Delete*', '*:Batch*',
  'qbusiness', 'q', '', ':', 'q:', ':PassRequest', 'qapps:*', 'codewhisperer:*', 'c*:*', 's3:*', 'S3:Get*', 'sqs:*', 'dynamodb:Describe*',
  'ec2:*', 'lambda:Invoke*', '1:*', 'custom:Thing', 'CUSTOM:thing', 'custom:*', 'x', 'X', 'x*', 'é:*', 'custom:Th?ng',
];

/** The actions of the universe a statement applies to, by plain pattern matching. */
function reference(u: ActionUniverse, actions: string[] | null, notActions: string[] | null): string[] {
  if (actions !== null) return u.actions.filter((a) => actions.some((p) => matchesAction(p, a)));
  if (notActions !== null) return u.actions.filter((a) => !notActions.some((p) => matchesAction(p, a)));
  return [];
}

const UNIVERSES = (): ActionUniverse[] => [
  actionUniverse(Q_HIGH_IMPACT_ACTIONS),
  actionUniverse(serviceActions('qbusiness')),
  new ActionUniverse(['custom:Thing', 'q:PassRequest', 'x', 'Éclair:Eat']),
  new ActionUniverse(['S3:GetObject']),
  new ActionUniverse([]),
];

describe('policy analysis shortcuts', () => {
  it('initialBit: a–z in either case, everything else OTHER_INITIAL', () => {
    assert.equal(initialBit('qbusiness:Chat'), 1 << 16);
    assert.equal(initialBit('QBUSINESS:Chat'), 1 << 16);
    assert.equal(initialBit('a'), 1);
    assert.equal(initialBit('Z'), 1 << 25);
    for (const s of ['*', '?x', '1:*', '', ':', 'é', '[', '`', '@']) assert.equal(initialBit(s), OTHER_INITIAL, s);
  });

  it('statements carry what later readers need: Resource "*" and the patterns\' first characters', () => {
    const [a, b, c, d] = statements(doc(
      { Effect: 'Allow', Action: ['s3:Get*', 'Qbusiness:Chat'], Resource: '*' },
      { Effect: 'Allow', NotAction: '*', Resource: ['arn:aws:s3:::x', '*'] },
      { Effect: 'Deny', Action: 'q:*', Resource: 'arn:aws:s3:::x' },
      { Effect: 'Allow', Action: [1, 'ec2:*'], NotResource: '*' },
    ));
    assert.deepEqual([a, b, c, d].map(coversAllResources), [true, true, false, false]);
    assert.deepEqual([a, b, c, d].map((s) => s.actionInitials), [initialBit('s') | initialBit('q'), OTHER_INITIAL, initialBit('q'), initialBit('e')]);
    assert.deepEqual(d.actions, ['ec2:*']);
  });

  it('statementBits agrees with plain pattern matching, pattern by pattern and in lists, Action and NotAction', () => {
    for (const u of UNIVERSES()) {
      const lists: string[][] = [...PATTERNS.map((p) => [p]), ['s3:*', 'sqs:*'], ['s3:*', 'q:PassRequest'], ['dynamodb:*', 'ec2:*', '*:Batch*'], PATTERNS];
      for (const list of lists) {
        for (const [Action, NotAction] of [[list, undefined], [undefined, list]] as const) {
          const [s] = statements(doc({ Effect: 'Allow', Action, NotAction, Resource: '*' }));
          const expected = reference(u, s.actions, s.notActions);
          assert.deepEqual(u.names(u.statementBits(s)), expected, `${u.actions.join(',')} / ${Action ? 'Action' : 'NotAction'} ${list.join(',')}`);
        }
      }
    }
  });

  it('a policy memo keeps one analysis per universe, whichever is asked last', () => {
    const [u, v] = UNIVERSES();
    const memo: PolicyMemo = {};
    const source = { document: doc({ Effect: 'Allow', Action: 'q*:*', Resource: '*' }), memo };
    const first = u.policyBits(source);
    const second = v.policyBits(source);
    assert.notEqual(first, second);
    assert.equal(u.policyBits(source), first);
    assert.equal(v.policyBits(source), second);
    assert.equal(u.policyBits(source), first);
    const silent = { document: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }), memo: {} };
    assert.equal(u.policyBits(silent).allows.length, 0);
    assert.equal(u.policyBits(silent), u.policyBits({ document: doc({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }), memo: {} }), 'policies that say nothing share one answer');
  });

  it('grantsAny is true exactly when some Allow of the principal matches an action of the universe', () => {
    const u = actionUniverse(Q_HIGH_IMPACT_ACTIONS);
    const inline = (document: unknown): PolicySource => ({ kind: 'inline', name: 'p', arn: null, group: null, document, memo: {} });
    const cases: [PolicySource[], boolean][] = [
      [[], false],
      [[inline(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }))], false],
      [[inline(doc({ Effect: 'Deny', Action: '*', Resource: '*' }))], false],
      [[inline(doc({ Effect: 'Allow', Action: 'qbusiness:Get*', Resource: '*' }))], false],
      [[inline(doc({ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }))], true],
      [[inline(doc({ Effect: 'Allow', Action: 'QBUSINESS:Delete*', Resource: 'arn:x' }))], true],
      [[inline(doc({ Effect: 'Allow', Action: '*', Resource: '*' })), inline(doc({ Effect: 'Deny', Action: '*', Resource: '*' }))], true],
    ];
    for (const [policies, grants] of cases) {
      assert.equal(u.grantsAny(policies), grants);
      const r = effectiveActions(policies, u);
      assert.equal(r.allowed.length + r.removed_by_deny.length > 0, grants);
    }
  });

  it('qWildcardGrants: a policy granting no Q service whole has an empty answer', () => {
    assert.equal(qWildcardGrants(doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' })).length, 0);
    assert.equal(qWildcardGrants('not json').length, 0);
    assert.equal(qWildcardGrants(doc({ Effect: 'Allow', Action: 'q:*', Resource: '*' })).length, 1);
  });
});

describe('principals in trust policies, type by type', () => {
  const elements: unknown[] = [
    '*', null, 'arn:aws:iam::1:root', ['*'], 42, {}, { AWS: '*' }, { Service: '*' }, { AWS: ['arn:aws:iam::1:root', '*'], Service: 'q.amazonaws.com' },
    { Service: ['qbusiness.amazonaws.com', 7, 'x.amazonaws.com'] }, { Federated: 'cognito-identity.amazonaws.com', CanonicalUser: 'abc' }, { Other: 'x' }, { AWS: 5 },
  ];
  for (const element of elements) {
    it(JSON.stringify(element), () => {
      const all = principalEntries(element);
      for (const type of ['AWS', 'Service', 'Federated', 'CanonicalUser'] as const) assert.deepEqual([...principalsOfType(element, type)], all[type]);
    });
  }
});

describe('iam.principals: what the view works out for the checks', () => {
  const reader = managed('Reader', doc({ Effect: 'Allow', Action: 'qbusiness:Get*', Resource: '*' }));
  const items = principalsView.build({
    'iam.authorization_details': authorizationDetails({
      users: [iamUser('a', { groups: ['g'] }), iamUser('b', { groups: ['g'], attached_policies: [ref(reader)] }), iamUser('c', { attached_policies: [ref(reader)] }), iamUser('d', { groups: ['g'] })],
      groups: [iamGroup('g', [ref(reader)])],
      roles: [
        iamRole('plain', trustAccount, { attached_policies: [ref(reader)] }),
        iamRole('q', trustService(['qbusiness.amazonaws.com', 'lambda.amazonaws.com'])),
        iamRole('any', doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }), { attached_policies: [{ name: 'Gone', arn: 'arn:aws:iam::123456789012:policy/Gone' }] }),
      ],
      policies: [reader, { ...managed('Admin', ADMIN_DOCUMENT), attachment_count: 0 }],
    }),
  }, { account: { account_id: '123456789012', partition: 'aws', regions: ['us-east-1'], sources: {} }, region: 'us-east-1' });
  const byName = new Map(items.map((it) => [String(it.value.name), it]));

  it('each role carries qTrustStatements of its trust policy; other principals none', () => {
    for (const it of items) {
      if (it.value.kind === 'role') assert.deepEqual(principalQTrust(it), qTrustStatements(it.value.trust_policy), String(it.value.name));
      else assert.equal(principalQTrust(it), undefined);
    }
    assert.deepEqual(principalQTrust(byName.get('q')!)!.map((t) => t.principals), [['qbusiness.amazonaws.com']]);
    assert.deepEqual(byName.get('q')!.value.trusted_principals, ['Service qbusiness.amazonaws.com', 'Service lambda.amazonaws.com']);
  });

  it('principals that hold the same managed policy share its source and memo; unresolved policies are named', () => {
    const sourceOf = (name: string) => principalPolicies(byName.get(name)!)!.policies;
    assert.equal(sourceOf('c')[0], sourceOf('plain')[0], 'attached directly: one shared source');
    assert.equal(principalPolicies(byName.get('a')!), principalPolicies(byName.get('d')!), 'users of one group share its resolved policies');
    assert.deepEqual(sourceOf('a').map((p) => p.group), ['g']);
    assert.deepEqual(sourceOf('g').map((p) => p.group), [null]);
    assert.deepEqual(sourceOf('b').map((p) => p.group), [null, 'g']);
    assert.equal(sourceOf('b')[1].memo, sourceOf('c')[0].memo, 'one memo per managed policy, through a group or not');
    assert.deepEqual(principalPolicies(byName.get('any')!)!.unresolved, ['policy arn:aws:iam::123456789012:policy/Gone']);
    assert.deepEqual(principalPolicies(byName.get('a')!)!.unresolved, []);
    assert.deepEqual(byName.get('g')!.value.members, ['a', 'b', 'd']);
  });
});
