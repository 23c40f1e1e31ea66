import assert from 'node:assert/strict';
import type { Answer } from '../../../runner/investigate/answers.js';
import { MAX_EVENTS_PER_ITEM } from '../../../runner/investigate/answers.js';
import { createResourcesCreatedDeletedAnalysis } from '../../../runner/investigate/analyses/resources-created-deleted.js';
import type { TrailEvent } from '../../../runner/investigate/event.js';
import { ACCOUNT, APP_ARN, APP_ID, assumedRole, iamUser, identityCenterUser, qbusinessDataEvent, record, type RawRecord } from '../records.js';
import { atMinute, ev, runAnalysis, shuffled } from './harness.js';

const run = (events: TrailEvent[]): Answer => runAnalysis(createResourcesCreatedDeletedAnalysis, events);

const mgmt = (eventName: string, minute: number, extra: Partial<Parameters<typeof record>[0]> = {}): RawRecord => record({ eventName, eventTime: atMinute(minute), ...extra });

function incident(): TrailEvent[] {
  return [
    mgmt('CreateApplication', 0, {
      userIdentity: iamUser('mallory'),
      requestParameters: { displayName: 'exfil-bot', identityType: 'AWS_IAM_IDC' },
      responseElements: { applicationId: 'new-app', applicationArn: `arn:aws:qbusiness:us-east-1:${ACCOUNT}:application/new-app` },
    }),
    mgmt('CreateIndex', 1, { userIdentity: iamUser('mallory'), requestParameters: { applicationId: 'new-app', displayName: 'idx' }, responseElements: { indexId: 'idx-1', indexArn: 'arn:…/index/idx-1' } }),
    mgmt('CreateDataSource', 2, { userIdentity: iamUser('mallory'), requestParameters: { applicationId: 'new-app', indexId: 'idx-1' }, responseElements: { dataSourceId: 'ds-1' } }),
    mgmt('CreateWebExperience', 3, { requestParameters: { applicationId: APP_ID }, responseElements: { webExperienceId: 'we-1' } }),
    // Creates a sign-in-free URL for a web experience, not a web experience: no row here.
    mgmt('CreateAnonymousWebExperienceUrl', 4, { requestParameters: { applicationId: APP_ID, webExperienceId: 'we-1' }, responseElements: { anonymousUrl: 'https://…' } }),
    mgmt('CreateDataAccessor', 5, { requestParameters: { applicationId: APP_ID, principal: 'arn:aws:iam::444455556666:role/isv' }, responseElements: { dataAccessorId: 'da-1' } }),
    mgmt('DeletePlugin', 6, { requestParameters: { applicationId: APP_ID, pluginId: 'pl-1' } }),
    mgmt('DeleteRetriever', 7, { requestParameters: { applicationId: APP_ID, retrieverId: 'ret-1' } }),
    record({ eventSource: 'qapps.amazonaws.com', eventName: 'CreateQApp', eventTime: atMinute(8), eventCategory: 'Data', requestParameters: { instanceId: APP_ID, title: 'Summariser' }, responseElements: { appId: 'qa-1', appArn: 'arn:…/qapp/qa-1' } }),
    // A chat without a conversationId starts one; a chat in a conversation does not.
    qbusinessDataEvent('ChatSync', { eventTime: atMinute(9), userIdentity: assumedRole('QUsers', 'dana@example.com'), requestParameters: { applicationId: APP_ID, userMessage: '***' }, responseElements: { conversationId: 'conv-1', systemMessageId: 'm-2' } }),
    qbusinessDataEvent('ChatSync', { eventTime: atMinute(10), userIdentity: assumedRole('QUsers', 'dana@example.com'), requestParameters: { applicationId: APP_ID, conversationId: 'conv-1' }, responseElements: { conversationId: 'conv-1' } }),
    qbusinessDataEvent('DeleteConversation', { eventTime: atMinute(11), userIdentity: assumedRole('QUsers', 'dana@example.com'), requestParameters: { applicationId: APP_ID, conversationId: 'conv-0' } }),
    record({ eventSource: 'q.amazonaws.com', eventName: 'StartConversation', eventTime: atMinute(12), userIdentity: assumedRole('Developer', 'erin'), requestParameters: { origin: 'CONSOLE' }, responseElements: { conversationId: 'qdev-conv-1' } }),
    record({ eventSource: 'codewhisperer.amazonaws.com', eventName: 'CreateProfile', eventTime: atMinute(13), requestParameters: { profileName: 'pro' }, responseElements: { profileArn: 'arn:aws:codewhisperer:us-east-1:111122223333:profile/P1' } }),
    // Reads and changes are not creations or deletions.
    mgmt('GetApplication', 14, { requestParameters: { applicationId: APP_ID } }),
    mgmt('UpdateIndex', 15, { requestParameters: { applicationId: APP_ID, indexId: 'idx-0' } }),
    qbusinessDataEvent('BatchPutDocument', { eventTime: atMinute(16), requestParameters: { applicationId: APP_ID, indexId: 'idx-0', documents: [{ id: 'd1' }] } }),
  ].map(ev);
}

