// A compliance framework mapping (check-metadata/frameworks/*.yaml) and a scan's summary of it.
import type { Status } from '../findings/finding.js';

export interface FrameworkRequirement {
  id: string;
  title: string;
  section: string;
  /** Check ids that satisfy (part of) this requirement; empty when qready does not cover it. */
  checks: string[];
}

export interface Framework {
  /** The key checks use in their `compliance` map, e.g. cis_aws_3.0. */
  key: string;
  name: string;
  version: string;
  requirements: FrameworkRequirement[];
}

/** FAIL if any mapped finding fails (unmuted), else MANUAL if any is MANUAL, else PASS; ERROR when only errors; NOT_COVERED with no mapped check or no finding. */
export type RequirementStatus = Status | 'NOT_COVERED';

export interface RequirementSummary {
  id: string;
  title: string;
  section: string;
  checks: string[];
  status: RequirementStatus;
  counts: Record<Status, number>;
}

export interface FrameworkSummary {
  key: string;
  name: string;
  version: string;
  requirements: RequirementSummary[];
}
