// Raw CloudTrail record (as in log files, LookupEvents' CloudTrailEvent, or rebuilt from Lake
// rows) → TrailEvent. It also decides the record's scope, so sources drop the records no
// analysis reads before they cross a thread or reach the disk.
import type { EventCatalogue, EventPrincipal, EventResource, EventScope, TrailEvent } from './event.js';

/** Services whose events are kept for every principal (tampering) or for Q principals (context). */
const RELATED_SOURCES = new Set(['iam.amazonaws.com', 'sts.amazonaws.com', 'cloudtrail.amazonaws.com', 'logs.amazonaws.com']);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const obj = (v: unknown): Json | null => (isObject(v) ? v : null);

/** Whether a value has the three fields every CloudTrail record has. */
export function isTrailRecord(raw: unknown): raw is Json {
  return isObject(raw) && typeof raw.eventTime === 'string' && typeof raw.eventSource === 'string' && typeof raw.eventName === 'string';
}

/**
 * What every user agent of an AWS call run by Amazon Q Developer's agent contains: the Q CLI and
 * the Q language server in the IDE run the AWS CLI with AWS_EXECUTION_ENV set to
 * `AmazonQ-For-CLI Version/<v>` or `AmazonQ-For-IDE Version/<v>`, which the SDKs log as
 * `exec-env/AmazonQ-For-CLI-Version-<v>` (botocore turns ' ' and '/' into '-'), raw as
 * `exec-env/AmazonQ-For-IDE Version/<v>`, or appended to an execution environment that was
 * already set (`exec-env/AWS_ECS_EC2-AmazonQ-For-CLI-Version-<v>`). These calls carry no invokedBy.
 */
export const Q_AGENT_USER_AGENT_MARKERS: readonly string[] = ['AmazonQ-For-CLI', 'AmazonQ-For-IDE'];
/** The common part of the markers: one `includes` rules out nearly every record before the regex runs. */
const Q_AGENT_HINT = 'AmazonQ-For-';
/**
 * A marker anywhere in the agent (after exec-env/, md/ or another environment's name joined with
 * '_'), except the Q CLI's own SDK app id `app/AmazonQ-For-CLI`: that is Q calling its own service
 * (scope q), or signing in, not an action for the user. Not after a letter or digit: glued to a
 * word it is another token, and the client table (ide-usage.ts IDE_CLIENTS) reads it the same way.
 */
const Q_AGENT_MARKER = /(?<!\bapp\/)(?<![A-Za-z0-9])AmazonQ-For-(?:CLI|IDE)\b/;

/** Whether a user agent says Amazon Q Developer's agent (CLI or IDE) made the call for its user. */
export function isQAgentUserAgent(userAgent: unknown): boolean {
  return typeof userAgent === 'string' && userAgent.includes(Q_AGENT_HINT) && Q_AGENT_MARKER.test(userAgent);
}

/**
 * The scope of a record, or null when no analysis reads it. Cheap: a few field reads and set
 * lookups, and one substring test of the user agent before any regex.
 */
export function scopeOf(eventSource: string, userIdentity: unknown, sourceIp: unknown, userAgent: unknown, catalogue: EventCatalogue): EventScope | null {
  if (catalogue.isQSource(eventSource)) return 'q';
  const invokedBy = isObject(userIdentity) ? userIdentity.invokedBy : undefined;
  if ((typeof invokedBy === 'string' && catalogue.isQSource(invokedBy)) || (typeof sourceIp === 'string' && catalogue.isQSource(sourceIp))) return 'q_invoked';
  if (isQAgentUserAgent(userAgent)) return 'q_invoked';
  if (RELATED_SOURCES.has(eventSource)) return 'related';
  return null;
}

/** The normalised event, or null when the record is malformed or out of scope. */
export function normaliseRecord(raw: unknown, catalogue: EventCatalogue): TrailEvent | null {
  if (!isTrailRecord(raw)) return null;
  const scope = scopeOf(raw.eventSource as string, raw.userIdentity, raw.sourceIPAddress, raw.userAgent, catalogue);
  if (scope === null) return null;
  const time = Date.parse(raw.eventTime as string);
  if (Number.isNaN(time)) return null;
  return eventOf(raw, scope, time, catalogue);
}

/**
 * The event of a record whose scope and time the caller has already worked out (the log-file
 * parser tests both before anything else, to drop most records cheaply).
 */
