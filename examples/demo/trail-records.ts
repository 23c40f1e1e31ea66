// Builders for the demo trail's CloudTrail records: the identities of the production account's
// people, bots and services, and one record with every field CloudTrail logs, in its order. No
// randomness: ids and the small variations of a busy day come from hashes of fixed seeds, so
// the generator writes the same bytes every time.
import { createHash } from 'node:crypto';
import { PROD } from './common.js';
import { PROD_APPLICATION_ARN, PROD_APPLICATION_ID } from './qbusiness.js';

export type RawRecord = Record<string, unknown>;

export const ACCOUNT = PROD;
export const ORGANIZATION_ID = 'o-demo123456';
export const APP_ID = PROD_APPLICATION_ID;
export const APP_ARN = PROD_APPLICATION_ARN;
/** The application's region (examples/demo/qbusiness.ts): every Q Business call of the demo lands here. */
export const APP_REGION = 'eu-west-1';
export const INDEX_ID = 'b2c3d4e5-prod-0000-0000-0000000000a1';
export const INDEX_ARN = `${APP_ARN}/index/${INDEX_ID}`;
/** The organization's IAM Identity Center identity store (the management account's instance). */
export const IDENTITY_STORE_ARN = 'arn:aws:identitystore::555566667777:identitystore/d-9067a1b2c3';

/** Hex digest of a seed: the one source of every "random-looking" value. */
function digest(seed: string): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** A number in [0, n) picked by a seed (the same seed always picks the same number). */
export function pick(seed: string, n: number): number {
  return parseInt(digest(seed).slice(0, 8), 16) % n;
}

