// What every report writer receives: one account's scan result and the metadata of the checks
// that ran (descriptions, risk, remediation live once per check, not once per finding).
import type { CafCategory, IrPhase } from '../runner/checks/check.js';
import type { Compliance, Remediation, ScanResult, Severity } from '../runner/findings/finding.js';

export interface CheckSummary {
  id: string;
  title: string;
  service: string;
  severity: Severity;
  description: string;
  risk: string;
  remediation: Remediation;
  ir_phase: IrPhase;
  caf: CafCategory[];
  compliance: Compliance;
}

export interface ReportInput {
  result: ScanResult;
  checks: CheckSummary[];
}
