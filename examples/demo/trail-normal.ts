// Normal life in the production account, the same in the baseline and the investigation window:
// employees chatting with the knowledge assistant through its web experience, the nightly
// document ingestion, the security team's Monday review, a developer chatting with Q Developer
// in the console (and Q reading CloudWatch for them), Q Developer in two IDEs, and the account's
// everyday noise (backups, monitoring, AWS Config). Whatever the window shows of this is also in
// the baseline, so the unknown-activity answer stays quiet about it.
import {
  ACCOUNT, APP_ARN, APP_ID, APP_REGION, INDEX_ARN, INDEX_ID, at, iamUser, identityCenterUser, isWorkday, pick, roleSession, uuid, weekday, type RecordSpec, type TrailRecorder,
} from './trail-records.js';

export const BROWSERS = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  firefoxLinux: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
};

/** Where people and machines call from (documentation address ranges). */
export const IPS = {
  /** The VPN concentrator: employees using the web experience. */
  vpn: '198.51.100.7',
  /** Office egress: the console and the IDEs. */
  office: '203.0.113.10',
  /** A developer working from home over IPv6. */
  homeIpv6: '2001:db8:4a1c::17',
  /** The NAT gateway of the ingestion pipeline. */
  ingestion: '198.51.100.23',
  monitoring: '198.51.100.61',
  backup: '198.51.100.90',
};

/** The employees who chat with the knowledge assistant (QBusinessUsers sessions, one per person and day). */
const CHAT_USERS = [
  { email: 'anna.koch@example.com', idc: '34a8b4c2-1011-70e5-8f3a-5b6c7d8e9f01', browser: BROWSERS.chromeWindows },
  { email: 'ben.meyer@example.com', idc: '34a8b4c2-1011-70e5-8f3a-5b6c7d8e9f02', browser: BROWSERS.edgeWindows },
  { email: 'maria.schmidt@example.com', idc: '34a8b4c2-1011-70e5-8f3a-5b6c7d8e9f03', browser: BROWSERS.safariMac },
  { email: 'tom.wagner@example.com', idc: '34a8b4c2-1011-70e5-8f3a-5b6c7d8e9f04', browser: BROWSERS.chromeWindows },
  { email: 'sara.wolf@example.com', idc: '34a8b4c2-1011-70e5-8f3a-5b6c7d8e9f05', browser: BROWSERS.firefoxLinux },
];

export const INGESTION_USER = 'svc-q-ingest';
const INGESTION_AGENT = 'aws-sdk-js/3.687.0 ua/2.1 os/linux#5.10.227-219.884.amzn2.x86_64 lang/js md/nodejs#20.18.0 api/qbusiness#3.687.0 m/E,N';

/** The security team's role, as the allowlist example names it; the responders use it too. */
export const SECURITY_ADMIN = { role: 'SecurityAdmin', session: 'jonas.weber@example.com' };

/** The developer who chats with Q Developer in the console (an SSO permission set). */
export const DEVELOPER = { role: 'AWSReservedSSO_DeveloperAccess_3f1e2d4c5b6a7980', path: '/aws-reserved/sso.amazonaws.com/', session: 'felix.braun@example.com' };

/** Q Developer Pro in the IDE: the profile and its two users. */
export const Q_DEVELOPER_PROFILE_ARN = `arn:aws:codewhisperer:us-east-1:${ACCOUNT}:profile/PQRS7T8U9VWX`;
const IDE_USERS = {
  vscode: {
    idc: '94482488-3041-7026-18f3-be45837cd0e4',
    runtime: 'aws-sdk-js/3.687.0 ua/2.1 os/win32#10.0.22631 lang/js md/nodejs#20.18.0 api/codewhispererruntime#1.0.0 m/E AmazonQ-For-VSCode/1.38.0',
    streaming: 'aws-sdk-js/3.687.0 ua/2.1 os/win32#10.0.22631 lang/js md/nodejs#20.18.0 api/codewhispererstreaming#1.0.0 m/E AmazonQ-For-VSCode/1.38.0',
  },
  jetbrains: {
    idc: 'c4f8e2a1-6071-70d5-9e1b-3a2f5c6d7e80',
    runtime: 'aws-sdk-java/2.29.6 Mac_OS_X/15.1.1 OpenJDK_64-Bit_Server_VM/21.0.5+8-b631.28 Java/21.0.5 vendor/JetBrains_s.r.o. io/sync http/Apache cfg/retry-mode/standard Amazon-Q-For-JetBrains/3.44 IntelliJ-IDEA/2024.3',
  },
};

