// What `qready diff OLD NEW` and `scan --baseline OLD` produce: findings matched by their
// stable id between two scans of the same account.
import type { ResourceRef, ScanInfo, Severity, Status } from '../findings/finding.js';

export interface DiffEntry {
  id: string;
  check_id: string;
  title: string;
  severity: Severity;
  region: string;
  resource: ResourceRef;
  /** Status in the old scan, or null when the finding did not exist there. */
  status_before: Status | null;
  /** Status in the new scan, or null when the finding is gone. */
  status_after: Status | null;
  muted_before: boolean;
  muted_after: boolean;
  /** The newest message (the old one when the finding is gone). */
  message: string;
}

export interface ScanDiff {
  schema: 'qready.diff/v1';
  old_scan: ScanInfo;
  new_scan: ScanInfo;
  /** Unmuted FAIL now, and not an unmuted FAIL before. */
  new_failures: DiffEntry[];
  /** Unmuted FAIL before, and now PASS, muted or gone. */
  resolved_failures: DiffEntry[];
  /** Unmuted FAIL in both scans. */
  still_failing: DiffEntry[];
  /** Not muted before (or absent), muted now, whatever the status. */
  newly_muted: DiffEntry[];
  /**
   * Unmuted FAIL before, and now an unmuted ERROR or MANUAL: the check could not say whether it
   * is fixed (a lost permission must not look like a fix), so it is neither resolved nor failing.
   */
  not_evaluated: DiffEntry[];
}
