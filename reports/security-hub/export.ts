// `qready export security-hub` and `qready scan --security-hub`: the only code in qready that
// changes anything in an AWS account, reached only from those explicit commands.
//
// Per target region (the scan's regions and every region a finding carries; global IAM findings
// carry us-east-1): DescribeHub (a region without Security Hub is reported and skipped), GetFindings
// for qready's ACTIVE records (our ProductArn, GeneratorId prefix qready/, this account), then
// BatchImportFindings in batches of ≤100 records and ≤6 MB at ≤10 requests/s: the scan's findings,
// plus every earlier record that no longer appears re-imported as ARCHIVED with its original
// CreatedAt and a newer UpdatedAt. Every FailedFindings entry is reported.
//
// A dry run writes each batch it would send to a file and sends nothing: its clients may only
// call the read-only actions, and without a client factory it makes no request at all.
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  BatchImportFindingsCommand,
  DescribeHubCommand,
  GetFindingsCommand,
  type AwsSecurityFinding,
  type GetFindingsRequest,
  type Resource,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import type { ClientFactory } from '../../runner/collect/clients.js';
import type { Finding } from '../../runner/findings/finding.js';
import { writeFileAtomic } from '../../runner/util/atomic-write.js';
import {
  ASFF_LIMITS,
  ASFF_SCHEMA_VERSION,
  COMPLIANCE_STATUS,
  QREADY_PREFIX,
  TYPE_BEST_PRACTICES,
  asffId,
  asffTime,
  checkIdOfGenerator,
  checksById,
  productArn,
  toAsffSized,
  truncate,
} from '../asff/asff.js';
import type { ReportInput } from '../report-input.js';
import { BATCH_LIMITS, batchesOf, type BatchLimits } from './batches.js';
import { systemClock, TokenBucket, type Clock } from '../../runner/util/token-bucket.js';

/** Every action the export may call; `factory.client('securityhub', region, SECURITY_HUB_ACTIONS)`. */
export const SECURITY_HUB_ACTIONS = ['securityhub:DescribeHub', 'securityhub:GetFindings', 'securityhub:BatchImportFindings'] as const;

/** What a dry run may call: the guard refuses BatchImportFindings outright. */
export const SECURITY_HUB_READ_ACTIONS = ['securityhub:DescribeHub', 'securityhub:GetFindings'] as const;

/** One record Security Hub did not import (a FailedFindings entry, or a whole batch whose request failed). */
export interface FailedFinding {
  Id: string;
  ErrorCode: string;
  ErrorMessage: string;
  region: string;
  /** 1-based batch number in the region; 0 when the record was never put in a batch (too large). */
  batch: number;
}

export interface RegionExport {
  region: string;
  /** Whether Security Hub is enabled; null when not checked (offline dry run) or when DescribeHub failed otherwise. */
  enabled: boolean | null;
  /** Why nothing, or nothing more, was sent in this region (Security Hub disabled, DescribeHub failed, another account, a client fault). */
  skipped?: string;
  /** Records of this scan's findings in batches Security Hub answered (dry run: written); per-record rejections are in `failed`. */
  sent: number;
  /** Sum of SuccessCount (0 in a dry run). */
  succeeded: number;
  failed: FailedFinding[];
  /** Earlier qready records no longer found, re-imported as ARCHIVED. */
  archived: number;
  /** Records that were FAILED in Security Hub and are sent as PASSED now. */
  resolved: number;
  batches: number;
  /** Ids whose evidence was cut to fit the ProductFields or 240 KB limits. */
  evidenceTruncated: string[];
  warnings: string[];
  /** Dry run: the batch files written, in order. */
  files: string[];
}

export interface SecurityHubExportResult {
  dryRun: boolean;
  accountId: string;
  regions: RegionExport[];
  totals: { sent: number; succeeded: number; failed: number; archived: number; resolved: number; batches: number };
}

export type ExportProgress =
  | { region: string; phase: 'checking' }
  | { region: string; phase: 'skipped'; reason: string }
  | { region: string; phase: 'batch'; batch: number; records: number; dryRun: boolean }
  | { region: string; phase: 'done'; result: RegionExport };