const HIDDEN = 'HIDDEN_DUE_TO_SECURITY_REASONS';
const appResource = { ARN: APP_ARN, type: 'AWS::QBusiness::Application' };
const indexResource = { ARN: INDEX_ARN, type: 'AWS::QBusiness::Index' };

/** Session start (sessionContext.attributes.creationDate): a few minutes before the first call. */
const sessionStart = (day: string, hms: string): string => at(day, hms, -300);

// ---- Q Business ------------------------------------------------------------------------------

/** Two employees a workday open the web experience: list their conversations, chat, sometimes rate an answer. */
function employeesChat(rec: TrailRecorder, day: string, dayIndex: number): void {
  if (!isWorkday(day)) return;
  for (let k = 0; k < 2; k++) {
    const user = CHAT_USERS[(dayIndex * 2 + k) % CHAT_USERS.length];
    const seed = `${day}:${user.email}`;
    const start = `${String(8 + pick(seed, 8)).padStart(2, '0')}:${String(pick(`${seed}:m`, 60)).padStart(2, '0')}:${String(pick(`${seed}:s`, 60)).padStart(2, '0')}`;
    const identity = roleSession('QBusinessUsers', user.email, { createdAt: sessionStart(day, start), onBehalfOf: user.idc });
    const base = { source: 'qbusiness.amazonaws.com', region: APP_REGION, identity, ip: IPS.vpn, userAgent: user.browser, data: true, resources: [appResource] };
    const conversationId = uuid(`conversation:${seed}`);
    const add = (seconds: number, s: Pick<RecordSpec, 'name'> & Partial<RecordSpec>): void => void rec.add({ ...base, time: at(day, start, seconds), ...s });
    if (pick(`${seed}:list`, 2) === 0) add(0, { name: 'ListConversations', request: { applicationId: APP_ID, maxResults: 20 } });
    // Chat streams its answer: CloudTrail logs the request only, without the conversation's new id.
    add(14, { name: 'Chat', request: { applicationId: APP_ID, clientToken: uuid(`token:${seed}:1`) } });
    add(95 + pick(`${seed}:f`, 60), { name: 'Chat', request: { applicationId: APP_ID, conversationId, parentMessageId: uuid(`message:${seed}:1`), clientToken: uuid(`token:${seed}:2`) } });
    if (pick(`${seed}:feedback`, 3) === 0) {
      add(180, {
        name: 'PutFeedback', readOnly: false,
        request: { applicationId: APP_ID, conversationId, messageId: uuid(`message:${seed}:2`), messageUsefulness: { usefulness: 'USEFUL', submittedAt: at(day, start, 180) } },
      });
    }
    if (pick(`${seed}:history`, 2) === 0) add(240, { name: 'ListMessages', request: { applicationId: APP_ID, conversationId, maxResults: 50 } });
  }
}

