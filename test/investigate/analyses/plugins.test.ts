import assert from 'node:assert/strict';
import type { Answer } from '../../../runner/investigate/answers.js';
import { createPluginsAnalysis } from '../../../runner/investigate/analyses/plugins.js';
import type { TrailEvent } from '../../../runner/investigate/event.js';
import { ACCOUNT, APP_ID, assumedRole, iamUser, qbusinessDataEvent, record, type RawRecord } from '../records.js';
import { atMinute, ev, runAnalysis, shuffled } from './harness.js';

const run = (events: TrailEvent[]): Answer => runAnalysis(createPluginsAnalysis, events);

const mgmt = (eventName: string, minute: number, extra: Partial<Parameters<typeof record>[0]> = {}): RawRecord => record({ eventName, eventTime: atMinute(minute), ...extra });
const dana = assumedRole('QUsers', 'dana@example.com');
const erin = assumedRole('QUsers', 'erin@example.com');

/** A ChatSync in plugin mode, as the SDK's ChatSyncInput sends it. */
const pluginChat = (minute: number, pluginId: string, extra: Partial<Parameters<typeof record>[0]> = {}): RawRecord =>
  qbusinessDataEvent('ChatSync', {
    eventTime: atMinute(minute),
    userIdentity: dana,
    requestParameters: { applicationId: APP_ID, conversationId: 'c-1', userMessage: '***', chatMode: 'PLUGIN_MODE', chatModeConfiguration: { pluginConfiguration: { pluginId } } },
    ...extra,
  });

function incident(): TrailEvent[] {
  return [
    mgmt('CreatePlugin', 0, {
      userIdentity: iamUser('mallory'),
      requestParameters: { applicationId: APP_ID, displayName: 'Jira', type: 'JIRA', serverUrl: 'https://evil.example.com', authConfiguration: { noAuthConfiguration: {} } },
      responseElements: { pluginId: 'pl-1', pluginArn: `arn:aws:qbusiness:us-east-1:${ACCOUNT}:application/${APP_ID}/plugin/pl-1`, buildStatus: 'READY' },
    }),
    mgmt('UpdatePlugin', 1, { userIdentity: iamUser('mallory'), requestParameters: { applicationId: APP_ID, pluginId: 'pl-1', displayName: 'Jira Cloud', state: 'ENABLED' } }),
    mgmt('GetPlugin', 2, { requestParameters: { applicationId: APP_ID, pluginId: 'pl-1' } }),
    pluginChat(3, 'pl-1'),
    pluginChat(4, 'pl-1', { userIdentity: erin }),
    // The user confirmed a plugin action: the chat carries actionExecution.pluginId.
    qbusinessDataEvent('ChatSync', {
      eventTime: atMinute(5),
      userIdentity: dana,
      requestParameters: { applicationId: APP_ID, conversationId: 'c-1', actionExecution: { pluginId: 'pl-1', payload: { summary: { value: '***' } }, payloadFieldNameSeparator: '.' } },
    }),
    // A chat that used no plugin is not plugin activity.
    qbusinessDataEvent('ChatSync', { eventTime: atMinute(6), userIdentity: dana, requestParameters: { applicationId: APP_ID, conversationId: 'c-1', chatMode: 'RETRIEVAL_MODE' } }),
    mgmt('DeletePlugin', 7, { requestParameters: { applicationId: APP_ID, pluginId: 'pl-2' } }),
    mgmt('ListPlugins', 8, { requestParameters: { applicationId: APP_ID, maxResults: 50 } }),
    record({
      eventSource: 'q.amazonaws.com',
      eventName: 'UsePlugin',
      eventTime: atMinute(9),
      userIdentity: assumedRole('Developer', 'frank'),
      requestParameters: { pluginArn: `arn:aws:qdeveloper:us-east-1:${ACCOUNT}:plugin/dd-1` },
    }),
  ].map(ev);
}

