// Realistic CloudTrail records for the investigation tests, with the field names CloudTrail
// logs (REFERENCE.md): userIdentity with sessionContext, invokedBy and onBehalfOf;
// requestParameters; errorCode; eventCategory. Builders take overrides so a test states only
// what it is about.
import { gzipSync } from 'node:zlib';

export const ACCOUNT = '111122223333';
export const APP_ID = 'a1b2c3d4-5678-90ab-cdef-EXAMPLE11111';
export const APP_ARN = `arn:aws:qbusiness:us-east-1:${ACCOUNT}:application/${APP_ID}`;

export type RawRecord = Record<string, unknown>;

let counter = 0;
/** A fresh, deterministic event id (CloudTrail's are UUIDs). */
export function eventId(): string {
  counter += 1;
  return `e0000000-0000-4000-8000-${String(counter).padStart(12, '0')}`;
}

/** An IAM user calling with long-term keys. */
export function iamUser(name = 'alice', account = ACCOUNT): RawRecord {
  return {
    type: 'IAMUser',
    principalId: `AIDA${name.toUpperCase().padEnd(17, 'X')}`,
    arn: `arn:aws:iam::${account}:user/${name}`,
    accountId: account,
    accessKeyId: `AKIA${name.toUpperCase().padEnd(16, 'X')}`,
    userName: name,
  };
}

/** A role session (SSO permission set, CI role…), as assumed roles log. */
export function assumedRole(role = 'SecurityAdmin', session = 'bob@example.com', account = ACCOUNT): RawRecord {
  return {
    type: 'AssumedRole',
    principalId: `AROAEXAMPLEROLEID:${session}`,
    arn: `arn:aws:sts::${account}:assumed-role/${role}/${session}`,
    accountId: account,
    accessKeyId: 'ASIAEXAMPLESESSION01',
    sessionContext: {
      sessionIssuer: {
        type: 'Role',
        principalId: 'AROAEXAMPLEROLEID',
        arn: `arn:aws:iam::${account}:role/${role}`,
        accountId: account,
        userName: role,
      },
      attributes: { creationDate: '2026-11-20T08:00:00Z', mfaAuthenticated: 'true' },
    },
  };
}

/** An IAM Identity Center user (Q Developer in the IDE, Q Business with Identity Center). */
export function identityCenterUser(userId = '94482488-3041-7026-18f3-be45837cd0e4', account = ACCOUNT): RawRecord {
  return {
    type: 'IdentityCenterUser',
    accountId: account,
    onBehalfOf: { userId, identityStoreArn: 'arn:aws:identitystore::111122223333:identitystore/d-1234567890' },
    credentialId: 'EXAMPLECREDENTIALID',
  };
}

/** A role session used by Amazon Q on the user's behalf (after q:PassRequest). */
export function invokedByQ(role = 'Developer', session = 'carol', account = ACCOUNT): RawRecord {
  return { ...assumedRole(role, session, account), invokedBy: 'q.amazonaws.com' };
}

export interface RecordOptions {
  eventSource?: string;
  eventName: string;
  eventTime?: string;
  region?: string;
  userIdentity?: RawRecord;
  sourceIPAddress?: string;
  userAgent?: string;
  requestParameters?: RawRecord | null;
  responseElements?: RawRecord | null;
  errorCode?: string;
  errorMessage?: string;
  eventCategory?: 'Management' | 'Data';
  readOnly?: boolean;
  resources?: { ARN: string; type?: string; accountId?: string }[];
  additionalEventData?: RawRecord;
  eventID?: string;
  recipientAccountId?: string;
}

