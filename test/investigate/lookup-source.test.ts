// `--source lookup` at the wire, through the real CloudTrail client (awsJson1_1, X-Amz-Target
// CloudTrail_20131101.LookupEvents): the lookups it sends (phase 1 by event source and event name,
// phase 2 by the Username of each Amazon Q principal), NextToken paging, a throttled call retried,
// de-duplication across lookups, a failing region reported while the others stream on, the
// rate limit per region, and stopping early.
import assert from 'node:assert/strict';
import type { TrailEvent } from '../../runner/investigate/event.js';
import { newSourceReport, type SourceQuery, type SourceReport, type TrailEventSource } from '../../runner/investigate/sources/source.js';
import {
  describeSourceError, LOG_DELIVERY_DELETIONS, LOOKUP_ACTIONS, lookupSource, lookupUsername,
} from '../../runner/investigate/sources/lookup-source.js';
import { loadEventCatalogue } from '../../runner/investigate/catalogue.js';
import { Q_EVENT_SOURCES } from '../../runner/investigate/event.js';
import { normaliseRecord } from '../../runner/investigate/normalise.js';
import { AwsWire, awsJsonError, awsJsonResult, type Responder, type WireCall } from '../helpers/aws-wire.js';
import { assumedRole, iamUser, identityCenterUser, invokedByQ, record, type RawRecord } from './records.js';
import { busiestWindow, FakeClock } from '../helpers/fake-clock.js';

const LOOKUP = 'cloudtrail:LookupEvents';
const QUERY: SourceQuery = { start: Date.parse('2026-11-18T00:00:00Z'), end: Date.parse('2026-11-26T00:00:00Z'), regions: null };
const NOW = (): number => Date.parse('2026-11-26T00:00:00Z');
/** Fast enough that the real token bucket never waits in these tests (its schedule is tested on a fake clock). */
const FAST = { requestsPerSecond: 10_000, burst: 10_000, now: NOW };

interface Attribute {
  AttributeKey: string;
  AttributeValue: string;
}

const attributeOf = (call: WireCall): Attribute => (call.params.LookupAttributes as Attribute[])[0];
const lookupKey = (call: WireCall): string => {
  const a = attributeOf(call);
  return `${call.region} ${a.AttributeKey}=${a.AttributeValue}`;
};

/** What CloudTrail puts in an Event's Username: user name, role session name, root. */
function usernameOf(r: RawRecord): string | undefined {
  const id = r.userIdentity as Record<string, unknown>;
  if (id.type === 'IAMUser') return id.userName as string;
  if (id.type === 'Root') return 'root';
  if (id.type === 'AssumedRole') return String(id.arn).split('/').pop();
  return undefined;
}

/** A record as LookupEvents returns it: a few top-level fields and the whole record as a JSON string. */
function lookupEvent(r: RawRecord): Record<string, unknown> {
  return {
    EventId: r.eventID,
    EventName: r.eventName,
    ReadOnly: String(r.readOnly),
    EventTime: Date.parse(r.eventTime as string) / 1000,
    EventSource: r.eventSource,
    Username: usernameOf(r),
    Resources: [],
    CloudTrailEvent: JSON.stringify(r),
  };
}

/**
 * LookupEvents answered from a script keyed `REGION AttributeKey=AttributeValue` → pages of records;
 * unscripted lookups find nothing. Page i+1 is served for NextToken `KEY#i+1`.
 */
function lookupResponder(script: Record<string, RawRecord[][]>): Responder {
  return (call) => {
    const key = lookupKey(call);
    const pages = script[key] ?? [[]];
    const token = call.params.NextToken as string | undefined;
    const index = token === undefined ? 0 : Number(token.slice(token.lastIndexOf('#') + 1));
    if (token !== undefined && !token.startsWith(`${key}#`)) return awsJsonError('InvalidNextTokenException', `token ${token} belongs to another lookup`);
    const body: Record<string, unknown> = { Events: pages[index].map(lookupEvent) };
    if (index < pages.length - 1) body.NextToken = `${key}#${index + 1}`;
    return awsJsonResult(body);
  };
}

