import assert from 'node:assert/strict';
import { EarliestDistinct } from '../../../runner/investigate/analyses/evidence.js';
import { PrincipalActivityTracker } from '../../../runner/investigate/analyses/principal-activity.js';
import type { TrailEvent } from '../../../runner/investigate/event.js';
import type { PrincipalActivity } from '../../../runner/investigate/investigation.js';
import { ACCOUNT, APP_ID, assumedRole, iamUser, identityCenterUser, invokedByQ, qbusinessDataEvent, record } from '../records.js';
import { atSecond, ev, shuffled } from './harness.js';

function track(events: TrailEvent[]): PrincipalActivity[] {
  const t = new PrincipalActivityTracker();
  for (const e of events) t.observe(e);
  return t.result();
}

/** A small deterministic pseudo-random generator (tests must not depend on luck). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const ALICE = iamUser('alice');
const BOB = assumedRole('QUsers', 'bob@example.com');
const IC_USER = '94482488-3041-7026-18f3-be45837cd0e4';

function scenario(): TrailEvent[] {
  return [
    // Bob's IAM and STS calls come first in time and in arrival: counted once his Q events arrive.
    record({ eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', eventTime: atSecond(0), userIdentity: BOB, sourceIPAddress: '198.51.100.1' }),
    record({ eventSource: 'iam.amazonaws.com', eventName: 'ListRoles', eventTime: atSecond(1), userIdentity: BOB, errorCode: 'AccessDenied', sourceIPAddress: '198.51.100.1' }),
    qbusinessDataEvent('Chat', { eventTime: atSecond(2), userIdentity: BOB, sourceIPAddress: '198.51.100.2', region: 'us-west-2' }),
    qbusinessDataEvent('Chat', { eventTime: atSecond(3), userIdentity: BOB, sourceIPAddress: '198.51.100.2' }),
    qbusinessDataEvent('ListConversations', { eventTime: atSecond(4), userIdentity: BOB, requestParameters: { applicationId: 'other-app' } }),
    // Principals seen once (alice, carol, the Identity Center user) are kept compactly until the end.
    record({ eventSource: 'q.amazonaws.com', eventName: 'SendMessage', eventTime: atSecond(5), userIdentity: ALICE, errorCode: 'AccessDeniedException' }),
    // Carol only through Amazon Q.
    record({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', eventTime: atSecond(6), userIdentity: invokedByQ('Developer', 'carol'), sourceIPAddress: 'q.amazonaws.com' }),
    // An Identity Center user in the IDE.
    record({ eventSource: 'codewhisperer.amazonaws.com', eventName: 'GenerateCompletions', eventTime: atSecond(7), eventCategory: 'Data', userIdentity: identityCenterUser(IC_USER) }),
    // Never touched Q: not listed.
    record({ eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', eventTime: atSecond(8), userIdentity: iamUser('zed') }),
  ].map(ev);
}

describe('per-principal activity', () => {
  it('lists principals with Q or Q-invoked activity, most Q events first, with their related events counted', () => {
    const result = track(scenario());
    assert.deepEqual(
      result.map((p) => [p.key, p.qEvents, p.relatedEvents, p.qInvokedEvents]),
      [
        [`arn:aws:sts::${ACCOUNT}:assumed-role/QUsers/bob@example.com`, 3, 2, 0],
        [`arn:aws:iam::${ACCOUNT}:user/alice`, 1, 0, 0],
        [`identitycenter:${IC_USER}`, 1, 0, 0],
        [`arn:aws:sts::${ACCOUNT}:assumed-role/Developer/carol`, 0, 0, 1],
      ],
    );
  });

  it('gives each principal its names, times, refusals, applications, addresses, agents and regions', () => {
    const [bob, alice, ic] = track(scenario());
    assert.equal(bob.name, 'QUsers/bob@example.com');
    assert.equal(bob.type, 'AssumedRole');
    assert.equal(bob.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/QUsers/bob@example.com`);
    assert.equal(bob.firstSeen, atSecond(0));
    assert.equal(bob.lastSeen, atSecond(4));
    assert.equal(bob.deniedEvents, 1);
    assert.deepEqual(bob.eventNames, [
      { name: 'Chat', count: 2 },
      { name: 'GetCallerIdentity', count: 1 },
      { name: 'ListConversations', count: 1 },
      { name: 'ListRoles', count: 1 },
    ]);
    assert.deepEqual(bob.applications, [APP_ID, 'other-app']);
    assert.deepEqual(bob.sourceIps, ['198.51.100.1', '198.51.100.2', '203.0.113.10']);
    assert.deepEqual(bob.regions, ['us-east-1', 'us-west-2']);
    assert.equal(bob.userAgents.length, 1);
    assert.equal(alice.deniedEvents, 1);
    assert.equal(ic.type, 'IdentityCenterUser');
    assert.equal(ic.name, `Identity Center user ${IC_USER}`);
    assert.equal(ic.arn, null);
  });

  it('keeps the 50 most frequent event names and the earliest 20 source IPs, whatever the order', () => {
    const events: TrailEvent[] = [];
    for (let n = 0; n < 60; n += 1) {
      // Name n is called n + 1 times; the IP of each call depends on the second it happened.
      for (let k = 0; k <= n; k += 1) {
        const second = n * 100 + k;
        events.push(ev(qbusinessDataEvent(`Op${String(n).padStart(2, '0')}`, { eventTime: atSecond(second), userIdentity: ALICE, sourceIPAddress: `10.0.${second % 30}.${Math.floor(second / 30) % 200}` })));
      }
    }
    const [p] = track(events);
    assert.equal(p.eventNames.length, 50);
    assert.deepEqual(p.eventNames[0], { name: 'Op59', count: 60 });
    assert.deepEqual(p.eventNames[49], { name: 'Op10', count: 11 });
    // The twenty addresses first seen earliest (of 60 × 61 / 2 calls from many more addresses).
    const firstSeen = new Map<string, number>();
    for (const e of events) if (!firstSeen.has(e.sourceIp) || e.time < firstSeen.get(e.sourceIp)!) firstSeen.set(e.sourceIp, e.time);
    assert.ok(firstSeen.size > 100);
    const earliest = [...firstSeen].sort((a, b) => a[1] - b[1]).slice(0, 20).map(([ip]) => ip);
    assert.deepEqual(p.sourceIps, earliest);
    assert.equal(p.sourceIps[0], '10.0.0.0');
    const random = rng(7);
    const scrambled = [...events].sort(() => random() - 0.5);
    assert.deepEqual(track(scrambled), track(events));
  });

  it('gives the same result whatever order the events arrive in', () => {
    const events = scenario();
    assert.deepEqual(track(shuffled(events)), track(events));
    assert.deepEqual(track([...events].reverse()), track(events));
  });

  it('EarliestDistinct keeps the values first seen earliest, as a full sort would', () => {
    const random = rng(42);
    for (let round = 0; round < 200; round += 1) {
      const cap = 1 + Math.floor(random() * 6);
      const adds: [string, number][] = Array.from({ length: Math.floor(random() * 40) }, () => [`v${Math.floor(random() * 15)}`, Math.floor(random() * 20)]);
      const d = new EarliestDistinct(cap);
      for (const [v, t] of adds) d.add(v, t);
      const first = new Map<string, number>();
      for (const [v, t] of adds) first.set(v, Math.min(t, first.get(v) ?? Infinity));
      const expected = [...first]
        .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, cap)
        .map(([v]) => v);
      assert.deepEqual(d.values(), expected, JSON.stringify({ cap, adds }));
    }
  });
});
