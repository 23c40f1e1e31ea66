// `--source lake:EVENT_DATA_STORE` at the wire, through the real CloudTrail client: the SQL sent
// with StartQuery, DescribeQuery polled until FINISHED, GetQueryResults paged with NextToken, rows
// rebuilt into records (principal, invokedBy, resources, request parameters), failed queries and
// denied calls reported, and store ids that could smuggle SQL refused.
import assert from 'node:assert/strict';
import { UsageError } from '../../runner/cli/io.js';
import { loadEventCatalogue } from '../../runner/investigate/catalogue.js';
import type { TrailEvent } from '../../runner/investigate/event.js';
import { normaliseRecord } from '../../runner/investigate/normalise.js';
import { LAKE_ACTIONS, lakeQueryText, lakeSource, parseEventDataStore } from '../../runner/investigate/sources/lake-source.js';
import { cloudTrailTime, LAKE_COLUMNS, lakeRowToRecord, type LakeRow } from '../../runner/investigate/sources/lake-rows.js';
import { newSourceReport, type SourceQuery, type SourceReport, type TrailEventSource } from '../../runner/investigate/sources/source.js';
import { AwsWire, awsJsonError, awsJsonResult, type WireReply } from '../helpers/aws-wire.js';
import {
  ACCOUNT, APP_ARN, APP_ID, assumedRole, iamUser, identityCenterUser, identityEnhancedSession, invokedByQ, qAgentUserAgent, qbusinessDataEvent, record, type RawRecord,
} from './records.js';

const STORE_ID = 'EXAMPLE-f852-4e8f-8bd1-bcf6cEXAMPLE';
const STORE_ARN = `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:eventdatastore/${STORE_ID}`;
const QUERY_ID = 'EXAMPLEd-17a7-47c3-a9a1-eccf7EXAMPLE';
const QUERY: SourceQuery = { start: Date.parse('2026-11-18T00:00:00Z'), end: Date.parse('2026-11-26T00:00:00Z'), regions: null };

// --- a fake Lake: records stored the way Lake types them, served as GetQueryResults rows ---------------

/** A map<string,string> column: nested objects and arrays stored as JSON text, scalars as strings. */
function lakeMap(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
  return JSON.stringify(out);
}

/** What Lake would answer for our SELECT list about one record. Nulls are left out of the row. */
function lakeRow(r: RawRecord, resourcesAs: 'object' | 'array' = 'object'): LakeRow {
  const id = (r.userIdentity ?? {}) as Record<string, unknown>;
  const issuer = ((id.sessionContext ?? {}) as Record<string, unknown>).sessionIssuer as Record<string, unknown> | undefined;
  const onBehalfOf = id.onBehalfOf as Record<string, unknown> | undefined;
  const resources = r.resources as Record<string, unknown>[] | undefined;
  const values: Record<string, unknown> = {
    eventid: r.eventID,
    eventtime: String(r.eventTime).replace('T', ' ').replace('Z', '.000'),
    eventsource: r.eventSource,
    eventname: r.eventName,
    awsregion: r.awsRegion,
    recipientaccountid: r.recipientAccountId,
    eventcategory: r.eventCategory,
    readonly: r.readOnly === undefined ? undefined : String(r.readOnly),
    sourceipaddress: r.sourceIPAddress,
    useragent: r.userAgent,
    errorcode: r.errorCode,
    errormessage: r.errorMessage,
    identity_type: id.type,
    identity_principalid: id.principalId,
    identity_arn: id.arn,
    identity_accountid: id.accountId,
    identity_accesskeyid: id.accessKeyId,
    identity_username: id.userName,
    identity_invokedby: id.invokedBy,
    issuer_type: issuer?.type,
    issuer_principalid: issuer?.principalId,
    issuer_arn: issuer?.arn,
    issuer_accountid: issuer?.accountId,
    issuer_username: issuer?.userName,
    onbehalfof_userid: onBehalfOf?.userId,
    onbehalfof_identitystorearn: onBehalfOf?.identityStoreArn,
    requestparameters: lakeMap(r.requestParameters),
    responseelements: lakeMap(r.responseElements),
    additionaleventdata: lakeMap(r.additionalEventData),
    resources: resources === undefined ? undefined : JSON.stringify(resources.map((x) => resourcesAs === 'object'
      ? { accountid: x.accountId, type: x.type ?? null, arn: x.ARN, arnprefix: null }
      : [x.accountId, x.type ?? null, x.ARN, null])),
  };
  const row: Record<string, string>[] = [];
  for (const c of LAKE_COLUMNS) if (values[c.name] !== undefined) row.push({ [c.name]: String(values[c.name]) });
  return row;
}