export function eventOf(raw: Record<string, unknown>, scope: EventScope, time: number, catalogue: EventCatalogue): TrailEvent {
  const eventSource = raw.eventSource as string;
  const eventTime = raw.eventTime as string;
  const eventName = raw.eventName as string;
  const identity = obj(raw.userIdentity) ?? {};
  const principal = principalOf(identity);
  const requestParameters = bounded(obj(raw.requestParameters));
  const responseElements = bounded(obj(raw.responseElements));
  const resources = resourcesOf(raw.resources);
  return {
    eventId: str(raw.eventID) ?? str(raw.eventId) ?? '',
    eventTime,
    time,
    eventSource,
    eventName,
    region: str(raw.awsRegion) ?? '',
    accountId: str(raw.recipientAccountId) ?? principal.accountId ?? '',
    eventCategory: str(raw.eventCategory) ?? 'Management',
    readOnly: typeof raw.readOnly === 'boolean' ? raw.readOnly : raw.readOnly === 'true' ? true : raw.readOnly === 'false' ? false : null,
    principal,
    sourceIp: str(raw.sourceIPAddress) ?? '',
    userAgent: str(raw.userAgent) ?? '',
    errorCode: str(raw.errorCode),
    errorMessage: str(raw.errorMessage),
    invokedBy: str(identity.invokedBy),
    resources,
    applicationId: scope === 'q' ? applicationIdOf(requestParameters, responseElements, resources) : null,
    requestParameters,
    responseElements,
    additionalEventData: bounded(obj(raw.additionalEventData)),
    scope,
    qClass: scope === 'q' ? catalogue.classify(eventSource, eventName) : null,
  };
}

function principalOf(id: Json): EventPrincipal {
  const type = str(id.type) ?? 'Unknown';
  const arn = str(id.arn);
  const onBehalfOf = str(obj(id.onBehalfOf)?.userId);
  const issuer = obj(obj(id.sessionContext)?.sessionIssuer);
  const invokedBy = str(id.invokedBy);
  // An Identity Center user is the same person whatever role session carried the call: Q Business
  // with Identity Center logs identity-enhanced sessions (an AssumedRole ARN per session, with
  // onBehalfOf.userId), Q Developer an IdentityCenterUser without ARN. The user id joins them.
  let key: string;
  if (onBehalfOf) key = `identitycenter:${onBehalfOf}`;
  else if (arn) key = arn;
  else if (type === 'AWSService' && invokedBy) key = `service:${invokedBy}`;
  else key = `${type.toLowerCase()}:${str(id.principalId) ?? str(id.userName) ?? 'unknown'}`;
  return {
    key,
    type,
    arn,
    accountId: str(id.accountId),
    sessionIssuerArn: str(issuer?.arn),
    onBehalfOf,
    accessKeyId: str(id.accessKeyId),
    name: nameOf(type, id, arn, onBehalfOf, invokedBy),
  };
}

function nameOf(type: string, id: Json, arn: string | null, onBehalfOf: string | null, invokedBy: string | null): string {
  if (onBehalfOf) return `Identity Center user ${onBehalfOf}`;
  if (type === 'Root') return 'root';
  if (type === 'IAMUser') return str(id.userName) ?? arn?.split('/').pop() ?? 'IAM user';
  if (arn?.includes(':assumed-role/')) return arn.slice(arn.indexOf(':assumed-role/') + ':assumed-role/'.length);
  if (arn) return arn.slice(arn.lastIndexOf(':') + 1);
  if (invokedBy) return invokedBy;
  return str(id.userName) ?? str(id.principalId) ?? type;
}

/**
 * How deep the free-form parts of an event (request, response, additional data) are kept. Real
 * records nest a few levels; a crafted one nested thousands deep would overflow the stack where
 * the event is copied to another thread (structured clone: ~2,000 levels on the main thread) or
 * written to the spool (JSON.stringify), and take the rest of the run down with it.
 */
export const MAX_NESTING = 64;
export const TOO_DEEP = `[nested more than ${MAX_NESTING} levels deep: not kept]`;

/** The object as it is when it nests at most MAX_NESTING levels (the usual case, no copy), else a copy cut there. */
function bounded(value: Json | null): Json | null {
  return value === null || withinDepth(value, MAX_NESTING) ? value : (cut(value, MAX_NESTING) as Json);
}

/** Whether no object or array lies more than `levels` levels below `value`. Recurses at most `levels` deep. */
function withinDepth(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (levels === 0) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!withinDepth(item, levels - 1)) return false;
    return true;
  }
  for (const key in value) if (!withinDepth((value as Json)[key], levels - 1)) return false;
  return true;
}

function cut(value: unknown, levels: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (levels === 0) return TOO_DEEP;
  if (Array.isArray(value)) return value.map((item) => cut(item, levels - 1));
  // fromEntries defines properties: a logged `__proto__` key stays a key.
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, cut(item, levels - 1)]));
}

function resourcesOf(value: unknown): EventResource[] {
  if (!Array.isArray(value)) return [];
  const out: EventResource[] = [];
  for (const r of value) {
    if (!isObject(r)) continue;
    out.push({ arn: str(r.ARN) ?? str(r.arn), type: str(r.type) });
  }
  return out;
}

const APP_ARN = /:qbusiness:[^:]*:[^:]*:application\/([^/]+)/;

function applicationIdOf(request: Json | null, response: Json | null, resources: EventResource[]): string | null {
  const fromRequest = str(request?.applicationId) ?? str(request?.instanceId) ?? str(request?.['instance-id']);
  if (fromRequest) return fromRequest;
  for (const r of resources) {
    const m = r.arn ? APP_ARN.exec(r.arn) : null;
    if (m) return m[1];
  }
  const fromArn = str(response?.applicationArn);
  const m = fromArn ? APP_ARN.exec(fromArn) : null;
  return m ? m[1] : str(response?.applicationId);
}
