// The result of `qready investigate`: the answers, per-principal activity and how the sources
// went. The normalised events themselves are not held here; writers stream them from the spool
// (see spool.ts) in time order.
import type { Answer } from './answers.js';
import type { TrailEvent } from './event.js';
import type { SourceProblem } from './sources/source.js';

export const INVESTIGATION_SCHEMA = 'qready.investigation/v1';

/** What one principal did in the window (the HTML report's per-principal view). */
export interface PrincipalActivity {
  key: string;
  name: string;
  type: string;
  arn: string | null;
  firstSeen: string;
  lastSeen: string;
  /** Events by scope. */
  qEvents: number;
  relatedEvents: number;
  qInvokedEvents: number;
  /** Calls that failed with AccessDenied / UnauthorizedOperation style errors. */
  deniedEvents: number;
  /** Event names with counts, most frequent first (at most 50). */
  eventNames: { name: string; count: number }[];
  applications: string[];
  sourceIps: string[];
  userAgents: string[];
  regions: string[];
}

export interface Investigation {
  schema: typeof INVESTIGATION_SCHEMA;
  run: {
    id: string;
    toolVersion: string;
    startedAt: string;
    finishedAt: string;
    /** The source's label (`lookup`, `files:/path`, `s3://…`, `lake:…`). */
    source: string;
    window: { start: string; end: string };
    baseline: { start: string; end: string } | null;
    filters: { principals: string[]; regions: string[]; applications: string[] };
    /** Accounts and regions the matched events came from. */
    accounts: string[];
    regions: string[];
  };
  stats: {
    /** Raw CloudTrail records the source read. */
    recordsRead: number;
    /** Files, API pages or query pages read. */
    unitsRead: number;
    /** Events in the window that passed the filters, by scope. */
    qEvents: number;
    relatedEvents: number;
    qInvokedEvents: number;
    baselineEvents: number;
    /** Q events whose name the catalogue does not know. */
    unclassifiedEvents: number;
  };
  problems: SourceProblem[];
  answers: Answer[];
  principals: PrincipalActivity[];
  /** Q event names not in the catalogue, kept and shown, never dropped. */
  unclassified: { eventSource: string; eventName: string; count: number }[];
  /** True when tampering or unknown activity was found (exit code 3). */
  flagged: boolean;
}

/** What the writers get: the result, and the window's events in time order (may be read more than once). */
export interface InvestigationOutput {
  investigation: Investigation;
  events(): AsyncIterable<TrailEvent>;
  /** How many events events() yields. */
  eventCount: number;
}

/**
 * Whether the source gave nothing to read (no file, page or query result: a mistyped path or
 * prefix, a window without log files) or failed entirely: then even "nothing happened" is not an
 * answer (exit 1).
 */
export function nothingRead(inv: Investigation): boolean {
  return inv.stats.unitsRead === 0 || (inv.stats.recordsRead === 0 && inv.problems.length > 0);
}
