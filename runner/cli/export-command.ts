// `qready export security-hub FILE` and `qready scan --security-hub`: the only path in qready
// that calls a mutating AWS API (BatchImportFindings), and only on this explicit request.
import { ClientFactory } from '../collect/clients.js';
import type { Check } from '../checks/check.js';
import { loadChecks } from '../checks/loader.js';
import { loadFindingsFile } from '../diff/findings-file.js';
import type { ScanResult } from '../findings/finding.js';
import { exportToSecurityHub, type SecurityHubExportResult } from '../../reports/security-hub/export.js';
import { checkSummary } from '../../reports/report-input.js';
import { EXIT, type CliIo } from './io.js';
import { positiveInt } from './options.js';

export interface ExportOptions {
  sendOnlyFails?: boolean;
  dryRun?: string;
  profile?: string;
  maxAttempts?: string;
  quiet?: boolean;
}

/** Sends one account's findings; returns 1 when any record was rejected or a region failed. */
export async function exportFindings(result: ScanResult, checks: readonly Check[], opts: ExportOptions, io: CliIo): Promise<number> {
  const factory = opts.dryRun ? undefined : new ClientFactory({ ...io.clientOptions, profile: opts.profile ?? io.clientOptions?.profile, maxAttempts: positiveInt('--max-attempts', opts.maxAttempts) ?? io.clientOptions?.maxAttempts });
  const out = await exportToSecurityHub({
    input: { result, checks: checks.map((c) => checkSummary(c.doc)) },
    factory,
    sendOnlyFails: opts.sendOnlyFails,
    dryRunDir: opts.dryRun,
  });
  if (!opts.quiet) io.stdout(`${formatExport(out)}\n`);
  const failed = out.totals.failed > 0 || out.regions.some((r) => r.skipped !== undefined && r.enabled !== false);
  return failed ? EXIT.RUNTIME : EXIT.OK;
}

export function formatExport(out: SecurityHubExportResult): string {
  const lines = [`Security Hub ${out.dryRun ? 'dry run' : 'export'} for account ${out.accountId}: ${out.totals.sent} sent, ${out.totals.failed} rejected, ${out.totals.archived} archived, ${out.totals.resolved} resolved, ${out.totals.batches} batches`];
  for (const r of out.regions) {
    lines.push(`  ${r.region}: ${r.skipped ? `skipped (${r.skipped})` : `${r.sent} sent, ${r.archived} archived, ${r.resolved} resolved in ${r.batches} batches`}`);
    for (const f of r.failed) lines.push(`    rejected ${f.Id}: ${f.ErrorCode} ${f.ErrorMessage}`);
    for (const w of r.warnings) lines.push(`    warning: ${w}`);
    if (r.files.length) lines.push(`    batches written: ${r.files.join(', ')}`);
  }
  return lines.join('\n');
}

/** `qready export security-hub FILE`: the checks are the loaded ones that appear in the file. */
export async function runExport(file: string, opts: ExportOptions & { checksDir?: string[] }, io: CliIo): Promise<number> {
  const result = loadFindingsFile(file);
  const { checks, errors } = loadChecks(opts.checksDir ?? []);
  if (errors.length) {
    for (const e of errors) io.stderr(`${e.message}\n`);
    return EXIT.USAGE;
  }
  // Only these checks' earlier records are archived: a file from a filtered scan must not
  // archive the records of checks it did not run.
  const inFile = new Set(result.findings.map((f) => f.check_id));
  return exportFindings(result, checks.filter((c) => inFile.has(c.id)), opts, io);
}
