// `--source lake:EVENT_DATA_STORE`: CloudTrail Lake SQL, for organizations whose logs are too large
// for one machine. The query runs in AWS's engine and returns only the rows an analysis reads (the
// same scope rule as scopeOf in normalise.ts), which are turned back into raw records
// (lake-rows.ts) and normalised like every other source's.
//
// SQL dialect (CloudTrail user guide, "CloudTrail Lake SQL constraints"): SELECT only, Trino
// functions, `FROM` the event data store's id (the last part of its ARN, unquoted), eventTime
// compared with 'YYYY-MM-DD HH:MM:SS' literals. Every value put into the SQL is validated first
// (the store id, regions) or produced here (timestamps) and quoted as a SQL string literal.
import { DescribeQueryCommand, GetQueryResultsCommand, StartQueryCommand, type CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { setTimeout as delay } from 'node:timers/promises';
import type { ClientFactory } from '../../collect/clients.js';
import { UsageError } from '../../cli/io.js';
import { loadEventCatalogue } from '../catalogue.js';
import { Q_EVENT_SOURCES, type TrailEvent } from '../event.js';
import { normaliseRecord, Q_AGENT_USER_AGENT_MARKERS } from '../normalise.js';
import { lakeRowToRecord, lakeSelectList } from './lake-rows.js';
import { describeSourceError } from './lookup-source.js';
import type { SourceQuery, SourceReport, TrailEventSource } from './source.js';

/** StartQuery has IAM access level Write (it starts billed work, changes nothing); the other two are Read. */
export const LAKE_ACTIONS: readonly string[] = ['cloudtrail:StartQuery', 'cloudtrail:DescribeQuery', 'cloudtrail:GetQueryResults'];

/** Kept for every principal (normalise.ts: scope 'related'). */
const RELATED_SOURCES = ['iam.amazonaws.com', 'sts.amazonaws.com', 'cloudtrail.amazonaws.com', 'logs.amazonaws.com'];

/** GetQueryResults' largest page. */
const PAGE_SIZE = 1000;
const DEFAULT_POLL_MS = 2000;

export interface LakeSourceOptions {
  /** Wait between DescribeQuery polls. Default 2 s. */
  pollMs?: number;
}

export interface EventDataStoreRef {
  /** The id: the FROM value of the SQL. */
  id: string;
  /** The store's home region when an ARN named it (queries must go there). */
  region: string | null;
}

/** Event data store ids are UUID-like: letters and digits in hyphen-separated groups. Nothing else may reach the SQL. */
const STORE_ID = /^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/;
const STORE_ARN = /^arn:aws(?:-[a-z]+)*:cloudtrail:([a-z0-9-]+):\d{12}:eventdatastore\/(.+)$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** The store's id (and region) from `--source lake:ARN_OR_ID`; a UsageError for anything else. */
export function parseEventDataStore(value: string): EventDataStoreRef {
  const arn = STORE_ARN.exec(value);
  const id = arn ? arn[2] : value;
  if (id.length < 3 || id.length > 128 || !STORE_ID.test(id)) {
    throw new UsageError(`--source lake: '${value}' is not an event data store ARN or id (arn:aws:cloudtrail:REGION:ACCOUNT:eventdatastore/ID, or the ID: letters, digits and hyphens)`);
  }
  return { id, region: arn ? arn[1] : null };
}

export function lakeSource(factory: ClientFactory, eventDataStore: string, region: string | undefined, options: LakeSourceOptions = {}): TrailEventSource {
  const store = parseEventDataStore(eventDataStore);
  // The store answers only in its home region; an ARN says which, an id leaves it to `region`.
  const clientRegion = store.region ?? region;
  return {
    label: `lake:${eventDataStore}`,
    events: (query, report) => lakeEvents(factory.client('cloudtrail', clientRegion, LAKE_ACTIONS), store, query, report, options.pollMs ?? DEFAULT_POLL_MS),
  };
}

/** A SQL string literal. Values are validated before they get here; doubling quotes is the backstop. */
function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const sqlList = (values: readonly string[]): string => values.map(sqlString).join(', ');

/** `2026-11-25 10:00:00.000`: the timestamp literal Lake compares eventTime with (UTC). */
function sqlTime(epochMs: number): string {
  if (!Number.isFinite(epochMs)) throw new RangeError(`not a time: ${epochMs}`);
  return sqlString(new Date(epochMs).toISOString().replace('T', ' ').replace('Z', ''));
}

/** `'%AmazonQ-For-CLI%'`: a LIKE pattern for a marker (the markers hold no LIKE wildcard: `%`, `_`). */
function sqlContains(marker: string): string {
  if (/[%_\\]/.test(marker)) throw new RangeError(`not a plain marker: ${marker}`);
  return sqlString(`%${marker}%`);
}

/**
 * The query: the window, the regions wanted and the investigation's scope, decided by the engine.
 * The scope branches are those of scopeOf (normalise.ts): Amazon Q sources; calls Q made for a
 * user (invokedBy, source IP, the Q agent's user agent, which the engine matches more loosely and
 * the normaliser then decides on); IAM/STS/CloudTrail/Logs events from `relatedSince` on, since
 * the baseline compares only Amazon Q activity.
 */
export function lakeQueryText(storeId: string, query: SourceQuery): string {
  if (!STORE_ID.test(storeId)) throw new UsageError(`not an event data store id: '${storeId}'`);
  const invokers = sqlList(Q_EVENT_SOURCES);
  const related = `eventSource IN (${sqlList(RELATED_SOURCES)})`;
  const scope = [
    `eventSource IN (${sqlList(Q_EVENT_SOURCES)})`,
    `userIdentity.invokedBy IN (${invokers})`,
    `sourceIPAddress IN (${invokers})`,
    ...Q_AGENT_USER_AGENT_MARKERS.map((m) => `userAgent LIKE ${sqlContains(m)}`),
    query.relatedSince !== undefined && query.relatedSince > query.start ? `(${related} AND eventTime >= ${sqlTime(query.relatedSince)})` : related,
  ];
  const where = [
    `eventTime >= ${sqlTime(query.start)}`,
    `eventTime < ${sqlTime(query.end)}`,
    `(${scope.join(' OR ')})`,
  ];
  if (query.regions !== null) {
    const bad = query.regions.filter((r) => !REGION.test(r));
    if (bad.length > 0) throw new UsageError(`not a region name: ${bad.join(', ')}`);
    // No region at all matches nothing; IN () is not valid SQL.
    where.push(query.regions.length > 0 ? `awsRegion IN (${sqlList(query.regions)})` : 'FALSE');
  }
  return `SELECT ${lakeSelectList()} FROM ${storeId} WHERE ${where.join(' AND ')}`;
}

const FAILED_STATUSES = new Set(['FAILED', 'CANCELLED', 'TIMED_OUT']);
const RUNNING_STATUSES = new Set(['QUEUED', 'RUNNING']);

async function* lakeEvents(client: CloudTrailClient, store: EventDataStoreRef, query: SourceQuery, report: SourceReport, pollMs: number): AsyncGenerator<TrailEvent[]> {
  const statement = lakeQueryText(store.id, query);
  let queryId: string | undefined;
  try {
    queryId = (await client.send(new StartQueryCommand({ QueryStatement: statement }))).QueryId;
  } catch (err) {
    report.problems.push({ where: `lake ${store.id}`, message: describeSourceError(err) });
    return;
  }
  if (!queryId) {
    report.problems.push({ where: `lake ${store.id}`, message: 'StartQuery returned no query id' });
    return;
  }
  const where = `lake query ${queryId}`;
  try {
    const failure = await waitForQuery(client, queryId, pollMs);
    if (failure) {
      report.problems.push({ where, message: failure });
      return;
    }
    yield* resultPages(client, queryId, query, report);
  } catch (err) {
    report.problems.push({ where, message: describeSourceError(err) });
  }
}

/** Polls until the query is done: null when FINISHED, else why it is not. */
async function waitForQuery(client: CloudTrailClient, queryId: string, pollMs: number): Promise<string | null> {
  for (;;) {
    const described = await client.send(new DescribeQueryCommand({ QueryId: queryId }));
    const status = described.QueryStatus ?? 'UNKNOWN';
    if (status === 'FINISHED') return null;
    if (FAILED_STATUSES.has(status)) return `query ${status}${described.ErrorMessage ? `: ${described.ErrorMessage}` : ''}`;
    if (!RUNNING_STATUSES.has(status)) return `query in unexpected status ${status}`;
    await delay(pollMs);
  }
}

async function* resultPages(client: CloudTrailClient, queryId: string, query: SourceQuery, report: SourceReport): AsyncGenerator<TrailEvent[]> {
  const catalogue = loadEventCatalogue();
  const relatedSince = query.relatedSince ?? Number.NEGATIVE_INFINITY;
  let token: string | undefined;
  for (;;) {
    const page = await client.send(new GetQueryResultsCommand({ QueryId: queryId, NextToken: token, MaxQueryResults: PAGE_SIZE }));
    report.units++;
    const batch: TrailEvent[] = [];
    for (const row of page.QueryResultRows ?? []) {
      report.records++;
      const event = normaliseRecord(lakeRowToRecord(row), catalogue);
      // The engine filtered already; this keeps the source's contract if a row strays.
      if (event && event.time >= query.start && event.time < query.end && (query.regions === null || query.regions.includes(event.region))
        && !(event.scope === 'related' && event.time < relatedSince)) batch.push(event);
    }
    if (batch.length > 0) yield batch;
    if (!page.NextToken || page.NextToken === token) return;
    token = page.NextToken;
  }
}
