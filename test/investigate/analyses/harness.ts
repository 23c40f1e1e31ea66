// What every analysis test needs: the event catalogue, one investigation day with the month
// before it as baseline, timestamps inside that day, records normalised as the investigation
// would, an analysis run over a list of events, and a fixed reordering to show that an answer
// does not depend on the order events arrive in.
import assert from 'node:assert/strict';
import type { Allowlist, Analysis, AnalysisContext } from '../../../runner/investigate/analyses/analysis.js';
import type { Answer } from '../../../runner/investigate/answers.js';
import { loadEventCatalogue } from '../../../runner/investigate/catalogue.js';
import type { TrailEvent } from '../../../runner/investigate/event.js';
import { normaliseRecord } from '../../../runner/investigate/normalise.js';
import type { RawRecord } from '../records.js';

export const catalogue = loadEventCatalogue();

/** The investigation window: one day. */
export const WINDOW = { start: Date.parse('2026-11-25T00:00:00Z'), end: Date.parse('2026-11-26T00:00:00Z') };
/** The 30 days before the window (`--baseline 30d`). */
export const BASELINE = { start: Date.parse('2026-10-26T00:00:00Z'), end: WINDOW.start };

/** The moment the tests' incidents start, inside the window. */
const INCIDENT_START = Date.parse('2026-11-25T10:00:00Z');

/** An eventTime `minute` minutes after 10:00 on the window's day. */
export const atMinute = (minute: number): string => new Date(INCIDENT_START + minute * 60_000).toISOString();

/** An eventTime `second` seconds after 10:00 on the window's day, `dayOffset` days later (negative: in the baseline). */
export const atSecond = (second: number, dayOffset = 0): string => new Date(INCIDENT_START + dayOffset * 86_400_000 + second * 1000).toISOString();

/** A record normalised as the investigation would; fails the test if the normaliser drops it. */
export function ev(raw: RawRecord): TrailEvent {
  const e = normaliseRecord(raw, catalogue);
  assert.ok(e, `record ${String(raw.eventName)} was not normalised`);
  return e;
}

export interface ContextOptions {
  baseline?: boolean;
  allowlist?: Allowlist | null;
}

/** The context an analysis runs in: the window, with the baseline and an allowlist only when asked for. */
export function analysisContext(opts: ContextOptions = {}): AnalysisContext {
  return { window: WINDOW, baseline: opts.baseline ? BASELINE : null, allowlist: opts.allowlist ?? null };
}

export type AnalysisFactory = (ctx: AnalysisContext) => Analysis;

/** An event as an analysis is fed it: from the investigation window, or from the baseline before it. */
export interface FedEvent {
  baseline: boolean;
  e: TrailEvent;
}

/** Creates the analysis, lets it observe every event (all in the window), and returns its answer. */
export function runAnalysis(factory: AnalysisFactory, events: readonly TrailEvent[], ctx: AnalysisContext = analysisContext()): Answer {
  return runAnalysisFed(
    factory,
    events.map((e) => ({ baseline: false, e })),
    ctx,
  );
}

/** As runAnalysis, but each event goes to observe or observeBaseline, in the order given. */
export function runAnalysisFed(factory: AnalysisFactory, fed: readonly FedEvent[], ctx: AnalysisContext = analysisContext()): Answer {
  const analysis = factory(ctx);
  for (const { baseline, e } of fed) {
    if (baseline) analysis.observeBaseline(e);
    else analysis.observe(e);
  }
  return analysis.answer();
}

/** A fixed, non-trivial permutation (reversed halves interleaved): deterministic, so no test depends on luck. */
export function shuffled<T>(xs: T[]): T[] {
  const half = Math.ceil(xs.length / 2);
  const a = xs.slice(0, half).reverse();
  const b = xs.slice(half).reverse();
  const out: T[] = [];
  for (let i = 0; i < half; i += 1) {
    if (b[i] !== undefined) out.push(b[i]);
    out.push(a[i]);
  }
  return out;
}
