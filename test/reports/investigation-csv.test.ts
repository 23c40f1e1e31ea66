// The CSV timeline: a header of the documented columns, then one row per event in time order,
// values as the events hold them, parsed back by an independent RFC 4180 parser (csv-parse);
// cells a spreadsheet would run as a formula are defused; large windows are streamed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { TIMELINE_COLUMNS, writeInvestigationCsv } from '../../reports/investigation/investigation-csv.js';
import type { InvestigationOutput } from '../../runner/investigate/investigation.js';
import { makeTmp, removeTmp } from '../cli/harness.js';
import { HOSTILE_FORMULA, HOSTILE_MARKUP, HOSTILE_TERMINAL, sampleInvestigation } from './investigation-sample.js';

type Row = Record<(typeof TIMELINE_COLUMNS)[number], string>;

describe('investigation CSV timeline', function () {
  this.timeout(30000);
  let tmp: string;
  beforeEach(() => {
    tmp = makeTmp('qready-inv-csv-');
  });
  afterEach(() => removeTmp(tmp));

  async function writeAndParse(output: InvestigationOutput): Promise<{ text: string; header: string[]; rows: Row[] }> {
    const file = join(tmp, 'x.timeline.csv');
    await writeInvestigationCsv(output, file);
    const text = readFileSync(file, 'utf8');
    const records = parse(text, { relax_column_count: false }) as string[][];
    const [header, ...body] = records;
    return { text, header, rows: body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])) as Row) };
  }

  it('writes the documented columns, then one row per event in time order', async () => {
    const sample = sampleInvestigation();
    const { text, header, rows } = await writeAndParse(sample.output);
    assert.deepEqual(header, [
      'event_time', 'event_source', 'event_name', 'scope', 'category', 'operation', 'event_type', 'principal', 'principal_type',
      'account_id', 'region', 'source_ip', 'user_agent', 'application_id', 'resource', 'error_code', 'event_id', 'read_only',
    ]);
    assert.ok(text.endsWith('\r\n') && !text.startsWith('\uFEFF'));
    assert.equal(rows.length, sample.events.length);
    assert.deepEqual(rows.map((r) => r.event_id), sample.events.map((e) => e.eventId));
    sample.events.forEach((e, i) => {
      const r = rows[i];
      assert.equal(r.event_time, e.eventTime);
      assert.equal(r.event_source, e.eventSource);
      assert.equal(r.event_name, e.eventName);
      assert.equal(r.scope, e.scope);
      assert.equal(r.principal, e.principal.key);
      assert.equal(r.principal_type, e.principal.type);
      assert.equal(r.account_id, e.accountId);
      assert.equal(r.region, e.region);
      assert.equal(r.source_ip, e.sourceIp);
      assert.equal(r.user_agent, e.userAgent);
      assert.equal(r.event_type, e.eventCategory);
      assert.equal(r.read_only, String(e.readOnly));
    });
    const byName = (name: string): Row => {
      const r = rows.find((x) => x.event_name === name);
      assert.ok(r, name);
      return r;
    };
    assert.deepEqual([byName('StopLogging').scope, byName('StopLogging').category, byName('StopLogging').operation], ['related', '', '']);
    assert.equal(byName('StopLogging').resource, 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail');
    assert.deepEqual([byName('DeleteIndex').category, byName('DeleteIndex').operation], ['resource_lifecycle', 'delete']);
    assert.equal(byName('DeleteIndex').application_id, 'e5f6a7b8-1234-4c1e-9a2b-3d4e5f6a7b8c');
    assert.deepEqual([byName('StartFrobnication').scope, byName('StartFrobnication').category], ['q', 'unclassified']);
    assert.deepEqual([byName('DescribeInstances').scope, byName('DescribeInstances').source_ip], ['q_invoked', 'q.amazonaws.com']);
    assert.equal(byName('GenerateCompletions').principal, 'identitycenter:94482488-3041-7026-18f3-be45837cd0e4');
    assert.equal(byName('Chat').event_type, 'Data');
    assert.equal(byName('ListApplications').error_code, 'AccessDenied');
    assert.equal(byName('CreateApplication').error_code, '');
  });

  it('defuses spreadsheet formulas and keeps markup and control characters as text', async () => {
    const sample = sampleInvestigation({ hostile: true });
    const { rows } = await writeAndParse(sample.output);
    const agents = rows.map((r) => r.user_agent);
    assert.ok(agents.includes(`'${HOSTILE_FORMULA}`), 'formula prefixed with a quote');
    assert.ok(!agents.includes(HOSTILE_FORMULA));
    assert.ok(agents.includes(HOSTILE_TERMINAL));
    assert.ok(rows.some((r) => r.event_name === `StartFrobnication${HOSTILE_MARKUP}`));
    assert.equal(rows.length, sample.events.length);
  });

  it('streams 20,000 events, reading the spool once', async () => {
    const sample = sampleInvestigation({ extraEvents: 20_000 });
    const { rows } = await writeAndParse(sample.output);
    assert.equal(rows.length, sample.events.length + 20_000);
    assert.equal(sample.reads(), 1);
    for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].event_time <= rows[i].event_time, `time order at ${i}`);
  });
});