/** Each night after a workday the pipeline pushes the documents that changed into the index. */
function nightlyIngestion(rec: TrailRecorder, day: string): void {
  if (weekday(day) < 2) return;
  const seed = `ingest:${day}`;
  const count = 1 + pick(seed, 3);
  const folders = ['hr', 'it', 'finance', 'security', 'facilities'];
  const bucket = `prod-policies-${ACCOUNT}`;
  const documents = Array.from({ length: count }, (_, i) => {
    const folder = folders[pick(`${seed}:${i}`, folders.length)];
    const key = `${folder}/${folder}-policy-${String(1 + pick(`${seed}:${i}:n`, 40)).padStart(3, '0')}.pdf`;
    return { id: `s3://${bucket}/${key}`, contentType: 'PDF', content: { s3: { bucket, key } } };
  });
  rec.add({
    time: at(day, '02:14:07', pick(seed, 300)), source: 'qbusiness.amazonaws.com', name: 'BatchPutDocument', region: APP_REGION,
    identity: iamUser(INGESTION_USER), ip: IPS.ingestion, userAgent: INGESTION_AGENT, data: true, readOnly: false,
    request: { applicationId: APP_ID, indexId: INDEX_ID, documents, roleArn: `arn:aws:iam::${ACCOUNT}:role/service-role/QBusinessS3DataSourceRole` },
    response: { failedDocuments: [] },
    resources: [appResource, indexResource],
  });
}

/** Mondays: the security team reviews the application's settings in the console. */
function securityReview(rec: TrailRecorder, day: string): void {
  if (weekday(day) !== 1) return;
  const start = '09:32:10';
  const identity = roleSession(SECURITY_ADMIN.role, SECURITY_ADMIN.session, { createdAt: sessionStart(day, start), mfa: true });
  const base = { identity, ip: IPS.office, userAgent: BROWSERS.safariMac, console: true };
  const q = (seconds: number, name: string, request: Record<string, unknown>): void =>
    void rec.add({ ...base, time: at(day, start, seconds), source: 'qbusiness.amazonaws.com', region: APP_REGION, name, request });
  q(0, 'ListApplications', { maxResults: 100 });
  q(6, 'GetApplication', { applicationId: APP_ID });
  q(41, 'GetChatControlsConfiguration', { applicationId: APP_ID });
  q(70, 'ListPlugins', { applicationId: APP_ID });
  q(88, 'ListWebExperiences', { applicationId: APP_ID });
  q(103, 'ListDataAccessors', { applicationId: APP_ID });
  q(117, 'GetPolicy', { applicationId: APP_ID });
  const trail = `arn:aws:cloudtrail:us-east-1:555566667777:trail/org-audit-trail`;
  rec.add({ ...base, time: at(day, start, 160), source: 'cloudtrail.amazonaws.com', region: 'us-east-1', name: 'DescribeTrails', request: { includeShadowTrails: true } });
  rec.add({ ...base, time: at(day, start, 166), source: 'cloudtrail.amazonaws.com', region: 'us-east-1', name: 'GetTrailStatus', request: { name: trail } });
}

// ---- Q Developer -----------------------------------------------------------------------------

/** Tuesday to Thursday the developer asks Q Developer in the console; on Wednesdays Q also reads CloudWatch for them. */
function consoleChat(rec: TrailRecorder, day: string): void {
  const wd = weekday(day);
  if (wd < 2 || wd > 4) return;
  const start = `11:${String(5 + pick(`q:${day}`, 40)).padStart(2, '0')}:21`;
  const identity = roleSession(DEVELOPER.role, DEVELOPER.session, { path: DEVELOPER.path, createdAt: sessionStart(day, start) });
  const conversationId = uuid(`q-conversation:${day}`);
  const base = { source: 'q.amazonaws.com', region: 'us-east-1', identity, ip: IPS.office, userAgent: BROWSERS.firefoxLinux, console: true };
  rec.add({ ...base, time: at(day, start), name: 'StartConversation', request: { source: 'CONSOLE' }, response: { conversationId, conversationToken: '***', conversationExpirationTime: at(day, start, 86_400) } });
  const message = (seconds: number): void =>
    void rec.add({
      ...base, time: at(day, start, seconds), name: 'SendMessage',
      request: { source: 'CONSOLE', conversationId, conversationToken: '***', utterance: '***', context: { console: { region: 'us-east-1' } } },
      response: { conversationId, conversationToken: '***', result: { content: { text: { body: '***' } } }, metadata: { conversationExpirationTime: at(day, start, 86_400) } },
    });
  message(12);
  if (wd === 3) {
    // "Why did the orders API get slow?": Q asks for the metrics with the developer's own permissions.
    rec.add({ ...base, time: at(day, start, 20), name: 'PassRequest', readOnly: false });
    rec.add({
      time: at(day, start, 21), source: 'monitoring.amazonaws.com', name: 'GetMetricData', region: 'us-east-1',
      identity: roleSession(DEVELOPER.role, DEVELOPER.session, { path: DEVELOPER.path, createdAt: sessionStart(day, start), invokedBy: 'q.amazonaws.com' }),
      ip: 'q.amazonaws.com', userAgent: 'q.amazonaws.com', request: { startTime: at(day, start, -10_800), endTime: at(day, start), metricDataQueries: [{ id: 'latency', metricStat: { metric: { namespace: 'AWS/ApiGateway', metricName: 'Latency' }, period: 300, stat: 'p99' } }] },
    });
  }
  message(75);
}

