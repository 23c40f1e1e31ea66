import assert from 'node:assert/strict';
import type { Answer } from '../../../runner/investigate/answers.js';
import { createApplicationAccessAnalysis } from '../../../runner/investigate/analyses/application-access.js';
import type { TrailEvent } from '../../../runner/investigate/event.js';
import { compileFilters, NO_FILTERS, type EventFilters } from '../../../runner/investigate/filters.js';
import { ACCOUNT, APP_ARN, APP_ID, assumedRole, iamUser, identityCenterUser, invokedByQ, qbusinessDataEvent, record, type RawRecord, type RecordOptions } from '../records.js';
import { atMinute, ev, runAnalysis, shuffled } from './harness.js';

const OTHER_APP = 'f0e1d2c3-0000-4000-8000-EXAMPLE22222';

const run = (events: TrailEvent[]): Answer => runAnalysis(createApplicationAccessAnalysis, events);

const dana = assumedRole('QUsers', 'dana@example.com');
const chat = (minute: number, who: RawRecord, conversationId: string | null, extra: Partial<Parameters<typeof record>[0]> = {}): RawRecord =>
  qbusinessDataEvent('ChatSync', {
    eventTime: atMinute(minute),
    userIdentity: who,
    requestParameters: conversationId ? { applicationId: APP_ID, conversationId, userMessage: '***' } : { applicationId: APP_ID, userMessage: '***' },
    responseElements: { conversationId: conversationId ?? 'conv-new', systemMessageId: `m-${minute}` },
    ...extra,
  });

