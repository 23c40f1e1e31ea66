// The finding model shared by evaluation, the mutelist and every report writer.
// Field names follow the native findings JSON contract in DESIGN.md.

export const STATUSES = ['PASS', 'FAIL', 'MANUAL', 'ERROR'] as const;
export type Status = (typeof STATUSES)[number];

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface ResourceRef {
  type: string;
  id: string;
  arn: string | null;
  name: string | null;
}

export interface Remediation {
  text: string;
  cli?: string;
  url?: string;
}

export type Compliance = Record<string, string[]>;

/** A JSON value as it appears in evidence: plain data, nothing executable. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface Finding {
  id: string;
  check_id: string;
  title: string;
  status: Status;
  muted: boolean;
  mute_reason: string | null;
  severity: Severity;
  service: string;
  account_id: string;
  region: string;
  resource: ResourceRef;
  message: string;
  evidence: { [key: string]: JsonValue };
  remediation: Remediation;
  compliance: Compliance;
}

export interface ScanInfo {
  id: string;
  tool_version: string;
  started_at: string;
  finished_at: string;
  account_id: string;
  partition: string;
  regions: string[];
}

/** One account's scan result: what the native JSON file holds. */
export interface ScanResult {
  schema: 'qready.findings/v1';
  scan: ScanInfo;
  findings: Finding[];
}

export const SEVERITY_RANK: Record<Severity, number> = {
  critical: 5,
  high: 4,
  medium: 3,
  low: 2,
  informational: 1,
};
