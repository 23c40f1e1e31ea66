import assert from 'node:assert/strict';
import { loadEventCatalogue } from '../../runner/investigate/catalogue.js';
import { isTrailRecord, normaliseRecord } from '../../runner/investigate/normalise.js';
import { ACCOUNT, APP_ARN, APP_ID, assumedRole, iamUser, identityCenterUser, invokedByQ, qbusinessDataEvent, record } from './records.js';

const catalogue = loadEventCatalogue();
const normalise = (raw: unknown) => normaliseRecord(raw, catalogue);

describe('normaliseRecord', () => {
  it('keeps an Amazon Q data event with its principal, application and request', () => {
    const e = normalise(qbusinessDataEvent('ChatSync', { userIdentity: assumedRole('QUsers', 'dana@example.com'), eventTime: '2026-11-25T10:15:30Z' }));
    assert.ok(e);
    assert.equal(e.scope, 'q');
    assert.equal(e.eventCategory, 'Data');
    assert.equal(e.time, Date.parse('2026-11-25T10:15:30Z'));
    assert.equal(e.applicationId, APP_ID);
    assert.equal(e.accountId, ACCOUNT);
    assert.equal(e.principal.type, 'AssumedRole');
    assert.equal(e.principal.key, `arn:aws:sts::${ACCOUNT}:assumed-role/QUsers/dana@example.com`);
    assert.equal(e.principal.name, 'QUsers/dana@example.com');
    assert.equal(e.principal.sessionIssuerArn, `arn:aws:iam::${ACCOUNT}:role/QUsers`);
    assert.deepEqual(e.resources, [{ arn: APP_ARN, type: 'AWS::QBusiness::Application' }]);
  });

  it('finds the application in the resource ARN or the Create response when the request has none', () => {
    const fromArn = normalise(record({ eventName: 'ListMessages', eventCategory: 'Data', requestParameters: {}, resources: [{ ARN: `${APP_ARN}/index/i-1` }] }));
    assert.equal(fromArn?.applicationId, APP_ID);
    const created = normalise(record({ eventName: 'CreateApplication', requestParameters: { displayName: 'hr-bot' }, responseElements: { applicationId: 'new-app', applicationArn: 'arn:aws:qbusiness:us-east-1:111122223333:application/new-app' } }));
    assert.equal(created?.applicationId, 'new-app');
  });

  it('keys Identity Center users by the user they act for, IAM users by ARN, services by name', () => {
    const ide = normalise(record({ eventSource: 'codewhisperer.amazonaws.com', eventName: 'GenerateCompletions', userIdentity: identityCenterUser('u-1') }));
    assert.equal(ide?.principal.key, 'identitycenter:u-1');
    assert.equal(ide?.principal.onBehalfOf, 'u-1');
    const user = normalise(record({ eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', userIdentity: iamUser('eve') }));
    assert.equal(user?.principal.key, `arn:aws:iam::${ACCOUNT}:user/eve`);
    assert.equal(user?.principal.name, 'eve');
    const service = normalise(record({ eventSource: 'sts.amazonaws.com', eventName: 'AssumeRole', userIdentity: { type: 'AWSService', invokedBy: 'qbusiness.amazonaws.com' } }));
    assert.equal(service?.principal.key, 'service:qbusiness.amazonaws.com');
    assert.equal(service?.scope, 'q_invoked');
  });

  it('scopes events: Q sources, related services, calls Q made for a user, and drops the rest', () => {
    assert.equal(normalise(record({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging' }))?.scope, 'related');
    assert.equal(normalise(record({ eventSource: 'logs.amazonaws.com', eventName: 'DeleteDelivery' }))?.scope, 'related');
    const byQ = normalise(record({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances', userIdentity: invokedByQ() }));
    assert.equal(byQ?.scope, 'q_invoked');
    assert.equal(byQ?.invokedBy, 'q.amazonaws.com');
    assert.equal(normalise(record({ eventSource: 's3.amazonaws.com', eventName: 'GetObject', sourceIPAddress: 'q.amazonaws.com' }))?.scope, 'q_invoked');
    assert.equal(normalise(record({ eventSource: 'ec2.amazonaws.com', eventName: 'DescribeInstances' })), null);
  });

  it('keeps errors, read-only and missing optional fields as CloudTrail gives them', () => {
    const denied = normalise(record({ eventName: 'GetApplication', errorCode: 'AccessDenied', requestParameters: { applicationId: APP_ID } }));
    assert.equal(denied?.errorCode, 'AccessDenied');
    assert.equal(denied?.readOnly, true);
    const minimal = normalise({ eventTime: '2026-11-25T10:00:00Z', eventSource: 'q.amazonaws.com', eventName: 'SendMessage' });
    assert.ok(minimal);
    assert.equal(minimal.eventCategory, 'Management');
    assert.equal(minimal.principal.key, 'unknown:unknown');
    assert.equal(minimal.readOnly, null);
    assert.equal(minimal.eventId, '');
  });

  it('rejects records without the three fields every record has, or with an unreadable time', () => {
    assert.equal(isTrailRecord({ eventSource: 'q.amazonaws.com', eventName: 'SendMessage' }), false);
    assert.equal(isTrailRecord([]), false);
    assert.equal(normalise(null), null);
    assert.equal(normalise({ eventTime: 'yesterday', eventSource: 'q.amazonaws.com', eventName: 'SendMessage' }), null);
  });
});
