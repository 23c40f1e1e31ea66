// What every report writer receives: one account's scan result and the metadata of the checks
// that ran (descriptions, risk, remediation live once per check, not once per finding).
import type { CheckDocument } from '../runner/checks/check.js';
import type { FrameworkSummary } from '../runner/compliance/compliance-types.js';
import type { ScanDiff } from '../runner/diff/diff-types.js';
import type { ScanResult } from '../runner/findings/finding.js';

const CHECK_SUMMARY_FIELDS = ['id', 'title', 'service', 'severity', 'description', 'risk', 'remediation', 'ir_phase', 'caf', 'compliance'] as const;

/** The metadata of a check that reports show: its YAML document without the rule. */
export type CheckSummary = Pick<CheckDocument, (typeof CHECK_SUMMARY_FIELDS)[number]>;

/** Copies exactly the summary fields (a check document also carries its rule, which reports omit). */
export function checkSummary(doc: CheckSummary): CheckSummary {
  const out: Partial<Record<keyof CheckSummary, unknown>> = {};
  for (const k of CHECK_SUMMARY_FIELDS) out[k] = doc[k];
  return out as CheckSummary;
}

export interface ReportInput {
  result: ScanResult;
  checks: CheckSummary[];
  /** Per-framework requirement summaries (written by every scan; shown in the HTML report). */
  compliance?: FrameworkSummary[];
  /** The comparison with a baseline scan (`scan --baseline OLD.json`). */
  diff?: ScanDiff;
}