const started = (): WireReply => awsJsonResult({ QueryId: QUERY_ID });
const status = (QueryStatus: string, extra: Record<string, unknown> = {}): WireReply => awsJsonResult({ QueryId: QUERY_ID, QueryStatus, ...extra });

/** GetQueryResults pages (rows of records), NextToken `page-i`. */
function resultPages(pages: LakeRow[][]): (call: { params: Record<string, unknown> }) => WireReply {
  return (call) => {
    const token = call.params.NextToken as string | undefined;
    const index = token === undefined ? 0 : Number(token.replace('page-', ''));
    const body: Record<string, unknown> = { QueryStatus: 'FINISHED', QueryResultRows: pages[index] };
    if (index < pages.length - 1) body.NextToken = `page-${index + 1}`;
    return awsJsonResult(body);
  };
}

function lakeWire(pages: LakeRow[][]): AwsWire {
  return new AwsWire()
    .on('cloudtrail:StartQuery', started())
    .on('cloudtrail:DescribeQuery', status('QUEUED'), status('RUNNING'), status('FINISHED'))
    .on('cloudtrail:GetQueryResults', resultPages(pages));
}

async function readAll(source: TrailEventSource, query: SourceQuery = QUERY): Promise<{ events: TrailEvent[]; batches: TrailEvent[][]; report: SourceReport }> {
  const report = newSourceReport();
  const batches: TrailEvent[][] = [];
  for await (const batch of source.events(query, report)) batches.push(batch);
  return { events: batches.flat(), batches, report };
}

const statementOf = (wire: AwsWire): string => String(wire.callsTo('cloudtrail:StartQuery')[0]?.params.QueryStatement);