export interface SecurityHubExportOptions {
  input: ReportInput;
  /** Clients for the regions. Required unless `dryRunDir` is given; a dry run without it is fully offline. */
  factory?: ClientFactory;
  /** Send only FAIL findings, plus updates of records already ACTIVE whose status changed (previous FAILED now PASSED…) and the archiving. */
  sendOnlyFails?: boolean;
  /** Dry run: write `security-hub-<region>-<NNNN>.json` per batch ({ region, index, input }) here and import nothing. */
  dryRunDir?: string;
  /** UpdatedAt of archived records (default: the current time). */
  now?: Date;
  onProgress?: (event: ExportProgress) => void;
  /** Names of compliance keys for RelatedRequirements (see asff.ts). */
  frameworkNames?: Readonly<Record<string, string>>;
  /**
   * Requests per second and burst per region. Default 10/s with a burst of 1: requests at least
   * 100 ms apart, so no one-second window ever holds more than 10 (Security Hub allows 10/s with
   * bursts of 30 for BatchImportFindings).
   */
  rate?: { perSecond: number; burst: number };
  /** Time source of the rate limiter (tests use a virtual one). */
  clock?: Clock;
  /** Batch limits (default 100 findings, 6,000,000 bytes). */
  batchLimits?: BatchLimits;
}

/** The record as sent, with what the region summary counts. */
interface Item {
  finding: AwsSecurityFinding;
  json: string;
  bytes: number;
  kind: 'finding' | 'archive';
}

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

function errorParts(err: unknown): { name: string; message: string; client: boolean; throttled: boolean } {
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorLike;
  const name = typeof e.name === 'string' ? e.name : 'Error';
  const message = typeof e.message === 'string' ? e.message : String(err);
  const throttled = e.$metadata?.httpStatusCode === 429 || /Throttl|TooManyRequests|LimitExceeded/.test(name);
  return { name, message, client: e.$fault === 'client', throttled };
}

/** A time strictly after `previous` (ISO), at least `now`. */
function laterThan(previous: string | undefined, now: Date): string {
  const prev = previous ? Date.parse(previous) : Number.NaN;
  return asffTime(new Date(Number.isNaN(prev) || now.getTime() > prev ? now.getTime() : prev + 1));
}

