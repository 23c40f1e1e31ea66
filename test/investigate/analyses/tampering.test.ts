import assert from 'node:assert/strict';
import type { Answer, AnswerItem } from '../../../runner/investigate/answers.js';
import { createTamperingAnalysis, qBusinessDataEventSelection } from '../../../runner/investigate/analyses/tampering.js';
import { loadEventCatalogue } from '../../../runner/investigate/catalogue.js';
import type { TrailEvent } from '../../../runner/investigate/event.js';
import { normaliseRecord } from '../../../runner/investigate/normalise.js';
import { ACCOUNT, APP_ID, assumedRole, iamUser, invokedByQ, qbusinessDataEvent, record, type RawRecord, type RecordOptions } from '../records.js';

const catalogue = loadEventCatalogue();
const WINDOW = { start: Date.parse('2026-11-25T00:00:00Z'), end: Date.parse('2026-11-26T00:00:00Z') };

function ev(raw: RawRecord): TrailEvent {
  const e = normaliseRecord(raw, catalogue);
  assert.ok(e, `record ${String(raw.eventName)} was not normalised`);
  return e;
}

const at = (minute: number): string => new Date(Date.parse('2026-11-25T10:00:00Z') + minute * 60_000).toISOString();

function run(events: TrailEvent[]): Answer {
  const analysis = createTamperingAnalysis({ window: WINDOW, baseline: null, allowlist: null });
  for (const e of events) analysis.observe(e);
  return analysis.answer();
}

function shuffled<T>(xs: T[]): T[] {
  const half = Math.ceil(xs.length / 2);
  const a = xs.slice(0, half).reverse();
  const b = xs.slice(half).reverse();
  const out: T[] = [];
  for (let i = 0; i < half; i += 1) {
    if (b[i] !== undefined) out.push(b[i]);
    out.push(a[i]);
  }
  return out;
}

const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events`;
const EDS_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE`;
const MALLORY = iamUser('mallory');

const cloudtrail = (eventName: string, minute: number, requestParameters: RawRecord, extra: Partial<RecordOptions> = {}): RawRecord =>
  record({ eventSource: 'cloudtrail.amazonaws.com', eventName, eventTime: at(minute), userIdentity: MALLORY, requestParameters, ...extra });
const logs = (eventName: string, minute: number, requestParameters: RawRecord, extra: Partial<RecordOptions> = {}): RawRecord =>
  record({ eventSource: 'logs.amazonaws.com', eventName, eventTime: at(minute), userIdentity: MALLORY, requestParameters, ...extra });
const qbusiness = (eventName: string, minute: number, requestParameters: RawRecord, extra: Partial<RecordOptions> = {}): RawRecord =>
  record({ eventName, eventTime: at(minute), userIdentity: MALLORY, requestParameters: { applicationId: APP_ID, ...requestParameters }, ...extra });