async function readAll(source: TrailEventSource, report: SourceReport = newSourceReport(), query: SourceQuery = QUERY): Promise<{ batches: TrailEvent[][]; events: TrailEvent[]; report: SourceReport }> {
  const batches: TrailEvent[][] = [];
  for await (const batch of source.events(query, report)) batches.push(batch);
  return { batches, events: batches.flat(), report };
}

const qb = (eventName: string, extra: Partial<Parameters<typeof record>[0]> = {}): RawRecord => record({ eventName, ...extra });

describe('lookupSource (CloudTrail LookupEvents at the wire)', () => {
  it('pages with NextToken and streams each page as its own batch', async () => {
    const pages = [[qb('CreateApplication'), qb('CreateIndex')], [qb('CreatePlugin'), qb('UpdatePlugin')], [qb('DeleteApplication')]];
    const wire = new AwsWire().on(LOOKUP, lookupResponder({ 'us-east-1 EventSource=qbusiness.amazonaws.com': pages }));
    const { batches, events, report } = await readAll(lookupSource(wire.factory(), ['us-east-1'], FAST));

    const qbusinessCalls = wire.calls.filter((c) => lookupKey(c) === 'us-east-1 EventSource=qbusiness.amazonaws.com');
    assert.deepEqual(qbusinessCalls.map((c) => c.params.NextToken), [undefined, 'us-east-1 EventSource=qbusiness.amazonaws.com#1', 'us-east-1 EventSource=qbusiness.amazonaws.com#2']);
    assert.deepEqual(batches.map((b) => b.map((e) => e.eventName)), [['CreateApplication', 'CreateIndex'], ['CreatePlugin', 'UpdatePlugin'], ['DeleteApplication']]);
    assert.ok(events.every((e) => e.scope === 'q' && e.eventSource === 'qbusiness.amazonaws.com'));
    assert.equal(report.units, wire.callsTo(LOOKUP).length, 'one unit per page read');
    assert.equal(report.records, 5);
    assert.deepEqual(report.problems, []);
  });

  it('asks every Q event source, cloudtrail and the log-delivery deletions, then the Username of each Q principal', async () => {
    const alice = qb('CreateApplication', { userIdentity: iamUser('alice') });
    const bob = qb('StartConversation', { eventSource: 'q.amazonaws.com', userIdentity: assumedRole('QUser', 'bob@example.com') });
    const ide = qb('GenerateCompletions', { eventSource: 'codewhisperer.amazonaws.com', userIdentity: identityCenterUser() });
    const wire = new AwsWire().on(LOOKUP, lookupResponder({
      'us-east-1 EventSource=qbusiness.amazonaws.com': [[alice]],
      'us-east-1 EventSource=q.amazonaws.com': [[bob]],
      'us-east-1 EventSource=codewhisperer.amazonaws.com': [[ide]],
    }));
    await readAll(lookupSource(wire.factory(), ['us-east-1', 'eu-west-1'], FAST));

    for (const region of ['us-east-1', 'eu-west-1']) {
      const sent = wire.calls.filter((c) => c.region === region).map((c) => `${attributeOf(c).AttributeKey}=${attributeOf(c).AttributeValue}`);
      assert.deepEqual(sent, [
        ...[...Q_EVENT_SOURCES, 'cloudtrail.amazonaws.com'].map((s) => `EventSource=${s}`),
        ...LOG_DELIVERY_DELETIONS.map((n) => `EventName=${n}`),
        // Phase 2 asks every region (IAM is logged in us-east-1 whoever used Q where); the Identity
        // Center user has no Username to look up.
        'Username=alice',
        'Username=bob@example.com',
      ], region);
    }
    for (const call of wire.callsTo(LOOKUP)) {
      assert.equal(call.params.StartTime, QUERY.start / 1000);
      assert.equal(call.params.EndTime, QUERY.end / 1000);
      assert.equal(call.params.MaxResults, 50);
      assert.equal((call.params.LookupAttributes as Attribute[]).length, 1, 'LookupEvents takes one attribute');
    }
  });

  it('keeps what the Username lookups find in scope (IAM, STS, calls Amazon Q made) and drops the rest', async () => {
    const chat = qb('SendMessage', { eventSource: 'q.amazonaws.com', userIdentity: assumedRole('QUser', 'bob@example.com') });
    const newKey = record({ eventSource: 'iam.amazonaws.com', eventName: 'CreateAccessKey', userIdentity: assumedRole('QUser', 'bob@example.com') });
    const viaQ = record({ eventSource: 's3.amazonaws.com', eventName: 'GetObject', userIdentity: invokedByQ('QUser', 'bob@example.com'), sourceIPAddress: 'q.amazonaws.com' });
    const unrelated = record({ eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances', userIdentity: assumedRole('QUser', 'bob@example.com') });
    const wire = new AwsWire().on(LOOKUP, lookupResponder({
      'us-east-1 EventSource=q.amazonaws.com': [[chat]],
      'us-east-1 Username=bob@example.com': [[newKey, viaQ], [unrelated]],
    }));
    const { events, report } = await readAll(lookupSource(wire.factory(), ['us-east-1'], FAST));
    assert.deepEqual(events.map((e) => `${e.scope} ${e.eventSource} ${e.eventName}`), [
      'q q.amazonaws.com SendMessage',
      'related iam.amazonaws.com CreateAccessKey',
      'q_invoked s3.amazonaws.com GetObject',
    ]);
    assert.equal(report.records, 4, 'every record read counts, kept or not');
  });

  it('turns each CloudTrailEvent into the same event the normaliser makes of the record', async () => {
    const r = qb('UpdateChatControlsConfiguration', { userIdentity: assumedRole(), requestParameters: { applicationId: 'app-1', blockedPhrasesConfigurationUpdate: { blockedPhrasesToCreateOrUpdate: ['x'] } } });
    const wire = new AwsWire().on(LOOKUP, lookupResponder({ 'us-east-1 EventSource=qbusiness.amazonaws.com': [[r]] }));
    const { events } = await readAll(lookupSource(wire.factory(), ['us-east-1'], FAST));
    assert.deepEqual(events, [normaliseRecord(r, loadEventCatalogue())]);
  });

  it('yields an event found by several lookups once', async () => {
    const stop = record({ eventSource: 'cloudtrail.amazonaws.com', eventName: 'StopLogging', userIdentity: iamUser('mallory') });
    const create = qb('CreateApplication', { userIdentity: iamUser('mallory') });
    const wire = new AwsWire().on(LOOKUP, lookupResponder({
      'us-east-1 EventSource=qbusiness.amazonaws.com': [[create]],
      'us-east-1 EventSource=cloudtrail.amazonaws.com': [[stop]],
      // The same events again, through the principal's Username.
      'us-east-1 Username=mallory': [[stop, create]],
    }));
    const { events, report } = await readAll(lookupSource(wire.factory(), ['us-east-1'], FAST));
    assert.deepEqual(events.map((e) => e.eventName).sort(), ['CreateApplication', 'StopLogging']);
    assert.equal(report.records, 4);
  });

  it('retries a throttled call (400 ThrottlingException) and loses nothing', async () => {
    const r = qb('CreateApplication');
    const wire = new AwsWire().on(LOOKUP, awsJsonError('ThrottlingException', 'Rate exceeded'), lookupResponder({ 'us-east-1 EventSource=qbusiness.amazonaws.com': [[r]] }));
    const { events, report } = await readAll(lookupSource(wire.factory(), ['us-east-1'], FAST));
    assert.deepEqual(events.map((e) => e.eventId), [r.eventID]);
    assert.deepEqual(report.problems, []);
    const first = wire.calls.filter((c) => lookupKey(c) === 'us-east-1 EventSource=qbusiness.amazonaws.com');
    assert.equal(first.length, 2, 'the throttled call and its retry');
  });

  it('reports a region that fails, naming the missing permission, while the other region\'s events arrive', async () => {
    const r = qb('CreateApplication', { userIdentity: iamUser('alice') });
    const answer = lookupResponder({ 'us-east-1 EventSource=qbusiness.amazonaws.com': [[r]] });
    const wire = new AwsWire().on(LOOKUP, (call) => call.region === 'eu-west-1'
      ? awsJsonError('AccessDeniedException', 'User: arn:aws:sts::111122223333:assumed-role/ir/analyst is not authorized to perform: cloudtrail:LookupEvents', 400)
      : answer(call));
    wire.unreachable.add('ap-southeast-2');
    const { events, report } = await readAll(lookupSource(wire.factory(), ['us-east-1', 'eu-west-1', 'ap-southeast-2'], FAST));

    assert.deepEqual(events.map((e) => e.eventId), [r.eventID]);
    const problems = new Map(report.problems.map((p) => [p.where, p.message]));
    assert.deepEqual([...problems.keys()].sort(), ['lookup ap-southeast-2', 'lookup eu-west-1']);
    assert.match(problems.get('lookup eu-west-1') ?? '', /^missing permission cloudtrail:LookupEvents \(AccessDeniedException\)/);
    assert.match(problems.get('lookup ap-southeast-2') ?? '', /ETIMEDOUT/);
    // A failed region is not asked again (no further phase 1 lookups, no phase 2).
    assert.equal(wire.calls.filter((c) => c.region === 'eu-west-1').length, 1);
    assert.equal(wire.calls.filter((c) => c.region === 'ap-southeast-2').length, 3, 'the first lookup and its retries');
    assert.ok(wire.calls.some((c) => lookupKey(c) === 'us-east-1 Username=alice'), 'the healthy region went on to phase 2');
  });

  it('streams: the first batch arrives before the remaining lookups are sent', async () => {
    const wire = new AwsWire().on(LOOKUP, lookupResponder({ 'us-east-1 EventSource=qbusiness.amazonaws.com': [[qb('CreateApplication', { userIdentity: iamUser('alice') })]] }));
    const report = newSourceReport();
    let callsAtFirstBatch = -1;
    for await (const batch of lookupSource(wire.factory(), ['us-east-1'], FAST).events(QUERY, report)) {
      if (callsAtFirstBatch < 0) callsAtFirstBatch = wire.calls.length;
      assert.ok(batch.length > 0);
    }
    const total = wire.calls.length;
    assert.equal(total, 5 + LOG_DELIVERY_DELETIONS.length + 1, 'phase 1 (5 event sources and the logs changes by name) and one Username lookup');
    assert.ok(callsAtFirstBatch >= 1 && callsAtFirstBatch <= 2, `first batch after ${callsAtFirstBatch} of ${total} calls`);
  });

  it('stops sending lookups when the consumer stops reading', async () => {
    const many = Array.from({ length: 10 }, () => [qb('ListApplications', { userIdentity: iamUser('alice') })]);
    const wire = new AwsWire().on(LOOKUP, lookupResponder({ 'us-east-1 EventSource=qbusiness.amazonaws.com': many }));
    for await (const batch of lookupSource(wire.factory(), ['us-east-1'], FAST).events(QUERY, newSourceReport())) {
      assert.equal(batch.length, 1);
      break;
    }
    const atStop = wire.calls.length;
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    assert.ok(wire.calls.length <= atStop + 1, `at most the call in flight completes (${atStop} → ${wire.calls.length})`);
    assert.ok(wire.calls.length < 10 + 8);
  });

  it('keeps only events inside [start, end) of the wanted regions', async () => {
    const inside = qb('CreateApplication', { eventTime: '2026-11-20T00:00:00Z' });
    const atEnd = qb('DeleteApplication', { eventTime: '2026-11-26T00:00:00Z' });
    const before = qb('CreateIndex', { eventTime: '2026-11-17T23:59:59Z' });
    const elsewhere = qb('CreatePlugin', { region: 'us-west-2' });
    const wire = new AwsWire().on(LOOKUP, lookupResponder({
      'us-east-1 EventSource=qbusiness.amazonaws.com': [[inside, atEnd, before, elsewhere]],
      'us-west-2 EventSource=qbusiness.amazonaws.com': [[elsewhere]],
    }));
    const query = { ...QUERY, regions: ['us-east-1'] };
    const { events } = await readAll(lookupSource(wire.factory(), ['us-east-1', 'us-west-2'], FAST), newSourceReport(), query);
    assert.deepEqual(events.map((e) => e.eventName), ['CreateApplication']);
    assert.ok(wire.calls.every((c) => c.region === 'us-east-1'), 'a region outside the query is not asked');
  });

  it('reports unreadable CloudTrailEvent JSON and a window older than LookupEvents keeps', async () => {
    const wire = new AwsWire().on(LOOKUP, (call) => lookupKey(call) === 'us-east-1 EventSource=qbusiness.amazonaws.com'
      ? awsJsonResult({ Events: [{ EventId: 'x', CloudTrailEvent: '{"eventVersion":' }] })
      : awsJsonResult({ Events: [] }));
    const query = { ...QUERY, start: Date.parse('2026-06-01T00:00:00Z') };
    const { events, report } = await readAll(lookupSource(wire.factory(), ['us-east-1'], FAST), newSourceReport(), query);
    assert.deepEqual(events, []);
    assert.equal(report.records, 1);
    const messages = report.problems.map((p) => `${p.where}: ${p.message}`);
    assert.ok(messages.some((m) => /^lookup: 1 events had no readable CloudTrailEvent/.test(m)), messages.join('\n'));
    assert.ok(messages.some((m) => /^lookup: LookupEvents keeps 90 days: events before 2026-08-28T00:00:00.000Z/.test(m)), messages.join('\n'));
  });

  it('keeps each region under its request rate (token bucket per region, fake clock)', async () => {
    const clock = new FakeClock();
    const times: number[] = [];
    const pages = Array.from({ length: 6 }, () => [qb('ListIndices', { userIdentity: iamUser('alice') })]);
    const answer = lookupResponder({ 'us-east-1 EventSource=qbusiness.amazonaws.com': pages });
    const wire = new AwsWire().on(LOOKUP, (call) => {
      times.push(clock.now());
      return answer(call);
    });
    await readAll(lookupSource(wire.factory(), ['us-east-1'], { requestsPerSecond: 2, burst: 2, clock, now: NOW }));
    assert.equal(times.length, 6 + 4 + LOG_DELIVERY_DELETIONS.length + 1, 'six qbusiness pages, the other phase 1 lookups, one Username lookup');
    assert.equal(busiestWindow(times.slice(2)), 2, 'after the burst, never more than 2 per second');
    assert.equal(Math.max(...times), (times.length - 2) * 500);
  });
});

describe('lookup helpers', () => {
  const event = (userIdentity: RawRecord): TrailEvent => {
    const e = normaliseRecord(record({ eventName: 'Chat', userIdentity }), loadEventCatalogue());
    assert.ok(e);
    return e;
  };

  it('knows the Username CloudTrail logs for each identity type', () => {
    assert.equal(lookupUsername(event(iamUser('alice'))), 'alice');
    assert.equal(lookupUsername(event(assumedRole('Admin', 'bob@example.com'))), 'bob@example.com');
    assert.equal(lookupUsername(event({ type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' })), 'root');
    assert.equal(lookupUsername(event(identityCenterUser())), null);
    assert.equal(lookupUsername(event({ type: 'AWSService', invokedBy: 'qbusiness.amazonaws.com' })), null);
  });

  it('names the missing permission of an AccessDenied and the region problem of bad credentials', () => {
    const denied = Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', qreadyAction: 'cloudtrail:LookupEvents' });
    assert.equal(describeSourceError(denied), 'missing permission cloudtrail:LookupEvents (AccessDeniedException): not authorized');
    const optIn = Object.assign(new Error('The security token included in the request is invalid'), { name: 'UnrecognizedClientException', qreadyAction: 'cloudtrail:LookupEvents' });
    assert.match(describeSourceError(optIn), /^credentials not accepted \(UnrecognizedClientException; a region that is not enabled/);
    assert.equal(describeSourceError(new Error('boom')), 'Error: boom');
    assert.deepEqual(LOOKUP_ACTIONS, ['cloudtrail:LookupEvents']);
  });

  it('lists exactly the event sources the catalogue calls Amazon Q', () => {
    const catalogue = loadEventCatalogue();
    assert.ok(Q_EVENT_SOURCES.every((s) => catalogue.isQSource(s)));
    for (const s of ['iam.amazonaws.com', 'cloudtrail.amazonaws.com', 'bedrock.amazonaws.com']) assert.equal(catalogue.isQSource(s), false);
  });
});
