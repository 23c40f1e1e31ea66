// The contract of an analysis: a streaming accumulator. It sees every event once, in no
// particular order, keeps only what its answer needs (counts, distinct values, the first few
// events of each row), and answers at the end.
import type { Answer, AnalysisId } from '../answers.js';
import type { TrailEvent } from '../event.js';

export interface AnalysisContext {
  /** The investigation window, epoch ms [start, end). */
  window: { start: number; end: number };
  /** The baseline window before it (`--baseline 30d`), or null. */
  baseline: { start: number; end: number } | null;
  /** Known principals, IPs, user agents and event names (`--allowlist FILE`), or null. */
  allowlist: Allowlist | null;
}

/** What the responder already knows to be normal; matched by the unknown-activity analysis. */
export interface Allowlist {
  principals: string[];
  sourceIps: string[];
  userAgents: string[];
  eventNames: string[];
}

export interface Analysis {
  readonly id: AnalysisId;
  readonly question: string;
  /** An event inside the investigation window. */
  observe(event: TrailEvent): void;
  /** An event inside the baseline window (most analyses ignore these). */
  observeBaseline(event: TrailEvent): void;
  answer(): Answer;
}
