import assert from 'node:assert/strict';
import type { Answer } from '../../../runner/investigate/answers.js';
import { createDocumentsAnalysis } from '../../../runner/investigate/analyses/documents.js';
import type { TrailEvent } from '../../../runner/investigate/event.js';
import { ACCOUNT, APP_ARN, APP_ID, assumedRole, identityCenterUser, qbusinessDataEvent, record, type RawRecord } from '../records.js';
import { atMinute, ev, runAnalysis, shuffled } from './harness.js';

const run = (events: TrailEvent[]): Answer => runAnalysis(createDocumentsAnalysis, events);

const ingest = assumedRole('QIngest', 'sync-lambda');
const dana = assumedRole('QUsers', 'dana@example.com');
const INDEX_ARN = `${APP_ARN}/index/idx-1`;
const PROFILE_ARN = `arn:aws:codewhisperer:us-east-1:${ACCOUNT}:profile/P1`;

/** A BatchPutDocument data event on the index, documents as BatchPutDocumentRequest names them (content redacted). */
const put = (minute: number, ids: string[] | null, extra: Partial<Parameters<typeof record>[0]> = {}): RawRecord =>
  qbusinessDataEvent('BatchPutDocument', {
    eventTime: atMinute(minute),
    userIdentity: ingest,
    requestParameters: ids
      ? { applicationId: APP_ID, indexId: 'idx-1', documents: ids.map((id) => ({ id, title: `${id}.pdf`, content: { blob: 'HIDDEN_DUE_TO_SECURITY_REASONS' }, contentType: 'PDF' })) }
      : { applicationId: APP_ID, indexId: 'idx-1' },
    responseElements: { failedDocuments: [] },
    resources: [{ ARN: INDEX_ARN, type: 'AWS::QBusiness::Index' }],
    ...extra,
  });

function incident(): TrailEvent[] {
  return [
    put(0, ['d3', 'd1', 'd2'], { responseElements: { failedDocuments: [{ id: 'd2', error: { errorCode: 'INVALID_REQUEST', errorMessage: 'too large' } }] } }),
    put(1, ['d4', 'd5', 'd6', 'd7', 'd8', 'd9']),
    qbusinessDataEvent('BatchDeleteDocument', {
      eventTime: atMinute(2),
      userIdentity: dana,
      requestParameters: { applicationId: APP_ID, indexId: 'idx-1', documents: [{ documentId: 'd1' }, { documentId: 'd4' }] },
      responseElements: { failedDocuments: [] },
    }),
    // Two files attached to a chat (ChatSyncInput.attachments): one uploaded, one copied from a conversation.
    qbusinessDataEvent('ChatSync', {
      eventTime: atMinute(3),
      userIdentity: dana,
      requestParameters: {
        applicationId: APP_ID,
        conversationId: 'c-1',
        userMessage: '***',
        attachments: [{ name: 'salaries.xlsx', data: 'HIDDEN_DUE_TO_SECURITY_REASONS' }, { copyFrom: { conversation: { conversationId: 'c-0', attachmentId: 'att-1' } } }],
      },
    }),
    // A chat without files is not a document upload.
    qbusinessDataEvent('ChatSync', { eventTime: atMinute(4), userIdentity: dana, requestParameters: { applicationId: APP_ID, conversationId: 'c-1', userMessage: '***' } }),
    qbusinessDataEvent('StartDataSourceSyncJob', { eventTime: atMinute(5), requestParameters: { applicationId: APP_ID, indexId: 'idx-1', dataSourceId: 'ds-1' }, responseElements: { executionId: 'x-1' } }),
    qbusinessDataEvent('StopDataSourceSyncJob', { eventTime: atMinute(6), requestParameters: { applicationId: APP_ID, indexId: 'idx-1', dataSourceId: 'ds-1' } }),
    record({ eventSource: 'qapps.amazonaws.com', eventName: 'ImportDocument', eventTime: atMinute(7), eventCategory: 'Data', userIdentity: dana, requestParameters: { instanceId: APP_ID, appId: 'qa-1', cardId: 'card-1', fileName: 'plan.pdf', scope: 'SESSION', fileContentsBase64: '***' }, responseElements: { fileId: 'f-1' } }),
    record({ eventSource: 'codewhisperer.amazonaws.com', eventName: 'CreateUploadUrl', eventTime: atMinute(8), eventCategory: 'Data', userIdentity: identityCenterUser('u-1'), requestParameters: { artifactType: 'SourceCode', uploadIntent: 'TRANSFORMATION' }, resources: [{ ARN: PROFILE_ARN, type: 'AWS::CodeWhisperer::Profile' }] }),
    // Reads are not uploads or deletions.
    qbusinessDataEvent('ListDocuments', { eventTime: atMinute(9), requestParameters: { applicationId: APP_ID, indexId: 'idx-1' } }),
  ].map(ev);
}