/** A version-4-shaped UUID from a seed (CloudTrail's event ids and most request ids are UUIDs). */
export function uuid(seed: string): string {
  const h = digest(seed);
  const variant = '89ab'[parseInt(h[16], 16) % 4];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `length` upper-case letters and digits 2-7 (the alphabet of IAM's key and unique ids) from a seed. */
function keyChars(seed: string, length: number): string {
  const h = digest(seed);
  let s = '';
  for (let i = 0; i < length; i++) s += KEY_ALPHABET[parseInt(h.slice(i * 2, i * 2 + 2), 16) % 32];
  return s;
}

/** An access key id (AKIA… long-term, ASIA… temporary) from a seed. */
export function accessKey(prefix: 'AKIA' | 'ASIA', seed: string): string {
  return prefix + keyChars(seed, 16);
}

/** Letters and digits, as CloudTrail's log file names end (`…_<16 characters>.json.gz`). */
export function uniqueSuffix(seed: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const h = digest(seed);
  let s = '';
  for (let i = 0; i < 16; i++) s += alphabet[parseInt(h.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
  return s;
}

// ---- identities ----------------------------------------------------------------------------

/** The unique ids IAM gave the demo's roles and users (AROA… / AIDA…), fixed so sessions agree. */
function iamId(prefix: 'AROA' | 'AIDA', name: string): string {
  return prefix + keyChars(`${prefix}:${name}`, 17);
}

export interface RoleSessionOptions {
  /** The role's path (`/service-role/`), default `/`. */
  path?: string;
  /** When the session began (sessionContext.attributes.creationDate). */
  createdAt: string;
  mfa?: boolean;
  /** The Identity Center user a trusted-identity-propagation session acts for. */
  onBehalfOf?: string;
  /** The AWS service that made the call with the session (Q acting for a user). */
  invokedBy?: string;
}

/** An assumed-role session (SSO permission sets, the Q Business user role, bots on roles). */
export function roleSession(role: string, session: string, o: RoleSessionOptions): RawRecord {
  const roleId = iamId('AROA', role);
  const identity: RawRecord = {
    type: 'AssumedRole',
    principalId: `${roleId}:${session}`,
    arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${role}/${session}`,
    accountId: ACCOUNT,
    // A session's key lives as long as the session: one per role, session name and start.
    accessKeyId: accessKey('ASIA', `${role}/${session}/${o.createdAt}`),
    sessionContext: {
      sessionIssuer: { type: 'Role', principalId: roleId, arn: `arn:aws:iam::${ACCOUNT}:role${o.path ?? '/'}${role}`, accountId: ACCOUNT, userName: role },
      attributes: { creationDate: o.createdAt, mfaAuthenticated: o.mfa ? 'true' : 'false' },
    },
  };
  if (o.onBehalfOf) identity.onBehalfOf = { userId: o.onBehalfOf, identityStoreArn: IDENTITY_STORE_ARN };
  if (o.invokedBy) identity.invokedBy = o.invokedBy;
  return identity;
}

/** An IAM user calling with its long-term access key. */
export function iamUser(name: string): RawRecord {
  return {
    type: 'IAMUser',
    principalId: iamId('AIDA', name),
    arn: `arn:aws:iam::${ACCOUNT}:user/${name}`,
    accountId: ACCOUNT,
    accessKeyId: iamUserKey(name),
    userName: name,
  };
}

/** The access key id an IAM user of the demo calls with. */
export function iamUserKey(name: string): string {
  return accessKey('AKIA', `user:${name}`);
}

/** An IAM Identity Center user: how Q Developer in the IDE logs its callers (no ARN, the user id in onBehalfOf). */
export function identityCenterUser(userId: string): RawRecord {
  return {
    type: 'IdentityCenterUser',
    accountId: ACCOUNT,
    onBehalfOf: { userId, identityStoreArn: IDENTITY_STORE_ARN },
    credentialId: uuid(`credential:${userId}`).replace(/-/g, '').toUpperCase(),
  };
}

// ---- records -------------------------------------------------------------------------------

export interface RecordSpec {
  /** ISO time without milliseconds, as CloudTrail logs it. */
  time: string;
  source: string;
  name: string;
  region: string;
  identity: RawRecord;
  ip: string;
  userAgent: string;
  request?: RawRecord | null;
  response?: RawRecord | null;
  error?: { code: string; message: string };
  /** Data events (chats, document uploads, IDE calls) are logged only by trails that select them. */
  data?: boolean;
  readOnly?: boolean;
  resources?: { ARN: string; type: string }[];
  additionalEventData?: RawRecord;
  /** Calls made with console credentials carry sessionCredentialFromConsole. */
  console?: boolean;
}

/** Names of calls that only read, for records whose spec does not say. */
const READ_ONLY = /^(Get|List|Describe|Lookup|Search|Head|BatchGet|Check|Generate(Completions|Recommendations)$)/;

/** The host name a client sent (tlsDetails.clientProvidedHostHeader). */
function hostOf(source: string, region: string): string {
  const service = source.replace(/\.amazonaws\.com$/, '');
  if (service === 'iam') return 'iam.amazonaws.com';
  if (service === 'sts') return `sts.${region}.amazonaws.com`;
  if (service === 'qbusiness') return `qbusiness.${region}.api.aws`;
  if (service === 's3') return `s3.${region}.amazonaws.com`;
  return `${service}.${region}.amazonaws.com`;
}

/** Calls an AWS service made itself (Q for a user) come from inside AWS: no client TLS session is logged. */
const calledByService = (identity: RawRecord): boolean => typeof identity.invokedBy === 'string' || identity.type === 'AWSService';

/** Builds records in order of creation; each gets an event id and a request id of its own. */
export class TrailRecorder {
  private readonly list: RawRecord[] = [];

  add(s: RecordSpec): RawRecord {
    const seed = `${this.list.length}:${s.time}:${s.source}:${s.name}`;
    const data = s.data ?? false;
    const r: RawRecord = {
      eventVersion: data ? '1.09' : '1.11',
      userIdentity: s.identity,
      eventTime: s.time,
      eventSource: s.source,
      eventName: s.name,
      awsRegion: s.region,
      sourceIPAddress: s.ip,
      userAgent: s.userAgent,
    };
    if (s.error) {
      r.errorCode = s.error.code;
      r.errorMessage = s.error.message;
    }
    r.requestParameters = s.request ?? null;
    r.responseElements = s.response ?? null;
    if (s.additionalEventData) r.additionalEventData = s.additionalEventData;
    r.requestID = uuid(`request:${seed}`);
    r.eventID = uuid(`event:${seed}`);
    r.readOnly = s.readOnly ?? READ_ONLY.test(s.name);
    if (s.resources) r.resources = s.resources.map((x) => ({ accountId: ACCOUNT, type: x.type, ARN: x.ARN }));
    r.eventType = 'AwsApiCall';
    r.managementEvent = !data;
    r.recipientAccountId = ACCOUNT;
    r.eventCategory = data ? 'Data' : 'Management';
    if (!calledByService(s.identity)) {
      r.tlsDetails = { tlsVersion: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', clientProvidedHostHeader: hostOf(s.source, s.region) };
    }
    if (s.console) r.sessionCredentialFromConsole = 'true';
    this.list.push(r);
    return r;
  }

  get records(): readonly RawRecord[] {
    return this.list;
  }
}

// ---- time ----------------------------------------------------------------------------------

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` days from `first` to `last`, inclusive. */
export function days(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** 0 = Sunday … 6 = Saturday. */
export const weekday = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();
export const isWorkday = (day: string): boolean => weekday(day) >= 1 && weekday(day) <= 5;

/** `day` at `hh:mm:ss` UTC, plus `seconds`, as CloudTrail writes times. */
export function at(day: string, hms: string, seconds = 0): string {
  return new Date(Date.parse(`${day}T${hms}Z`) + seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
