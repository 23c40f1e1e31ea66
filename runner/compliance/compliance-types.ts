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

/**
 * NOT_COVERED when the requirement has no check or none of its checks ran; else, over the unmuted
 * findings of its checks: FAIL if any fails, else ERROR if any is ERROR, else MANUAL if any is
 * MANUAL, else PASS (also when the checks ran and found nothing in scope). The precise rule is on
 * summarizeFramework in frameworks.ts.
 */
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
