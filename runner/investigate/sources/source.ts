// The contract every event source keeps (LookupEvents, log files on disk or in S3, CloudTrail
// Lake): it streams normalised events in batches and reports what it could not read instead of
// stopping, so one corrupt file or one failing region never hides the rest.
import type { TrailEvent } from '../event.js';

/** What the investigation needs from a source; sources use it to read less (dates, regions). */
export interface SourceQuery {
  /** Epoch ms, inclusive: the start of the baseline window when there is one, else of the investigation window. */
  start: number;
  /** Epoch ms, exclusive. */
  end: number;
  /** Only these regions; null = all. */
  regions: string[] | null;
  /**
   * IAM/STS/CloudTrail/Logs events before this time (epoch ms) are not needed: the baseline
   * compares only Amazon Q activity. Sources may drop them early (the log-file parsers do).
   */
  relatedSince?: number;
}

/** Something a source could not read: a file, a region, a query. Reading goes on. */
export interface SourceProblem {
  /** What failed: the file name, `lookup us-east-1`, `lake query <id>`. */
  where: string;
  message: string;
}

/** Counters a source fills in while it reads (shown in the summary and the JSON). */
export interface SourceReport {
  /** Raw CloudTrail records read (before filtering to Amazon Q and related events). */
  records: number;
  /** Files, API pages or query result pages read. */
  units: number;
  problems: SourceProblem[];
}

export interface TrailEventSource {
  /** How the source names itself in reports: `lookup`, `files:/var/trail`, `s3://bucket/prefix`, `lake:EDS`. */
  readonly label: string;
  /**
   * Normalised events (scope q, related or q_invoked; everything else is dropped at the source)
   * whose time lies in [query.start, query.end) and whose region is wanted. Batches arrive in
   * no particular time order.
   */
  events(query: SourceQuery, report: SourceReport): AsyncIterable<TrailEvent[]>;
}

export function newSourceReport(): SourceReport {
  return { records: 0, units: 0, problems: [] };
}
