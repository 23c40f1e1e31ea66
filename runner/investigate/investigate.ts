// The investigation pipeline: source → filters → window / baseline → analyses, per-principal
// activity and the spool (time-ordered events for the outputs). One pass over the source; the
// only state that grows with the event count lives on disk in the spool.
import { randomUUID } from 'node:crypto';
import { toolVersion } from '../util/package-root.js';
import { createAnalyses } from './analyses/index.js';
import type { Allowlist } from './analyses/analysis.js';
import { PrincipalActivityTracker } from './analyses/principal-activity.js';
import type { TrailEvent } from './event.js';
import { compileFilters, isLoggingChange, type EventFilters } from './filters.js';
import { INVESTIGATION_SCHEMA, type Investigation, type InvestigationOutput } from './investigation.js';
import { newSourceReport, type SourceQuery, type TrailEventSource } from './sources/source.js';
import { createEventSpool } from './spool.js';

export interface InvestigateParams {
  source: TrailEventSource;
  window: { start: number; end: number };
  baseline: { start: number; end: number } | null;
  filters: EventFilters;
  allowlist: Allowlist | null;
  /** Where the spool's temporary files go (default: the OS temp folder). */
  spoolDir?: string;
  /** Called after each batch with the records read so far (progress display). */
  onProgress?: (recordsRead: number, eventsMatched: number) => void;
}

export type InvestigationRun = InvestigationOutput & { dispose(): Promise<void> };

export async function investigate(p: InvestigateParams): Promise<InvestigationRun> {
  const startedAt = new Date();
  const report = newSourceReport();
  const matches = compileFilters(p.filters);
  const analyses = createAnalyses({ window: p.window, baseline: p.baseline, allowlist: p.allowlist });
  const activity = new PrincipalActivityTracker();
  const spool = await createEventSpool(p.spoolDir ? { dir: p.spoolDir } : {});
  const counts = { q: 0, q_invoked: 0, baseline: 0, loggingChanges: 0, relatedOfQPrincipals: 0 };
  const qPrincipals = new Set<string>();
  const accounts = new Set<string>();
  const regions = new Set<string>();
  const unclassified = new Map<string, { eventSource: string; eventName: string; count: number }>();
  const { start, end } = p.window;
  const baseline = p.baseline;
  const query: SourceQuery = {
    start: baseline ? Math.min(baseline.start, start) : start,
    end,
    regions: p.filters.regions.length ? p.filters.regions : null,
    relatedSince: start,
  };
  const observe = (e: TrailEvent): void => {
    for (const a of analyses) a.observe(e);
    activity.observe(e);
    accounts.add(e.accountId);
    regions.add(e.region);
  };

  try {
    let matched = 0;
    for await (const batch of p.source.events(query, report)) {
      const kept: TrailEvent[] = [];
      for (const e of batch) {
        if (e.time >= start && e.time < end) {
          const tampering = isTampering(e);
          // The responder's filters narrow the story, never the tampering: a StopLogging by
          // someone else must not disappear because --principal names a suspect.
          if (!tampering && !matches(e)) continue;
          kept.push(e);
          if (e.scope !== 'related') {
            counts[e.scope] += 1;
            qPrincipals.add(e.principal.key);
            if (e.scope === 'q' && e.qClass === null) countUnclassified(unclassified, e);
            observe(e);
          } else if (tampering) {
            counts.loggingChanges += 1;
            observe(e);
          }
          // Other IAM/STS/CloudTrail/Logs events wait in the spool: only those of principals with
          // Amazon Q activity are analysed, and that is known only at the end (second pass below).
        } else if (baseline && e.time >= baseline.start && e.time < baseline.end && e.scope !== 'related' && matches(e)) {
          counts.baseline += 1;
          for (const a of analyses) a.observeBaseline(e);
        }
      }
      matched += kept.length;
      // The spool asks to wait only while its previous run is still being written (backpressure).
      const writing = spool.addBatch(kept);
      if (writing) await writing;
      p.onProgress?.(report.records, matched);
    }
    await spool.finish();
    // Second pass, over the spool on disk: the IAM/STS/CloudTrail/Logs events of principals with
    // Amazon Q activity. Memory holds only what the analyses keep, whatever the number of other
    // principals in an organization's trail.
    for await (const e of spool.events((x) => x.scope === 'related' && !isTampering(x) && qPrincipals.has(x.principal.key))) {
      counts.relatedOfQPrincipals += 1;
      observe(e);
    }
  } catch (e) {
    await spool.dispose();
    throw e;
  }

  const relatedKept = counts.loggingChanges + counts.relatedOfQPrincipals;
  const inTimeline = (e: TrailEvent): boolean => e.scope !== 'related' || isTampering(e) || qPrincipals.has(e.principal.key);

  const answers = analyses.map((a) => a.answer());
  const investigation: Investigation = {
    schema: INVESTIGATION_SCHEMA,
    run: {
      id: randomUUID(),
      toolVersion: toolVersion(),
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      source: p.source.label,
      window: { start: iso(start), end: iso(end) },
      baseline: baseline ? { start: iso(baseline.start), end: iso(baseline.end) } : null,
      filters: p.filters,
      accounts: [...accounts].sort(),
      regions: [...regions].sort(),
    },
    stats: {
      recordsRead: report.records,
      unitsRead: report.units,
      qEvents: counts.q,
      relatedEvents: relatedKept,
      qInvokedEvents: counts.q_invoked,
      baselineEvents: counts.baseline,
      unclassifiedEvents: [...unclassified.values()].reduce((n, u) => n + u.count, 0),
    },
    problems: report.problems,
    answers,
    principals: activity.result(),
    unclassified: [...unclassified.values()].sort((a, b) => b.count - a.count || a.eventName.localeCompare(b.eventName)),
    flagged: answers.some((a) => a.flagged),
  };
  return {
    investigation,
    eventCount: counts.q + counts.q_invoked + relatedKept,
    events: () => spool.events(inTimeline),
    dispose: () => spool.dispose(),
  };
}

/** A logging change (anyone's) or an Amazon Q guardrail change: analysed whatever the filters say. */
function isTampering(e: TrailEvent): boolean {
  // Also a StopLogging that Amazon Q ran for a user (scope q_invoked).
  if (e.scope !== 'q') return isLoggingChange(e);
  return e.scope === 'q' && e.qClass?.category === 'guardrail' && e.qClass.operation !== 'read';
}

function countUnclassified(map: Map<string, { eventSource: string; eventName: string; count: number }>, e: TrailEvent): void {
  const key = `${e.eventSource} ${e.eventName}`;
  const hit = map.get(key);
  if (hit) hit.count += 1;
  else map.set(key, { eventSource: e.eventSource, eventName: e.eventName, count: 1 });
}

const iso = (t: number): string => new Date(t).toISOString();