describe('analysis: documents', () => {
  it('counts uploaded, attached and deleted documents per principal and target, with sync jobs and upload URLs', () => {
    const answer = run(incident());
    assert.equal(answer.id, 'documents');
    assert.equal(answer.flagged, false);
    assert.deepEqual(
      answer.items.map((i) => [i.detail.principal, i.detail.target, i.detail.action, i.detail.calls, i.detail.documents, i.detail.failed_documents]),
      [
        ['QIngest/sync-lambda', 'index idx-1', 'uploaded', 2, 9, 1],
        ['QUsers/dana@example.com', 'index idx-1', 'deleted', 1, 2, 0],
        ['QUsers/dana@example.com', null, 'attached', 1, 2, 0],
        ['SecurityAdmin/bob@example.com', 'data source ds-1', 'sync_started', 1, null, null],
        ['SecurityAdmin/bob@example.com', 'data source ds-1', 'sync_stopped', 1, null, null],
        ['QUsers/dana@example.com', 'Q App qa-1', 'uploaded', 1, 1, 0],
        ['Identity Center user u-1', PROFILE_ARN, 'upload_url_created', 1, null, null],
      ],
    );
    const [upload, deletion, attached, , , qApp, ide] = answer.items;
    assert.equal(upload.label, `QIngest/sync-lambda uploaded 9 documents in 2 calls (application ${APP_ID}, index idx-1)`);
    // A bounded, order-independent sample of ids.
    assert.equal(upload.detail.document_ids, 'd1, d2, d3, d4, d5');
    assert.equal(upload.detail.application_id, APP_ID);
    assert.equal(upload.detail.operations, 'BatchPutDocument');
    assert.deepEqual(upload.events.map((e) => e.resource), [INDEX_ARN, INDEX_ARN]);
    assert.equal(deletion.detail.document_ids, 'd1, d4');
    assert.equal(attached.label, `QUsers/dana@example.com attached 2 files to chats in 1 call (application ${APP_ID})`);
    assert.equal(attached.detail.document_ids, 'att-1, salaries.xlsx');
    assert.equal(qApp.detail.document_ids, 'plan.pdf');
    assert.equal(qApp.detail.application_id, APP_ID);
    assert.equal(ide.detail.application_id, null);
    assert.equal(ide.label, `Identity Center user u-1 created upload URLs in 1 call (${PROFILE_ARN})`);
    assert.equal(
      answer.summary,
      '9 documents uploaded, 2 files attached to chats, 2 documents deleted, 1 sync job started, 1 sync job stopped, 1 upload URL created.',
    );
  });

  it('says so when nothing was uploaded, attached or deleted', () => {
    const expected = 'No document or file was uploaded, attached or deleted, and no sync job was started or stopped in the window.';
    assert.equal(run([]).summary, expected);
    assert.deepEqual(run([]).items, []);
    const readsAndChats = run([qbusinessDataEvent('ListDocuments', { eventTime: atMinute(0) }), qbusinessDataEvent('ChatSync', { eventTime: atMinute(1) }), qbusinessDataEvent('ListDataSourceSyncJobs', { eventTime: atMinute(2) })].map(ev));
    assert.deepEqual(readsAndChats.items, []);
    assert.equal(readsAndChats.summary, expected);
  });

  it('keeps failed calls visible apart from what was done, and does not count them', () => {
    const answer = run(
      [
        put(0, ['d1', 'd2'], { errorCode: 'AccessDeniedException', responseElements: null }),
        put(1, ['d3']),
        qbusinessDataEvent('BatchDeleteDocument', { eventTime: atMinute(2), userIdentity: dana, errorCode: 'ResourceNotFoundException', requestParameters: { applicationId: APP_ID, indexId: 'idx-9', documents: [{ documentId: 'd1' }] } }),
      ].map(ev),
    );
    assert.deepEqual(
      answer.items.map((i) => [i.label, i.detail.outcome, i.detail.error_code]),
      [
        [`QIngest/sync-lambda failed 1× to upload 2 documents (application ${APP_ID}, index idx-1)`, 'failed', 'AccessDeniedException'],
        [`QIngest/sync-lambda uploaded 1 document in 1 call (application ${APP_ID}, index idx-1)`, 'succeeded', null],
        [`QUsers/dana@example.com failed 1× to delete 1 document (application ${APP_ID}, index idx-9)`, 'failed', 'ResourceNotFoundException'],
      ],
    );
    assert.equal(answer.summary, '1 document uploaded; 2 attempts failed.');
  });

  it('says when CloudTrail did not log which documents a call carried', () => {
    const answer = run([put(0, null), put(1, ['d1', 'd2'])].map(ev));
    assert.equal(answer.items[0].detail.calls_without_document_list, 1);
    assert.equal(answer.items[0].label, `QIngest/sync-lambda uploaded at least 2 documents in 2 calls (application ${APP_ID}, index idx-1)`);
    assert.equal(answer.summary, 'At least 2 documents uploaded.');
    const unlisted = run([ev(put(0, null))]);
    assert.equal(unlisted.items[0].label, `QIngest/sync-lambda uploaded documents (not listed in CloudTrail) in 1 call (application ${APP_ID}, index idx-1)`);
  });

  it('gives the same answer whatever order the events arrive in', () => {
    const events = [...incident(), ...['d0', 'a9', 'z1'].map((id, m) => ev(put(20 + m, [id])))];
    const inOrder = run(events);
    assert.deepEqual(run(shuffled(events)), inOrder);
    assert.deepEqual(run([...events].reverse()), inOrder);
    assert.equal(inOrder.items[0].detail.document_ids, 'a9, d0, d1, d2, d3');
  });

  it('counts the playbook spelling of sync jobs (StartDataSourceSyncJobs) as the real call', () => {
    const answer = run(
      [
        qbusinessDataEvent('StartDataSourceSyncJobs', { eventTime: atMinute(0), requestParameters: { applicationId: APP_ID, indexId: 'idx-1', dataSourceId: 'ds-1' } }),
        qbusinessDataEvent('StartDataSourceSyncJob', { eventTime: atMinute(1), requestParameters: { applicationId: APP_ID, indexId: 'idx-1', dataSourceId: 'ds-1' } }),
        qbusinessDataEvent('StopDataSourceSyncJobs', { eventTime: atMinute(2), requestParameters: { applicationId: APP_ID, indexId: 'idx-1', dataSourceId: 'ds-1' } }),
      ].map(ev),
    );
    assert.deepEqual(
      answer.items.map((i) => [i.detail.action, i.detail.calls, i.detail.operations]),
      [
        ['sync_started', 2, 'StartDataSourceSyncJob'],
        ['sync_stopped', 1, 'StopDataSourceSyncJob'],
      ],
    );
    // The events keep the name as logged.
    assert.deepEqual(answer.items[0].events.map((e) => e.eventName), ['StartDataSourceSyncJobs', 'StartDataSourceSyncJob']);
    assert.equal(answer.summary, '2 sync jobs started, 1 sync job stopped.');
  });
});
