// Raw CloudTrail record (as in log files, LookupEvents' CloudTrailEvent, or rebuilt from Lake
// rows) → TrailEvent. It also decides the record's scope, so sources drop the records no
// analysis reads before they cross a thread or reach the disk.
import type { EventCatalogue, EventPrincipal, EventResource, EventScope, TrailEvent } from './event.js';

/** Services whose events are kept for every principal (tampering) or for Q principals (context). */
const RELATED_SOURCES = new Set(['iam.amazonaws.com', 'sts.amazonaws.com', 'cloudtrail.amazonaws.com', 'logs.amazonaws.com']);

/** Amazon Q services that act for a user in other services (invokedBy / sourceIPAddress). */
export const Q_INVOKERS: ReadonlySet<string> = new Set(['q.amazonaws.com', 'qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'codewhisperer.amazonaws.com']);

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const obj = (v: unknown): Json | null => (isObject(v) ? v : null);

/** Whether a value has the three fields every CloudTrail record has. */
export function isTrailRecord(raw: unknown): raw is Json {
  return isObject(raw) && typeof raw.eventTime === 'string' && typeof raw.eventSource === 'string' && typeof raw.eventName === 'string';
}

/** The scope of a record, or null when no analysis reads it. Cheap: two field reads and set lookups. */
export function scopeOf(eventSource: string, userIdentity: unknown, sourceIp: unknown, catalogue: EventCatalogue): EventScope | null {
  if (catalogue.isQSource(eventSource)) return 'q';
  const invokedBy = isObject(userIdentity) ? userIdentity.invokedBy : undefined;
  if ((typeof invokedBy === 'string' && Q_INVOKERS.has(invokedBy)) || (typeof sourceIp === 'string' && Q_INVOKERS.has(sourceIp))) return 'q_invoked';
  if (RELATED_SOURCES.has(eventSource)) return 'related';
  return null;
}

/** The normalised event, or null when the record is malformed or out of scope. */
export function normaliseRecord(raw: unknown, catalogue: EventCatalogue): TrailEvent | null {
  if (!isTrailRecord(raw)) return null;
  const eventSource = raw.eventSource as string;
  const scope = scopeOf(eventSource, raw.userIdentity, raw.sourceIPAddress, catalogue);
  if (scope === null) return null;
  const eventTime = raw.eventTime as string;
  const time = Date.parse(eventTime);
  if (Number.isNaN(time)) return null;
  const eventName = raw.eventName as string;
  const identity = obj(raw.userIdentity) ?? {};
  const principal = principalOf(identity);
  const requestParameters = obj(raw.requestParameters);
  const responseElements = obj(raw.responseElements);
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
    additionalEventData: obj(raw.additionalEventData),
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
  let key: string;
  if (arn) key = arn;
  else if (onBehalfOf) key = `identitycenter:${onBehalfOf}`;
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
  if (type === 'Root') return 'root';
  if (type === 'IAMUser') return str(id.userName) ?? arn?.split('/').pop() ?? 'IAM user';
  if (arn?.includes(':assumed-role/')) return arn.slice(arn.indexOf(':assumed-role/') + ':assumed-role/'.length);
  if (arn) return arn.slice(arn.lastIndexOf(':') + 1);
  if (onBehalfOf) return `Identity Center user ${onBehalfOf}`;
  if (invokedBy) return invokedBy;
  return str(id.userName) ?? str(id.principalId) ?? type;
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