/** Workdays: inline suggestions and chat from VS Code; Tuesdays and Thursdays also from IntelliJ. */
function ideUse(rec: TrailRecorder, day: string): void {
  if (!isWorkday(day)) return;
  const wd = weekday(day);
  const profile = [{ ARN: Q_DEVELOPER_PROFILE_ARN, type: 'AWS::CodeWhisperer::Profile' }];
  const base = { source: 'codewhisperer.amazonaws.com', region: 'us-east-1', data: true, resources: profile };
  const completion = { fileContext: { leftFileContent: HIDDEN, rightFileContent: HIDDEN, filename: HIDDEN, programmingLanguage: { languageName: 'typescript' } }, maxResults: 5, profileArn: Q_DEVELOPER_PROFILE_ARN };
  const vscode = IDE_USERS.vscode;
  const ip = wd === 2 || wd === 4 ? IPS.homeIpv6 : IPS.office;
  const start = `10:${String(pick(`ide:${day}`, 50)).padStart(2, '0')}:03`;
  const who = identityCenterUser(vscode.idc);
  // The plugin looks up its profile when the IDE starts, on Mondays after the weekend.
  if (wd === 1) rec.add({ ...base, time: at(day, start), name: 'ListAvailableProfiles', identity: who, ip, userAgent: vscode.runtime, request: { maxResults: 10 } });
  for (const s of [40, 230]) rec.add({ ...base, time: at(day, start, s), name: 'GenerateCompletions', identity: who, ip, userAgent: vscode.runtime, request: completion });
  rec.add({
    ...base, time: at(day, start, 300), name: 'GenerateAssistantResponse', readOnly: false, identity: who, ip, userAgent: vscode.streaming,
    request: { conversationState: { conversationId: uuid(`ide-conversation:${day}`), currentMessage: HIDDEN, chatTriggerType: 'MANUAL' }, profileArn: Q_DEVELOPER_PROFILE_ARN },
  });
  if (wd === 2 || wd === 4) {
    const jb = IDE_USERS.jetbrains;
    const j = identityCenterUser(jb.idc);
    rec.add({ ...base, time: at(day, '14:22:40'), name: 'GenerateCompletions', identity: j, ip: IPS.office, userAgent: jb.runtime, request: { ...completion, fileContext: { ...completion.fileContext, programmingLanguage: { languageName: 'java' } } } });
  }
}

// ---- everyday noise (not Amazon Q) -------------------------------------------------------------

const GRAFANA_AGENT = 'aws-sdk-go/1.55.5 (go1.23.2; linux; amd64) grafana/11.3.1';
const CLI_AGENT = 'aws-cli/2.22.4 md/awscrt#0.23.0 ua/2.0 os/linux#6.1.115-126.197.amzn2023.x86_64 md/arch#x86_64 lang/python#3.12.6 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#amzn.2023 md/prompt#off';

/** Backups, monitoring and AWS Config: the bulk of any real trail, and nothing an Amazon Q investigation reads. */
function noise(rec: TrailRecorder, day: string, dayIndex: number): void {
  backup(rec, day, dayIndex);
  monitoring(rec, day, dayIndex);
  if (dayIndex % 3 === 0) awsConfig(rec, day);
}

