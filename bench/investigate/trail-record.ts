// One CloudTrail record as JSON text, assembled from string templates (about four times faster
// than JSON.stringify of an object tree, which matters at a million records). Every value the
// generator puts in a template is plain ASCII without quotes or backslashes, so no escaping is
// needed; the field order and set follow real records (eventVersion 1.09/1.10).
import type { Rng } from './rng.js';
import type { AccountEstate, Estate, RoleSessionIdentity } from './trail-estate.js';

export interface EventContext {
  rng: Rng;
  estate: Estate;
  account: AccountEstate;
  region: string;
  /** eventTime, ISO-8601 to the second. */
  iso: string;
  /** The start of eventTime's hour (role sessions' creationDate). */
  sessionStartIso: string;
  inWindow: boolean;
}

/** Who made a call, with the fields a record takes from the caller. */
export interface Caller {
  identity: string;
  /** The ARN error messages name. */
  arn: string;
  ip: string;
  ua: string;
  /** Console sessions carry sessionCredentialFromConsole. */
  console: boolean;
}

export interface EventParts {
  caller: Caller;
  source: string;
  name: string;
  /** JSON text (an object or null). */
  request: string;
  response: string;
  additional?: string;
  /** JSON array text, or undefined for events without resources. */
  resources?: string;
  readOnly: boolean;
  /** Data event (eventCategory Data, managementEvent false). */
  data: boolean;
  error?: { code: string; message: string };
  /** Calls AWS services make among themselves carry no tlsDetails. */
  tls?: boolean;
  /** Present on cross-account calls (AssumeRole, KMS) in real records. */
  sharedEventId?: string;
}

export function assumedRoleIdentity(c: EventContext, r: RoleSessionIdentity, extra = ''): string {
  const acct = c.account.id;
  return `{"type":"AssumedRole","principalId":"${r.roleId}:${r.sessionName}","arn":"arn:aws:sts::${acct}:assumed-role/${r.roleName}/${r.sessionName}","accountId":"${acct}","accessKeyId":"ASIA${c.rng.alnum(16)}","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"${r.roleId}","arn":"${r.roleArn}","accountId":"${acct}","userName":"${r.roleName}"},"attributes":{"creationDate":"${c.sessionStartIso}","mfaAuthenticated":"false"}}${extra}}`;
}

export const assumedRoleArn = (c: EventContext, r: RoleSessionIdentity): string => `arn:aws:sts::${c.account.id}:assumed-role/${r.roleName}/${r.sessionName}`;

/** The IAM action prefix of an event source (`qbusiness` for qbusiness.amazonaws.com). */
const actionPrefix = (source: string): string => (source === 'monitoring.amazonaws.com' ? 'cloudwatch' : source.slice(0, source.indexOf('.')));

/** An AccessDenied error (EC2 spells it its own way), with the message AWS writes. */
export function accessDenied(caller: Caller, source: string, name: string, resource: string): { code: string; message: string } {
  const action = `${actionPrefix(source)}:${name}`;
  if (source === 'ec2.amazonaws.com') return { code: 'Client.UnauthorizedOperation', message: 'You are not authorized to perform this operation. User: ' + caller.arn + ' is not authorized to perform: ' + action + ' because no identity-based policy allows the ' + action + ' action' };
  return { code: 'AccessDenied', message: `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action` };
}

function endpoint(source: string, region: string): string {
  const service = source.slice(0, source.indexOf('.'));
  if (service === 'iam') return 'iam.amazonaws.com';
  if (service === 'monitoring') return `monitoring.${region}.amazonaws.com`;
  return `${service}.${region}.amazonaws.com`;
}

export function recordJson(c: EventContext, p: EventParts): string {
  const version = p.data && p.source === 's3.amazonaws.com' ? '1.10' : '1.09';
  const error = p.error ? `"errorCode":"${p.error.code}","errorMessage":"${p.error.message}",` : '';
  const additional = p.additional ? `"additionalEventData":${p.additional},` : '';
  const resources = p.resources ? `"resources":${p.resources},` : '';
  const shared = p.sharedEventId ? `"sharedEventID":"${p.sharedEventId}",` : '';
  const tls =
    p.tls === false
      ? ''
      : `,"tlsDetails":{"tlsVersion":"TLSv1.3","cipherSuite":"TLS_AES_128_GCM_SHA256","clientProvidedHostHeader":"${endpoint(p.source, c.region)}"}`;
  const console = p.caller.console ? ',"sessionCredentialFromConsole":"true"' : '';
  const rng = c.rng;
  return `{"eventVersion":"${version}","userIdentity":${p.caller.identity},"eventTime":"${c.iso}","eventSource":"${p.source}","eventName":"${p.name}","awsRegion":"${c.region}","sourceIPAddress":"${p.caller.ip}","userAgent":"${p.caller.ua}",${error}"requestParameters":${p.request},"responseElements":${p.response},${additional}"requestID":"${rng.uuid()}","eventID":"${rng.uuid()}","readOnly":${p.readOnly},${resources}"eventType":"AwsApiCall","managementEvent":${!p.data},"recipientAccountId":"${c.account.id}",${shared}"eventCategory":"${p.data ? 'Data' : 'Management'}"${tls}${console}}`;
}

/** Picks among weighted choices (weights need not sum to 1). */
export class Weighted<T> {
  private readonly items: T[];
  private readonly cumulative: number[];

  constructor(entries: readonly (readonly [T, number])[]) {
    this.items = entries.map((e) => e[0]);
    let sum = 0;
    this.cumulative = entries.map((e) => (sum += e[1]));
  }

  pick(rng: Rng): T {
    const x = rng.next() * this.cumulative[this.cumulative.length - 1];
    let i = 0;
    while (this.cumulative[i] <= x) i++;
    return this.items[i];
  }
}
