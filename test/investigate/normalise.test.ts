import assert from 'node:assert/strict';
import { loadEventCatalogue } from '../../runner/investigate/catalogue.js';
import { isQAgentUserAgent, isTrailRecord, MAX_NESTING, normaliseRecord, scopeOf, TOO_DEEP } from '../../runner/investigate/normalise.js';
import {
  ACCOUNT, APP_ARN, APP_ID, assumedRole, deeplyNestedJson, iamUser, identityCenterUser, identityEnhancedSession, invokedByQ, qAgentUserAgent, qbusinessDataEvent, record,
} from './records.js';

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

  it('keys an identity-enhanced role session by the Identity Center user it acts for, keeping its ARN and role', () => {
    const chat = normalise(qbusinessDataEvent('ChatSync', { userIdentity: identityEnhancedSession('u-42', 'QBusinessWebExperienceRole', 'session-1') }));
    const later = normalise(qbusinessDataEvent('Chat', { userIdentity: identityEnhancedSession('u-42', 'QBusinessWebExperienceRole', 'session-2') }));
    assert.ok(chat && later);
    assert.equal(chat.principal.key, 'identitycenter:u-42');
    assert.equal(later.principal.key, chat.principal.key, 'one person across role sessions');
    assert.equal(chat.principal.name, 'Identity Center user u-42');
    assert.equal(chat.principal.type, 'AssumedRole');
    assert.equal(chat.principal.onBehalfOf, 'u-42');
    assert.equal(chat.principal.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/QBusinessWebExperienceRole/session-1`);
    assert.equal(chat.principal.sessionIssuerArn, `arn:aws:iam::${ACCOUNT}:role/QBusinessWebExperienceRole`);
    // A role session without onBehalfOf is still keyed by its ARN.
    assert.equal(normalise(qbusinessDataEvent('Chat', { userIdentity: assumedRole('QUsers', 'dana') }))?.principal.key, `arn:aws:sts::${ACCOUNT}:assumed-role/QUsers/dana`);
  });

  it('scopes AWS calls the Q Developer agent ran from the CLI or the IDE (exec-env marker, no invokedBy) as q_invoked', () => {
    const viaCli = normalise(record({ eventSource: 'ec2.amazonaws.com', eventName: 'TerminateInstances', userIdentity: assumedRole('Developer', 'carol'), userAgent: qAgentUserAgent('CLI') }));
    assert.equal(viaCli?.scope, 'q_invoked');
    assert.equal(viaCli?.invokedBy, null);
    assert.equal(viaCli?.principal.key, `arn:aws:sts::${ACCOUNT}:assumed-role/Developer/carol`);
    // The IDE's marker, and an IAM call (otherwise 'related'): what Q did comes first.
    assert.equal(normalise(record({ eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', userAgent: qAgentUserAgent('IDE') }))?.scope, 'q_invoked');
    for (const userAgent of [
      'aws-cli/2.30.0 Python/3.13.7 Linux/6.6 exec-env/AmazonQ-For-IDE Version/1.94.0 exe/x86_64.ubuntu.24', // unsanitised
      'aws-sdk-js/3.700.0 ua/2.1 os/linux lang/js md/nodejs#20.18.0 exec-env/AmazonQ-For-CLI-Version/1.2.3 api/s3#3.700.0', // JS SDK
      'aws-cli/2.27.0 ua/2.1 os/linux#6.1 exec-env/AWS_ECS_EC2-AmazonQ-For-CLI-Version-1.23.1 md/command#s3.rm', // appended to another environment
      'aws-sdk-rust/1.3.15 ua/2.1 os/macos lang/rust/1.92.0 md/AmazonQ-For-CLI-Version-2.6.1 m/F', // as SDK metadata
      'aws-cli/2.30.0 Python/3.13.7 Linux/6.6 exec-env/CloudShell_AmazonQ-For-CLI-Version-1.16.0', // joined with '_'
    ]) {
      assert.equal(isQAgentUserAgent(userAgent), true, userAgent);
      assert.equal(normalise(record({ eventSource: 's3.amazonaws.com', eventName: 'DeleteObject', userAgent }))?.scope, 'q_invoked', userAgent);
    }
    // Not the agent: the Q CLI's own SDK app id (it signing in), the IDE plugins' names, plain tools.
    for (const userAgent of [
      'aws-sdk-rust/1.3.10 ua/2.1 api/ssooidc/1.88.0 os/linux lang/rust/1.92.0 m/E app/AmazonQ-For-CLI',
      'aws-sdk-js/0.0.1 ua/2.0 os/win32#10.0.22631 lang/js md/nodejs#18.15.0 AmazonQ-For-VSCode/1.23.0',
      'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2',
      'aws-cli/2.15.0 exec-env/CloudShellAmazonQ-For-CLI-Version-1.16.0', // glued to a word: another token
      '',
    ]) {
      assert.equal(isQAgentUserAgent(userAgent), false, userAgent);
      assert.equal(normalise(record({ eventSource: 's3.amazonaws.com', eventName: 'DeleteObject', userAgent })), null, userAgent);
    }
    assert.equal(scopeOf('s3.amazonaws.com', {}, '203.0.113.10', undefined, catalogue), null);
    assert.equal(scopeOf('s3.amazonaws.com', {}, '203.0.113.10', qAgentUserAgent('CLI'), catalogue), 'q_invoked');
  });

  it('keeps a record nested thousands of levels deep, cut where no real record reaches', () => {
    const deep = normalise(qbusinessDataEvent('ChatSync', { requestParameters: { applicationId: APP_ID, attributeFilter: JSON.parse(deeplyNestedJson(20_000)) as Record<string, unknown> } }));
    assert.ok(deep);
    assert.equal(deep.applicationId, APP_ID);
    // What crosses threads and goes to the spool must copy and serialise without overflowing the stack.
    assert.doesNotThrow(() => structuredClone(deep));
    assert.doesNotThrow(() => JSON.stringify(deep));
    let level: unknown = deep.requestParameters?.attributeFilter;
    let depth = 1;
    while (typeof level === 'object' && level !== null) {
      level = (level as Record<string, unknown>).a;
      depth++;
    }
    assert.equal(level, TOO_DEEP);
    assert.equal(depth, MAX_NESTING);
    // Usual records are kept as they are, `__proto__` keys of cut ones as keys.
    const request = { applicationId: APP_ID, attributeFilter: { andAllFilters: [{ equalsTo: { name: 'dept', value: { stringValue: 'hr' } } }] } };
    assert.deepEqual(normalise(qbusinessDataEvent('Chat', { requestParameters: request }))?.requestParameters, request);
    const sneaky = JSON.parse(`{"__proto__": {"polluted": true}, "deep": ${deeplyNestedJson(MAX_NESTING + 5)}}`) as Record<string, unknown>;
    const cut = normalise(qbusinessDataEvent('Chat', { requestParameters: sneaky }))?.requestParameters;
    assert.deepEqual(Object.keys(cut ?? {}), ['__proto__', 'deep']);
    assert.equal((cut as { polluted?: unknown }).polluted, undefined);
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
