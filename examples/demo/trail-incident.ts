// The incident the demo investigation uncovers (2026-11-23 … 2026-11-27), and the clean-up after it.
//
// Monday an administrator creates the IAM user `contractor-temp` for a contractor, with a policy
// that lets it administer the knowledge assistant. From Tuesday the key is used from an address
// nobody has seen (192.0.2.66) with boto3: it maps the application, runs into a burst of
// AccessDenied trying IAM and STS, creates a custom plugin pointing outside the company and
// chats through it (plugin actions run), plants documents in the index and deletes the security
// runbooks, widens the chat controls (answers beyond company content, blocked phrases removed),
// removes Q Business data events from the account's own trail (the organization trail still
// records them, which is why this trail shows everything), tries to stop the organization trail
// (denied by an SCP), deletes the delivery that archived Q Business conversation logs to S3 and
// deletes a pilot web experience. The same week a developer lets Q Developer look at EC2 and S3
// for them, which Q had never done before. Sunday the security team removes the plugin, restores
// the chat controls and the trail's selectors and deletes the user; that is what the scan demo
// (collected 2026-11-30) shows.
import {
  ACCOUNT, APP_ARN, APP_ID, APP_REGION, INDEX_ARN, INDEX_ID, at, iamUser, iamUserKey, roleSession, uuid, type RawRecord, type RecordSpec, type TrailRecorder,
} from './trail-records.js';
import { BROWSERS, DEVELOPER, INGESTION_USER, IPS, SECURITY_ADMIN } from './trail-normal.js';

export const CONTRACTOR = 'contractor-temp';
export const CONTRACTOR_ARN = `arn:aws:iam::${ACCOUNT}:user/${CONTRACTOR}`;
export const CONTRACTOR_IP = '192.0.2.66';
export const CONTRACTOR_AGENT = 'Boto3/1.35.54 md/Botocore#1.35.54 ua/2.0 os/linux#6.8.0-48-generic md/arch#x86_64 lang/python#3.12.3 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.35.54';

/** The custom plugin the contractor creates (removed by the responders before the scan demo's snapshot). */
export const CONTRACTOR_PLUGIN_ID = 'e5f6a7b8-prod-0000-0000-0000000000d9';
/** A pilot web experience the contractor deletes (so the scan demo's snapshot no longer has it). */
export const DELETED_WEB_EXPERIENCE_ID = 'f6a7b8c9-prod-0000-0000-0000000000e3';
/** The vended log delivery that archived conversation logs to S3 (the snapshot keeps only the CloudWatch Logs one). */
export const DELETED_DELIVERY_ID = 'QrStUv9876543210';
/** The account's own trail for Q Business conversations; the organization trail records the same data events. */
export const ACCOUNT_TRAIL_ARN = `arn:aws:cloudtrail:${APP_REGION}:${ACCOUNT}:trail/qbusiness-conversation-audit`;
export const ORGANIZATION_TRAIL_ARN = 'arn:aws:cloudtrail:us-east-1:555566667777:trail/org-audit-trail';

const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';
const appResource = { ARN: APP_ARN, type: 'AWS::QBusiness::Application' };
const indexResource = { ARN: INDEX_ARN, type: 'AWS::QBusiness::Index' };
const pluginArn = `${APP_ARN}/plugin/${CONTRACTOR_PLUGIN_ID}`;

/** CloudTrail names the trail a call acted on in `resources`. */
const trailResource = (arn: string): { ARN: string; type: string }[] => [{ ARN: arn, type: 'AWS::CloudTrail::Trail' }];

