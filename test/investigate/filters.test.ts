import assert from 'node:assert/strict';
import { loadEventCatalogue } from '../../runner/investigate/catalogue.js';
import type { TrailEvent } from '../../runner/investigate/event.js';
import { applicationIdOf, compileFilters, isLoggingChange, LOGS_LOGGING_CHANGES, NO_FILTERS } from '../../runner/investigate/filters.js';
import { normaliseRecord } from '../../runner/investigate/normalise.js';
import { APP_ARN, APP_ID, assumedRole, identityCenterUser, qbusinessDataEvent, record, type RecordOptions } from './records.js';

const event = (o: RecordOptions): TrailEvent => {
  const e = normaliseRecord(record(o), loadEventCatalogue());
  assert.ok(e, 'record in scope');
  return e;
};
const chat = (identity = assumedRole(), region = 'us-east-1', appId = APP_ID): TrailEvent => {
  const e = normaliseRecord(qbusinessDataEvent('Chat', { userIdentity: identity, region, requestParameters: { applicationId: appId } }), loadEventCatalogue());
  assert.ok(e);
  return e;
};

describe('investigation filters', () => {
  it('lets everything through without filters', () => {
    assert.equal(compileFilters(NO_FILTERS)(chat()), true);
  });

  it('matches principals by ARN, name, role, Identity Center user id and * globs, case-insensitively', () => {
    const bob = chat(assumedRole('SecurityAdmin', 'bob@example.com'));
    const ide = chat(identityCenterUser('u-42'));
    const by = (p: string) => compileFilters({ ...NO_FILTERS, principals: [p] });
    assert.equal(by('arn:aws:sts::111122223333:assumed-role/SecurityAdmin/bob@example.com')(bob), true);
    assert.equal(by('arn:aws:iam::111122223333:role/SecurityAdmin')(bob), true);
    assert.equal(by('*bob@EXAMPLE.com')(bob), true);
    assert.equal(by('SecurityAdmin')(bob), false, 'a bare role name is not a glob');
    assert.equal(by('u-42')(ide), true);
    assert.equal(by('u-4')(ide), false);
  });

  it('narrows regions, and applications for Amazon Q events only (by id or ARN)', () => {
    const onlyEu = compileFilters({ ...NO_FILTERS, regions: ['eu-west-1'] });
    assert.equal(onlyEu(chat(assumedRole(), 'eu-west-1')), true);
    assert.equal(onlyEu(chat()), false);
    const onlyApp = compileFilters({ ...NO_FILTERS, applications: [APP_ARN] });
    assert.equal(applicationIdOf(APP_ARN), APP_ID);
    assert.equal(onlyApp(chat()), true);
    assert.equal(onlyApp(chat(assumedRole(), 'us-east-1', 'other-app')), false);
    assert.equal(onlyApp(event({ eventSource: 'q.amazonaws.com', eventName: 'SendMessage' })), false, 'Q Developer has no application');
    assert.equal(onlyApp(event({ eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole' })), true, 'context events stay');
  });

  it('treats changes to CloudTrail and log deliveries as logging changes, reads not', () => {
    assert.equal(isLoggingChange(event({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', readOnly: false })), true);
    assert.equal(isLoggingChange(event({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'DescribeTrails' })), false);
    assert.equal(isLoggingChange(event({ eventSource: 'logs.amazonaws.com', eventName: 'DeleteDeliverySource', readOnly: false })), true);
    assert.equal(isLoggingChange(event({ eventSource: 'logs.amazonaws.com', eventName: 'CreateLogGroup', readOnly: false })), false);
    assert.equal(isLoggingChange(event({ eventSource: 'iam.amazonaws.com', eventName: 'DeleteRole', readOnly: false })), false);
  });

  it('keeps every CloudWatch Logs change that can remove, shorten, redirect or expose Amazon Q logs, whatever the log group', () => {
    // The tampering analysis decides which of these concern Amazon Q; the timeline keeps them all,
    // so a responder sees the DeleteLogGroup of a group whose name gives no hint.
    const changes: [string, RecordOptions['requestParameters']][] = [
      ['DeleteLogGroup', { logGroupName: '/aws/lambda/billing' }],
      ['DeleteLogStream', { logGroupName: 'app', logStreamName: 's' }],
      ['PutRetentionPolicy', { logGroupName: 'app', retentionInDays: 1 }],
      ['DeleteResourcePolicy', { policyName: 'AWSLogDeliveryWrite20150319' }],
      ['DeleteSubscriptionFilter', { logGroupName: 'app', filterName: 'to-siem' }],
      ['DisassociateKmsKey', { logGroupName: 'app' }],
      ['PutDeliverySource', { name: 's', resourceArn: APP_ARN, logType: 'EVENT_LOGS' }],
      ['PutDeliveryDestination', { name: 'd' }],
      ['CreateDelivery', { deliverySourceName: 's', deliveryDestinationArn: 'arn:aws:logs:us-east-1:444455556666:delivery-destination:d' }],
      ['UpdateDeliveryConfiguration', { id: 'abc', recordFields: ['event_timestamp'] }],
      ['DeleteDeliveryDestinationPolicy', { deliveryDestinationName: 'd' }],
      ['DeleteDelivery', { id: 'abc' }],
    ];
    for (const [eventName, requestParameters] of changes) {
      assert.equal(isLoggingChange(event({ eventSource: 'logs.amazonaws.com', eventName, requestParameters, readOnly: false })), true, eventName);
      assert.equal(LOGS_LOGGING_CHANGES.has(eventName), true, eventName);
    }
    // Everyday writes that cannot hide anything stay out (Lambda creates log streams all day).
    for (const eventName of ['CreateLogStream', 'CreateLogGroup', 'PutLogEvents', 'DeleteRetentionPolicy', 'TagResource', 'DescribeLogGroups']) {
      assert.equal(isLoggingChange(event({ eventSource: 'logs.amazonaws.com', eventName, requestParameters: { logGroupName: '/aws/vendedlogs/qbusiness/x' } })), false, eventName);
    }
  });
});
