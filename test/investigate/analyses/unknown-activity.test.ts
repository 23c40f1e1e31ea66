import assert from 'node:assert/strict';
import type { Answer, AnswerItem } from '../../../runner/investigate/answers.js';
import { MAX_EVENTS_PER_ITEM } from '../../../runner/investigate/answers.js';
import type { Allowlist } from '../../../runner/investigate/analyses/analysis.js';
import { isAccessDenied } from '../../../runner/investigate/analyses/evidence.js';
import { BURST_THRESHOLD, createUnknownActivityAnalysis, MAX_NOVELTY_ITEMS, userAgentFamily } from '../../../runner/investigate/analyses/unknown-activity.js';
import { ACCOUNT, assumedRole, iamUser, invokedByQ, qbusinessDataEvent, record, type RawRecord, type RecordOptions } from '../records.js';
import { analysisContext, atSecond, type ContextOptions, ev, type FedEvent, runAnalysisFed, shuffled } from './harness.js';

const run = (fed: FedEvent[], opts: ContextOptions = {}): Answer => runAnalysisFed(createUnknownActivityAnalysis, fed, analysisContext(opts));

const CLI_UA = 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2';
const BROWSER_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const SCRIPT_UA = 'python-requests/2.31.0';
const ALICE = iamUser('alice');
const MALLORY = assumedRole('Contractor', 'mallory');
const MALLORY_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/Contractor/mallory`;

const chat = (eventName: string, second: number, extra: Partial<RecordOptions> = {}, dayOffset = 0): RawRecord =>
  qbusinessDataEvent(eventName, { eventTime: atSecond(second, dayOffset), userIdentity: ALICE, sourceIPAddress: '203.0.113.10', userAgent: BROWSER_UA, ...extra });

/** What the baseline month shows as normal: alice chatting from the office; Q describing instances for carol. */
function baselineEvents(): FedEvent[] {
  return [
    chat('Chat', 0, {}, -10),
    chat('ListConversations', 60, { userAgent: CLI_UA }, -9),
    record({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', eventTime: atSecond(0, -8), userIdentity: invokedByQ('Developer', 'carol'), sourceIPAddress: 'q.amazonaws.com', userAgent: 'q.amazonaws.com' }),
    // Related events do not make anything known: they are not Amazon Q activity.
    record({ eventSource: 'iam.amazonaws.com', eventName: 'ListRoles', eventTime: atSecond(0, -7), userIdentity: MALLORY, sourceIPAddress: '192.0.2.66' }),
  ].map((r) => ({ baseline: true, e: ev(r) }));
}

function windowEvents(): FedEvent[] {
  return [
    chat('Chat', 0),
    chat('ListConversations', 10, { userAgent: CLI_UA }),
    // Mallory: a new principal, from a new address, with a new tool, calling a new name.
    chat('ChatSync', 20, { userIdentity: MALLORY, sourceIPAddress: '192.0.2.66', userAgent: SCRIPT_UA }),
    chat('ChatSync', 30, { userIdentity: MALLORY, sourceIPAddress: '192.0.2.66', userAgent: SCRIPT_UA }),
    // A name the catalogue does not know: its own row, not repeated as an unknown event name.
    record({ eventName: 'ExportEverything', eventTime: atSecond(40), userIdentity: ALICE, sourceIPAddress: '203.0.113.10', userAgent: BROWSER_UA, requestParameters: { applicationId: 'x' } }),
    // Q acting for carol as in the baseline; its source is a service name, never an unknown IP.
    record({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', eventTime: atSecond(50), userIdentity: invokedByQ('Developer', 'carol'), sourceIPAddress: 'q.amazonaws.com', userAgent: 'q.amazonaws.com' }),
    // Q doing something new for carol: a new event name.
    record({ eventSource: 'ec2.amazonaws.com', eventName: 'TerminateInstances', eventTime: atSecond(60), userIdentity: invokedByQ('Developer', 'carol'), sourceIPAddress: 'q.amazonaws.com', userAgent: 'q.amazonaws.com' }),
    // Related events are never novelty (they are any principal's IAM/STS/CloudTrail calls).
    record({ eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', eventTime: atSecond(70), userIdentity: iamUser('zed'), sourceIPAddress: '198.51.100.99', userAgent: 'curl/8.0' }),
  ].map((r) => ({ baseline: false, e: ev(r) }));
}

const rows = (answer: Answer, kind: string): AnswerItem[] => answer.items.filter((i) => i.detail.kind === kind);
const values = (answer: Answer, kind: string): unknown[] => rows(answer, kind).map((i) => i.detail.value);

describe('analysis: unknown_activity', () => {
  describe('against a baseline', () => {
    it('flags the principals, source IPs, user agents and event names the baseline never saw', () => {
      const answer = run([...baselineEvents(), ...windowEvents()], { baseline: true });
      assert.equal(answer.id, 'unknown_activity');
      assert.equal(answer.flagged, true);
      assert.deepEqual(values(answer, 'principal'), [MALLORY_ARN]);
      assert.deepEqual(values(answer, 'source_ip'), ['192.0.2.66']);
      assert.deepEqual(values(answer, 'user_agent'), [SCRIPT_UA]);
      assert.deepEqual(values(answer, 'event_name'), ['ChatSync', 'TerminateInstances']);
      assert.deepEqual(values(answer, 'unclassified_event'), ['ExportEverything']);
      assert.ok(answer.items.every((i) => i.flagged));
      const mallory = rows(answer, 'principal')[0];
      assert.equal(mallory.label, `unknown principal ${MALLORY_ARN} (not seen in the baseline)`);
      assert.equal(mallory.eventCount, 2);
      assert.equal(mallory.detail.not_in_baseline, true);
      assert.equal(mallory.detail.not_in_allowlist, null);
      assert.equal(mallory.detail.principal_name, 'Contractor/mallory');
      assert.deepEqual(
        mallory.events.map((e) => e.eventTime),
        [atSecond(20), atSecond(30)],
      );
      assert.equal(rows(answer, 'event_name')[1].label, 'unknown event name ec2:TerminateInstances (not seen in the baseline)');
      assert.equal(
        answer.summary,
        '1 principal, 1 source IP, 1 user agent and 2 event names not seen in the baseline; no AccessDenied burst; 1 Amazon Q event name the catalogue does not know (ExportEverything).',
      );
    });

    it('gives the same answer whether baseline events come before, after or among the window events', () => {
      const base = baselineEvents();
      const win = windowEvents();
      const expected = run([...base, ...win], { baseline: true });
      assert.deepEqual(run([...win, ...base], { baseline: true }), expected);
      assert.deepEqual(run(shuffled([...base, ...win]), { baseline: true }), expected);
      assert.deepEqual(run([...shuffled(win), ...base.reverse()], { baseline: true }), expected);
    });

    it('treats everything as new when the baseline window had no Amazon Q events, and says so', () => {
      const answer = run(windowEvents(), { baseline: true });
      assert.deepEqual(values(answer, 'principal'), [`arn:aws:iam::${ACCOUNT}:user/alice`, MALLORY_ARN, `arn:aws:sts::${ACCOUNT}:assumed-role/Developer/carol`]);
      assert.match(answer.summary, /not seen in the baseline \(the baseline window had no Amazon Q events, so everything is new\)/);
    });

    it('keeps the count exact but few events on each novelty row, and caps the rows', () => {
      const fed: FedEvent[] = [];
      const n = MAX_NOVELTY_ITEMS + 10;
      for (let i = 0; i < n; i += 1) {
        const ip = `10.${Math.floor(i / 250)}.${i % 250}.1`;
        for (let k = 0; k < 3; k += 1) fed.push({ baseline: false, e: ev(chat('Chat', i * 3 + k, { sourceIPAddress: ip })) });
      }
      fed.push({ baseline: true, e: ev(chat('Chat', 0, {}, -1)) });
      const answer = run(fed, { baseline: true });
      assert.equal(answer.items.length, MAX_NOVELTY_ITEMS);
      assert.equal(answer.omittedItems, 10);
      // The oldest rows are kept.
      assert.equal(answer.items[0].detail.value, '10.0.0.1');
      assert.equal(answer.items[0].eventCount, 3);
      assert.match(answer.summary, new RegExp(`^${n} source IPs not seen in the baseline`));
    });
  });

  describe('against an allowlist', () => {
    const allowlist: Allowlist = {
      principals: ['arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:role/Developer'],
      sourceIps: ['203.0.113.0/24'],
      userAgents: ['Mozilla/5.0', 'aws-cli/2.*'],
      eventNames: ['Chat', 'ListConversations', 'DescribeInstances', 'ChatSync'],
    };

    it('flags what the allowlist does not list', () => {
      const answer = run(windowEvents(), { allowlist });
      assert.deepEqual(values(answer, 'principal'), [MALLORY_ARN]);
      assert.deepEqual(values(answer, 'source_ip'), ['192.0.2.66']);
      // q.amazonaws.com is the user agent of Q's own calls: not listed, so unknown.
      assert.deepEqual(values(answer, 'user_agent'), [SCRIPT_UA, 'q.amazonaws.com']);
      assert.deepEqual(values(answer, 'event_name'), ['TerminateInstances']);
      assert.equal(rows(answer, 'principal')[0].detail.not_in_allowlist, true);
      assert.equal(rows(answer, 'principal')[0].detail.not_in_baseline, null);
      assert.match(rows(answer, 'principal')[0].label, /\(not in the allowlist\)$/);
    });

    it('with a baseline too, flags only what is in neither', () => {
      // In the baseline but not the allowlist (q.amazonaws.com as user agent), in the allowlist
      // but not the baseline (ChatSync): both known. Mallory is in neither.
      const answer = run([...baselineEvents(), ...windowEvents()], { baseline: true, allowlist });
      assert.deepEqual(values(answer, 'principal'), [MALLORY_ARN]);
      assert.deepEqual(values(answer, 'user_agent'), [SCRIPT_UA]);
      assert.deepEqual(values(answer, 'event_name'), ['TerminateInstances']);
      const row = rows(answer, 'principal')[0];
      assert.equal(row.detail.not_in_baseline, true);
      assert.equal(row.detail.not_in_allowlist, true);
      assert.match(row.label, /\(in neither the baseline nor the allowlist\)$/);
      assert.match(answer.summary, /in neither the baseline nor the allowlist/);
    });

    it('says when everything was known', () => {
      const answer = run([chat('Chat', 0), chat('Chat', 5)].map((r) => ({ baseline: false, e: ev(r) })), { allowlist });
      assert.equal(answer.flagged, false);
      assert.deepEqual(answer.items, []);
      assert.equal(answer.summary, 'No principal, source IP, user agent or event name not in the allowlist; no AccessDenied burst; no unclassified Amazon Q event name.');
    });
  });

  describe('user agents, compared by family', () => {
    it('masks version numbers (after "/", "#", ":", "-", "." and dotted or underscored runs within tokens), keeping names and platforms', () => {
      const cases: [string, string][] = [
        ['aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2', 'aws-cli/* Python/* Linux/* exe/x86_64.amzn.*'],
        ['aws-cli/2.22.4 md/awscrt#0.23.0 ua/2.0 os/linux#6.1.115-126.197.amzn2023.x86_64 lang/python#3.12.6', 'aws-cli/* md/awscrt#* ua/* os/linux#*-*.amzn2023.x86_64 lang/python#*'],
        [BROWSER_UA, 'Mozilla/* (Windows NT *; Win64; x64) AppleWebKit/* (KHTML, like Gecko) Chrome/* Safari/*'],
        ['Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7; rv:121.0) Gecko/20100101 Firefox/121.0', 'Mozilla/* (Macintosh; Intel Mac OS X *; rv:*) Gecko/* Firefox/*'],
        ['aws-sdk-go/1.55.5 (go1.23.2; linux; amd64) grafana/11.3.1', 'aws-sdk-go/* (go*; linux; amd64) grafana/*'],
        ['Boto3/1.35.54 md/Botocore#1.35.54 ua/2.0 os/linux#6.8.0-48-generic md/arch#x86_64', 'Boto3/* md/Botocore#* ua/* os/linux#*-*-generic md/arch#x86_64'],
        ['python-requests/2.31.0', 'python-requests/*'],
        ['q.amazonaws.com', 'q.amazonaws.com'],
        ['AWS Internal', 'AWS Internal'],
      ];
      for (const [ua, family] of cases) assert.equal(userAgentFamily(ua), family, ua);
    });

    it('does not flag a new version of a tool the baseline saw, and flags a new tool with its full user agent', () => {
      const newerCli = 'aws-cli/2.22.4 Python/3.12.6 Linux/6.1 exe/x86_64.amzn.2';
      const newerBrowser = BROWSER_UA.replace('Chrome/131.0', 'Chrome/132.0.6834.83');
      const answer = run(
        [
          ...baselineEvents(),
          { baseline: false, e: ev(chat('Chat', 0, { userAgent: newerBrowser })) },
          { baseline: false, e: ev(chat('ListConversations', 10, { userAgent: newerCli })) },
          { baseline: false, e: ev(chat('Chat', 20, { userAgent: 'python-requests/2.32.3' })) },
          { baseline: false, e: ev(chat('Chat', 30, { userAgent: SCRIPT_UA })) },
        ],
        { baseline: true },
      );
      const [row, ...others] = rows(answer, 'user_agent');
      assert.equal(others.length, 0, JSON.stringify(others.map((o) => o.label)));
      // The row shows the earliest full user agent; the family and each full user agent are in its details and events.
      assert.equal(row.detail.value, 'python-requests/2.32.3');
      assert.equal(row.detail.family, 'python-requests/*');
      assert.equal(row.detail.user_agents, 'python-requests/2.32.3 | python-requests/2.31.0');
      assert.equal(row.label, 'unknown user agent python-requests/2.32.3 (family python-requests/*, not seen in the baseline)');
      assert.equal(row.eventCount, 2);
      assert.deepEqual(row.events.map((e) => e.userAgent), ['python-requests/2.32.3', SCRIPT_UA]);
    });

    it('a baseline seen after the window clears the whole family', () => {
      const fed: FedEvent[] = [
        { baseline: false, e: ev(chat('Chat', 0, { userAgent: 'python-requests/2.32.3' })) },
        { baseline: true, e: ev(chat('Chat', 0, { userAgent: 'python-requests/2.28.1' }, -3)) },
      ];
      assert.deepEqual(values(run(fed, { baseline: true }), 'user_agent'), []);
    });

    it('matches the allowlist against full user agents: one version allowed, another of the same family not', () => {
      const allowlist: Allowlist = { principals: [], sourceIps: [], userAgents: ['aws-cli/2.*'], eventNames: [] };
      const oldCli = 'aws-cli/1.18.69 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2';
      const fed: FedEvent[] = [
        { baseline: false, e: ev(chat('Chat', 0, { userAgent: CLI_UA })) },
        { baseline: false, e: ev(chat('Chat', 10, { userAgent: oldCli })) },
        { baseline: false, e: ev(chat('Chat', 20, { userAgent: CLI_UA })) },
      ];
      for (const order of [fed, [...fed].reverse()]) {
        const [row, ...others] = rows(run(order, { allowlist }), 'user_agent');
        assert.equal(others.length, 0);
        assert.equal(row.detail.value, oldCli);
        assert.equal(row.detail.user_agents, oldCli);
        assert.equal(row.eventCount, 1, 'the allowlisted version\'s events are not in the row');
      }
      // With a baseline that saw the family, the old version is known: in neither means unknown, and it is in one.
      const withBaseline = run([{ baseline: true, e: ev(chat('Chat', 0, { userAgent: CLI_UA }, -2)) }, ...fed], { baseline: true, allowlist });
      assert.deepEqual(values(withBaseline, 'user_agent'), []);
    });
  });

  describe('with neither baseline nor allowlist', () => {
    it('compares nothing, says so, and still reports unclassified names', () => {
      const answer = run(windowEvents());
      assert.deepEqual(
        answer.items.map((i) => i.detail.kind),
        ['unclassified_event'],
      );
      assert.equal(answer.flagged, true);
      const [u] = answer.items;
      assert.equal(u.label, 'unclassified Amazon Q event qbusiness:ExportEverything (not in the event catalogue)');
      assert.equal(u.detail.event_source, 'qbusiness.amazonaws.com');
      assert.equal(u.eventCount, 1);
      assert.equal(
        answer.summary,
        'No baseline or allowlist was given, so principals, source IPs, user agents and event names were not compared; no AccessDenied burst; 1 Amazon Q event name the catalogue does not know (ExportEverything).',
      );
    });

    it('flags nothing when nothing is unclassified and nothing bursts', () => {
      const answer = run([chat('Chat', 0)].map((r) => ({ baseline: false, e: ev(r) })));
      assert.equal(answer.flagged, false);
      assert.deepEqual(answer.items, []);
    });
  });

  describe('AccessDenied bursts', () => {
    const denied = (userIdentity: RawRecord, second: number, errorCode = 'AccessDenied', eventSource = 'iam.amazonaws.com', eventName = 'ListRoles'): FedEvent => ({
      baseline: false,
      e: ev(record({ eventSource, eventName, eventTime: atSecond(second), userIdentity, errorCode, sourceIPAddress: '192.0.2.66' })),
    });
    const ATTACKER = iamUser('leaked-key');

    function probing(): FedEvent[] {
      return [
        // Three scattered refusals an hour earlier: not part of a burst.
        denied(ATTACKER, -3600),
        denied(ATTACKER, -2400),
        denied(ATTACKER, -1200),
        // Twelve within four minutes, on Q and related services, with their error spellings.
        ...Array.from({ length: 12 }, (_, i) =>
          denied(ATTACKER, i * 20, ['AccessDenied', 'AccessDeniedException', 'AccessDeniedException'][i % 3], ['iam.amazonaws.com', 'qbusiness.amazonaws.com', 'cloudtrail.amazonaws.com'][i % 3], ['ListRoles', 'ListApplications', 'DescribeTrails'][i % 3]),
        ),
        // Nine within a minute: below the threshold.
        ...Array.from({ length: 9 }, (_, i) => denied(iamUser('nine'), i * 5)),
        // Ten spread over exactly five minutes: a burst (the span is inclusive).
        ...Array.from({ length: 10 }, (_, i) => denied(iamUser('edge'), (i * 300) / 9)),
        // Ten spread over five minutes and one second: no burst.
        ...Array.from({ length: 10 }, (_, i) => denied(iamUser('slow'), (i * 301) / 9)),
        // Other errors are not refusals.
        ...Array.from({ length: 12 }, (_, i) => denied(iamUser('throttled'), i, 'ThrottlingException')),
      ];
    }

    it('recognises refusals across services', () => {
      for (const code of ['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'Client.UnauthorizedOperation', 'AuthorizationError', 'ForbiddenException']) assert.equal(isAccessDenied(code), true, code);
      for (const code of [null, '', 'ThrottlingException', 'ValidationException', 'ResourceNotFoundException', 'Client.InvalidParameterValue']) assert.equal(isAccessDenied(code), false, String(code));
    });

    it(`flags ${BURST_THRESHOLD} or more refusals by one principal within five minutes, on every scope`, () => {
      const answer = run(probing());
      const bursts = rows(answer, 'access_denied_burst');
      assert.deepEqual(
        bursts.map((b) => [b.detail.principal_name, b.eventCount, b.detail.max_within_span]),
        [
          [`arn:aws:iam::${ACCOUNT}:user/edge`, 10, 10],
          [`arn:aws:iam::${ACCOUNT}:user/leaked-key`, 12, 12],
        ],
      );
      const attacker = bursts[1];
      assert.equal(attacker.flagged, true);
      assert.equal(attacker.label, `AccessDenied burst: arn:aws:iam::${ACCOUNT}:user/leaked-key was refused 12 times in bursts (up to 12 within 5 minutes)`);
      assert.equal(attacker.detail.denied_total, 15);
      assert.equal(attacker.detail.bursts, 1);
      assert.equal(attacker.detail.error_codes, 'AccessDenied, AccessDeniedException');
      assert.equal(attacker.detail.event_names, 'ListRoles, ListApplications, DescribeTrails');
      assert.equal(attacker.detail.first_seen, atSecond(0));
      assert.equal(attacker.detail.last_seen, atSecond(220));
      // The events behind the row are the burst's, not the scattered refusals before it.
      assert.equal(attacker.events.length, 12);
      assert.equal(attacker.events[0].eventTime, atSecond(0));
      assert.deepEqual(new Set(attacker.events.map((e) => e.eventSource)), new Set(['iam.amazonaws.com', 'qbusiness.amazonaws.com', 'cloudtrail.amazonaws.com']));
      assert.match(answer.summary, /2 AccessDenied bursts \(10 or more refused calls by one principal within 5 minutes\)/);
    });

    it('counts separate bursts and names the oldest burst events when there are many', () => {
      const who = iamUser('noisy');
      // 10:00:00 starts a five-minute bucket. Second 0 shares its bucket with the start of the
      // first burst (seconds 290-295) but is in no burst itself: only 8 refusals fall in 0-300.
      const fed = [
        denied(who, 0),
        ...Array.from({ length: 6 }, (_, i) => denied(who, 290 + i)),
        ...Array.from({ length: 24 }, (_, i) => denied(who, 300 + i)),
        denied(who, 1800),
        ...Array.from({ length: 11 }, (_, i) => denied(who, 3600 + i)),
      ];
      const expected = [...Array.from({ length: 6 }, (_, i) => atSecond(290 + i)), ...Array.from({ length: 14 }, (_, i) => atSecond(300 + i))];
      for (const order of [fed, [...fed].reverse(), shuffled(fed)]) {
        const [b] = rows(run(order), 'access_denied_burst');
        assert.equal(b.eventCount, 41);
        assert.equal(b.detail.denied_total, 43);
        assert.equal(b.detail.bursts, 2);
        assert.equal(b.detail.max_within_span, 30);
        assert.equal(b.detail.first_seen, atSecond(290));
        assert.equal(b.detail.last_seen, atSecond(3610));
        assert.deepEqual(
          b.events.map((e) => e.eventTime),
          expected,
        );
        assert.equal(b.events.length, MAX_EVENTS_PER_ITEM);
      }
    });

    it('gives the same answer whatever order the refusals arrive in', () => {
      const fed = probing();
      assert.deepEqual(run(shuffled(fed)), run(fed));
      assert.deepEqual(run([...fed].reverse()), run(fed));
    });
  });
});