const MANAGEMENT_EVENTS = { name: 'Management events', fieldSelectors: [{ field: 'eventCategory', equals: ['Management'] }] };
const Q_BUSINESS_DATA_EVENTS = {
  name: 'Q Business conversations and documents',
  fieldSelectors: [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::QBusiness::Application'] }],
};

type Call = Pick<RecordSpec, 'name' | 'source' | 'region'> & Partial<RecordSpec>;

/** The contractor's calls: one IAM user, one address, one client. */
function contractor(rec: TrailRecorder, day: string, start: string): (seconds: number, call: Call) => RawRecord {
  return (seconds, call) => rec.add({ time: at(day, start, seconds), identity: iamUser(CONTRACTOR), ip: CONTRACTOR_IP, userAgent: CONTRACTOR_AGENT, ...call });
}

/** A refusal as IAM words it (`explicit` names the SCP that denied the call). */
function denied(action: string, resource: string, code = 'AccessDenied', explicit = false): { code: string; message: string } {
  const why = explicit ? 'with an explicit deny in a service control policy' : `because no identity-based policy allows the ${action} action`;
  return { code, message: `User: ${CONTRACTOR_ARN} is not authorized to perform: ${action} on resource: ${resource} ${why}` };
}

const qb = (name: string, request: RawRecord, extra: Partial<RecordSpec> = {}): Call => ({ source: 'qbusiness.amazonaws.com', region: APP_REGION, name, request, ...extra });
const iam = (name: string, request: RawRecord, extra: Partial<RecordSpec> = {}): Call => ({ source: 'iam.amazonaws.com', region: 'us-east-1', name, request, ...extra });

/** Monday: an administrator creates the contractor's user and key in the console. */
function userCreated(rec: TrailRecorder): void {
  const day = '2026-11-23';
  const admin = roleSession('AWSReservedSSO_AdministratorAccess_5e0f1a2b3c4d5e6f', 'daniel.roth@example.com', { path: '/aws-reserved/sso.amazonaws.com/', createdAt: at(day, '16:35:00'), mfa: true });
  const base = { identity: admin, ip: IPS.office, userAgent: BROWSERS.chromeWindows, console: true, source: 'iam.amazonaws.com', region: 'us-east-1' };
  rec.add({
    ...base, time: at(day, '16:41:12'), name: 'CreateUser', request: { userName: CONTRACTOR, tags: [{ key: 'ticket', value: 'CHG-20417' }] },
    response: { user: { path: '/', userName: CONTRACTOR, userId: (iamUser(CONTRACTOR).principalId as string), arn: CONTRACTOR_ARN, createDate: 'Nov 23, 2026, 4:41:12 PM', tags: [{ key: 'ticket', value: 'CHG-20417' }] } },
  });
  rec.add({ ...base, time: at(day, '16:41:40'), name: 'AttachUserPolicy', request: { userName: CONTRACTOR, policyArn: `arn:aws:iam::${ACCOUNT}:policy/QBusinessContractorAccess` } });
  rec.add({
    ...base, time: at(day, '16:42:03'), name: 'CreateAccessKey', request: { userName: CONTRACTOR },
    response: { accessKey: { userName: CONTRACTOR, accessKeyId: iamUserKey(CONTRACTOR), status: 'Active', createDate: 'Nov 23, 2026, 4:42:03 PM' } },
  });
}

/** Tuesday afternoon: reconnaissance, a burst of refusals, then the custom plugin and the first chats through it. */
function reconnaissanceAndPlugin(rec: TrailRecorder): void {
  const day = '2026-11-24';
  const call = contractor(rec, day, '14:02:05');
  call(0, { source: 'sts.amazonaws.com', region: 'us-east-1', name: 'GetCallerIdentity', request: null });
  // The first region the client tried has no application; the second has the knowledge assistant.
  call(4, qb('ListApplications', { maxResults: 50 }, { region: 'us-east-1' }));
  call(7, qb('ListApplications', { maxResults: 50 }));
  call(10, qb('GetApplication', { applicationId: APP_ID }));
  call(14, qb('ListIndices', { applicationId: APP_ID }));
  call(17, qb('ListDataSources', { applicationId: APP_ID, indexId: INDEX_ID }));
  call(21, qb('ListRetrievers', { applicationId: APP_ID }));
  call(25, qb('ListPlugins', { applicationId: APP_ID }));
  call(28, qb('ListWebExperiences', { applicationId: APP_ID }));
  call(32, qb('GetChatControlsConfiguration', { applicationId: APP_ID }));
  // What the contractor's policy does not allow: 13 refusals within 94 seconds.
  const refused: [number, Call, string, string][] = [
    [36, qb('ListDataAccessors', { applicationId: APP_ID }), 'qbusiness:ListDataAccessors', APP_ARN],
    [39, qb('GetPolicy', { applicationId: APP_ID }), 'qbusiness:GetPolicy', APP_ARN],
    [43, qb('ListSubscriptions', { applicationId: APP_ID }), 'qbusiness:ListSubscriptions', APP_ARN],
    [50, iam('ListUsers', { maxItems: 100 }), 'iam:ListUsers', `arn:aws:iam::${ACCOUNT}:user/`],
    [56, iam('ListRoles', { maxItems: 100 }), 'iam:ListRoles', `arn:aws:iam::${ACCOUNT}:role/`],
    [63, iam('ListPolicies', { scope: 'Local', onlyAttached: false }), 'iam:ListPolicies', `arn:aws:iam::${ACCOUNT}:policy/`],
    [70, iam('GetAccountAuthorizationDetails', { filter: ['User', 'Role', 'LocalManagedPolicy'] }), 'iam:GetAccountAuthorizationDetails', '*'],
    [85, iam('GetUser', { userName: INGESTION_USER }), 'iam:GetUser', `arn:aws:iam::${ACCOUNT}:user/${INGESTION_USER}`],
    [93, iam('CreateAccessKey', { userName: INGESTION_USER }), 'iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/${INGESTION_USER}`],
    [102, iam('AttachUserPolicy', { userName: CONTRACTOR, policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }), 'iam:AttachUserPolicy', CONTRACTOR_ARN],
    [110, iam('PutUserPolicy', { userName: CONTRACTOR, policyName: 'tmp', policyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' }), 'iam:PutUserPolicy', CONTRACTOR_ARN],
    [121, { source: 'sts.amazonaws.com', region: 'us-east-1', name: 'AssumeRole', readOnly: true, request: { roleArn: `arn:aws:iam::${ACCOUNT}:role/${SECURITY_ADMIN.role}`, roleSessionName: 'audit' } }, 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/${SECURITY_ADMIN.role}`],
    [130, { source: 'sts.amazonaws.com', region: 'us-east-1', name: 'AssumeRole', readOnly: true, request: { roleArn: `arn:aws:iam::${ACCOUNT}:role/break-glass`, roleSessionName: 'audit' } }, 'sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/break-glass`],
  ];
  for (const [s, c, action, resource] of refused) {
    const code = c.source === 'qbusiness.amazonaws.com' ? 'AccessDeniedException' : 'AccessDenied';
    call(s, { ...c, error: denied(action, resource, code) });
  }
  call(143, iam('ListAttachedUserPolicies', { userName: CONTRACTOR }));
  call(150, { source: 'cloudtrail.amazonaws.com', region: 'us-east-1', name: 'DescribeTrails', request: { includeShadowTrails: true } });
  call(158, { source: 'cloudtrail.amazonaws.com', region: APP_REGION, name: 'GetEventSelectors', request: { trailName: ACCOUNT_TRAIL_ARN } });
  call(166, { source: 'logs.amazonaws.com', region: APP_REGION, name: 'DescribeDeliveries', request: { limit: 50 } });

  const later = contractor(rec, day, '14:21:10');
  later(0, qb('CreatePlugin', {
    applicationId: APP_ID, displayName: 'doc-sync-helper', type: 'CUSTOM', serverUrl: 'https://api.doc-sync-helper.example.net',
    authConfiguration: { noAuthConfiguration: {} },
    customPluginConfiguration: { description: 'Syncs answers to the team workspace', apiSchemaType: 'OPEN_API_V3', apiSchema: { payload: HIDDEN } },
    clientToken: uuid('create-plugin'),
  }, { response: { pluginId: CONTRACTOR_PLUGIN_ID, pluginArn, buildStatus: 'CREATE_IN_PROGRESS' } }));
  later(34, qb('GetPlugin', { applicationId: APP_ID, pluginId: CONTRACTOR_PLUGIN_ID }));
  pluginChat(rec, day, '14:23:02', 'conversation-1', 2);
}

/**
 * A conversation in plugin mode (ChatSyncInput.chatMode PLUGIN_MODE with the plugin's id): the
 * first message starts the conversation, Q proposes the plugin's action (actionReview), and the
 * next call runs it (actionExecution).
 */
function pluginChat(rec: TrailRecorder, day: string, start: string, seed: string, actions: number): void {
  const call = contractor(rec, day, start);
  const conversationId = uuid(`contractor:${seed}`);
  const data = { data: true, readOnly: false, resources: [appResource] };
  const pluginMode = { chatMode: 'PLUGIN_MODE', chatModeConfiguration: { pluginConfiguration: { pluginId: CONTRACTOR_PLUGIN_ID } } };
  let parent: string | null = null;
  for (let i = 0; i < actions; i++) {
    const t = i * 190;
    const messageId = uuid(`contractor:${seed}:${i}:user`);
    const systemId = uuid(`contractor:${seed}:${i}:system`);
    call(t, qb('ChatSync', {
      applicationId: APP_ID, userMessage: HIDDEN, ...pluginMode, clientToken: uuid(`contractor:${seed}:${i}:token`),
      ...(parent ? { conversationId, parentMessageId: parent } : {}),
    }, { ...data, response: { conversationId, userMessageId: messageId, systemMessageId: systemId, systemMessage: HIDDEN, actionReview: { pluginId: CONTRACTOR_PLUGIN_ID, pluginType: 'CUSTOM', payload: HIDDEN, payloadFieldNameSeparator: '.' } } }));
    call(t + 38, qb('ChatSync', {
      applicationId: APP_ID, conversationId, parentMessageId: systemId, clientToken: uuid(`contractor:${seed}:${i}:run`),
      actionExecution: { pluginId: CONTRACTOR_PLUGIN_ID, payload: HIDDEN, payloadFieldNameSeparator: '.' },
    }, { ...data, response: { conversationId, userMessageId: uuid(`contractor:${seed}:${i}:run:user`), systemMessageId: uuid(`contractor:${seed}:${i}:run:system`), systemMessage: HIDDEN } }));
    parent = uuid(`contractor:${seed}:${i}:run:system`);
  }
}

/** Wednesday: documents planted and removed, and the chat controls opened up. */
function documentsAndGuardrails(rec: TrailRecorder): void {
  const day = '2026-11-25';
  const call = contractor(rec, day, '10:12:03');
  const data = { data: true, resources: [appResource, indexResource] };
  call(0, qb('ListDocuments', { applicationId: APP_ID, indexId: INDEX_ID, maxResults: 100 }, data));
  const planted = ['it/password-reset-procedure.pdf', 'it/vpn-access-for-external-staff.pdf', 'finance/supplier-bank-details-update.pdf'];
  call(147, qb('BatchPutDocument', {
    applicationId: APP_ID, indexId: INDEX_ID,
    documents: planted.map((id) => ({ id, title: id.split('/')[1].replace(/\.pdf$/, '').replace(/-/g, ' '), contentType: 'PDF', content: { blob: HIDDEN } })),
  }, { ...data, readOnly: false, response: { failedDocuments: [] } }));
  const removed = [`s3://prod-policies-${ACCOUNT}/security/incident-response-runbook.pdf`, `s3://prod-policies-${ACCOUNT}/security/acceptable-use-policy.pdf`];
  call(239, qb('BatchDeleteDocument', { applicationId: APP_ID, indexId: INDEX_ID, documents: removed.map((documentId) => ({ documentId })) }, { ...data, readOnly: false, response: { failedDocuments: [] } }));
  call(1181, qb('GetChatControlsConfiguration', { applicationId: APP_ID }));
  call(1207, qb('UpdateChatControlsConfiguration', {
    applicationId: APP_ID, clientToken: uuid('chat-controls'), responseScope: 'EXTENDED_KNOWLEDGE_ENABLED',
    blockedPhrasesConfigurationUpdate: { blockedPhrasesToDelete: ['salary of', 'acquisition target'] },
  }, { readOnly: false }));
  pluginChat(rec, day, '10:40:00', 'conversation-2', 1);
}

/** Thursday early: logging attacked (selectors, the organization trail, the log delivery), a web experience deleted. */
function loggingAndWebExperience(rec: TrailRecorder): void {
  const day = '2026-11-26';
  const call = contractor(rec, day, '07:58:12');
  call(0, { source: 'cloudtrail.amazonaws.com', region: APP_REGION, name: 'GetEventSelectors', request: { trailName: ACCOUNT_TRAIL_ARN } });
  call(28, {
    source: 'cloudtrail.amazonaws.com', region: APP_REGION, name: 'PutEventSelectors', readOnly: false,
    request: { trailName: ACCOUNT_TRAIL_ARN, advancedEventSelectors: [MANAGEMENT_EVENTS] }, resources: trailResource(ACCOUNT_TRAIL_ARN),
    response: { trailARN: ACCOUNT_TRAIL_ARN, advancedEventSelectors: [MANAGEMENT_EVENTS] },
  });
  call(79, {
    source: 'cloudtrail.amazonaws.com', region: 'us-east-1', name: 'StopLogging', readOnly: false, request: { name: ORGANIZATION_TRAIL_ARN }, resources: trailResource(ORGANIZATION_TRAIL_ARN),
    error: denied('cloudtrail:StopLogging', ORGANIZATION_TRAIL_ARN, 'AccessDenied', true),
  });
  call(173, { source: 'logs.amazonaws.com', region: APP_REGION, name: 'DescribeDeliveries', request: { limit: 50 } });
  call(198, { source: 'logs.amazonaws.com', region: APP_REGION, name: 'DeleteDelivery', readOnly: false, request: { id: DELETED_DELIVERY_ID } });
  call(420, qb('GetWebExperience', { applicationId: APP_ID, webExperienceId: DELETED_WEB_EXPERIENCE_ID }));
  call(448, qb('DeleteWebExperience', { applicationId: APP_ID, webExperienceId: DELETED_WEB_EXPERIENCE_ID }, { readOnly: false }));
  pluginChat(rec, day, '08:21:30', 'conversation-3', 2);
  pluginChat(rec, '2026-11-27', '13:05:44', 'conversation-4', 1);
}

/** Thursday afternoon: the developer lets Q Developer look at EC2 and S3 (Q had only ever read CloudWatch for them). */
function qActsForDeveloper(rec: TrailRecorder): void {
  const day = '2026-11-26';
  const start = '15:10:05';
  const createdAt = at(day, start, -300);
  const identity = roleSession(DEVELOPER.role, DEVELOPER.session, { path: DEVELOPER.path, createdAt });
  const byQ = roleSession(DEVELOPER.role, DEVELOPER.session, { path: DEVELOPER.path, createdAt, invokedBy: 'q.amazonaws.com' });
  const base = { source: 'q.amazonaws.com', region: 'us-east-1', identity, ip: IPS.office, userAgent: BROWSERS.firefoxLinux, console: true };
  const conversationId = uuid('q-acts-conversation');
  rec.add({ ...base, time: at(day, start), name: 'StartConversation', request: { source: 'CONSOLE' }, response: { conversationId, conversationToken: '***', conversationExpirationTime: at(day, start, 86_400) } });
  const message = (s: number): void =>
    void rec.add({
      ...base, time: at(day, start, s), name: 'SendMessage',
      request: { source: 'CONSOLE', conversationId, conversationToken: '***', utterance: '***', context: { console: { region: 'us-east-1' } } },
      response: { conversationId, conversationToken: '***', result: { content: { text: { body: '***' } } }, metadata: { conversationExpirationTime: at(day, start, 86_400) } },
    });
  const byQCall = (s: number, source: string, name: string, request: RawRecord): void =>
    void rec.add({ time: at(day, start, s), source, name, region: 'us-east-1', identity: byQ, ip: 'q.amazonaws.com', userAgent: 'q.amazonaws.com', request });
  message(9);
  rec.add({ ...base, time: at(day, start, 15), name: 'PassRequest', readOnly: false });
  byQCall(16, 'ec2.amazonaws.com', 'DescribeInstances', { instancesSet: {}, filterSet: { items: [{ name: 'instance-state-name', valueSet: { items: [{ value: 'running' }] } }] } });
  message(48);
  rec.add({ ...base, time: at(day, start, 55), name: 'PassRequest', readOnly: false });
  byQCall(56, 's3.amazonaws.com', 'ListBuckets', { Host: 's3.us-east-1.amazonaws.com' });
}

/** Sunday: the responders undo what they can and delete the user (after the investigation window). */
function remediation(rec: TrailRecorder): void {
  const day = '2026-11-29';
  const start = '09:10:00';
  const identity = roleSession(SECURITY_ADMIN.role, SECURITY_ADMIN.session, { createdAt: at(day, start, -300), mfa: true });
  const add = (s: number, call: Call): void => void rec.add({ time: at(day, start, s), identity, ip: IPS.office, userAgent: BROWSERS.safariMac, console: true, ...call });
  add(0, iam('ListAccessKeys', { userName: CONTRACTOR }));
  add(31, iam('UpdateAccessKey', { userName: CONTRACTOR, accessKeyId: iamUserKey(CONTRACTOR), status: 'Inactive' }));
  add(240, qb('DeletePlugin', { applicationId: APP_ID, pluginId: CONTRACTOR_PLUGIN_ID }, { readOnly: false }));
  add(330, qb('UpdateChatControlsConfiguration', {
    applicationId: APP_ID, clientToken: uuid('chat-controls-restored'), responseScope: 'ENTERPRISE_CONTENT_ONLY',
    blockedPhrasesConfigurationUpdate: { blockedPhrasesToCreateOrUpdate: ['salary of', 'acquisition target'] },
  }, { readOnly: false }));
  add(420, {
    source: 'cloudtrail.amazonaws.com', region: APP_REGION, name: 'PutEventSelectors', readOnly: false,
    request: { trailName: ACCOUNT_TRAIL_ARN, advancedEventSelectors: [MANAGEMENT_EVENTS, Q_BUSINESS_DATA_EVENTS] }, resources: trailResource(ACCOUNT_TRAIL_ARN),
    response: { trailARN: ACCOUNT_TRAIL_ARN, advancedEventSelectors: [MANAGEMENT_EVENTS, Q_BUSINESS_DATA_EVENTS] },
  });
  add(600, iam('DetachUserPolicy', { userName: CONTRACTOR, policyArn: `arn:aws:iam::${ACCOUNT}:policy/QBusinessContractorAccess` }));
  add(615, iam('DeleteAccessKey', { userName: CONTRACTOR, accessKeyId: iamUserKey(CONTRACTOR) }));
  add(630, iam('DeleteUser', { userName: CONTRACTOR }));
}

export function incident(rec: TrailRecorder): void {
  userCreated(rec);
  reconnaissanceAndPlugin(rec);
  documentsAndGuardrails(rec);
  loggingAndWebExperience(rec);
  qActsForDeveloper(rec);
  remediation(rec);
}
