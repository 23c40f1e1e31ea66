// The responder's filters (--principal, --region, --application) and the rule that decides which
// IAM/STS/CloudTrail/Logs events belong in the investigation's timeline.
import { TAMPERING_LOGS_EVENTS } from './analyses/tampering.js';
import type { TrailEvent } from './event.js';

export interface EventFilters {
  /** ARNs, names, Identity Center user ids or globs with `*`; empty = everyone. */
  principals: string[];
  regions: string[];
  /** Q Business application ids or ARNs; empty = all. */
  applications: string[];
}

export const NO_FILTERS: EventFilters = { principals: [], regions: [], applications: [] };

const APP_ID_IN_ARN = /:application\/([^/]+)/;

/** The application id an `--application` value names (an id, or an application ARN). */
export function applicationIdOf(value: string): string {
  return APP_ID_IN_ARN.exec(value)?.[1] ?? value;
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/** A compiled filter: one call per event on the hot path, so patterns are compiled once. */
export function compileFilters(f: EventFilters): (e: TrailEvent) => boolean {
  const regions = f.regions.length ? new Set(f.regions) : null;
  const apps = f.applications.length ? new Set(f.applications.map(applicationIdOf)) : null;
  const principals = f.principals.length ? f.principals.map(globToRegExp) : null;
  return (e) => {
    if (regions && !regions.has(e.region)) return false;
    // The application filter narrows Amazon Q events; the IAM/STS/CloudTrail context of the
    // principals who used the application stays (it has no application to match).
    if (apps && e.scope === 'q' && (e.applicationId === null || !apps.has(e.applicationId))) return false;
    if (principals && !principalMatches(e, principals)) return false;
    return true;
  };
}

function principalMatches(e: TrailEvent, patterns: RegExp[]): boolean {
  const p = e.principal;
  const names = [p.key, p.arn, p.name, p.sessionIssuerArn, p.onBehalfOf, p.accessKeyId];
  return patterns.some((re) => names.some((n) => n !== null && re.test(n)));
}

/**
 * CloudWatch Logs calls that can remove, shorten, redirect or expose logs, Amazon Q Business's
 * conversation and feedback logs among them (vended log delivery, log type EVENT_LOGS, to a log
 * group, an S3 bucket or Firehose): deleting or re-pointing deliveries, deleting log groups and
 * streams, shortening retention, removing the resource policy that lets delivery write to a log
 * group, removing a subscription that forwards a group to a SIEM, removing a group's KMS key.
 * Which log group is Amazon Q's is the customer's choice, so all of them stay in the timeline;
 * the tampering analysis flags only those that concern Amazon Q. Everyday writes that hide
 * nothing (CreateLogStream, PutLogEvents, DeleteRetentionPolicy) are not here. A source that
 * cannot read all of logs.amazonaws.com (LookupEvents) can look these names up one by one.
 */
export const LOGS_LOGGING_CHANGES: ReadonlySet<string> = new Set([
  ...TAMPERING_LOGS_EVENTS,
  // Kept in the timeline, never flagged: they cannot be told apart from setting logging up.
  'PutDeliverySource',
  'UpdateDeliveryConfiguration',
]);

/**
 * A change to logging made by anyone: kept in the timeline whoever the principal is, because
 * logging tampering matters even from a principal that never touched Amazon Q.
 */
export function isLoggingChange(e: TrailEvent): boolean {
  if (e.eventSource === 'cloudtrail.amazonaws.com') return e.readOnly !== true && !/^(Get|List|Describe|Lookup)/.test(e.eventName);
  if (e.eventSource === 'logs.amazonaws.com') return LOGS_LOGGING_CHANGES.has(e.eventName);
  return false;
}