function validTime(value: string | undefined): string | undefined {
  return value !== undefined && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

function pickResource(r: Resource): Resource {
  const out: Resource = { Type: r.Type ?? 'Other', Id: r.Id ?? 'unknown' };
  if (r.Partition) out.Partition = r.Partition;
  if (r.Region && r.Region.length <= ASFF_LIMITS.resourceRegion) out.Region = r.Region;
  if (r.Details?.Other && Object.keys(r.Details.Other).length > 0) out.Details = { Other: r.Details.Other };
  return out;
}

/**
 * The re-import that archives an earlier qready record: the fields qready sent, as GetFindings
 * returned them (fields Security Hub adds, such as ProductFields `aws/…`, Workflow or
 * ProcessedAt, are left out), with RecordState ARCHIVED, the original CreatedAt and a newer UpdatedAt.
 */
export function archiveRecord(previous: AwsSecurityFinding, now: Date, scanId: string): AwsSecurityFinding {
  const productFields: Record<string, string> = {};
  for (const [k, v] of Object.entries(previous.ProductFields ?? {})) if (!k.startsWith('aws/')) productFields[k] = v;
  if (Object.keys(productFields).length < ASFF_LIMITS.productFields) {
    productFields['qready/ArchivedBy'] = truncate(`scan ${scanId}: the finding no longer appears`, ASFF_LIMITS.productFieldValue);
  }
  const types = previous.Types && previous.Types.length > 0 ? previous.Types.slice(0, ASFF_LIMITS.types) : [TYPE_BEST_PRACTICES];
  const out: AwsSecurityFinding = {
    SchemaVersion: previous.SchemaVersion ?? ASFF_SCHEMA_VERSION,
    Id: previous.Id,
    ProductArn: previous.ProductArn,
    ProductName: 'qready',
    CompanyName: 'qready',
    GeneratorId: previous.GeneratorId,
    AwsAccountId: previous.AwsAccountId,
    Types: types,
    CreatedAt: previous.CreatedAt,
    UpdatedAt: laterThan(previous.UpdatedAt, now),
    Severity: { Label: previous.Severity?.Label ?? 'INFORMATIONAL', ...(previous.Severity?.Original ? { Original: previous.Severity.Original } : {}) },
    Title: previous.Title,
    Description: previous.Description,
    Resources: (previous.Resources ?? []).slice(0, ASFF_LIMITS.resources).map(pickResource),
    Compliance: { Status: previous.Compliance?.Status ?? 'NOT_AVAILABLE' },
    RecordState: 'ARCHIVED',
    ProductFields: productFields,
  };
  const related = previous.Compliance?.RelatedRequirements;
  if (related && related.length > 0 && out.Compliance) out.Compliance.RelatedRequirements = related.slice(0, ASFF_LIMITS.relatedRequirements);
  const rec = previous.Remediation?.Recommendation;
  if (rec?.Text) out.Remediation = { Recommendation: rec.Url ? { Text: rec.Text, Url: rec.Url } : { Text: rec.Text } };
  return out;
}

function sized(finding: AwsSecurityFinding, kind: Item['kind']): Item {
  const json = JSON.stringify(finding);
  return { finding, json, bytes: Buffer.byteLength(json, 'utf8'), kind };
}

/** qready's ACTIVE records in one region's product, by Id (all pages). */
async function activeRecords(client: SecurityHubClient, arn: string, accountId: string, limiters: readonly TokenBucket[]): Promise<Map<string, AwsSecurityFinding>> {
  const out = new Map<string, AwsSecurityFinding>();
  const request: GetFindingsRequest = {
    Filters: {
      ProductArn: [{ Value: arn, Comparison: 'EQUALS' }],
      GeneratorId: [{ Value: QREADY_PREFIX, Comparison: 'PREFIX' }],
      RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
      AwsAccountId: [{ Value: accountId, Comparison: 'EQUALS' }],
    },
    MaxResults: 100,
  };
  let token: string | undefined;
  const seen = new Set<string>();
  do {
    for (const limiter of limiters) await limiter.take();
    const page = await client.send(new GetFindingsCommand(token === undefined ? request : { ...request, NextToken: token }));
    for (const f of page.Findings ?? []) {
      // With cross-Region aggregation GetFindings can return linked regions' records: keep only this product's.
      if (f.Id && f.ProductArn === arn && f.AwsAccountId === accountId && f.GeneratorId?.startsWith(QREADY_PREFIX)) out.set(f.Id, f);
    }
    token = page.NextToken || undefined;
    if (token !== undefined) {
      if (seen.has(token)) throw new Error('GetFindings returned a NextToken twice');
      seen.add(token);
    }
  } while (token !== undefined);
  return out;
}

interface Context {
  options: SecurityHubExportOptions;
  dryRun: boolean;
  now: Date;
  /** Checks whose earlier records may be archived: those that ran in this scan. */
  archiveScope: Set<string>;
  clock: Clock;
  rate: { perSecond: number; burst: number };
  limits: BatchLimits;
}

function emptyRegion(region: string, enabled: boolean | null): RegionExport {
  return { region, enabled, sent: 0, succeeded: 0, failed: [], archived: 0, resolved: 0, batches: 0, evidenceTruncated: [], warnings: [], files: [] };
}

async function exportRegion(ctx: Context, region: string, findings: readonly Finding[]): Promise<RegionExport> {
  const { options, dryRun } = ctx;
  const { scan } = options.input.result;
  const progress = options.onProgress ?? (() => undefined);
  const result = emptyRegion(region, null);
  const skip = (reason: string): RegionExport => {
    result.skipped = reason;
    progress({ region, phase: 'skipped', reason });
    progress({ region, phase: 'done', result });
    return result;
  };
  const arn = productArn(scan.partition, region, scan.account_id);
  const limiter = new TokenBucket({ ratePerSecond: ctx.rate.perSecond, burst: ctx.rate.burst, clock: ctx.clock });
  // GetFindings has its own, lower quota (3/s, burst 6); its pages also count against the region's rate.
  const readLimiter = new TokenBucket({ ratePerSecond: Math.min(3, ctx.rate.perSecond), burst: Math.min(3, ctx.rate.burst), clock: ctx.clock });

  let client: SecurityHubClient | undefined;
  let existing = new Map<string, AwsSecurityFinding>();
  let canArchive = false;
  if (options.factory) {
    client = options.factory.client('securityhub', region, dryRun ? SECURITY_HUB_READ_ACTIONS : SECURITY_HUB_ACTIONS);
    progress({ region, phase: 'checking' });
    try {
      await limiter.take();
      const hub = await client.send(new DescribeHubCommand({}));
      result.enabled = true;
      const hubAccount = hub.HubArn?.split(':')[4];
      if (hubAccount && hubAccount !== scan.account_id) {
        return skip(`the credentials are for account ${hubAccount}, the findings for ${scan.account_id} (BatchImportFindings needs the same account)`);
      }
    } catch (err) {
      const e = errorParts(err);
      if (e.name === 'InvalidAccessException') {
        result.enabled = false;
        return skip(`Security Hub is not enabled (${e.name}: ${e.message})`);
      }
      return skip(`DescribeHub failed (${e.name}: ${e.message})`);
    }
    try {
      existing = await activeRecords(client, arn, scan.account_id, [readLimiter, limiter]);
      canArchive = true;
    } catch (err) {
      const e = errorParts(err);
      result.warnings.push(`GetFindings failed (${e.name}: ${e.message}): earlier findings are neither archived nor compared`);
    }
  }

  const checks = checksById(options.input.checks);
  const currentIds = new Set(findings.map((f) => asffId(f.id)));
  const tooLarge: FailedFinding[] = [];

  function* items(): Generator<Item> {
    for (const f of findings) {
      const id = asffId(f.id);
      const prev = existing.get(id);
      const status = COMPLIANCE_STATUS[f.status];
      // Existing records are ACTIVE: a changed status or a new mute must reach Security Hub even when only failures are sent.
      const changed = prev !== undefined && (prev.Compliance?.Status !== status || f.muted);
      if (options.sendOnlyFails && f.status !== 'FAIL' && !changed) continue;
      const createdAt = validTime(prev?.CreatedAt);
      const s = toAsffSized(f, checks.get(f.check_id), scan, { frameworkNames: options.frameworkNames, ...(createdAt ? { createdAt } : {}) });
      if (s.evidenceTruncated) result.evidenceTruncated.push(id);
      if (s.oversize) {
        tooLarge.push({ Id: id, ErrorCode: 'qready.FindingTooLarge', ErrorMessage: `${s.bytes} bytes even without evidence (limit ${ASFF_LIMITS.findingBytes})`, region, batch: 0 });
        continue;
      }
      if (prev?.Compliance?.Status === 'FAILED' && status === 'PASSED') result.resolved++;
      yield { finding: s.finding, json: s.json, bytes: s.bytes, kind: 'finding' };
    }
    if (!canArchive) return;
    for (const prev of existing.values()) {
      if (prev.Id === undefined || currentIds.has(prev.Id)) continue;
      const checkId = checkIdOfGenerator(prev.GeneratorId);
      if (checkId === null || !ctx.archiveScope.has(checkId)) continue;
      yield sized(archiveRecord(prev, ctx.now, scan.id), 'archive');
    }
  }

  let index = 0;
  let aborted = false;
  for (const batch of batchesOf(items(), ctx.limits)) {
    index++;
    if (aborted) {
      for (const item of batch) result.failed.push({ Id: item.finding.Id ?? '', ErrorCode: 'qready.NotSent', ErrorMessage: `not sent: ${result.skipped ?? 'an earlier batch failed'}`, region, batch: index });
      continue;
    }
    result.batches++;
    progress({ region, phase: 'batch', batch: index, records: batch.length, dryRun });
    const count = (): void => {
      for (const item of batch) {
        if (item.kind === 'archive') result.archived++;
        else result.sent++;
      }
    };
    if (dryRun) {
      const file = join(options.dryRunDir as string, `security-hub-${region}-${String(index).padStart(4, '0')}.json`);
      // The exact BatchImportFindings input, assembled from the records' JSON (no second serialization).
      writeFileAtomic(file, `{"region":${JSON.stringify(region)},"index":${index},"input":{"Findings":[${batch.map((i) => i.json).join(',')}]}}\n`);
      result.files.push(file);
      count();
      continue;
    }
    await limiter.take();
    try {
      const out = await (client as SecurityHubClient).send(new BatchImportFindingsCommand({ Findings: batch.map((i) => i.finding) }));
      count();
      result.succeeded += out.SuccessCount ?? 0;
      const failures = out.FailedFindings ?? [];
      for (const f of failures) {
        result.failed.push({ Id: f.Id ?? '(no id)', ErrorCode: f.ErrorCode ?? '(no code)', ErrorMessage: f.ErrorMessage ?? '', region, batch: index });
      }
      if ((out.FailedCount ?? 0) > failures.length) {
        result.warnings.push(`batch ${index}: FailedCount ${out.FailedCount} but ${failures.length} FailedFindings entries`);
      }
    } catch (err) {
      const e = errorParts(err);
      for (const item of batch) result.failed.push({ Id: item.finding.Id ?? '', ErrorCode: e.name, ErrorMessage: e.message, region, batch: index });
      // A client fault (access denied, invalid input for the account) would fail every batch alike: stop here.
      if (e.client && !e.throttled) {
        aborted = true;
        result.skipped = `BatchImportFindings failed (${e.name}: ${e.message}); later batches not sent`;
      }
    }
  }
  result.failed.push(...tooLarge);
  progress({ region, phase: 'done', result });
  return result;
}

/** Groups the findings by region; the targets are the scan's regions plus every finding's region, sorted. */
function byRegion(input: ReportInput): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const r of input.result.scan.regions) groups.set(r, []);
  for (const f of input.result.findings) {
    let list = groups.get(f.region);
    if (!list) groups.set(f.region, (list = []));
    list.push(f);
  }
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const DRY_RUN_FILE = /^security-hub-[a-z0-9-]+-\d{4,}\.json$/;

