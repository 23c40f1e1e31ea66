// The summary printed at the end of a scan: counts by status and severity, then the failures.
import { SEVERITIES, SEVERITY_RANK, STATUSES, type ScanResult } from '../runner/findings/finding.js';

export function consoleSummary(result: ScanResult, maxFailures = 20): string {
  const { scan, findings } = result;
  const lines: string[] = [];
  const count = (pred: (f: (typeof findings)[number]) => boolean): number => findings.filter(pred).length;
  lines.push(`Account ${scan.account_id} (${scan.partition}), ${findings.length} findings`);
  lines.push('  ' + STATUSES.map((s) => `${s} ${count((f) => f.status === s && !f.muted)}`).join('  ') + `  muted ${count((f) => f.muted)}`);
  const fails = findings.filter((f) => f.status === 'FAIL' && !f.muted);
  if (fails.length) {
    lines.push('  FAIL by severity: ' + SEVERITIES.map((s) => `${s} ${fails.filter((f) => f.severity === s).length}`).join(', '));
    const sorted = [...fails].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || a.check_id.localeCompare(b.check_id));
    for (const f of sorted.slice(0, maxFailures)) lines.push(`  FAIL ${f.severity.padEnd(13)} ${f.check_id}  ${f.message}`);
    if (sorted.length > maxFailures) lines.push(`  … and ${sorted.length - maxFailures} more failures (see the reports)`);
  }
  const errors = findings.filter((f) => f.status === 'ERROR');
  if (errors.length) {
    const byMessage = new Map<string, number>();
    for (const f of errors) byMessage.set(f.message, (byMessage.get(f.message) ?? 0) + 1);
    for (const [m, n] of [...byMessage].slice(0, 5)) lines.push(`  ERROR ×${n}: ${m}`);
  }
  return lines.join('\n');
}