function incident(): TrailEvent[] {
  return [
    chat(0, dana, null),
    chat(1, dana, 'conv-new'),
    chat(2, dana, 'conv-old'),
    qbusinessDataEvent('ListConversations', { eventTime: atMinute(3), userIdentity: dana, readOnly: true }),
    // An admin read the application but never chatted: reached, not used.
    record({ eventName: 'GetApplication', eventTime: atMinute(4), userIdentity: iamUser('ops'), requestParameters: { applicationId: APP_ID } }),
    record({ eventName: 'ListIndices', eventTime: atMinute(5), userIdentity: iamUser('ops'), requestParameters: { applicationId: APP_ID } }),
    // Denied on another application; a validation error is a failure, not a denial.
    record({ eventName: 'GetApplication', eventTime: atMinute(6), userIdentity: iamUser('mallory'), requestParameters: { applicationId: OTHER_APP }, errorCode: 'AccessDeniedException' }),
    record({ eventName: 'ListIndices', eventTime: atMinute(7), userIdentity: iamUser('mallory'), requestParameters: { applicationId: OTHER_APP }, errorCode: 'ValidationException', errorMessage: 'bad token' }),
    // Console chat with Q Developer has no application: it counts as Amazon Q Developer.
    record({ eventSource: 'q.amazonaws.com', eventName: 'StartConversation', eventTime: atMinute(8), userIdentity: assumedRole('Developer', 'erin'), responseElements: { conversationId: 'qd-1' } }),
    record({ eventSource: 'q.amazonaws.com', eventName: 'SendMessage', eventTime: atMinute(9), userIdentity: assumedRole('Developer', 'erin'), requestParameters: { conversationId: 'qd-1', utterance: '***' } }),
    // Q Apps name the application as instanceId.
    record({ eventSource: 'qapps.amazonaws.com', eventName: 'StartQAppSession', eventTime: atMinute(10), eventCategory: 'Data', userIdentity: dana, requestParameters: { instanceId: OTHER_APP, appId: 'qa-1' } }),
    // Not an application: IDE calls (their own analysis), calls without one, calls Q made for a user.
    record({ eventSource: 'codewhisperer.amazonaws.com', eventName: 'GenerateAssistantResponse', eventTime: atMinute(11), eventCategory: 'Data', userIdentity: identityCenterUser('u-1') }),
    record({ eventName: 'ListApplications', eventTime: atMinute(12), userIdentity: iamUser('ops') }),
    record({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', eventTime: atMinute(13), userIdentity: invokedByQ() }),
  ].map(ev);
}

describe('analysis: application_access', () => {
  it('gives one row per principal and application: calls that reached it, denials, chats and conversations', () => {
    const answer = run(incident());
    assert.equal(answer.id, 'application_access');
    assert.equal(answer.flagged, false);
    assert.deepEqual(
      answer.items.map((i) => [i.detail.principal, i.detail.application, i.detail.calls, i.detail.denied, i.detail.failed, i.detail.chats, i.detail.conversations, i.detail.used]),
      [
        ['QUsers/dana@example.com', APP_ID, 4, 0, 0, 3, 2, true],
        ['ops', APP_ID, 2, 0, 0, 0, 0, false],
        ['mallory', OTHER_APP, 0, 1, 1, 0, 0, false],
        ['Developer/erin', 'Amazon Q Developer', 2, 0, 0, 2, 1, true],
        ['QUsers/dana@example.com', OTHER_APP, 1, 0, 0, 1, 0, true],
      ],
    );
    const [danaRow, opsRow, malloryRow, erinRow] = answer.items;
    assert.equal(danaRow.label, `QUsers/dana@example.com → application ${APP_ID}: used`);
    assert.equal(danaRow.detail.conversation_calls, 4);
    assert.equal(danaRow.detail.principal_type, 'AssumedRole');
    assert.equal(danaRow.eventCount, 4);
    assert.equal(danaRow.events[0].resource, APP_ARN);
    assert.equal(opsRow.label, `ops → application ${APP_ID}: reached, not used`);
    assert.equal(opsRow.detail.reached, true);
    assert.equal(malloryRow.label, `mallory → application ${OTHER_APP}: denied`);
    assert.equal(malloryRow.detail.reached, false);
    assert.deepEqual(malloryRow.events.map((e) => e.errorCode), ['AccessDeniedException', 'ValidationException']);
    assert.equal(erinRow.detail.application_id, null);
    assert.equal(erinRow.label, 'Developer/erin → Amazon Q Developer: used');
    assert.equal(
      answer.summary,
      '3 principals reached 3 applications, 2 principals used 3 applications (chatted), 1 principal was denied on 1 application; reach here means successful calls in CloudTrail; who could reach an application by policy is for `qready scan`.',
    );
  });

  it('says so, and what reach means here, when no principal called an application', () => {
    const answer = run([]);
    assert.deepEqual(answer.items, []);
    assert.equal(answer.summary, 'No principal called an Amazon Q application in the window; reach here means successful calls in CloudTrail; who could reach an application by policy is for `qready scan`.');
    assert.deepEqual(run([ev(record({ eventName: 'ListApplications', eventTime: atMinute(0) }))]).items, []);
  });

  it('counts failed chats as denied or failed, never as reach or use', () => {
    const answer = run([chat(0, dana, null, { errorCode: 'AccessDeniedException' }), chat(1, dana, 'c-2', { errorCode: 'ThrottlingException' })].map(ev));
    assert.equal(answer.items.length, 1);
    assert.deepEqual(
      [answer.items[0].detail.calls, answer.items[0].detail.denied, answer.items[0].detail.failed, answer.items[0].detail.chats, answer.items[0].detail.used, answer.items[0].detail.conversations],
      [0, 1, 1, 0, false, 0],
    );
    assert.match(answer.summary, /^No principal reached an Amazon Q application, 1 principal was denied on 1 application; reach here means successful calls/);
    const readOnly = run([ev(record({ eventName: 'GetApplication', eventTime: atMinute(0), userIdentity: iamUser('ops'), requestParameters: { applicationId: APP_ID } }))]);
    assert.match(readOnly.summary, /^1 principal reached 1 application, none chatted; /);
  });

  it('gives the same answer whatever order the events arrive in', () => {
    const events = incident();
    const inOrder = run(events);
    assert.deepEqual(run(shuffled(events)), inOrder);
    assert.deepEqual(run([...events].reverse()), inOrder);
  });

  it('reads the catalogue for what a chat is, under the real name of aliased events', () => {
    // GetApplications (the playbook's spelling) is a GetApplication: reach, not use.
    const answer = run([ev(record({ eventName: 'GetApplications', eventTime: atMinute(0), userIdentity: iamUser('ops'), requestParameters: { applicationId: APP_ID } }))]);
    assert.deepEqual([answer.items[0].detail.calls, answer.items[0].detail.used, answer.items[0].detail.conversation_calls], [1, false, 0]);
    assert.equal(answer.items[0].events[0].eventName, 'GetApplications');
    // An event name the catalogue does not know still shows reach, but is not taken for a chat.
    const unknown = run([ev(qbusinessDataEvent('ChatStream', { eventTime: atMinute(1), userIdentity: dana }))]);
    assert.deepEqual([unknown.items[0].detail.calls, unknown.items[0].detail.used], [1, false]);
  });

  describe('anonymous access URLs (CreateAnonymousWebExperienceUrl)', () => {
    const WEB_EXPERIENCE = 'b2c3d4e5-6789-4abc-8def-EXAMPLE33333';
    const OTHER_WEB_EXPERIENCE = 'c3d4e5f6-7890-4bcd-9ef0-EXAMPLE44444';
    const BACKEND = assumedRole('QAnonymousPortal', 'portal-backend');
    const BOTO_UA = 'Boto3/1.35.0 md/Botocore#1.35.0 ua/2.0 os/linux#6.1 md/arch#x86_64 lang/python#3.12.3 cfg/retry-mode#legacy Botocore/1.35.0';

    /** The call as CloudTrail logs it: a management event; the URL itself is a secret and never logged in clear. */
    const anonymousUrl = (minute: number, who: RawRecord, extra: Partial<RecordOptions> = {}): RawRecord =>
      record({
        eventName: 'CreateAnonymousWebExperienceUrl',
        eventTime: atMinute(minute),
        userIdentity: who,
        sourceIPAddress: '198.51.100.7',
        userAgent: BOTO_UA,
        requestParameters: { applicationId: APP_ID, webExperienceId: WEB_EXPERIENCE, sessionDurationInMinutes: 30 },
        responseElements: extra.errorCode ? null : { anonymousUrl: 'HIDDEN_DUE_TO_SECURITY_REASONS' },
        ...extra,
      });

    const anonymousRows = (answer: Answer) => answer.items.filter((i) => i.detail.kind === 'anonymous_url');

    it('names who created an anonymous access URL, for which application and web experience, when and from where', () => {
      const events = [
        anonymousUrl(0, BACKEND, { eventID: 'anon-1' }),
        anonymousUrl(20, BACKEND, { sourceIPAddress: '203.0.113.99', requestParameters: { applicationId: APP_ID, webExperienceId: WEB_EXPERIENCE, sessionDurationInMinutes: 60 } }),
        chat(5, dana, null),
      ].map(ev);
      const answer = run(events);
      const rows = anonymousRows(answer);
      assert.equal(rows.length, 1);
      const [row] = rows;
      assert.equal(answer.items[0], row, 'anonymous access URLs come first');
      assert.equal(row.label, `QAnonymousPortal/portal-backend → application ${APP_ID}, web experience ${WEB_EXPERIENCE}: anonymous access URL created ×2`);
      assert.deepEqual(row.detail, {
        kind: 'anonymous_url',
        principal: 'QAnonymousPortal/portal-backend',
        principal_key: `arn:aws:sts::${ACCOUNT}:assumed-role/QAnonymousPortal/portal-backend`,
        principal_type: 'AssumedRole',
        application_id: APP_ID,
        application: APP_ID,
        web_experience_id: WEB_EXPERIENCE,
        created: true,
        urls_created: 2,
        denied: 0,
        failed: 0,
        longest_session_minutes: 60,
        source_ips: '198.51.100.7, 203.0.113.99',
        regions: 'us-east-1',
        first_seen: atMinute(0),
        last_seen: atMinute(20),
      });
      assert.equal(row.flagged, false);
      assert.equal(row.eventCount, 2);
      assert.deepEqual(row.events[0], {
        eventId: 'anon-1',
        eventTime: atMinute(0),
        eventName: 'CreateAnonymousWebExperienceUrl',
        eventSource: 'qbusiness.amazonaws.com',
        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/QAnonymousPortal/portal-backend`,
        sourceIp: '198.51.100.7',
        userAgent: BOTO_UA,
        region: 'us-east-1',
        resource: APP_ID,
        errorCode: null,
      });
      // The call is also reach, in the principal's access row, like any other successful call.
      const access = answer.items.find((i) => i.detail.kind === 'access' && i.detail.principal === 'QAnonymousPortal/portal-backend');
      assert.deepEqual([access?.detail.calls, access?.detail.used], [2, false]);
      assert.equal(answer.flagged, false);
      assert.equal(
        answer.summary,
        '2 principals reached 1 application, 1 principal used 1 application (chatted); 1 principal created 2 anonymous access URLs for 1 application (whoever holds one can chat without signing in); reach here means successful calls in CloudTrail; who could reach an application by policy is for `qready scan`.',
      );
    });

    it('reports a denied or failed call as an attempt, never as a URL created', () => {
      const mallory = iamUser('mallory');
      const answer = run(
        [
          anonymousUrl(0, mallory, { errorCode: 'AccessDeniedException' }),
          anonymousUrl(1, mallory, { errorCode: 'ResourceNotFoundException', errorMessage: 'web experience not found' }),
        ].map(ev),
      );
      const [row] = anonymousRows(answer);
      assert.equal(row.label, `mallory → application ${APP_ID}, web experience ${WEB_EXPERIENCE}: anonymous access URL attempted, not created (1 denied, 1 failed)`);
      assert.deepEqual([row.detail.created, row.detail.urls_created, row.detail.denied, row.detail.failed], [false, 0, 1, 1]);
      assert.deepEqual(row.events.map((e) => e.errorCode), ['AccessDeniedException', 'ResourceNotFoundException']);
      assert.equal(row.flagged, false);
      assert.equal(
        answer.summary,
        'No principal reached an Amazon Q application, 1 principal was denied on 1 application; no anonymous access URL was created, 1 attempt to create one denied, 1 attempt to create one failed; reach here means successful calls in CloudTrail; who could reach an application by policy is for `qready scan`.',
      );
      // A success after a refusal: both counted on the one row.
      const mixed = anonymousRows(run([anonymousUrl(0, mallory, { errorCode: 'AccessDenied' }), anonymousUrl(1, mallory)].map(ev)));
      assert.equal(mixed[0].label, `mallory → application ${APP_ID}, web experience ${WEB_EXPERIENCE}: anonymous access URL created ×1 (1 denied)`);
    });

    it('has one row per principal, application and web experience, the web experience also read from a resource ARN', () => {
      const webExperienceArn = `${APP_ARN}/web-experience/${OTHER_WEB_EXPERIENCE}`;
      const answer = run(
        [
          anonymousUrl(0, BACKEND),
          anonymousUrl(1, iamUser('ops')),
          anonymousUrl(2, BACKEND, { requestParameters: { applicationId: APP_ID }, resources: [{ ARN: webExperienceArn, type: 'AWS::QBusiness::WebExperience' }] }),
        ].map(ev),
      );
      assert.deepEqual(
        anonymousRows(answer).map((i) => [i.detail.principal, i.detail.web_experience_id, i.detail.urls_created, i.detail.longest_session_minutes]),
        [
          ['QAnonymousPortal/portal-backend', WEB_EXPERIENCE, 1, 30],
          ['ops', WEB_EXPERIENCE, 1, 30],
          ['QAnonymousPortal/portal-backend', OTHER_WEB_EXPERIENCE, 1, null],
        ],
      );
      assert.match(answer.summary, /; 2 principals created 3 anonymous access URLs for 1 application /);
    });

    it('is narrowed by the principal, application and region filters like the other rows', () => {
      const events = [
        anonymousUrl(0, BACKEND),
        anonymousUrl(1, iamUser('ops'), { region: 'eu-west-1', requestParameters: { applicationId: OTHER_APP, webExperienceId: OTHER_WEB_EXPERIENCE } }),
        chat(2, dana, null),
      ].map(ev);
      const filtered = (f: Partial<EventFilters>): Answer => run(events.filter(compileFilters({ ...NO_FILTERS, ...f })));
      const rowsOf = (answer: Answer): string[] => answer.items.map((i) => `${String(i.detail.kind)} ${String(i.detail.principal)} ${String(i.detail.application_id)}`);
      assert.deepEqual(rowsOf(filtered({})), [
        `anonymous_url QAnonymousPortal/portal-backend ${APP_ID}`,
        `anonymous_url ops ${OTHER_APP}`,
        `access QAnonymousPortal/portal-backend ${APP_ID}`,
        `access ops ${OTHER_APP}`,
        `access QUsers/dana@example.com ${APP_ID}`,
      ]);
      assert.deepEqual(rowsOf(filtered({ principals: ['*portal-backend'] })), [`anonymous_url QAnonymousPortal/portal-backend ${APP_ID}`, `access QAnonymousPortal/portal-backend ${APP_ID}`]);
      assert.deepEqual(rowsOf(filtered({ applications: [OTHER_APP] })), [`anonymous_url ops ${OTHER_APP}`, `access ops ${OTHER_APP}`]);
      assert.deepEqual(rowsOf(filtered({ regions: ['us-east-1'] })), [
        `anonymous_url QAnonymousPortal/portal-backend ${APP_ID}`,
        `access QAnonymousPortal/portal-backend ${APP_ID}`,
        `access QUsers/dana@example.com ${APP_ID}`,
      ]);
      assert.doesNotMatch(filtered({ applications: [APP_ARN], principals: ['*dana*'] }).summary, /anonymous/);
    });

    it('gives the same rows whatever order the events arrive in', () => {
      const events = [
        ...incident(),
        ...[
          anonymousUrl(0, BACKEND, { sourceIPAddress: '198.51.100.8' }),
          anonymousUrl(0, BACKEND),
          anonymousUrl(1, BACKEND, { errorCode: 'ThrottlingException' }),
          anonymousUrl(2, iamUser('ops'), { errorCode: 'AccessDeniedException', requestParameters: { applicationId: APP_ID, webExperienceId: WEB_EXPERIENCE, sessionDurationInMinutes: 15 } }),
        ].map(ev),
      ];
      const inOrder = run(events);
      assert.equal(anonymousRows(inOrder).length, 2);
      assert.deepEqual(run(shuffled(events)), inOrder);
      assert.deepEqual(run([...events].reverse()), inOrder);
    });
  });
});
