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
import { findFormat, PLANNED_FORMATS, reportPath } from '../../reports/report-files.js';
import { checkSummary, type CheckSummary } from '../../reports/report-input.js';
import { EXIT, UsageError, type CliIo } from './io.js';
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
}

export const DEFAULT_FORMATS = ['json', 'html'];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function demoSnapshotPath(): string {
  return join(packageRoot(), 'examples', 'demo-account.snapshot.json');
}

function list(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

function positiveInt(flag: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`${flag} must be a positive whole number, got '${v}'`);
  return Number(v);
}

export async function runScan(opts: ScanOptions, io: CliIo): Promise<number> {
  const startedAt = new Date();
  const loaded = opts.config ? loadConfig(opts.config) : undefined;
  const config: Config = loaded?.config ?? {};

  const formats = list(opts.outputFormats) ?? config.output_formats ?? DEFAULT_FORMATS;
  for (const f of formats) {
    if ((PLANNED_FORMATS as readonly string[]).includes(f)) throw new UsageError(`output format '${f}' is not available in this version (available: json, html)`);
    if (!findFormat(f)) throw new UsageError(`unknown output format '${f}' (available: json, html)`);
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
    const written: string[] = [];
    for (const name of formats) {
      const format = findFormat(name)!;
      const file = reportPath(opts.outputDir, account.account_id, result.scan.started_at, format);
      await format.write({ result, checks: summaries }, file);
      written.push(file);
    }
    if (!opts.quiet) {
      io.stdout(`${consoleSummary({ ...result, findings })}\n`);
      for (const f of written) io.stdout(`  report: ${f}\n`);
    }
    return findings.some((f) => f.status === 'FAIL' && !f.muted) ? EXIT.FAIL : EXIT.OK;
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
    onProgress: progress.onEvent,
  });
  progress.finish();
  return { schema: SNAPSHOT_SCHEMA, tool_version: toolVersion(), collected_at: collectedAt, accounts: [account] };
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