describe('lakeSource (CloudTrail Lake at the wire)', () => {
  it('sends SQL over the store id with the window, the scope and the regions, to the store\'s region', async () => {
    const wire = lakeWire([[]]);
    await readAll(lakeSource(wire.factory(), STORE_ARN, 'us-east-1', { pollMs: 0 }), { ...QUERY, regions: ['us-east-1', 'eu-west-1'] });
    const sql = statementOf(wire);
    assert.match(sql, new RegExp(`^SELECT eventID AS eventid, eventTime AS eventtime, .* FROM ${STORE_ID} WHERE `));
    assert.ok(sql.includes("eventTime >= '2026-11-18 00:00:00.000' AND eventTime < '2026-11-26 00:00:00.000'"), sql);
    assert.ok(sql.includes("(eventSource IN ('qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'q.amazonaws.com', 'codewhisperer.amazonaws.com') OR "), sql);
    assert.ok(sql.includes("OR userIdentity.invokedBy IN ('qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'q.amazonaws.com', 'codewhisperer.amazonaws.com')"), sql);
    assert.ok(sql.includes("OR sourceIPAddress IN ('qbusiness.amazonaws.com', 'qapps.amazonaws.com', 'q.amazonaws.com', 'codewhisperer.amazonaws.com')"), sql);
    assert.ok(sql.includes("OR eventSource IN ('iam.amazonaws.com', 'sts.amazonaws.com', 'cloudtrail.amazonaws.com', 'logs.amazonaws.com'))"), sql);
    assert.ok(sql.endsWith("AND awsRegion IN ('us-east-1', 'eu-west-1')"), sql);
    assert.ok(sql.includes('json_format(CAST(requestParameters AS JSON)) AS requestparameters'));
    assert.ok(sql.includes('userIdentity.sessionContext.sessionIssuer.arn AS issuer_arn'));
    assert.ok(wire.calls.every((c) => c.region === 'eu-west-1'), 'the ARN\'s region, where the store lives');
    assert.ok(!/awsRegion IN/.test(lakeQueryText(STORE_ID, QUERY)), 'no region filter when all regions are wanted');
  });

  it('polls DescribeQuery until FINISHED before reading results', async () => {
    const wire = lakeWire([[lakeRow(record({ eventName: 'CreateApplication' }))]]);
    const { events } = await readAll(lakeSource(wire.factory(), STORE_ID, 'us-east-1', { pollMs: 0 }));
    assert.deepEqual(wire.calls.map((c) => c.action.replace('cloudtrail:', '')), ['StartQuery', 'DescribeQuery', 'DescribeQuery', 'DescribeQuery', 'GetQueryResults']);
    assert.ok(wire.callsTo('cloudtrail:DescribeQuery').every((c) => c.params.QueryId === QUERY_ID));
    assert.equal(events.length, 1);
    assert.ok(wire.calls.every((c) => c.region === 'us-east-1'), 'an id alone is queried in the given region');
  });

  it('pages GetQueryResults with NextToken and yields each page as a batch', async () => {
    const pages = [
      [lakeRow(record({ eventName: 'CreateApplication' })), lakeRow(record({ eventName: 'CreateIndex' }))],
      [lakeRow(record({ eventName: 'CreatePlugin' }))],
      [lakeRow(record({ eventName: 'DeleteApplication' })), lakeRow(record({ eventSource: 'ec2.amazonaws.com', eventName: 'RunInstances' }))],
    ];
    const wire = lakeWire(pages);
    const { batches, report } = await readAll(lakeSource(wire.factory(), STORE_ID, 'us-east-1', { pollMs: 0 }));
    assert.deepEqual(wire.callsTo('cloudtrail:GetQueryResults').map((c) => c.params.NextToken), [undefined, 'page-1', 'page-2']);
    assert.ok(wire.callsTo('cloudtrail:GetQueryResults').every((c) => c.params.QueryId === QUERY_ID && c.params.MaxQueryResults === 1000));
    // An out-of-scope row (it should not come back, but if it does) is dropped by the normaliser.
    assert.deepEqual(batches.map((b) => b.map((e) => e.eventName)), [['CreateApplication', 'CreateIndex'], ['CreatePlugin'], ['DeleteApplication']]);
    assert.equal(report.units, 3);
    assert.equal(report.records, 5);
    assert.deepEqual(report.problems, []);
  });

  it('rebuilds rows into the events the normaliser makes of the original records', async () => {
    const originals = [
      // Assumed role with its session issuer; nested request parameters; an application resource.
      record({
        eventName: 'UpdateApplication',
        userIdentity: assumedRole('QAdmin', 'dana@example.com'),
        requestParameters: { applicationId: APP_ID, attachmentsConfiguration: { attachmentsControlMode: 'DISABLED' }, displayName: 'HR assistant' },
        responseElements: null,
        resources: [{ ARN: APP_ARN, type: 'AWS::QBusiness::Application' }],
      }),
      // An Identity Center user of Q Developer in the IDE (onBehalfOf, no ARN), a data event.
      record({ eventSource: 'codewhisperer.amazonaws.com', eventName: 'GenerateCompletions', eventCategory: 'Data', userIdentity: identityCenterUser(), userAgent: 'AWS-Toolkit-For-VSCode/3.40.0' }),
      // A call Amazon Q made for a user in another service (scope q_invoked).
      record({ eventSource: 's3.amazonaws.com', eventName: 'GetObject', userIdentity: invokedByQ('Developer', 'carol'), sourceIPAddress: 'q.amazonaws.com', requestParameters: { bucketName: 'b', key: 'k' } }),
      // A denied IAM call (errorCode) and a Q Business data event with a document list.
      record({ eventSource: 'iam.amazonaws.com', eventName: 'DeleteRolePolicy', userIdentity: iamUser('mallory'), errorCode: 'AccessDenied' }),
      qbusinessDataEvent('BatchPutDocument', { requestParameters: { applicationId: APP_ID, indexId: 'idx-1', documents: [{ id: 'doc-1' }, { id: 'doc-2' }] } }),
    ];
    const wire = lakeWire([originals.map((r) => lakeRow(r))]);
    const { events } = await readAll(lakeSource(wire.factory(), STORE_ID, 'us-east-1', { pollMs: 0 }));
    const catalogue = loadEventCatalogue();
    assert.deepEqual(events, originals.map((r) => normaliseRecord(r, catalogue)));

    const [update, ide, viaQ] = events;
    assert.equal(update.principal.sessionIssuerArn, `arn:aws:iam::${ACCOUNT}:role/QAdmin`);
    assert.deepEqual(update.requestParameters?.attachmentsConfiguration, { attachmentsControlMode: 'DISABLED' });
    assert.deepEqual(update.resources, [{ arn: APP_ARN, type: 'AWS::QBusiness::Application' }]);
    assert.equal(update.applicationId, APP_ID);
    assert.equal(ide.principal.key, 'identitycenter:94482488-3041-7026-18f3-be45837cd0e4');
    assert.equal(ide.eventCategory, 'Data');
    assert.equal(viaQ.scope, 'q_invoked');
    assert.equal(viaQ.invokedBy, 'q.amazonaws.com');
  });

  it('selects the AWS calls the Q Developer agent ran (its user agent marker), and keeps them as q_invoked', async () => {
    const sql = lakeQueryText(STORE_ID, QUERY);
    assert.ok(sql.includes("OR userAgent LIKE '%AmazonQ-For-CLI%' OR userAgent LIKE '%AmazonQ-For-IDE%'"), sql);
    const agent = record({ eventSource: 'ec2.amazonaws.com', eventName: 'TerminateInstances', userIdentity: assumedRole('Developer', 'carol'), userAgent: qAgentUserAgent('CLI') });
    const wire = lakeWire([[lakeRow(agent)]]);
    const { events } = await readAll(lakeSource(wire.factory(), STORE_ID, 'us-east-1', { pollMs: 0 }));
    assert.deepEqual(events.map((e) => [e.eventName, e.scope]), [['TerminateInstances', 'q_invoked']]);
  });

  it('asks for IAM/STS/CloudTrail/Logs events only from relatedSince, and drops earlier ones that come back anyway', async () => {
    const relatedSince = Date.parse('2026-11-24T00:00:00Z');
    const sql = lakeQueryText(STORE_ID, { ...QUERY, relatedSince });
    assert.ok(sql.includes("OR (eventSource IN ('iam.amazonaws.com', 'sts.amazonaws.com', 'cloudtrail.amazonaws.com', 'logs.amazonaws.com') AND eventTime >= '2026-11-24 00:00:00.000'))"), sql);
    // Amazon Q events stay asked for over the whole window (the baseline compares them).
    assert.ok(sql.includes("eventTime >= '2026-11-18 00:00:00.000' AND eventTime < '2026-11-26 00:00:00.000' AND (eventSource IN ('qbusiness.amazonaws.com'"), sql);
    const rows = [
      record({ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', eventTime: '2026-11-20T10:00:00Z', eventID: 'iam-early' }),
      record({ eventSource: 'iam.amazonaws.com', eventName: 'CreateUser', eventTime: '2026-11-24T10:00:00Z', eventID: 'iam-late' }),
      qbusinessDataEvent('Chat', { eventTime: '2026-11-20T10:00:00Z', eventID: 'chat-early' }),
      record({ eventSource: 'iam.amazonaws.com', eventName: 'ListRoles', eventTime: '2026-11-20T10:00:00Z', eventID: 'iam-by-q', userIdentity: invokedByQ() }),
    ];
    const wire = lakeWire([rows.map((r) => lakeRow(r))]);
    const { events } = await readAll(lakeSource(wire.factory(), STORE_ID, 'us-east-1', { pollMs: 0 }), { ...QUERY, relatedSince });
    assert.deepEqual(events.map((e) => e.eventId), ['iam-late', 'chat-early', 'iam-by-q']);
    assert.ok(!lakeQueryText(STORE_ID, QUERY).includes('AND eventTime >= \'2026-11-24'), 'no cut without relatedSince');
  });

  it('keys an identity-enhanced session by its Identity Center user, as the log files do', async () => {
    const original = qbusinessDataEvent('ChatSync', { userIdentity: identityEnhancedSession('u-7') });
    const wire = lakeWire([[lakeRow(original)]]);
    const { events } = await readAll(lakeSource(wire.factory(), STORE_ID, 'us-east-1', { pollMs: 0 }));
    assert.deepEqual(events, [normaliseRecord(original, loadEventCatalogue())]);
    assert.equal(events[0].principal.key, 'identitycenter:u-7');
    assert.equal(events[0].principal.arn, `arn:aws:sts::${ACCOUNT}:assumed-role/QBusinessWebExperienceRole/qbusiness-session-1`);
  });

  it('reports a FAILED query with its error message and reads no results', async () => {
    const wire = new AwsWire()
      .on('cloudtrail:StartQuery', started())
      .on('cloudtrail:DescribeQuery', status('RUNNING'), status('FAILED', { ErrorMessage: 'Query exceeded the maximum bytes scanned' }));
    const { events, report } = await readAll(lakeSource(wire.factory(), STORE_ID, 'us-east-1', { pollMs: 0 }));
    assert.deepEqual(events, []);
    assert.deepEqual(report.problems, [{ where: `lake query ${QUERY_ID}`, message: 'query FAILED: Query exceeded the maximum bytes scanned' }]);
    assert.equal(wire.callsTo('cloudtrail:GetQueryResults').length, 0);
  });

  it('reports a denied StartQuery naming the missing permission', async () => {
    const wire = new AwsWire().on('cloudtrail:StartQuery', awsJsonError('AccessDeniedException', 'not authorized to perform: cloudtrail:StartQuery'));
    const { report } = await readAll(lakeSource(wire.factory(), STORE_ID, 'us-east-1', { pollMs: 0 }));
    assert.equal(report.problems.length, 1);
    assert.equal(report.problems[0].where, `lake ${STORE_ID}`);
    assert.match(report.problems[0].message, /^missing permission cloudtrail:StartQuery \(AccessDeniedException\)/);
    assert.deepEqual([...LAKE_ACTIONS].sort(), ['cloudtrail:DescribeQuery', 'cloudtrail:GetQueryResults', 'cloudtrail:StartQuery']);
  });

  it('reports a failure while reading results and keeps what was read', async () => {
    const wire = lakeWire([[lakeRow(record({ eventName: 'CreateApplication' }))], [lakeRow(record({ eventName: 'CreateIndex' }))]]);
    wire.on('cloudtrail:GetQueryResults', resultPages([[lakeRow(record({ eventName: 'CreateApplication' }))], []]), awsJsonError('InvalidParameterException', 'bad token'));
    const { events, report } = await readAll(lakeSource(wire.factory(), STORE_ID, 'us-east-1', { pollMs: 0 }));
    assert.deepEqual(events.map((e) => e.eventName), ['CreateApplication']);
    assert.equal(report.problems.length, 1);
    assert.match(report.problems[0].message, /cloudtrail:GetQueryResults failed: InvalidParameterException: bad token/);
  });
});

describe('Lake store ids and SQL values', () => {
  it('takes an event data store ARN or id and refuses anything that is not one', () => {
    assert.deepEqual(parseEventDataStore(STORE_ARN), { id: STORE_ID, region: 'eu-west-1' });
    assert.deepEqual(parseEventDataStore(STORE_ID), { id: STORE_ID, region: null });
    assert.deepEqual(parseEventDataStore(`arn:aws-us-gov:cloudtrail:us-gov-west-1:${ACCOUNT}:eventdatastore/abc-123`), { id: 'abc-123', region: 'us-gov-west-1' });
    for (const bad of ['', 'ab', `${STORE_ID} WHERE 1=1`, "x' OR '1'='1", 'eds; DROP', 'a--b', '-abc', 'abc-', 'my_store', `arn:aws:cloudtrail:eu-west-1:${ACCOUNT}:eventdatastore/x y`]) {
      assert.throws(() => parseEventDataStore(bad), UsageError, bad);
      assert.throws(() => lakeSource(new AwsWire().factory(), bad, undefined), UsageError, bad);
    }
  });

  it('refuses region names that are not region names', () => {
    assert.throws(() => lakeQueryText(STORE_ID, { ...QUERY, regions: ["us-east-1') OR (1=1"] }), UsageError);
    assert.match(lakeQueryText(STORE_ID, { ...QUERY, regions: [] }), / AND FALSE$/);
    assert.match(lakeQueryText(STORE_ID, { ...QUERY, regions: ['us-gov-west-1'] }), /awsRegion IN \('us-gov-west-1'\)$/);
  });
});

describe('lakeRowToRecord', () => {
  it('reads resources cast to positional arrays (older engines) as well as objects', () => {
    const r = qbusinessDataEvent('Chat');
    assert.deepEqual(lakeRowToRecord(lakeRow(r, 'array')).resources, lakeRowToRecord(lakeRow(r, 'object')).resources);
    assert.deepEqual(lakeRowToRecord(lakeRow(r, 'array')).resources, [{ accountId: ACCOUNT, type: 'AWS::QBusiness::Application', ARN: APP_ARN }]);
  });

  it('reads column names in any case, JSON nulls and empty cells as absent', () => {
    const rebuilt = lakeRowToRecord([
      { eventID: 'e-1' }, { EVENTTIME: '2026-11-25 10:00:00.000' }, { eventsource: 'q.amazonaws.com' }, { eventname: 'SendMessage' },
      { requestparameters: 'null' }, { errorcode: '' }, { readonly: 'false' }, { resources: 'null' },
    ]);
    assert.deepEqual(rebuilt, { eventID: 'e-1', eventTime: '2026-11-25T10:00:00Z', eventSource: 'q.amazonaws.com', eventName: 'SendMessage', readOnly: false, requestParameters: null });
  });

  it('writes Lake timestamps the way CloudTrail records do', () => {
    assert.equal(cloudTrailTime('2026-11-25 10:00:00.000'), '2026-11-25T10:00:00Z');
    assert.equal(cloudTrailTime('2026-11-25 10:00:00.250'), '2026-11-25T10:00:00.250Z');
    assert.equal(cloudTrailTime('2026-11-25 10:00:00.000 UTC'), '2026-11-25T10:00:00Z');
    assert.equal(cloudTrailTime('2026-11-25T10:00:00Z'), '2026-11-25T10:00:00Z');
    assert.equal(cloudTrailTime('2026-11-25 12:00:00.000+02:00'), '2026-11-25T10:00:00Z');
  });
});
