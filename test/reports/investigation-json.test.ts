// The investigation JSON: valid against check-metadata/investigation.schema.json, the
// Investigation's fields as they are, every event of the window in time order with its field
// names unchanged, hostile text round-tripping exactly, and the events streamed: the file grows
// on disk while the spool is still being read, and a 50,000-event window parses whole.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeInvestigationJson } from '../../reports/investigation/investigation-json.js';
import type { TrailEvent } from '../../runner/investigate/event.js';
import type { Investigation, InvestigationOutput } from '../../runner/investigate/investigation.js';
import { schemaValidator } from '../../runner/util/schemas.js';
import { makeTmp, removeTmp } from '../cli/harness.js';
import { HOSTILE_MARKUP, HOSTILE_TERMINAL, sampleInvestigation, syntheticEvent } from './investigation-sample.js';

type InvestigationFile = Investigation & { events: TrailEvent[] };

function validate(value: unknown): void {
  const validator = schemaValidator('investigation');
  assert.ok(validator(value), JSON.stringify(validator.errors?.slice(0, 5), null, 2));
}

describe('investigation JSON', function () {
  this.timeout(60000);
  let tmp: string;
  beforeEach(() => {
    tmp = makeTmp('qready-inv-json-');
  });
  afterEach(() => removeTmp(tmp));

  async function writeAndRead(output: InvestigationOutput): Promise<InvestigationFile> {
    const file = join(tmp, 'investigation.json');
    await writeInvestigationJson(output, file);
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    validate(value);
    return value as InvestigationFile;
  }

  it('writes the investigation and its events, valid against the schema, events in time order', async () => {
    const sample = sampleInvestigation();
    const out = await writeAndRead(sample.output);
    const { events, ...rest } = out;
    assert.deepEqual(rest, sample.output.investigation);
    assert.deepEqual(Object.keys(out), ['schema', 'run', 'stats', 'problems', 'answers', 'principals', 'unclassified', 'flagged', 'events']);
    assert.deepEqual(events, sample.events);
    assert.deepEqual(new Set(events.map((e) => e.scope)), new Set(['q', 'related', 'q_invoked']));
    assert.ok(events.some((e) => e.scope === 'q' && e.qClass === null), 'the unclassified event is kept');
    // TrailEvent's own (camelCase) names, as CloudTrail spells them.
    assert.deepEqual(Object.keys(events[0]).slice(0, 5), ['eventId', 'eventTime', 'time', 'eventSource', 'eventName']);
    assert.equal(sample.reads(), 1, 'the spool is read once');
  });

  it('round-trips hostile values exactly', async () => {
    const sample = sampleInvestigation({ hostile: true });
    const out = await writeAndRead(sample.output);
    assert.deepEqual(out.events, sample.events);
    assert.ok(out.events.some((e) => e.userAgent.includes(HOSTILE_MARKUP)));
    assert.ok(out.events.some((e) => e.userAgent === HOSTILE_TERMINAL));
    assert.deepEqual(out.problems, sample.output.investigation.problems);
  });

  it('writes a window with no events', async () => {
    const sample = sampleInvestigation();
    const empty: InvestigationOutput = {
      investigation: sample.output.investigation,
      eventCount: 0,
      // eslint-disable-next-line require-yield
      async *events() {
        return;
      },
    };
    const out = await writeAndRead(empty);
    assert.deepEqual(out.events, []);
  });

  it('the schema rejects what the writer must never produce', () => {
    const validator = schemaValidator('investigation');
    const sample = sampleInvestigation();
    const good = { ...sample.output.investigation, events: sample.events.slice(0, 3) };
    assert.ok(validator(JSON.parse(JSON.stringify(good))));
    const bad = (mutate: (v: InvestigationFile) => void): boolean => {
      const v = JSON.parse(JSON.stringify(good)) as InvestigationFile;
      mutate(v);
      return validator(v) as boolean;
    };
    assert.equal(bad((v) => Reflect.deleteProperty(v, 'events')), false, 'events missing');
    assert.equal(bad((v) => ((v.events[0] as unknown as Record<string, unknown>).event_time = 'x')), false, 'unknown event field');
    assert.equal(bad((v) => ((v.events[0] as unknown as Record<string, unknown>).scope = 'other')), false, 'unknown scope');
    assert.equal(bad((v) => ((v.answers[0] as unknown as Record<string, unknown>).id = 'made_up')), false, 'unknown analysis');
    assert.equal(bad((v) => ((v as unknown as Record<string, unknown>).schema = 'qready.findings/v1')), false, 'wrong schema tag');
    assert.equal(bad((v) => ((v.run as unknown as Record<string, unknown>).startedAt = 'yesterday')), false, 'not a date-time');
  });

  it('streams 50,000 events: the file grows while the spool is read, and parses whole', async () => {
    const extra = 50_000;
    const sample = sampleInvestigation({ extraEvents: extra });
    let bytesOnDiskMidway = -1;
    const output: InvestigationOutput = {
      ...sample.output,
      async *events() {
        let n = 0;
        for await (const e of sample.output.events()) {
          if (++n === 40_000) {
            // The writer's temporary file, before the last 10,000 events have even been produced.
            const temp = readdirSync(tmp).find((f) => f.startsWith('.qready-tmp-'));
            bytesOnDiskMidway = temp ? statSync(join(tmp, temp)).size : 0;
          }
          yield e;
        }
      },
    };
    const out = await writeAndRead(output);
    assert.equal(out.events.length, sample.events.length + extra);
    assert.ok(bytesOnDiskMidway > 10 * 1024 * 1024, `only ${bytesOnDiskMidway} bytes on disk after 40,000 events`);
    assert.deepEqual(out.events[out.events.length - 1], syntheticEvent(extra - 1));
    for (let i = 1; i < out.events.length; i++) assert.ok(out.events[i - 1].time <= out.events[i].time, `time order at ${i}`);
    assert.deepEqual(readdirSync(tmp), ['investigation.json'], 'no temporary file left');
  });
});
