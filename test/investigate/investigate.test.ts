// The pipeline itself (investigate.ts): which events reach the analyses and the timeline, over an
// in-memory source, whatever order the events arrive in.
import assert from 'node:assert/strict';
import { loadEventCatalogue } from '../../runner/investigate/catalogue.js';
import type { TrailEvent } from '../../runner/investigate/event.js';
import { NO_FILTERS } from '../../runner/investigate/filters.js';
import { investigate, type InvestigationRun } from '../../runner/investigate/investigate.js';
import { normaliseRecord } from '../../runner/investigate/normalise.js';
import type { TrailEventSource } from '../../runner/investigate/sources/source.js';
import { assumedRole, iamUser, qbusinessDataEvent, record, type RawRecord } from './records.js';

const WINDOW = { start: Date.parse('2026-11-24T00:00:00Z'), end: Date.parse('2026-11-26T00:00:00Z') };
const BASELINE = { start: Date.parse('2026-11-10T00:00:00Z'), end: WINDOW.start };

function source(records: RawRecord[]): TrailEventSource {
  const events = records.map((r) => normaliseRecord(r, loadEventCatalogue())).filter((e): e is TrailEvent => e !== null);
  return {
    label: 'memory',
    // Two batches, so the pipeline sees events out of time order like a parallel source.
    async *events(_query, report) {
      report.units += 1;
      report.records += records.length;
      yield events.slice(0, Math.ceil(events.length / 2)).reverse();
      yield events.slice(Math.ceil(events.length / 2));
    },
  };
}

async function run(records: RawRecord[], baseline = false): Promise<InvestigationRun> {
  return investigate({ source: source(records), window: WINDOW, baseline: baseline ? BASELINE : null, filters: NO_FILTERS, allowlist: null });
}

async function timeline(r: InvestigationRun): Promise<string[]> {
  const names: string[] = [];
  for await (const e of r.events()) names.push(`${e.principal.name} ${e.eventName}`);
  return names;
}

const denied = (who: RawRecord, n: number): RawRecord[] =>
  Array.from({ length: n }, (_, i) => record({ eventSource: 'iam.amazonaws.com', eventName: 'ListRoles', eventTime: `2026-11-25T10:00:${String(i).padStart(2, '0')}Z`, userIdentity: who, errorCode: 'AccessDenied' }));

describe('investigate (the pipeline)', () => {
  it('analyses the IAM/STS events of principals who used Amazon Q, even when they come first, and no one else\'s', async () => {
    const suspect = iamUser('mallory');
    const bystander = iamUser('build-bot');
    const r = await run([
      ...denied(suspect, 12),
      ...denied(bystander, 12),
      qbusinessDataEvent('Chat', { eventTime: '2026-11-25T11:00:00Z', userIdentity: suspect }),
    ]);
    try {
      const unknown = r.investigation.answers.find((a) => a.id === 'unknown_activity')!;
      const bursts = unknown.items.filter((i) => /AccessDenied burst/.test(i.label));
      assert.equal(bursts.length, 1, unknown.items.map((i) => i.label).join('\n'));
      assert.match(bursts[0].label, /mallory/);
      assert.equal(r.investigation.stats.relatedEvents, 12);
      assert.equal(r.investigation.stats.qEvents, 1);
      const names = await timeline(r);
      assert.equal(names.length, r.eventCount);
      assert.equal(names.filter((n) => n.startsWith('build-bot')).length, 0, 'the bystander is not in the timeline');
      assert.equal(r.investigation.principals.map((p) => p.name).join(), 'mallory');
      assert.equal(r.investigation.principals[0].relatedEvents, 12);
    } finally {
      await r.dispose();
    }
  });

  it('keeps logging changes of anyone, analysed and in the timeline', async () => {
    const r = await run([
      qbusinessDataEvent('Chat', { eventTime: '2026-11-25T11:00:00Z', userIdentity: assumedRole() }),
      record({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', eventTime: '2026-11-25T12:00:00Z', userIdentity: iamUser('eve'), requestParameters: { name: 'org-trail' } }),
      record({ eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', eventTime: '2026-11-25T12:01:00Z', userIdentity: iamUser('eve') }),
    ]);
    try {
      assert.equal(r.investigation.flagged, true);
      assert.deepEqual(await timeline(r), ['SecurityAdmin/bob@example.com Chat', 'eve StopLogging']);
      assert.equal(r.eventCount, 2);
    } finally {
      await r.dispose();
    }
  });

  it('compares the window with the baseline\'s Amazon Q activity only', async () => {
    const alice = iamUser('alice');
    const r = await run(
      [
        qbusinessDataEvent('Chat', { eventTime: '2026-11-15T11:00:00Z', userIdentity: alice }),
        record({ eventSource: 'sts.amazonaws.com', eventName: 'GetCallerIdentity', eventTime: '2026-11-15T11:00:00Z', userIdentity: iamUser('old-admin') }),
        qbusinessDataEvent('Chat', { eventTime: '2026-11-25T11:00:00Z', userIdentity: alice }),
      ],
      true,
    );
    try {
      assert.equal(r.investigation.stats.baselineEvents, 1);
      const unknown = r.investigation.answers.find((a) => a.id === 'unknown_activity')!;
      assert.equal(unknown.flagged, false, unknown.items.map((i) => i.label).join('\n'));
      assert.equal(r.investigation.flagged, false);
    } finally {
      await r.dispose();
    }
  });
});