describe('analysis: plugins', () => {
  it('counts per plugin what was created, changed, read, used (chats in plugin mode, actions) and deleted', () => {
    const answer = run(incident());
    assert.equal(answer.id, 'plugins');
    assert.equal(answer.flagged, false);
    const byRow = answer.items.map((i) => [i.detail.product, i.detail.application_id, i.detail.plugin_id, i.detail.used, i.detail.created, i.detail.changed, i.detail.deleted, i.detail.read]);
    assert.deepEqual(byRow, [
      ['Amazon Q Business', APP_ID, 'pl-1', 3, 1, 1, 0, 1],
      ['Amazon Q Business', APP_ID, 'pl-2', 0, 0, 0, 1, 0],
      ['Amazon Q Business', APP_ID, null, 0, 0, 0, 0, 1],
      ['Amazon Q Developer', null, 'dd-1', 1, 0, 0, 0, 0],
    ]);
    const jira = answer.items[0];
    assert.equal(jira.label, `plugin pl-1 ("Jira Cloud") in application ${APP_ID}: used 3×, created 1×, changed 1×, read 1×`);
    assert.equal(jira.detail.name, 'Jira Cloud');
    assert.equal(jira.detail.plugin_type, 'JIRA');
    assert.equal(jira.detail.actions_executed, 1);
    assert.equal(jira.detail.principals, 4);
    assert.equal(jira.detail.principal_names, 'QUsers/dana@example.com, QUsers/erin@example.com, SecurityAdmin/bob@example.com and 1 more');
    assert.equal(jira.eventCount, 6);
    assert.deepEqual(
      jira.events.map((e) => e.eventName),
      ['CreatePlugin', 'UpdatePlugin', 'GetPlugin', 'ChatSync', 'ChatSync', 'ChatSync'],
    );
    assert.equal(answer.items[2].label, `plugins (no id in the calls) in application ${APP_ID}: read 1×`);
    assert.equal(answer.items[3].label, 'plugin dd-1 in Amazon Q Developer: used 1×');
    assert.equal(answer.summary, '3 plugins: 2 used (4 times, 1 action run), 1 created, 1 changed, 1 deleted; 1 more row of plugin activity without a plugin id.');
  });

  it('says no plugin was used, created or changed when there was none', () => {
    const expected = 'No plugin was used, created or changed in the window.';
    assert.equal(run([]).summary, expected);
    assert.deepEqual(run([]).items, []);
    const chatsOnly = run([qbusinessDataEvent('ChatSync', { eventTime: atMinute(0) }), qbusinessDataEvent('Chat', { eventTime: atMinute(1) }), mgmt('GetApplication', 2, { requestParameters: { applicationId: APP_ID } })].map(ev));
    assert.deepEqual(chatsOnly.items, []);
    assert.equal(chatsOnly.summary, expected);
  });

  it('counts failed calls apart, never as use or change', () => {
    const answer = run(
      [
        mgmt('CreatePlugin', 0, { userIdentity: iamUser('mallory'), errorCode: 'AccessDeniedException', requestParameters: { applicationId: APP_ID, displayName: 'evil', type: 'CUSTOM' } }),
        pluginChat(1, 'pl-1', { errorCode: 'AccessDeniedException' }),
        pluginChat(2, 'pl-1'),
      ].map(ev),
    );
    assert.deepEqual(
      answer.items.map((i) => [i.label, i.detail.used, i.detail.created, i.detail.failed, i.detail.error_code]),
      [
        [`plugin "evil" in application ${APP_ID}: failed 1×`, 0, 0, 1, 'AccessDeniedException'],
        [`plugin pl-1 in application ${APP_ID}: used 1×, failed 1×`, 1, 0, 1, 'AccessDeniedException'],
      ],
    );
    assert.equal(answer.items[0].detail.plugin_type, 'CUSTOM');
    assert.equal(answer.summary, '1 plugin: 1 used (1 time); 1 more row of plugin activity without a plugin id; 2 calls failed.');
    const onlyFailed = run([mgmt('DeletePlugin', 0, { errorCode: 'AccessDeniedException', requestParameters: { applicationId: APP_ID, pluginId: 'pl-9' } })].map(ev));
    assert.equal(onlyFailed.summary, 'No plugin was used, created or changed in the window; 1 plugin call failed.');
  });

  it('gives the same answer whatever order the events arrive in', () => {
    const events = [...incident(), ev(mgmt('UpdatePlugin', 30, { requestParameters: { applicationId: APP_ID, pluginId: 'pl-1', displayName: 'Renamed later' } }))];
    const inOrder = run(events);
    assert.deepEqual(run(shuffled(events)), inOrder);
    assert.deepEqual(run([...events].reverse()), inOrder);
    // The latest name wins, not the last to arrive.
    assert.equal(inOrder.items[0].detail.name, 'Renamed later');
  });

  it('goes by the catalogue: names it does not know are not guessed to be plugin use', () => {
    const unknown = ev(mgmt('InvokePlugin', 0, { requestParameters: { applicationId: APP_ID, pluginId: 'pl-1' } }));
    assert.equal(unknown.qClass, null);
    assert.deepEqual(run([unknown]).items, []);
    // An alias resolves to its real name: GetApplications is an application read, not plugin activity.
    assert.deepEqual(run([ev(mgmt('GetApplications', 1, { requestParameters: { applicationId: APP_ID } }))]).items, []);
  });
});