describe('analysis: resources_created_deleted', () => {
  it('lists each created and deleted resource with its kind, id, application and principals', () => {
    const answer = run(incident());
    assert.equal(answer.id, 'resources_created_deleted');
    assert.equal(answer.flagged, false);
    assert.equal(answer.omittedItems, 0);
    const rows = answer.items.map((i) => [i.detail.kind, i.detail.id, i.detail.operation, i.detail.outcome]);
    assert.deepEqual(rows, [
      ['application', 'new-app', 'create', 'succeeded'],
      ['index', 'idx-1', 'create', 'succeeded'],
      ['data_source', 'ds-1', 'create', 'succeeded'],
      ['web_experience', 'we-1', 'create', 'succeeded'],
      ['data_accessor', 'da-1', 'create', 'succeeded'],
      ['plugin', 'pl-1', 'delete', 'succeeded'],
      ['retriever', 'ret-1', 'delete', 'succeeded'],
      ['q_app', 'qa-1', 'create', 'succeeded'],
      ['conversation', null, 'create', 'succeeded'],
      ['conversation', null, 'delete', 'succeeded'],
      ['conversation', null, 'create', 'succeeded'],
      ['profile', 'arn:aws:codewhisperer:us-east-1:111122223333:profile/P1', 'create', 'succeeded'],
    ]);
    const app = answer.items[0];
    assert.equal(app.label, 'application new-app created');
    assert.equal(app.detail.name, 'exfil-bot');
    assert.equal(app.detail.principal_names, 'mallory');
    assert.equal(app.detail.principals, 1);
    assert.equal(app.detail.first_seen, atMinute(0));
    assert.equal(app.eventCount, 1);
    assert.equal(app.events[0].eventName, 'CreateApplication');
    assert.equal(app.events[0].principal, `arn:aws:iam::${ACCOUNT}:user/mallory`);
    assert.equal(answer.items[1].detail.application_id, 'new-app');
    assert.equal(answer.items[1].label, 'index idx-1 in application new-app created');
    assert.equal(answer.items[7].detail.application_id, APP_ID);
    // Conversations are counted per principal and application, with their ids.
    assert.equal(answer.items[8].label, `1 conversation started by QUsers/dana@example.com in application ${APP_ID}`);
    assert.equal(answer.items[8].detail.conversation_ids, 'conv-1');
    assert.equal(answer.items[8].detail.conversations, 1);
    assert.equal(answer.items[8].events[0].resource, APP_ARN);
    assert.equal(answer.items[9].detail.conversation_ids, 'conv-0');
    assert.equal(answer.items[10].detail.application_id, null);
    assert.equal(
      answer.summary,
      'Amazon Q resources: 9 created (2 conversations, 1 application, 1 data accessor, 1 data source, 1 index, 1 Q Developer profile, 1 Q App, 1 web experience) and 3 deleted (1 conversation, 1 plugin, 1 retriever).',
    );
  });

  it('counts many conversations of one principal in one row, with the smallest few ids whatever the order', () => {
    const chats = Array.from({ length: 40 }, (_, i) =>
      qbusinessDataEvent('ChatSync', { eventTime: atMinute(i), userIdentity: assumedRole('QUsers', 'dana@example.com'), requestParameters: { applicationId: APP_ID }, responseElements: { conversationId: `c-${String(i).padStart(2, '0')}` } }),
    ).map(ev);
    for (const order of [chats, [...chats].reverse()]) {
      const answer = run(order);
      assert.equal(answer.items.length, 1);
      assert.equal(answer.items[0].detail.conversations, 40);
      assert.equal(answer.items[0].detail.conversation_ids, 'c-00, c-01, c-02, c-03, c-04');
      assert.equal(answer.summary, 'Amazon Q resources: 40 created (40 conversations).');
    }
  });

  it('says so when nothing was created or deleted', () => {
    const empty = run([]);
    assert.deepEqual(empty.items, []);
    assert.equal(empty.summary, 'No Amazon Q resource was created or deleted in the window.');
    const readsOnly = run([mgmt('ListApplications', 0), mgmt('GetIndex', 1, { requestParameters: { applicationId: APP_ID, indexId: 'i' } })].map(ev));
    assert.deepEqual(readsOnly.items, []);
    assert.equal(readsOnly.summary, empty.summary);
  });

  it('keeps failed attempts visible, apart from what happened, and does not count them as done', () => {
    const answer = run(
      [
        mgmt('CreateApplication', 0, { userIdentity: iamUser('mallory'), errorCode: 'AccessDeniedException', requestParameters: { displayName: 'exfil-bot' } }),
        mgmt('CreateApplication', 1, { userIdentity: iamUser('trent'), errorCode: 'ServiceQuotaExceededException', requestParameters: { displayName: 'exfil-bot-2' } }),
        mgmt('DeleteIndex', 2, { errorCode: 'AccessDeniedException', requestParameters: { applicationId: APP_ID, indexId: 'idx-0' } }),
        mgmt('DeleteIndex', 3, { requestParameters: { applicationId: APP_ID, indexId: 'idx-0' } }),
      ].map(ev),
    );
    assert.deepEqual(
      answer.items.map((i) => [i.label, i.detail.outcome, i.eventCount]),
      [
        ['application "exfil-bot": create attempt failed', 'failed', 2],
        [`index idx-0 in application ${APP_ID}: delete attempt failed`, 'failed', 1],
        [`index idx-0 in application ${APP_ID} deleted`, 'succeeded', 1],
      ],
    );
    assert.equal(answer.items[0].detail.error_code, 'AccessDeniedException, ServiceQuotaExceededException');
    assert.equal(answer.items[0].detail.principals, 2);
    assert.equal(answer.items[0].detail.principal_names, 'mallory, trent');
    assert.equal(answer.items[0].detail.id, null);
    assert.equal(answer.items[0].events[1].errorCode, 'ServiceQuotaExceededException');
    assert.equal(answer.summary, 'Amazon Q resources: 1 deleted (1 index); 3 attempts failed.');
    const onlyFailed = run([mgmt('DeleteApplication', 0, { errorCode: 'AccessDeniedException', requestParameters: { applicationId: APP_ID } })].map(ev));
    assert.equal(onlyFailed.summary, 'No Amazon Q resource was created or deleted; 1 attempt failed.');
  });

  it('gives the same answer whatever order the events arrive in', () => {
    const events = [
      ...incident(),
      ...[0, 1, 2].map((m) => ev(mgmt('CreateApplication', 20 + m, { userIdentity: iamUser(`u${m}`), errorCode: 'AccessDeniedException', requestParameters: { displayName: `n${m}` } }))),
    ];
    const inOrder = run(events);
    assert.deepEqual(run(shuffled(events)), inOrder);
    assert.deepEqual(run([...events].reverse()), inOrder);
    // The earliest display name names the row, not the first to arrive.
    assert.equal(inOrder.items.find((i) => i.detail.outcome === 'failed')?.detail.name, 'n0');
  });

  it('keeps the exact count but only the oldest events of a busy row', () => {
    const events = Array.from({ length: 30 }, (_, m) => ev(mgmt('CreateApplication', m, { errorCode: 'ThrottlingException', requestParameters: {} })));
    const [row] = run(shuffled(events)).items;
    assert.equal(row.eventCount, 30);
    assert.equal(row.events.length, MAX_EVENTS_PER_ITEM);
    assert.deepEqual(
      row.events.map((e) => e.eventTime),
      Array.from({ length: MAX_EVENTS_PER_ITEM }, (_, m) => atMinute(m)),
    );
    assert.equal(row.label, 'application (id not logged): create attempt failed');
  });

  it('classifies by the catalogue, so aliases and other event sources resolve to their real names', () => {
    // The playbook's misspelt names resolve to reads and sync jobs, which are not resources.
    const answer = run(
      [
        qbusinessDataEvent('StartDataSourceSyncJobs', { eventTime: atMinute(0), requestParameters: { applicationId: APP_ID, indexId: 'i', dataSourceId: 'ds' } }),
        mgmt('GetApplications', 1, { requestParameters: { applicationId: APP_ID } }),
        record({ eventSource: 'codewhisperer.amazonaws.com', eventName: 'DeleteTaskAssistConversation', eventTime: atMinute(2), eventCategory: 'Data', userIdentity: identityCenterUser('u-7'), requestParameters: { conversationId: 'dev-1' } }),
      ].map(ev),
    );
    assert.deepEqual(
      answer.items.map((i) => [i.detail.kind, i.detail.conversation_ids, i.detail.operation, i.detail.principal_names]),
      [['conversation', 'dev-1', 'delete', 'Identity Center user u-7']],
    );
  });
});