/** Removes the batch files of an earlier dry run (only files named like ours), so the folder shows exactly this run's batches. */
function clearDryRunFiles(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // created on the first write
  }
  for (const name of names) if (DRY_RUN_FILE.test(name)) rmSync(join(dir, name), { force: true });
}

export async function exportToSecurityHub(options: SecurityHubExportOptions): Promise<SecurityHubExportResult> {
  const dryRun = options.dryRunDir !== undefined;
  if (!dryRun && !options.factory) throw new Error('exportToSecurityHub: a client factory is required unless dryRunDir is given');
  const { input } = options;
  const checkIds = input.checks.length > 0 ? input.checks.map((c) => c.id) : input.result.findings.map((f) => f.check_id);
  const ctx: Context = {
    options,
    dryRun,
    now: options.now ?? new Date(),
    archiveScope: new Set(checkIds),
    clock: options.clock ?? systemClock,
    rate: options.rate ?? { perSecond: 10, burst: 1 },
    limits: options.batchLimits ?? BATCH_LIMITS,
  };
  if (options.dryRunDir !== undefined) clearDryRunFiles(options.dryRunDir);
  // Regions run concurrently: the request rate limit is per region.
  const regions = await Promise.all([...byRegion(input)].map(([region, findings]) => exportRegion(ctx, region, findings)));
  const sum = (pick: (r: RegionExport) => number): number => regions.reduce((n, r) => n + pick(r), 0);
  return {
    dryRun,
    accountId: input.result.scan.account_id,
    regions,
    totals: {
      sent: sum((r) => r.sent),
      succeeded: sum((r) => r.succeeded),
      failed: sum((r) => r.failed.length),
      archived: sum((r) => r.archived),
      resolved: sum((r) => r.resolved),
      batches: sum((r) => r.batches),
    },
  };
}
