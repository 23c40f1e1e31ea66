// `qready scan` (and `qready demo`): load checks → collect or load a snapshot → evaluate →
// write reports → summary. Returns the exit code.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { loadChecks } from '../checks/loader.js';
import { requiredSources, selectChecks, SelectionError, type CheckFilter } from '../checks/select.js';
import type { Check } from '../checks/check.js';
import { ClientFactory } from '../collect/clients.js';
import { collectAccount } from '../collect/collector.js';
import { enabledRegions } from '../collect/regions.js';
import { callerIdentity } from '../collect/sts.js';
import { loadConfig, type Config } from '../config/config.js';
import { evaluateAccount, type ParamOverrides } from '../evaluate/evaluate.js';
import { STATUSES, type ScanResult, type Status } from '../findings/finding.js';
import { loadSnapshot, saveSnapshot } from '../snapshot/snapshot-file.js';
import { globalRegion, SNAPSHOT_SCHEMA, type AccountSnapshot, type Snapshot } from '../snapshot/snapshot.js';
import { packageRoot, toolVersion } from '../util/package-root.js';
import { consoleSummary } from '../../reports/console-summary.js';
import { fileTimestamp, findFormat, OUTPUT_FORMATS, reportPath } from '../../reports/report-files.js';
import { writeComplianceCsvs } from '../../reports/compliance/compliance-csv.js';
import { loadFrameworks, summarizeFrameworks } from '../compliance/frameworks.js';
import type { Framework } from '../compliance/compliance-types.js';
import { diffScans, formatDiff, sameAccount, writeDiffJson } from '../diff/diff.js';
import { loadFindingsFile } from '../diff/findings-file.js';
import { applyMutelist, expiredRuleWarning, loadMutelist } from '../mutelist/mutelist.js';
import { exportFindings } from './export-command.js';
import { checkSummary, type CheckSummary } from '../../reports/report-input.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { list, positiveInt } from './options.js';
import { Progress } from './progress.js';

export interface ScanOptions {
  regions?: string;
  checks?: string;
  services?: string;
  severity?: string;
  compliance?: string;
  config?: string;
  checksDir?: string[];
  outputDir: string;
  outputFormats?: string;
  snapshot?: string;
  saveSnapshot?: string;
  status?: string;
  progress: boolean;
  quiet?: boolean;
  profile?: string;
  maxAttempts?: string;
  concurrency?: string;
  mutelist?: string;
  baseline?: string;
  securityHub?: boolean;
  sendOnlyFails?: boolean;
}

export const DEFAULT_FORMATS = ['json', 'html'];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function demoSnapshotPath(): string {
  return join(packageRoot(), 'examples', 'demo-account.snapshot.json');
}

export async function runScan(opts: ScanOptions, io: CliIo): Promise<number> {
  const startedAt = new Date();
  const loaded = opts.config ? loadConfig(opts.config) : undefined;
  const config: Config = loaded?.config ?? {};

  const formats = list(opts.outputFormats) ?? config.output_formats ?? DEFAULT_FORMATS;
  for (const f of formats) {
    if (!findFormat(f)) throw new UsageError(`unknown output format '${f}' (available: ${OUTPUT_FORMATS.map((o) => o.name).join(', ')})`);
  }
  const statusFilter = list(opts.status)?.map((s) => s.toUpperCase());
  for (const s of statusFilter ?? []) if (!(STATUSES as readonly string[]).includes(s)) throw new UsageError(`unknown status '${s}' (one of ${STATUSES.join(', ')})`);
  const regions = list(opts.regions) ?? config.regions;
  for (const r of regions ?? []) if (!REGION.test(r)) throw new UsageError(`'${r}' is not a region name (like eu-west-1)`);

  const { checks: all, errors } = loadChecks([...(config.checks_dirs ?? []), ...(opts.checksDir ?? [])]);
  if (errors.length) {
    for (const e of errors) io.stderr(`${e.message}\n`);
    return EXIT.USAGE;
  }
  const filter: CheckFilter = { checks: list(opts.checks), services: list(opts.services), severities: list(opts.severity)?.map((s) => s.toLowerCase()), compliance: list(opts.compliance) };
  let checks: Check[];
  try {
    checks = selectChecks(all, filter);
  } catch (e) {
    if (e instanceof SelectionError) throw new UsageError(e.message);
    throw e;
  }
  if (checks.length === 0) throw new UsageError('no check matches the given filters');
  const overrides: ParamOverrides = loaded?.overridesFor(checks, all) ?? {};
  const frameworks = selectFrameworks(loadFrameworks(), filter.compliance);
  const mutelist = opts.mutelist ? loadMutelist(opts.mutelist, all.map((c) => c.id)) : undefined;
  const baseline = opts.baseline ? loadFindingsFile(opts.baseline) : undefined;

  const progress = new Progress(io, opts.progress && !opts.quiet);
  let snapshot: Snapshot;
  if (opts.snapshot) {
    snapshot = loadSnapshot(opts.snapshot);
  } else {
    snapshot = await collect(checks, regions, opts, config, io, progress);
    if (opts.saveSnapshot) {
      saveSnapshot(snapshot, opts.saveSnapshot);
      progress.message(`snapshot saved to ${opts.saveSnapshot}`);
    }
  }

  // Day thresholds count from when the data was read: a saved snapshot keeps its verdicts.
  const now = new Date(snapshot.collected_at);
  const summaries = checkSummaries(checks);
  let exitCode: number = EXIT.OK;
  let failedAccounts = 0;
  for (const account of snapshot.accounts) {
    // One account's failure (a report that cannot be written) must not lose the others' reports.
    try {
      if ((await scanAccount(account)) === EXIT.FAIL) exitCode = EXIT.FAIL;
    } catch (e) {
      failedAccounts++;
      io.stderr(`qready: account ${account.account_id}: ${(e as Error).message}\n`);
    }
  }
  return failedAccounts > 0 ? EXIT.RUNTIME : exitCode;

  async function scanAccount(account: AccountSnapshot): Promise<number> {
    const findings = evaluateAccount(account, checks, { now, params: overrides });
    if (mutelist) {
      // Expiry is a matter of today's policy, not of when the data was read.
      const { expiredRules } = applyMutelist(findings, mutelist, startedAt);
      for (const rule of expiredRules) io.stderr(`warning: ${expiredRuleWarning(mutelist, rule)}\n`);
    }
    const result: ScanResult = {
      schema: 'qready.findings/v1',
      scan: {
        id: randomUUID(),
        tool_version: toolVersion(),
        started_at: startedAt.toISOString(),
        finished_at: new Date().toISOString(),
        account_id: account.account_id,
        partition: account.partition,
        regions: account.regions,
      },
      findings: statusFilter ? findings.filter((f) => statusFilter.includes(f.status as Status)) : findings,
    };
    const full: ScanResult = { ...result, findings };
    // Compliance and the baseline comparison read every finding, whatever --status writes.
    const compliance = summarizeFrameworks(frameworks, findings, checks.map((c) => c.id));
    const diff = baseline && sameAccount(baseline.scan, result.scan) ? diffScans(onlyChecks(baseline, checks), full) : undefined;
    const written: string[] = [];
    for (const name of formats) {
      const format = findFormat(name)!;
      const file = reportPath(opts.outputDir, account.account_id, result.scan.started_at, format);
      await format.write({ result, checks: summaries, compliance, diff }, file);
      written.push(file);
    }
    written.push(...writeComplianceCsvs(compliance, opts.outputDir, account.account_id, result.scan.started_at));
    if (diff) {
      const file = join(opts.outputDir, `qready-${account.account_id}-${fileTimestamp(result.scan.started_at)}.diff.json`);
      await writeDiffJson(diff, file);
      written.push(file);
    }
    if (!opts.quiet) {
      io.stdout(`${consoleSummary(full)}\n`);
      if (diff) io.stdout(`${formatDiff(diff)}\n`);
      for (const f of written) io.stdout(`  report: ${f}\n`);
    }
    let code: number = findings.some((f) => f.status === 'FAIL' && !f.muted) ? EXIT.FAIL : EXIT.OK;
    if (opts.securityHub) {
      const exported = await exportFindings(full, checks, { sendOnlyFails: opts.sendOnlyFails, profile: opts.profile, maxAttempts: opts.maxAttempts, quiet: opts.quiet }, io);
      if (exported !== EXIT.OK) code = exported;
    }
    return code;
  }
}