/** The nightly backup job: an IAM user assumes the backup role, which lists the buckets or uses the backup key. */
function backup(rec: TrailRecorder, day: string, dayIndex: number): void {
  const backupStart = at(day, '02:30:00', pick(`backup:${day}`, 120));
  const backupRole = roleSession('backup-operator', 'nightly-backup', { createdAt: backupStart });
  const backupTime = (s: number): string => at(backupStart.slice(0, 10), backupStart.slice(11, 19), s);
  rec.add({
    time: backupTime(0), source: 'sts.amazonaws.com', name: 'AssumeRole', region: 'us-east-1', identity: iamUser('svc-backup'), ip: IPS.backup, userAgent: CLI_AGENT,
    request: { roleArn: `arn:aws:iam::${ACCOUNT}:role/backup-operator`, roleSessionName: 'nightly-backup', durationSeconds: 3600 },
    response: { credentials: { accessKeyId: backupRole.accessKeyId, sessionToken: '***', expiration: backupTime(3600) }, assumedRoleUser: { assumedRoleId: backupRole.principalId, arn: backupRole.arn } },
    readOnly: true,
    resources: [{ ARN: `arn:aws:iam::${ACCOUNT}:role/backup-operator`, type: 'AWS::IAM::Role' }],
  });
  if (dayIndex % 2 === 0) {
    rec.add({ time: backupTime(4), source: 's3.amazonaws.com', name: 'ListBuckets', region: 'us-east-1', identity: backupRole, ip: IPS.backup, userAgent: `${CLI_AGENT} md/command#s3.ls`, request: { Host: 's3.us-east-1.amazonaws.com' } });
    return;
  }
  rec.add({
    time: backupTime(9), source: 'kms.amazonaws.com', name: 'GenerateDataKey', region: 'eu-west-1', identity: backupRole, ip: IPS.backup, userAgent: `${CLI_AGENT} md/command#s3.cp`,
    request: { keyId: 'alias/prod-backups', keySpec: 'AES_256', encryptionContext: { 'aws:s3:arn': 'arn:aws:s3:::prod-backups' } }, readOnly: true,
    resources: [{ ARN: `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0f9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c`, type: 'AWS::KMS::Key' }],
  });
}

/** Grafana polls the instances on workdays, one region a day. */
function monitoring(rec: TrailRecorder, day: string, dayIndex: number): void {
  if (!isWorkday(day)) return;
  const region = dayIndex % 2 === 0 ? 'us-east-1' : 'eu-west-1';
  const hms = '06:00:12';
  const grafana = roleSession('monitoring-reader', 'grafana', { createdAt: at(day, hms, -60) });
  rec.add({ time: at(day, hms), source: 'ec2.amazonaws.com', name: 'DescribeInstances', region, identity: grafana, ip: IPS.monitoring, userAgent: GRAFANA_AGENT, request: { instancesSet: {}, filterSet: {} } });
}

/** AWS Config records the security groups (a service-linked role, called by the service itself). */
function awsConfig(rec: TrailRecorder, day: string): void {
  const config = roleSession('AWSServiceRoleForConfig', 'AWSConfig-Describe', { path: '/aws-service-role/config.amazonaws.com/', createdAt: at(day, '04:10:00', -30), invokedBy: 'config.amazonaws.com' });
  rec.add({ time: at(day, '04:10:00', pick(`config:${day}`, 600)), source: 'ec2.amazonaws.com', name: 'DescribeSecurityGroups', region: 'eu-west-1', identity: config, ip: 'config.amazonaws.com', userAgent: 'config.amazonaws.com', request: { securityGroupSet: {}, securityGroupIdSet: {}, maxResults: 1000 } });
}

/** One day of normal life; `dayIndex` rotates who chats so that everybody appears in every month. */
export function normalDay(rec: TrailRecorder, day: string, dayIndex: number): void {
  noise(rec, day, dayIndex);
  nightlyIngestion(rec, day);
  employeesChat(rec, day, dayIndex);
  securityReview(rec, day);
  consoleChat(rec, day);
  ideUse(rec, day);
}
