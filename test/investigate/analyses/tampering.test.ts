import assert from 'node:assert/strict';
import type { Answer, AnswerItem } from '../../../runner/investigate/answers.js';
import { createTamperingAnalysis, looksLikeAmazonQLogs, Q_DATA_EVENT_TYPES, qDataEventCapture, TAMPERING_LOGS_EVENTS } from '../../../runner/investigate/analyses/tampering.js';
import type { TrailEvent } from '../../../runner/investigate/event.js';
import { isLoggingChange, LOGS_LOGGING_CHANGES } from '../../../runner/investigate/filters.js';
import { ACCOUNT, APP_ARN, APP_ID, assumedRole, iamUser, invokedByQ, qbusinessDataEvent, record, type RawRecord, type RecordOptions } from '../records.js';
import { atMinute, ev, runAnalysis, shuffled } from './harness.js';

const run = (events: TrailEvent[]): Answer => runAnalysis(createTamperingAnalysis, events);

const TRAIL_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:trail/management-events`;
const EDS_ARN = `arn:aws:cloudtrail:us-east-1:${ACCOUNT}:eventdatastore/EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE`;
const MALLORY = iamUser('mallory');

const cloudtrail = (eventName: string, minute: number, requestParameters: RawRecord, extra: Partial<RecordOptions> = {}): RawRecord =>
  record({ eventSource: 'cloudtrail.amazonaws.com', eventName, eventTime: atMinute(minute), userIdentity: MALLORY, requestParameters, ...extra });
const logs = (eventName: string, minute: number, requestParameters: RawRecord, extra: Partial<RecordOptions> = {}): RawRecord =>
  record({ eventSource: 'logs.amazonaws.com', eventName, eventTime: atMinute(minute), userIdentity: MALLORY, requestParameters, ...extra });
const qbusiness = (eventName: string, minute: number, requestParameters: RawRecord, extra: Partial<RecordOptions> = {}): RawRecord =>
  record({ eventName, eventTime: atMinute(minute), userIdentity: MALLORY, requestParameters: { applicationId: APP_ID, ...requestParameters }, ...extra });

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
    qbusinessDataEvent('Chat', { eventTime: atMinute(21) }),
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
        'PutEventSelectors on trail org-trail (no Amazon Q data event captured)',
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

  it('says whether new event selectors still capture the Amazon Q data events, by the latest change', () => {
    const base = scenario();
    const dropped = byAction(run(base), 'PutEventSelectors')[0];
    assert.equal(dropped.detail.q_business_data_events_selected, false);
    assert.equal(dropped.detail.q_data_events_all, null);
    assert.equal(dropped.detail.q_data_events_none, Q_DATA_EVENT_TYPES.join(', '));
    // Restored a minute later: the row now says what the new selectors capture (whatever order the two arrive in).
    const restored = ev(cloudtrail('PutEventSelectors', 30, { trailName: 'org-trail', advancedEventSelectors: WITH_Q_BUSINESS }));
    for (const events of [[...base, restored], [restored, ...base]]) {
      const row = byAction(run(events), 'PutEventSelectors')[0];
      assert.equal(row.eventCount, 2);
      assert.equal(row.detail.q_business_data_events_selected, true);
      assert.equal(row.detail.q_data_events_all, 'AWS::QBusiness::Application, AWS::QBusiness::Index');
      assert.equal(row.detail.q_data_events_some, null);
      assert.equal(
        row.label,
        'PutEventSelectors on trail org-trail (Amazon Q data events: all captured for QBusiness::Application, QBusiness::Index; '
          + 'none for QBusiness::DataSource, QBusiness::WebExperience, QApps::QApp, QApps::QAppSession, CodeWhisperer::Profile, CodeWhisperer::Customization)',
      );
    }
    // Selectors that are not changed say nothing either way.
    assert.equal(byAction(run(base), 'DeleteTrail')[0].detail.q_business_data_events_selected, null);
    assert.equal(byAction(run(base), 'DeleteTrail')[0].detail.q_data_events_none, null);
  });

  describe('which Amazon Q data events new selectors capture, per resource type (the scan\'s coverage logic)', () => {
    const APP_DATA = (...extra: RawRecord[]): RawRecord[] => [
      { name: 'Q Business', fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::QBusiness::Application'] }, ...extra] },
    ];
    const capture = (request: RawRecord | null, type = 'AWS::QBusiness::Application'): string | undefined =>
      qDataEventCapture(request, 'us-east-1')?.find((c) => c.type === type)?.capture;

    it('all: a selector with no narrowing, or one that narrows to the service\'s own ARNs, or read-only and write-only selectors together', () => {
      assert.equal(capture({ advancedEventSelectors: APP_DATA() }), 'all');
      assert.equal(capture({ advancedEventSelectors: APP_DATA({ field: 'resources.ARN', startsWith: ['arn:aws:qbusiness:'] }) }), 'all');
      const split = [
        ...APP_DATA({ field: 'readOnly', equals: ['true'] }),
        ...APP_DATA({ field: 'readOnly', equals: ['false'] }),
      ];
      assert.equal(capture({ advancedEventSelectors: split }), 'all');
      // As the API documents the request (PascalCase) too.
      assert.equal(capture({ AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Data'] }, { Field: 'resources.type', StartsWith: ['AWS::QBusiness::'] }] }] }), 'all');
    });

    it('some: a selector narrowed by eventName, readOnly or resources.ARN', () => {
      const narrowed = [
        { field: 'eventName', equals: ['ListDocuments'] },
        { field: 'readOnly', equals: ['true'] },
        { field: 'resources.ARN', equals: [APP_ARN] },
        { field: 'resources.ARN', notEquals: [APP_ARN] },
        { field: 'resources.ARN', startsWith: ['arn:aws:qbusiness:us-east-1:'] },
      ];
      for (const f of narrowed) {
        const [verdict] = qDataEventCapture({ advancedEventSelectors: APP_DATA(f) }, 'us-east-1') ?? [];
        assert.equal(verdict.type, 'AWS::QBusiness::Application');
        assert.equal(verdict.capture, 'some', JSON.stringify(f));
        assert.match(verdict.reason, /no selector captures all AWS::QBusiness::Application data events/, JSON.stringify(f));
      }
    });

    it('none: other types, excluded ARNs, management events only, classic selectors, no selectors', () => {
      assert.equal(capture({ advancedEventSelectors: APP_DATA() }, 'AWS::QApps::QApp'), 'none');
      assert.equal(capture({ advancedEventSelectors: APP_DATA({ field: 'resources.ARN', notStartsWith: ['arn:aws:qbusiness:'] }) }), 'none');
      assert.equal(capture({ advancedEventSelectors: APP_DATA({ field: 'resources.ARN', equals: ['arn:aws:s3:::bucket/key'] }) }), 'none');
      assert.equal(capture({ advancedEventSelectors: APP_DATA({ field: 'readOnly', equals: ['maybe'] }) }), 'none');
      assert.equal(capture({ advancedEventSelectors: APP_DATA({ field: 'eventSource', equals: ['s3.amazonaws.com'] }) }), 'none');
      assert.equal(capture({ advancedEventSelectors: MANAGEMENT_ONLY }), 'none');
      assert.equal(capture({ advancedEventSelectors: [] }), 'none');
      // Classic selectors cannot log Amazon Q data events, whatever they name.
      const classic = qDataEventCapture({ eventSelectors: [{ readWriteType: 'All', includeManagementEvents: true, dataResources: [{ type: 'AWS::QBusiness::Application', values: ['arn:aws:qbusiness'] }] }] }, 'us-east-1');
      assert.ok(classic?.every((c) => c.capture === 'none'));
      assert.match(classic?.[0].reason ?? '', /classic event selectors/);
    });

    it('covers Q Apps and Q Developer (CodeWhisperer) types, with their own ARNs and partitions', () => {
      const apps = [{ fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::QApps::QApp', 'AWS::CodeWhisperer::Profile'] }, { field: 'resources.ARN', startsWith: ['arn:aws-cn:qapps:', 'arn:aws-cn:codewhisperer:'] }] }];
      const inChina = qDataEventCapture({ advancedEventSelectors: apps }, 'cn-north-1') ?? [];
      assert.deepEqual(
        inChina.map((c) => [c.type, c.capture]),
        Q_DATA_EVENT_TYPES.map((t) => [t, t === 'AWS::QApps::QApp' || t === 'AWS::CodeWhisperer::Profile' ? 'all' : 'none']),
      );
      // The same selectors seen from the aws partition capture only ARNs that do not exist there.
      const elsewhere = qDataEventCapture({ advancedEventSelectors: apps }, 'eu-west-1') ?? [];
      assert.equal(elsewhere.find((c) => c.type === 'AWS::QApps::QApp')?.capture, 'none');
    });

    it('says nothing when the request sets no selectors', () => {
      assert.equal(qDataEventCapture({ trailName: 'x' }, 'us-east-1'), null);
      assert.equal(qDataEventCapture(null, 'us-east-1'), null);
    });

    it('puts the verdict in the row: label, per-capture lists and the reasons', () => {
      const narrowed = [
        ...APP_DATA({ field: 'eventName', equals: ['ListDocuments'] }),
        { name: 'Q Apps', fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::QApps::QApp'] }] },
      ];
      const answer = run([ev(cloudtrail('PutEventSelectors', 0, { trailName: 'org-trail', advancedEventSelectors: narrowed }))]);
      const [row] = answer.items;
      assert.equal(
        row.label,
        'PutEventSelectors on trail org-trail (Amazon Q data events: all captured for QApps::QApp; only some for QBusiness::Application; '
          + 'none for QBusiness::Index, QBusiness::DataSource, QBusiness::WebExperience, QApps::QAppSession, CodeWhisperer::Profile, CodeWhisperer::Customization)',
      );
      assert.equal(row.detail.q_business_data_events_selected, false);
      assert.equal(row.detail.q_data_events_all, 'AWS::QApps::QApp');
      assert.equal(row.detail.q_data_events_some, 'AWS::QBusiness::Application');
      assert.match(String(row.detail.q_data_events_why), /^AWS::QBusiness::Application: no selector captures all AWS::QBusiness::Application data events: "Q Business" filters on eventName/);
      assert.match(answer.summary, /PutEventSelectors on 1 trail \(Amazon Q data events not all captured\)/);
      // A denied attempt says what it would have done.
      const denied = run([ev(cloudtrail('PutEventSelectors', 0, { trailName: 'org-trail', advancedEventSelectors: MANAGEMENT_ONLY }, { errorCode: 'AccessDenied' }))]);
      assert.equal(denied.items[0].label, 'PutEventSelectors on trail org-trail (requested: no Amazon Q data event captured): attempt failed (AccessDenied)');
      // Event data stores take the same selectors.
      const eds = run([ev(cloudtrail('UpdateEventDataStore', 0, { eventDataStore: EDS_ARN, advancedEventSelectors: [...MANAGEMENT_ONLY, ...APP_DATA()] }))]);
      assert.equal(eds.items[0].detail.q_data_events_all, 'AWS::QBusiness::Application');
    });
  });

  describe('CloudWatch Logs: the Amazon Q conversation logs', () => {
    const Q_GROUP = `/aws/vendedlogs/qbusiness/application/EVENT_LOGS/${APP_ID}`;
    const ROUTINE = '/aws/lambda/billing-export';
    const OTHER_ACCOUNT_DESTINATION = 'arn:aws:logs:us-east-1:444455556666:delivery-destination:collector';

    function logsScenario(): TrailEvent[] {
      return [
        logs('DeleteLogStream', 0, { logGroupName: Q_GROUP, logStreamName: 'EVENT_LOGS-2026-11-25' }),
        logs('PutRetentionPolicy', 1, { logGroupName: Q_GROUP, retentionInDays: 1 }),
        logs('DeleteSubscriptionFilter', 2, { logGroupName: 'amazon-q-conversations', filterName: 'to-siem' }),
        logs('DisassociateKmsKey', 3, { resourceIdentifier: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:QBusinessChatLogs` }),
        logs('DeleteResourcePolicy', 4, { policyName: 'AWSLogDeliveryWrite20150319' }),
        logs('DeleteLogGroup', 5, { logGroupName: Q_GROUP }),
        logs('DeleteDeliveryDestinationPolicy', 6, { deliveryDestinationName: 'central-collector' }),
        logs('PutDeliveryDestination', 7, { name: 'qbusiness-event-logs', deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::attacker-bucket' } }),
        logs('CreateDelivery', 8, { deliverySourceName: 'qbusiness-app-source', deliveryDestinationArn: OTHER_ACCOUNT_DESTINATION }),
        // Routine: other log groups, other policies, deliveries that stay in the account, setting up a source.
        logs('DeleteLogGroup', 10, { logGroupName: ROUTINE }),
        logs('DeleteLogStream', 11, { logGroupName: ROUTINE, logStreamName: '2026/11/25/[$LATEST]abc' }),
        logs('PutRetentionPolicy', 12, { logGroupName: ROUTINE, retentionInDays: 30 }),
        logs('DeleteSubscriptionFilter', 13, { logGroupName: ROUTINE, filterName: 'x' }),
        logs('DisassociateKmsKey', 14, { logGroupName: ROUTINE }),
        logs('DeleteResourcePolicy', 15, { policyName: 'route53-query-logging' }),
        logs('PutDeliveryDestination', 16, { name: 'cloudfront-access-logs', deliveryDestinationConfiguration: { destinationResourceArn: 'arn:aws:s3:::cf-logs' } }),
        logs('CreateDelivery', 17, { deliverySourceName: 'qbusiness-app-source', deliveryDestinationArn: `arn:aws:logs:us-east-1:${ACCOUNT}:delivery-destination:local` }),
        logs('CreateDelivery', 18, { deliverySourceName: 'cloudfront-source', deliveryDestinationArn: OTHER_ACCOUNT_DESTINATION }),
        logs('PutDeliverySource', 19, { name: 'qbusiness-app-source', resourceArn: APP_ARN, logType: 'EVENT_LOGS' }),
        // Amazon QLDB and QuickSight are not Amazon Q.
        logs('DeleteLogGroup', 20, { logGroupName: '/aws/qldb/ledger' }),
        logs('DeleteLogGroup', 21, { logGroupName: 'amazonqldb-journal' }),
        logs('DeleteLogGroup', 22, { logGroupName: 'amazon-quicksight' }),
      ].map(ev);
    }

    it('flags changes to log groups named like Amazon Q\'s and to log deliveries, and leaves routine ones out', () => {
      const answer = run(logsScenario());
      assert.deepEqual(
        answer.items.map((i) => i.label),
        [
          `DeleteLogStream on log stream EVENT_LOGS-2026-11-25 in log group ${Q_GROUP}`,
          `PutRetentionPolicy on log group ${Q_GROUP} (retention 1 day)`,
          'DeleteSubscriptionFilter on subscription filter to-siem of log group amazon-q-conversations',
          `DisassociateKmsKey on log group arn:aws:logs:us-east-1:${ACCOUNT}:log-group:QBusinessChatLogs`,
          'DeleteResourcePolicy on log resource policy AWSLogDeliveryWrite20150319',
          `DeleteLogGroup on log group ${Q_GROUP}`,
          'DeleteDeliveryDestinationPolicy on log delivery destination central-collector',
          'PutDeliveryDestination on log delivery destination qbusiness-event-logs (created or overwritten: delivers to arn:aws:s3:::attacker-bucket)',
          `CreateDelivery on log delivery source qbusiness-app-source (delivers to another account: ${OTHER_ACCOUNT_DESTINATION})`,
        ],
      );
      assert.ok(answer.items.every((i) => i.flagged && i.detail.kind === 'logging' && i.detail.service === 'logs.amazonaws.com'));
      assert.equal(byAction(answer, 'PutRetentionPolicy')[0].detail.changed_fields, 'retentionInDays');
    });

    it('keeps in the timeline every logs event it may flag', () => {
      for (const e of logsScenario()) assert.equal(isLoggingChange(e), true, e.eventName);
      for (const name of TAMPERING_LOGS_EVENTS) assert.equal(LOGS_LOGGING_CHANGES.has(name), true, name);
    });

    it('recognises Amazon Q log names (documented pattern), not other services\'', () => {
      const q = [
        '/aws/vendedlogs/qbusiness/application/EVENT_LOGS/a1b2', '/aws/vendedlogs/QBusiness-prod', 'qbusiness', 'MyQBusinessLogs', 'q-business-chat', 'q_business',
        'amazonq-logs', 'amazon-q', '/aws/vendedlogs/amazon_q/app', 'AmazonQ', 'amazon-q-business-conversations', 'amazonqbusiness', 'qapps-sessions', '/org/q-apps',
        'codewhisperer-profile', '/aws/vendedlogs/CodeWhisperer/x', 'q-developer-prompts',
      ];
      const notQ = [
        '/aws/lambda/billing', '/aws/vendedlogs/states/MyMachine', '/aws/qldb/ledger', 'amazonqldb', 'amazon-quicksight', 'faq', 'squeue', 'qa-apps', 'q', '',
        'aws-waf-logs-qa', 'AWSLogDeliveryWrite20150319',
      ];
      for (const name of q) assert.equal(looksLikeAmazonQLogs(name), true, name);
      for (const name of notQ) assert.equal(looksLikeAmazonQLogs(name), false, name);
    });
  });

  it('gives the same answer whatever order the events arrive in', () => {
    const events = scenario();
    assert.deepEqual(run(shuffled(events)), run(events));
    assert.deepEqual(run([...events].reverse()), run(events));
  });

  it('summarises what was done and what was attempted', () => {
    assert.equal(
      run(scenario()).summary,
      'Tampering found: AssociatePermission on 1 application, CreateChatResponseConfiguration on 1 chat response configuration, DeleteChatControlsConfiguration on 1 application, DeleteDelivery on 1 log delivery, DeleteDeliveryDestination on 1 log delivery destination, DeleteDeliverySource on 1 log delivery source, DeleteEventDataStore on 1 event data store, DeleteTrail on 1 trail, PutEventSelectors on 1 trail (Amazon Q data events not all captured), StopEventDataStoreIngestion on 1 event data store, StopLogging on 2 trails, UpdateChatControlsConfiguration on 1 application, UpdateEventDataStore on 1 event data store, UpdateTrail on 1 trail; 2 failed attempts (StopLogging).',
    );
    const onlyAttempt = run([ev(cloudtrail('DeleteTrail', 0, { name: 't' }, { errorCode: 'AccessDenied' }))]);
    assert.equal(onlyAttempt.summary, 'Tampering attempted: 1 failed attempt (DeleteTrail); nothing was changed.');
    assert.equal(onlyAttempt.flagged, true);
    assert.equal(onlyAttempt.items[0].detail.outcome, 'failed');
  });

  it('flags nothing when no guardrail or logging changed', () => {
    const answer = run([ev(qbusiness('GetChatControlsConfiguration', 0, {})), ev(cloudtrail('StartLogging', 1, { name: TRAIL_ARN })), ev(qbusinessDataEvent('Chat', { eventTime: atMinute(2) }))]);
    assert.equal(answer.flagged, false);
    assert.deepEqual(answer.items, []);
    assert.match(answer.summary, /^No guardrail or logging change/);
  });
});