async function collect(checks: Check[], regions: string[] | undefined, opts: ScanOptions, config: Config, io: CliIo, progress: Progress): Promise<Snapshot> {
  const factory = new ClientFactory({
    ...io.clientOptions,
    profile: opts.profile ?? io.clientOptions?.profile,
    maxAttempts: positiveInt('--max-attempts', opts.maxAttempts) ?? config.max_attempts ?? io.clientOptions?.maxAttempts ?? 5,
  });
  const collectedAt = new Date().toISOString();
  const identity = await callerIdentity(factory);
  progress.message(`account ${identity.accountId} (${identity.partition}) as ${identity.arn}`);
  const scanRegions = regions ?? (await discoverRegions(factory, identity.partition, progress));
  const account = await collectAccount({
    factory,
    accountId: identity.accountId,
    partition: identity.partition,
    regions: scanRegions,
    sourceIds: requiredSources(checks),
    concurrency: positiveInt('--concurrency', opts.concurrency) ?? config.concurrency ?? 8,
    serviceRegions: config.service_regions,
    onProgress: progress.onEvent,
  });
  progress.finish();
  return { schema: SNAPSHOT_SCHEMA, tool_version: toolVersion(), collected_at: collectedAt, accounts: [account] };
}

/** The baseline limited to the checks this scan ran: a check left out is not "resolved". */
function onlyChecks(baseline: ScanResult, checks: readonly Check[]): ScanResult {
  const ids = new Set(checks.map((c) => c.id));
  return { ...baseline, findings: baseline.findings.filter((f) => ids.has(f.check_id)) };
}

/** The frameworks a scan summarises: all of them, or those named by --compliance. */
function selectFrameworks(frameworks: Framework[], keys: string[] | undefined): Framework[] {
  if (!keys?.length) return frameworks;
  for (const k of keys) if (!frameworks.some((f) => f.key === k)) throw new UsageError(`unknown compliance framework '${k}' (one of ${frameworks.map((f) => f.key).join(', ')})`);
  return frameworks.filter((f) => keys.includes(f.key));
}

/** The account's enabled regions; if they cannot be listed, the IAM region alone, with a warning. */
async function discoverRegions(factory: ClientFactory, partition: string, progress: Progress): Promise<string[]> {
  try {
    return await enabledRegions(factory, partition);
  } catch (e) {
    const fallback = globalRegion(partition);
    progress.message(`warning: cannot list enabled regions (${(e as Error).name}: ${(e as Error).message}); scanning ${fallback} only. Pass --regions to choose.`);
    return [fallback];
  }
}

export function checkSummaries(checks: readonly Check[]): CheckSummary[] {
  return checks.map((c) => checkSummary(c.doc));
}
