import assert from 'node:assert/strict';
import type { Answer } from '../../../runner/investigate/answers.js';
import { createApplicationAccessAnalysis } from '../../../runner/investigate/analyses/application-access.js';
import type { TrailEvent } from '../../../runner/investigate/event.js';
import { APP_ARN, APP_ID, assumedRole, iamUser, identityCenterUser, invokedByQ, qbusinessDataEvent, record, type RawRecord } from '../records.js';
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
});
