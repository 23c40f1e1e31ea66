// The snapshot: everything collection read from AWS, as plain JSON. Evaluation reads only this,
// so a saved snapshot can be evaluated offline (`scan --snapshot`) with the same verdicts.

export const SNAPSHOT_SCHEMA = 'qready.snapshot/v1';

/** Why a data source could not be read. `action` names the IAM action that failed, when known. */
export interface SourceError {
  code: string;
  message: string;
  action: string | null;
}

export type SourceResult =
  | { status: 'ok'; data: unknown; fetched_at: string }
  | { status: 'error'; error: SourceError; fetched_at: string };

/** source id → region → result. Global sources (IAM) are keyed by the partition's IAM region. */
export type SourceTable = Record<string, Record<string, SourceResult>>;

export interface AccountSnapshot {
  account_id: string;
  partition: string;
  /** Regions scanned for regional sources. */
  regions: string[];
  sources: SourceTable;
}

export interface Snapshot {
  schema: typeof SNAPSHOT_SCHEMA;
  tool_version: string;
  collected_at: string;
  accounts: AccountSnapshot[];
}

/** The region that carries global IAM data and findings in a partition. */
export function globalRegion(partition: string): string {
  switch (partition) {
    case 'aws-us-gov':
      return 'us-gov-west-1';
    case 'aws-cn':
      return 'cn-north-1';
    default:
      return 'us-east-1';
  }
}
