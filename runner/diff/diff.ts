// `qready diff OLD NEW` and `scan --baseline OLD`: what got worse (and better) between two scans of
// one account, with findings matched by their stable id (check, account, region, resource).
import { SEVERITY_RANK, type Finding, type ScanInfo, type ScanResult } from '../findings/finding.js';
import { writeStreamAtomic } from '../util/atomic-write.js';
import { InputError } from '../util/yaml-file.js';
import type { DiffEntry, ScanDiff } from './diff-types.js';
import { sourceFileOf, sourceOf } from './findings-file.js';

const CATEGORIES = ['new_failures', 'resolved_failures', 'still_failing', 'newly_muted', 'not_evaluated'] as const;
type Category = (typeof CATEGORIES)[number];

/** Whether two scans are of the same account (and partition), so that their findings can be diffed. */
export function sameAccount(a: ScanInfo, b: ScanInfo): boolean {
  return a.account_id === b.account_id && a.partition === b.partition;
}

const failing = (f: Finding | undefined): boolean => f !== undefined && f.status === 'FAIL' && !f.muted;

/**
 * Compares two scans of one account. Categories (a finding can be in both resolved_failures and
 * newly_muted when its FAIL was muted):
 * - new_failures: unmuted FAIL now, and not an unmuted FAIL before (new, was PASS/MANUAL/ERROR, or
 *   its mute ended);
 * - resolved_failures: unmuted FAIL before, and now PASS, muted, or gone;
 * - still_failing: unmuted FAIL in both;
 * - newly_muted: muted now, and not muted before or absent before;
 * - not_evaluated: unmuted FAIL before, now an unmuted ERROR or MANUAL (not known to be fixed).
 * Each list is sorted by severity (most severe first), then check id, region and resource.
 * Throws an InputError when the scans are of different accounts.
 */
export function diffScans(oldResult: ScanResult, newResult: ScanResult): ScanDiff {
  if (!sameAccount(oldResult.scan, newResult.scan)) {
    const at = sourceOf(newResult, ['scan', 'account_id']) ?? sourceOf(oldResult, ['scan', 'account_id']);
    const name = (r: ScanResult): string => sourceFileOf(r) ?? `scan ${r.scan.id}`;
    throw new InputError(
      at?.file ?? `scan ${newResult.scan.id}`,
      at?.line ?? null,
      `cannot diff scans of different accounts: ${name(oldResult)} is account ${oldResult.scan.account_id} (${oldResult.scan.partition}), ${name(newResult)} is account ${newResult.scan.account_id} (${newResult.scan.partition})`,
    );
  }
  const before = new Map<string, Finding>();
  for (const f of oldResult.findings) before.set(f.id, f);
  const out: Record<Category, DiffEntry[]> = { new_failures: [], resolved_failures: [], still_failing: [], newly_muted: [], not_evaluated: [] };

  const seen = new Set<string>();
  for (const now of newResult.findings) {
    seen.add(now.id);
    const was = before.get(now.id);
    const failedBefore = failing(was);
    const failsNow = failing(now);
    if (failsNow) out[failedBefore ? 'still_failing' : 'new_failures'].push(entry(was, now));
    else if (failedBefore) out[now.muted || now.status === 'PASS' ? 'resolved_failures' : 'not_evaluated'].push(entry(was, now));
    if (now.muted && !was?.muted) out.newly_muted.push(entry(was, now));
  }
  for (const was of oldResult.findings) {
    if (!seen.has(was.id) && failing(was)) out.resolved_failures.push(entry(was, undefined));
  }
  for (const c of CATEGORIES) out[c].sort(byRank);
  return { schema: 'qready.diff/v1', old_scan: oldResult.scan, new_scan: newResult.scan, ...out };
}

function entry(was: Finding | undefined, now: Finding | undefined): DiffEntry {
  const latest = (now ?? was)!;
  return {
    id: latest.id,
    check_id: latest.check_id,
    title: latest.title,
    severity: latest.severity,
    region: latest.region,
    resource: latest.resource,
    status_before: was?.status ?? null,
    status_after: now?.status ?? null,
    muted_before: was?.muted ?? false,
    muted_after: now?.muted ?? false,
    message: latest.message,
  };
}

function byRank(a: DiffEntry, b: DiffEntry): number {
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    cmp(a.check_id, b.check_id) ||
    cmp(a.region, b.region) ||
    cmp(a.resource.id, b.resource.id) ||
    cmp(a.id, b.id)
  );
}

/** Code-unit order: the same on every machine and locale. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The exit code `qready diff` returns: 3 when there are new failures, else 0. */
export function diffExitCode(diff: ScanDiff): 0 | 3 {
  return diff.new_failures.length > 0 ? 3 : 0;
}

/** The console text: the two scans, the counts, then the new failures, most severe first. */
export function formatDiff(diff: ScanDiff, maxNew = 50): string {
  const { old_scan: o, new_scan: n } = diff;
  const lines: string[] = [];
  lines.push(`Account ${n.account_id} (${n.partition}): scan of ${o.started_at} → scan of ${n.started_at}`);
  lines.push(
    `  new failures ${diff.new_failures.length}  resolved ${diff.resolved_failures.length}  still failing ${diff.still_failing.length}  newly muted ${diff.newly_muted.length}` +
      (diff.not_evaluated.length ? `  not evaluated ${diff.not_evaluated.length}` : ''),
  );
  if (diff.new_failures.length === 0) lines.push('  no new failures');
  for (const e of diff.new_failures.slice(0, maxNew)) {
    const was = e.status_before === null ? 'new' : `was ${e.status_before}${e.muted_before ? ' (muted)' : ''}`;
    lines.push(`  NEW ${e.severity.padEnd(13)} ${e.check_id}  ${e.region}  ${e.message}  [${was}]`);
  }
  if (diff.new_failures.length > maxNew) lines.push(`  … and ${diff.new_failures.length - maxNew} more new failures (see the diff JSON)`);
  const k = diff.not_evaluated.length;
  if (k) lines.push(`  ${k} earlier ${k === 1 ? 'failure' : 'failures'} could not be evaluated now (ERROR or MANUAL): not known to be fixed`);
  return lines.join('\n');
}

/** Writes the diff as JSON (one entry per line), atomically. */
export async function writeDiffJson(diff: ScanDiff, file: string): Promise<void> {
  await writeStreamAtomic(file, diffChunks(diff));
}

function* diffChunks(diff: ScanDiff): Generator<string> {
  yield `{"schema":${JSON.stringify(diff.schema)},\n"old_scan":${JSON.stringify(diff.old_scan)},\n"new_scan":${JSON.stringify(diff.new_scan)}`;
  for (const c of CATEGORIES) {
    yield `,\n${JSON.stringify(c)}:[`;
    let first = true;
    for (const e of diff[c]) {
      yield (first ? '\n' : ',\n') + JSON.stringify(e);
      first = false;
    }
    yield ']';
  }
  yield '\n}\n';
}
