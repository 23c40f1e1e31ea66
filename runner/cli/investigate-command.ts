// `qready investigate`: read CloudTrail (LookupEvents, log files on disk or in S3, CloudTrail
// Lake), answer the playbook's questions about Amazon Q activity, write the reports. Exit 3
// when tampering or unknown activity is found, like `scan` with an unmuted FAIL.
import { ClientFactory } from '../collect/clients.js';
import { enabledRegions } from '../collect/regions.js';
import { callerIdentity } from '../collect/sts.js';
import { loadAllowlist } from '../investigate/allowlist.js';
import { investigate } from '../investigate/investigate.js';
import { nothingRead } from '../investigate/investigation.js';
import { filesSource } from '../investigate/sources/files-source.js';
import { lakeSource } from '../investigate/sources/lake-source.js';
import { lookupSource } from '../investigate/sources/lookup-source.js';
import { s3Source } from '../investigate/sources/s3-source.js';
import type { TrailEventSource } from '../investigate/sources/source.js';
import { resolveWindows } from '../investigate/time-window.js';
import { investigationConsoleSummary } from '../../reports/investigation/investigation-console.js';
import { INVESTIGATION_FORMATS, investigationReportPath } from '../../reports/investigation/investigation-files.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { list, positiveInt } from './options.js';

export interface InvestigateOptions {
  source: string;
  start?: string;
  end?: string;
  baseline?: string;
  allowlist?: string;
  principal?: string[];
  region?: string[];
  application?: string[];
  outputDir: string;
  outputFormats?: string;
  profile?: string;
  maxAttempts?: string;
  workers?: string;
  requestsPerSecond?: string;
  progress: boolean;
  quiet?: boolean;
}

export const DEFAULT_INVESTIGATION_FORMATS = ['json', 'csv', 'html'];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export async function runInvestigate(opts: InvestigateOptions, io: CliIo, now = new Date()): Promise<number> {
  // Everything the user typed is checked before the first AWS call or file read.
  const windows = resolveWindows(opts, now);
  const formats = list(opts.outputFormats) ?? DEFAULT_INVESTIGATION_FORMATS;
  for (const f of formats) {
    if (!INVESTIGATION_FORMATS.some((o) => o.name === f)) throw new UsageError(`unknown output format '${f}' (available: ${INVESTIGATION_FORMATS.map((o) => o.name).join(', ')})`);
  }
  const regions = flatList(opts.region);
  for (const r of regions) if (!REGION.test(r)) throw new UsageError(`'${r}' is not a region name (like eu-west-1)`);
  const filters = { principals: flatList(opts.principal), regions, applications: flatList(opts.application) };
  const allowlist = opts.allowlist ? loadAllowlist(opts.allowlist) : null;
  const workers = positiveInt('--workers', opts.workers);
  const requestsPerSecond = positiveInt('--requests-per-second', opts.requestsPerSecond);
  const showProgress = opts.progress && !opts.quiet;

  const factory = new ClientFactory({
    ...io.clientOptions,
    profile: opts.profile ?? io.clientOptions?.profile,
    maxAttempts: positiveInt('--max-attempts', opts.maxAttempts) ?? io.clientOptions?.maxAttempts ?? 5,
  });
  const source = await openSource(opts.source, { factory, regions, workers, requestsPerSecond }, (m) => showProgress && io.stderr(`${m}\n`));

  const run = await investigate({
    source,
    ...windows,
    filters,
    allowlist,
    onProgress: showProgress ? progressLine(io) : undefined,
  });
  try {
    if (showProgress && io.isTty) io.stderr('\r\x1b[2K');
    const written: string[] = [];
    let failedWrites = 0;
    for (const name of formats) {
      const format = INVESTIGATION_FORMATS.find((f) => f.name === name)!;
      const file = investigationReportPath(opts.outputDir, run, format);
      // One format that cannot be written must not cost the others.
      try {
        await format.write(run, file);
        written.push(file);
      } catch (e) {
        failedWrites += 1;
        io.stderr(`qready: cannot write ${file}: ${(e as Error).message}\n`);
      }
    }
    const inv = run.investigation;
    if (!opts.quiet) {
      io.stdout(`${investigationConsoleSummary(run)}\n`);
      for (const f of written) io.stdout(`  report: ${f}\n`);
    } else {
      for (const p of inv.problems) io.stderr(`qready: could not read ${p.where}: ${p.message}\n`);
    }
    if (failedWrites > 0) return EXIT.RUNTIME;
    // Nothing could be read at all: no answer is trustworthy, even "nothing happened".
    if (nothingRead(inv)) return EXIT.RUNTIME;
    return inv.flagged ? EXIT.FAIL : EXIT.OK;
  } finally {
    await run.dispose();
  }
}

interface SourceContext {
  factory: ClientFactory;
  regions: string[];
  workers: number | undefined;
  requestsPerSecond: number | undefined;
}

async function openSource(spec: string, ctx: SourceContext, note: (m: string) => void): Promise<TrailEventSource> {
  const workers = ctx.workers !== undefined ? { workers: ctx.workers } : {};
  if (spec.startsWith('files:')) {
    const path = spec.slice('files:'.length);
    if (!path) throw new UsageError("--source files: needs a path (files:PATH)");
    return filesSource(path, workers);
  }
  if (spec.startsWith('s3://')) return s3Source(spec, ctx.factory, { ...workers, ...(ctx.regions.length === 1 ? { region: ctx.regions[0] } : {}) });
  if (spec.startsWith('lake:')) {
    const store = spec.slice('lake:'.length);
    if (!store) throw new UsageError('--source lake: needs an event data store ARN or id (lake:EVENT_DATA_STORE)');
    return lakeSource(ctx.factory, store, ctx.regions[0]);
  }
  if (spec === 'lookup') {
    let regions = ctx.regions;
    if (regions.length === 0) {
      const identity = await callerIdentity(ctx.factory);
      regions = await enabledRegions(ctx.factory, identity.partition);
      note(`account ${identity.accountId}: LookupEvents in ${regions.length} enabled regions (--region to narrow)`);
    }
    return lookupSource(ctx.factory, regions, ctx.requestsPerSecond !== undefined ? { requestsPerSecond: ctx.requestsPerSecond } : {});
  }
  throw new UsageError(`unknown --source '${spec}' (one of: lookup, files:PATH, s3://BUCKET/PREFIX, lake:EVENT_DATA_STORE)`);
}

/** Repeatable, comma-separated flag values → one list. */
function flatList(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => list(v) ?? []);
}

function progressLine(io: CliIo): (records: number, matched: number) => void {
  // A terminal redraws one line; a CI log gets a line every few seconds (none for a short run).
  const every = io.isTty ? 250 : 5000;
  let last = io.isTty ? 0 : Date.now();
  return (records, matched) => {
    const t = Date.now();
    if (t - last < every) return;
    last = t;
    const line = `reading CloudTrail: ${records.toLocaleString('en-US')} records, ${matched.toLocaleString('en-US')} matching events`;
    io.stderr(io.isTty ? `\r\x1b[2K${line}` : `${line}\n`);
  };
}
