// `qready policy`: the least-privilege IAM policy the scanner needs, generated from the actions
// each data source declares (and the read-only guard enforces at run time).
import { loadChecks } from '../checks/loader.js';
import { requiredSources, selectChecks } from '../checks/select.js';
import { SCAN_ACTIONS, SOURCES, sourceDecl } from '../sources/source.js';
import { EXIT, type CliIo } from './io.js';
import { SECURITY_HUB_ACTIONS } from '../../reports/security-hub/export.js';

export function scannerPolicy(sourceIds: readonly string[] = SOURCES.map((s) => s.id), securityHub = false): object {
  const actions = new Set<string>(SCAN_ACTIONS);
  for (const id of sourceIds) for (const a of sourceDecl(id).actions) actions.add(a);
  const statements: object[] = [{ Sid: 'QreadyReadOnlyScan', Effect: 'Allow', Action: [...actions].sort(), Resource: '*' }];
  // Kept apart so it can be granted only where findings are exported: the one mutating action.
  if (securityHub) statements.push({ Sid: 'QreadySecurityHubExport', Effect: 'Allow', Action: [...SECURITY_HUB_ACTIONS].sort(), Resource: '*' });
  return { Version: '2012-10-17', Statement: statements };
}

export function printPolicy(opts: { checks?: string; checksDir?: string[]; securityHub?: boolean }, io: CliIo): number {
  let sources: string[] | undefined;
  if (opts.checks) {
    const { checks, errors } = loadChecks(opts.checksDir ?? []);
    if (errors.length) {
      for (const e of errors) io.stderr(`${e.message}\n`);
      return EXIT.USAGE;
    }
    sources = requiredSources(selectChecks(checks, { checks: opts.checks.split(',').map((s) => s.trim()) }));
  }
  io.stdout(`${JSON.stringify(scannerPolicy(sources, opts.securityHub), null, 2)}\n`);
  return EXIT.OK;
}
