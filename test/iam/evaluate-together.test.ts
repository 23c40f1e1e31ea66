// The IAM checks share views (iam.principals, iam.custom_policies, the credential views) and,
// through them, analyses kept per policy document. Evaluated together they must give exactly what
// each gives alone, in check order: sharing is only ever a saving.
import assert from 'node:assert/strict';
import { syntheticIamAccount } from '../../bench/synthetic-iam.js';
import { loadChecks } from '../../runner/checks/loader.js';
import { evaluateAccount } from '../../runner/evaluate/evaluate.js';
import type { AccountSnapshot } from '../../runner/snapshot/snapshot.js';
import type { AuthorizationDetailsData } from '../../runner/sources/iam-data.js';

const NOW = new Date('2026-11-30T09:00:00.000Z');

/** A small synthetic estate with what the Amazon Q permission checks look for: wildcards, Deny, NotAction, AmazonQFullAccess, missing policies and groups. */
function estate(): AccountSnapshot {
  const account = syntheticIamAccount({ users: 60, roles: 20, policies: 30 });
  const details = (account.sources['iam.authorization_details']['us-east-1'] as { data: AuthorizationDetailsData }).data;
  const qFull = 'arn:aws:iam::aws:policy/AmazonQFullAccess';
  details.policies.push(
    { name: 'AmazonQFullAccess', arn: qFull, id: 'Q', aws_managed: true, attachment_count: 2, default_version_id: 'v1', document: { Statement: [{ Effect: 'Allow', Action: ['q:*', 'qbusiness:*'], Resource: '*' }] } },
    { name: 'guard', arn: 'arn:aws:iam::999988887777:policy/guard', id: 'G', aws_managed: false, attachment_count: 1, default_version_id: 'v1', document: { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'qbusiness:Delete*', Resource: '*' }, { Effect: 'Deny', Action: 'q:*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } } }] } },
  );
  details.users[1].attached_policies.push({ name: 'AmazonQFullAccess', arn: qFull }, { name: 'guard', arn: 'arn:aws:iam::999988887777:policy/guard' });
  details.users[2].groups.push('missing-group');
  details.users[3].attached_policies.push({ name: 'gone', arn: 'arn:aws:iam::999988887777:policy/gone' });
  details.groups[0].attached_policies.push({ name: 'AmazonQFullAccess', arn: qFull });
  details.roles[1].attached_policies.push({ name: 'AmazonQFullAccess', arn: qFull });
  details.roles[2].trust_policy = { Statement: [{ Effect: 'Allow', Principal: { Service: 'q.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': '999988887777' } } }] };
  return account;
}

describe('IAM checks evaluated together', () => {
  it('give, in check order, exactly the findings each check gives alone', () => {
    const checks = loadChecks().checks.filter((c) => c.id.startsWith('iam_'));
    assert.ok(checks.length >= 20);
    const together = evaluateAccount(estate(), checks, { now: NOW });
    const alone = checks.flatMap((c) => evaluateAccount(estate(), [c], { now: NOW }));
    assert.deepEqual(together, alone);
    const statuses = new Set(together.filter((f) => /amazonq|_q_/.test(f.check_id)).map((f) => `${f.check_id} ${f.status}`));
    for (const s of ['iam_q_privileged_principals MANUAL', 'iam_q_privileged_principals ERROR', 'iam_amazonqfullaccess_not_attached_to_users FAIL', 'iam_amazonqfullaccess_scoped MANUAL', 'iam_policy_no_q_wildcard FAIL', 'iam_role_q_trust_confused_deputy FAIL', 'iam_role_q_trust_confused_deputy PASS']) {
      assert.ok(statuses.has(s), s);
    }
  });
});
