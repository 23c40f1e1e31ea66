// `qready policy`: the least-privilege IAM policy the scanner needs, generated from the actions
// each data source declares (and the read-only guard enforces at run time).
import { loadChecks } from '../checks/loader.js';
import { requiredSources, selectChecks } from '../checks/select.js';
import { SCAN_ACTIONS, SOURCES, sourceDecl } from '../sources/source.js';
import { EXIT, type CliIo } from './io.js';
import { SECURITY_HUB_ACTIONS } from '../../reports/security-hub/export.js';
import { LAKE_ACTIONS } from '../investigate/sources/lake-source.js';
import { LOOKUP_ACTIONS } from '../investigate/sources/lookup-source.js';
import { S3_INVESTIGATE_ACTIONS } from '../investigate/sources/s3-source.js';

export function scannerPolicy(sourceIds: readonly string[] = SOURCES.map((s) => s.id), securityHub = false, investigate = false): object {
  const actions = new Set<string>(SCAN_ACTIONS);
  for (const id of sourceIds) for (const a of sourceDecl(id).actions) actions.add(a);
  const statements: object[] = [{ Sid: 'QreadyReadOnlyScan', Effect: 'Allow', Action: [...actions].sort(), Resource: '*' }];
  // Kept apart so it can be granted only where findings are exported: the one mutating action.
  if (securityHub) statements.push({ Sid: 'QreadySecurityHubExport', Effect: 'Allow', Action: [...SECURITY_HUB_ACTIONS].sort(), Resource: '*' });
  // `qready investigate`: LookupEvents, log files in S3 (scope Resource to the trail bucket when
  // granting), and CloudTrail Lake queries (they read, but they are billed per byte scanned).
  if (investigate) {
    statements.push({ Sid: 'QreadyInvestigateCloudTrail', Effect: 'Allow', Action: [...new Set([...LOOKUP_ACTIONS, ...LAKE_ACTIONS])].sort(), Resource: '*' });
    statements.push({ Sid: 'QreadyInvestigateTrailBucket', Effect: 'Allow', Action: [...S3_INVESTIGATE_ACTIONS].sort(), Resource: '*' });
  }
  return { Version: '2012-10-17', Statement: statements };
}

export function printPolicy(opts: { checks?: string; checksDir?: string[]; securityHub?: boolean; investigate?: boolean }, io: CliIo): number {
  let sources: string[] | undefined;
  if (opts.checks) {
    const { checks, errors } = loadChecks(opts.checksDir ?? []);
    if (errors.length) {
      for (const e of errors) io.stderr(`${e.message}\n`);
      return EXIT.USAGE;
    }
    sources = requiredSources(selectChecks(checks, { checks: opts.checks.split(',').map((s) => s.trim()) }));
  }
  io.stdout(`${JSON.stringify(scannerPolicy(sources, opts.securityHub, opts.investigate), null, 2)}\n`);
  return EXIT.OK;
}