/** Advanced event selectors as CloudTrail logs them in PutEventSelectors' requestParameters. */
const MANAGEMENT_ONLY = [{ name: 'Management events', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] }];
const WITH_Q_BUSINESS = [
  ...MANAGEMENT_ONLY,
  { name: 'Q Business data events', fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::QBusiness::Application', 'AWS::QBusiness::Index'] }] },
];

function scenario(): TrailEvent[] {
  return [
    cloudtrail('StopLogging', 0, { name: TRAIL_ARN }),
    // Denied first, then another principal tries again: failed attempts are their own row.
    cloudtrail('StopLogging', 1, { name: TRAIL_ARN }, { userIdentity: assumedRole('Intern', 'ivan'), errorCode: 'AccessDenied' }),
    cloudtrail('StopLogging', 2, { name: TRAIL_ARN }, { userIdentity: assumedRole('Contractor', 'carl'), errorCode: 'AccessDenied' }),
    cloudtrail('PutEventSelectors', 3, { trailName: 'org-trail', advancedEventSelectors: MANAGEMENT_ONLY }),
    cloudtrail('UpdateTrail', 4, { name: 'org-trail', s3BucketName: 'attacker-bucket', isMultiRegionTrail: false }),
    cloudtrail('DeleteTrail', 5, { name: 'old-trail' }),
    cloudtrail('StopEventDataStoreIngestion', 6, { eventDataStore: EDS_ARN }),
    cloudtrail('UpdateEventDataStore', 7, { eventDataStore: EDS_ARN, retentionPeriod: 7 }),
    cloudtrail('DeleteEventDataStore', 8, { eventDataStore: EDS_ARN }),
    logs('DeleteDelivery', 9, { id: 'yjYHqbW2aXaGEa1c' }),
    logs('DeleteDeliverySource', 10, { name: 'qbusiness-app-logs' }),
    logs('DeleteDeliveryDestination', 11, { name: 'q-logs-bucket' }),
    qbusiness('UpdateChatControlsConfiguration', 12, { responseScope: 'EXTENDED_KNOWLEDGE_ENABLED', blockedPhrasesConfigurationUpdate: { blockedPhrasesToDelete: ['salary'] } }),
    qbusiness('DeleteChatControlsConfiguration', 13, {}),
    qbusiness('AssociatePermission', 14, { statementId: 'isv', actions: ['qbusiness:SearchRelevantContent'], principal: 'arn:aws:iam::444455556666:role/isv' }),
    qbusiness('CreateChatResponseConfiguration', 15, { displayName: 'lenient' }, { responseElements: { chatResponseConfigurationId: 'crc-1', chatResponseConfigurationArn: 'arn:…/crc-1' } }),
    // Amazon Q asked, on a user's behalf, to stop a trail: still tampering.
    cloudtrail('StopLogging', 16, { name: 'q-trail' }, { userIdentity: invokedByQ('Developer', 'carol'), sourceIPAddress: 'q.amazonaws.com' }),
    // Not tampering: reads, starting logging, creating deliveries, chatting.
    qbusiness('GetChatControlsConfiguration', 17, {}),
    cloudtrail('StartLogging', 18, { name: TRAIL_ARN }),
    cloudtrail('DescribeTrails', 19, {}),
    logs('CreateDelivery', 20, { deliverySourceName: 'src', deliveryDestinationArn: 'arn:…' }),
    qbusinessDataEvent('Chat', { eventTime: at(21) }),
  ].map(ev);
}

const byAction = (answer: Answer, action: string): AnswerItem[] => answer.items.filter((i) => i.detail.action === action);

describe('analysis: tampering', () => {
  it('flags one row per action, target and outcome, oldest first', () => {
    const answer = run(scenario());
    assert.equal(answer.id, 'tampering');
    assert.equal(answer.flagged, true);
    assert.ok(answer.items.every((i) => i.flagged));
    assert.deepEqual(
      answer.items.map((i) => i.label),
      [
        `StopLogging on trail ${TRAIL_ARN}`,
        `StopLogging on trail ${TRAIL_ARN}: attempt failed (AccessDenied)`,
        'PutEventSelectors on trail org-trail (Q Business data events no longer selected)',
        'UpdateTrail on trail org-trail',
        'DeleteTrail on trail old-trail',
        `StopEventDataStoreIngestion on event data store ${EDS_ARN}`,
        `UpdateEventDataStore on event data store ${EDS_ARN}`,
        `DeleteEventDataStore on event data store ${EDS_ARN}`,
        'DeleteDelivery on log delivery yjYHqbW2aXaGEa1c',
        'DeleteDeliverySource on log delivery source qbusiness-app-logs',
        'DeleteDeliveryDestination on log delivery destination q-logs-bucket',
        `UpdateChatControlsConfiguration on application ${APP_ID}`,
        `DeleteChatControlsConfiguration on application ${APP_ID}`,
        `AssociatePermission on application ${APP_ID}`,
        `CreateChatResponseConfiguration on chat response configuration crc-1 in application ${APP_ID}`,
        'StopLogging on trail q-trail',
      ],
    );
  });

  it('keeps failed attempts visible with their principals and error, not counted as done', () => {
    const answer = run(scenario());
    const [done, failed] = byAction(answer, 'StopLogging');
    assert.equal(done.detail.outcome, 'succeeded');
    assert.equal(done.eventCount, 1);
    assert.equal(failed.detail.outcome, 'failed');
    assert.equal(failed.detail.error_code, 'AccessDenied');
    assert.equal(failed.eventCount, 2);
    assert.equal(failed.detail.principals, 2);
    assert.equal(failed.detail.principal_names, `arn:aws:sts::${ACCOUNT}:assumed-role/Contractor/carl, arn:aws:sts::${ACCOUNT}:assumed-role/Intern/ivan`);
    assert.deepEqual(
      failed.events.map((e) => [e.eventName, e.errorCode]),
      [
        ['StopLogging', 'AccessDenied'],
        ['StopLogging', 'AccessDenied'],
      ],
    );
    assert.match(answer.summary, /; 2 failed attempts \(StopLogging\)\.$/);
  });

  it('says what the request changed, and which principal asked through Amazon Q', () => {
    const answer = run(scenario());
    assert.equal(byAction(answer, 'UpdateTrail')[0].detail.changed_fields, 'isMultiRegionTrail, s3BucketName');
    assert.equal(byAction(answer, 'UpdateChatControlsConfiguration')[0].detail.changed_fields, 'blockedPhrasesConfigurationUpdate, responseScope');
    assert.equal(byAction(answer, 'UpdateChatControlsConfiguration')[0].detail.kind, 'guardrail');
    assert.equal(byAction(answer, 'DeleteTrail')[0].detail.kind, 'logging');
    const viaQ = byAction(answer, 'StopLogging').find((i) => i.detail.target === 'q-trail');
    assert.equal(viaQ?.detail.principal_names, `arn:aws:sts::${ACCOUNT}:assumed-role/Developer/carol`);
  });

  it('says whether new event selectors still select Q Business data events, by the latest change', () => {
    const base = scenario();
    const dropped = byAction(run(base), 'PutEventSelectors')[0];
    assert.equal(dropped.detail.q_business_data_events_selected, false);
    assert.equal(dropped.detail.q_business_selectors, null);
    // Restored a minute later: the row now says they are selected (whatever order the two arrive in).
    const restored = ev(cloudtrail('PutEventSelectors', 30, { trailName: 'org-trail', advancedEventSelectors: WITH_Q_BUSINESS }));
    for (const events of [[...base, restored], [restored, ...base]]) {
      const row = byAction(run(events), 'PutEventSelectors')[0];
      assert.equal(row.eventCount, 2);
      assert.equal(row.detail.q_business_data_events_selected, true);
      assert.equal(row.detail.q_business_selectors, 'AWS::QBusiness::Application, AWS::QBusiness::Index');
      assert.equal(row.label, 'PutEventSelectors on trail org-trail');
    }
    // Selectors that are not changed say nothing either way.
    assert.equal(byAction(run(base), 'DeleteTrail')[0].detail.q_business_data_events_selected, null);
  });

  it('reads event selectors as CloudTrail logs them and as the API documents them', () => {
    assert.deepEqual(qBusinessDataEventSelection({ advancedEventSelectors: WITH_Q_BUSINESS }), { kept: true, types: ['AWS::QBusiness::Application', 'AWS::QBusiness::Index'] });
    assert.deepEqual(qBusinessDataEventSelection({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'resources.type', StartsWith: ['AWS::QBusiness'] }] }] }), { kept: true, types: ['AWS::QBusiness*'] });
    assert.deepEqual(qBusinessDataEventSelection({ advancedEventSelectors: [{ fieldSelectors: [{ field: 'resources.type', equals: ['AWS::S3::Object'] }] }] }), { kept: false, types: [] });
    // Basic selectors cannot select Q Business data events.
    assert.deepEqual(qBusinessDataEventSelection({ eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true }] }), { kept: false, types: [] });
    assert.equal(qBusinessDataEventSelection({ trailName: 'x' }), null);
    assert.equal(qBusinessDataEventSelection(null), null);
  });

  it('gives the same answer whatever order the events arrive in', () => {
    const events = scenario();
    assert.deepEqual(run(shuffled(events)), run(events));
    assert.deepEqual(run([...events].reverse()), run(events));
  });

  it('summarises what was done and what was attempted', () => {
    assert.equal(
      run(scenario()).summary,
      'Tampering found: AssociatePermission on 1 application, CreateChatResponseConfiguration on 1 chat response configuration, DeleteChatControlsConfiguration on 1 application, DeleteDelivery on 1 log delivery, DeleteDeliveryDestination on 1 log delivery destination, DeleteDeliverySource on 1 log delivery source, DeleteEventDataStore on 1 event data store, DeleteTrail on 1 trail, PutEventSelectors on 1 trail (Q Business data events no longer selected), StopEventDataStoreIngestion on 1 event data store, StopLogging on 2 trails, UpdateChatControlsConfiguration on 1 application, UpdateEventDataStore on 1 event data store, UpdateTrail on 1 trail; 2 failed attempts (StopLogging).',
    );
    const onlyAttempt = run([ev(cloudtrail('DeleteTrail', 0, { name: 't' }, { errorCode: 'AccessDenied' }))]);
    assert.equal(onlyAttempt.summary, 'Tampering attempted: 1 failed attempt (DeleteTrail); nothing was changed.');
    assert.equal(onlyAttempt.flagged, true);
    assert.equal(onlyAttempt.items[0].detail.outcome, 'failed');
  });

  it('flags nothing when no guardrail or logging changed', () => {
    const answer = run([ev(qbusiness('GetChatControlsConfiguration', 0, {})), ev(cloudtrail('StartLogging', 1, { name: TRAIL_ARN })), ev(qbusinessDataEvent('Chat', { eventTime: at(2) }))]);
    assert.equal(answer.flagged, false);
    assert.deepEqual(answer.items, []);
    assert.match(answer.summary, /^No guardrail or logging change/);
  });
});