/** One CloudTrail record with every field a real one carries. */
export function record(o: RecordOptions): RawRecord {
  const region = o.region ?? 'us-east-1';
  const r: RawRecord = {
    eventVersion: '1.09',
    userIdentity: o.userIdentity ?? assumedRole(),
    eventTime: o.eventTime ?? '2026-11-25T10:00:00Z',
    eventSource: o.eventSource ?? 'qbusiness.amazonaws.com',
    eventName: o.eventName,
    awsRegion: region,
    sourceIPAddress: o.sourceIPAddress ?? '203.0.113.10',
    userAgent: o.userAgent ?? 'aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64.amzn.2',
    requestParameters: o.requestParameters === undefined ? null : o.requestParameters,
    responseElements: o.responseElements === undefined ? null : o.responseElements,
    requestID: `r-${eventId()}`,
    eventID: o.eventID ?? eventId(),
    readOnly: o.readOnly ?? /^(Get|List|Describe|Lookup)/.test(o.eventName),
    eventType: 'AwsApiCall',
    managementEvent: (o.eventCategory ?? 'Management') === 'Management',
    recipientAccountId: o.recipientAccountId ?? ACCOUNT,
    eventCategory: o.eventCategory ?? 'Management',
    tlsDetails: { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: `${(o.eventSource ?? 'qbusiness.amazonaws.com').split('.')[0]}.${region}.amazonaws.com` },
  };
  if (o.errorCode) {
    r.errorCode = o.errorCode;
    r.errorMessage = o.errorMessage ?? `User is not authorized to perform: ${o.eventName}`;
  }
  if (o.resources) r.resources = o.resources.map((x) => ({ accountId: ACCOUNT, ...x }));
  if (o.additionalEventData) r.additionalEventData = o.additionalEventData;
  return r;
}

/** A Q Business data event on an application (Chat, BatchPutDocument…). */
export function qbusinessDataEvent(eventName: string, extra: Partial<RecordOptions> = {}): RawRecord {
  return record({
    eventName,
    eventCategory: 'Data',
    requestParameters: { applicationId: APP_ID },
    resources: [{ ARN: APP_ARN, type: 'AWS::QBusiness::Application' }],
    ...extra,
  });
}

/** A log file's bytes as CloudTrail delivers it: gzip of {"Records":[…]}. */
export function trailFile(records: RawRecord[]): Buffer {
  return gzipSync(JSON.stringify({ Records: records }));
}

/** Where CloudTrail puts a log file (organization trails add the o-… folder). */
export function trailKey(opts: { account?: string; region?: string; time?: string; org?: string; unique?: string }): string {
  const account = opts.account ?? ACCOUNT;
  const region = opts.region ?? 'us-east-1';
  const t = new Date(opts.time ?? '2026-11-25T10:05:00Z');
  const yyyy = String(t.getUTCFullYear());
  const mm = String(t.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(t.getUTCDate()).padStart(2, '0');
  const hhmm = `${String(t.getUTCHours()).padStart(2, '0')}${String(t.getUTCMinutes()).padStart(2, '0')}`;
  const base = `${opts.org ? `AWSLogs/${opts.org}/` : 'AWSLogs/'}${account}/CloudTrail/${region}/${yyyy}/${mm}/${dd}/`;
  return `${base}${account}_CloudTrail_${region}_${yyyy}${mm}${dd}T${hhmm}Z_${opts.unique ?? 'AbCdEfGh12345678'}.json.gz`;
}

/**
 * An identity-enhanced role session (Q Business with IAM Identity Center, trusted identity
 * propagation): an AssumedRole whose userIdentity also names the Identity Center user it acts for.
 */
export function identityEnhancedSession(userId = '94482488-3041-7026-18f3-be45837cd0e4', role = 'QBusinessWebExperienceRole', session = 'qbusiness-session-1', account = ACCOUNT): RawRecord {
  return {
    ...assumedRole(role, session, account),
    onBehalfOf: { userId, identityStoreArn: `arn:aws:identitystore::${account}:identitystore/d-1234567890` },
  };
}

/**
 * The user agent of an AWS CLI call run by the Amazon Q Developer agent: the Q CLI and the Q
 * language server in the IDE set AWS_EXECUTION_ENV to `AmazonQ-For-CLI Version/<v>` or
 * `AmazonQ-For-IDE Version/<v>`, which botocore logs sanitised (' ' and '/' become '-').
 */
export function qAgentUserAgent(client: 'CLI' | 'IDE', version = client === 'CLI' ? '1.16.0' : '1.94.0'): string {
  return `aws-cli/2.30.0 md/awscrt#0.27.6 ua/2.1 os/linux#6.6.87 md/arch#x86_64 lang/python#3.13.7 md/pyimpl#CPython exec-env/AmazonQ-For-${client}-Version-${version} m/b,E cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.24 md/prompt#off md/command#ec2.describe-instances`;
}

/** The JSON text of a value nested `depth` levels deep: {"a":{"a":…{"a":1}}} (JSON.stringify overflows on it). */
export function deeplyNestedJson(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** A log file (gzip) whose records are given as JSON texts, for records JSON.stringify cannot write. */
export function trailFileOfTexts(recordTexts: string[]): Buffer {
  return gzipSync(`{"Records":[${recordTexts.join(',')}]}`);
}
