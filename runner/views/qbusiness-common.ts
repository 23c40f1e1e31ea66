// Helpers shared by the Amazon Q Business views: reading the per-application parts of a source
// and turning a missing or failed part into an error item that names the permission.
import type { SourceError } from '../snapshot/snapshot.js';
import type { QBusinessApplication, QBusinessApplicationPart, QBusinessApplicationsData } from '../sources/qbusiness-data.js';
import { redactSensitive } from './qbusiness-sensitive.js';
import type { ViewItem, ViewResource } from './view.js';

export function applicationsOf(data: Record<string, unknown>): QBusinessApplication[] {
  return (data['qbusiness.applications'] as QBusinessApplicationsData).applications;
}

/** The application as a finding's resource; its name masked where it holds personal data or a key id. */
export function applicationResource(app: QBusinessApplication): ViewResource {
  return { id: app.arn, arn: app.arn, name: redactSensitive(app.display_name) };
}

/** A source's parts by application id. */
export function partsByApplication<P extends QBusinessApplicationPart>(parts: readonly P[]): Map<string, P> {
  return new Map(parts.map((p) => [p.application_id, p]));
}

/** The error item for an application whose part of `source` is missing (not collected) or failed. */
export function partError(part: QBusinessApplicationPart | undefined, source: string, action: string, appId: string): SourceError | null {
  if (!part) return { code: 'NotCollected', message: `${source} has no entry for application ${appId}`, action };
  return part.error ?? null;
}

export function errorItem(resource: ViewResource, value: Record<string, unknown>, error: SourceError): ViewItem {
  return { value, resource, error };
}

/** The account id in an IAM ARN (`arn:aws:iam::111122223333:role/x`), or null. */
export function arnAccount(arn: string | null): string | null {
  if (!arn) return null;
  const m = /^arn:[^:]+:[^:]+:[^:]*:(\d{12}):/.exec(arn);
  return m ? m[1] : null;
}

/**
 * Why a web-experience origin is not restricted, or null when it is: a wildcard anywhere, or
 * plain `http://` other than `http://localhost` (with or without a port) for local development.
 */
export function originProblem(origin: string): string | null {
  const o = origin.trim();
  if (o.includes('*')) return 'wildcard';
  if (/^http:\/\//i.test(o) && !/^http:\/\/localhost(:\d{1,5})?\/?$/i.test(o)) return 'plain HTTP';
  return null;
}
