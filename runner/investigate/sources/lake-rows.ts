// What the CloudTrail Lake query selects, and how a result row becomes a raw CloudTrail record
// again, so Lake events go through the same normaliser as log files and LookupEvents.
//
// The Lake schema (CloudTrail user guide, "Supported SQL schemas for event data stores") stores an
// event as typed columns, not as the JSON record:
//   eventid, eventtime (timestamp), eventsource, eventname, awsregion, recipientaccountid,
//   eventcategory, readonly (boolean), sourceipaddress, useragent, errorcode, errormessage;
//   useridentity struct<type, principalid, arn, accountid, accesskeyid, username,
//     sessioncontext struct<…, sessionissuer struct<type, principalid, arn, accountid, username>>,
//     onbehalfof struct<userid, identitystorearn>, invokedby, …>;
//   requestparameters, responseelements, additionaleventdata: map<string,string>;
//   resources array<struct<accountid, type, arn, arnprefix>>.
// GetQueryResults returns every value as a string. So scalar struct fields are selected one by
// one (dereferencing `userIdentity.sessionContext.sessionIssuer.arn`), and the maps and the
// resources array are selected as JSON text (`json_format(CAST(x AS JSON))`: Lake accepts Trino
// functions). Two things come back changed and are repaired or accepted here:
// - a map value that was a nested object or array in the record is a JSON string in Lake; values
//   that parse as a JSON object or array are decoded again. Numbers and booleans inside the maps
//   stay strings (no analysis compares them by type; account ids must not become numbers).
// - CAST(row AS JSON) gives an object keyed by lower-case field names on current Trino and a
//   positional array on older Presto-derived engines; both shapes of `resources` are read.
// Trino lower-cases unquoted column aliases, so cells are looked up by lower-case name.

type Json = Record<string, unknown>;

export interface LakeColumn {
  /** The alias in the SELECT list and the key in result rows (lower case: Trino folds it anyway). */
  name: string;
  /** The SQL expression over the event data store's columns. */
  expr: string;
}

const asJson = (column: string): string => `json_format(CAST(${column} AS JSON))`;

export const LAKE_COLUMNS: readonly LakeColumn[] = [
  { name: 'eventid', expr: 'eventID' },
  { name: 'eventtime', expr: 'eventTime' },
  { name: 'eventsource', expr: 'eventSource' },
  { name: 'eventname', expr: 'eventName' },
  { name: 'awsregion', expr: 'awsRegion' },
  { name: 'recipientaccountid', expr: 'recipientAccountId' },
  { name: 'eventcategory', expr: 'eventCategory' },
  { name: 'readonly', expr: 'readOnly' },
  { name: 'sourceipaddress', expr: 'sourceIPAddress' },
  { name: 'useragent', expr: 'userAgent' },
  { name: 'errorcode', expr: 'errorCode' },
  { name: 'errormessage', expr: 'errorMessage' },
  { name: 'identity_type', expr: 'userIdentity.type' },
  { name: 'identity_principalid', expr: 'userIdentity.principalId' },
  { name: 'identity_arn', expr: 'userIdentity.arn' },
  { name: 'identity_accountid', expr: 'userIdentity.accountId' },
  { name: 'identity_accesskeyid', expr: 'userIdentity.accessKeyId' },
  { name: 'identity_username', expr: 'userIdentity.userName' },
  { name: 'identity_invokedby', expr: 'userIdentity.invokedBy' },
  { name: 'issuer_type', expr: 'userIdentity.sessionContext.sessionIssuer.type' },
  { name: 'issuer_principalid', expr: 'userIdentity.sessionContext.sessionIssuer.principalId' },
  { name: 'issuer_arn', expr: 'userIdentity.sessionContext.sessionIssuer.arn' },
  { name: 'issuer_accountid', expr: 'userIdentity.sessionContext.sessionIssuer.accountId' },
  { name: 'issuer_username', expr: 'userIdentity.sessionContext.sessionIssuer.userName' },
  { name: 'onbehalfof_userid', expr: 'userIdentity.onBehalfOf.userId' },
  { name: 'onbehalfof_identitystorearn', expr: 'userIdentity.onBehalfOf.identityStoreArn' },
  { name: 'requestparameters', expr: asJson('requestParameters') },
  { name: 'responseelements', expr: asJson('responseElements') },
  { name: 'additionaleventdata', expr: asJson('additionalEventData') },
  { name: 'resources', expr: asJson('resources') },
];

/** The SELECT list: `eventID AS eventid, …`. */
export function lakeSelectList(): string {
  return LAKE_COLUMNS.map((c) => `${c.expr} AS ${c.name}`).join(', ');
}

/** One GetQueryResults row: a list of single-entry {column: value} maps. */
export type LakeRow = readonly Record<string, string>[];

/** The raw CloudTrail record a Lake row stands for (fields that were null are left out). */
export function lakeRowToRecord(row: LakeRow): Json {
  const cells = new Map<string, string>();
  for (const cell of row) for (const [k, v] of Object.entries(cell)) cells.set(k.toLowerCase(), v);
  const text = (name: string): string | undefined => {
    const v = cells.get(name);
    return v === undefined || v === '' ? undefined : v;
  };

  const record: Json = {};
  const put = (key: string, value: unknown): void => {
    if (value !== undefined) record[key] = value;
  };
  put('eventID', text('eventid'));
  put('eventTime', cloudTrailTime(text('eventtime')));
  put('eventSource', text('eventsource'));
  put('eventName', text('eventname'));
  put('awsRegion', text('awsregion'));
  put('recipientAccountId', text('recipientaccountid'));
  put('eventCategory', text('eventcategory'));
  put('readOnly', booleanOf(text('readonly')));
  put('sourceIPAddress', text('sourceipaddress'));
  put('userAgent', text('useragent'));
  put('errorCode', text('errorcode'));
  put('errorMessage', text('errormessage'));
  put('userIdentity', identityOf(text));
  put('requestParameters', mapOf(text('requestparameters')));
  put('responseElements', mapOf(text('responseelements')));
  put('additionalEventData', mapOf(text('additionaleventdata')));
  put('resources', resourcesOf(text('resources')));
  return record;
}

function compact(fields: Record<string, string | undefined | Json>): Json | undefined {
  const out: Json = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  return Object.keys(out).length ? out : undefined;
}

function identityOf(text: (name: string) => string | undefined): Json | undefined {
  const issuer = compact({
    type: text('issuer_type'),
    principalId: text('issuer_principalid'),
    arn: text('issuer_arn'),
    accountId: text('issuer_accountid'),
    userName: text('issuer_username'),
  });
  const onBehalfOf = compact({ userId: text('onbehalfof_userid'), identityStoreArn: text('onbehalfof_identitystorearn') });
  return compact({
    type: text('identity_type'),
    principalId: text('identity_principalid'),
    arn: text('identity_arn'),
    accountId: text('identity_accountid'),
    accessKeyId: text('identity_accesskeyid'),
    userName: text('identity_username'),
    invokedBy: text('identity_invokedby'),
    sessionContext: issuer ? { sessionIssuer: issuer } : undefined,
    onBehalfOf,
  });
}

/** Lake prints timestamps as `2026-11-25 10:00:00.000` (UTC); CloudTrail records say `2026-11-25T10:00:00Z`. */
export function cloudTrailTime(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2}| UTC)?$/.exec(value.trim());
  if (!m) return value;
  const [, date, time, fraction, zone] = m;
  const millis = fraction && !/^\.0+$/.test(fraction) ? fraction : '';
  if (zone === undefined || zone === 'Z' || zone === ' UTC') return `${date}T${time}${millis}Z`;
  // An explicit offset: let Date do the arithmetic, then print in CloudTrail's UTC form.
  const parsed = new Date(`${date}T${time}${fraction ?? ''}${zone}`);
  return Number.isNaN(parsed.getTime()) ? value : parsed.toISOString().replace(/\.000Z$/, 'Z');
}

function booleanOf(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const v = value.toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

function parseJson(value: string | undefined): unknown {
  if (value === undefined || value === 'null') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A map<string,string> column as JSON text → the record's object, nested objects decoded again. */
function mapOf(value: string | undefined): Json | null | undefined {
  if (value === 'null') return null;
  const parsed = parseJson(value);
  if (!isObject(parsed)) return undefined;
  const out: Json = {};
  for (const [k, v] of Object.entries(parsed)) out[k] = nestedValue(v);
  return out;
}

function nestedValue(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trimStart();
  if (!t.startsWith('{') && !t.startsWith('[')) return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
}

/** Field order of Lake's resources struct, for engines that cast a row to a positional JSON array. */
const RESOURCE_FIELDS = ['accountId', 'type', 'ARN', 'arnPrefix'] as const;

function resourcesOf(value: string | undefined): Json[] | undefined {
  const parsed = parseJson(value);
  if (!Array.isArray(parsed)) return undefined;
  const out: Json[] = [];
  for (const item of parsed) {
    const fields: Record<string, unknown> = {};
    if (Array.isArray(item)) RESOURCE_FIELDS.forEach((name, i) => { fields[name] = item[i]; });
    else if (isObject(item)) for (const [k, v] of Object.entries(item)) fields[resourceField(k)] = v;
    else continue;
    const resource: Json = {};
    for (const name of RESOURCE_FIELDS) if (typeof fields[name] === 'string' && fields[name] !== '') resource[name] = fields[name];
    if (Object.keys(resource).length) out.push(resource);
  }
  return out;
}

function resourceField(key: string): string {
  return RESOURCE_FIELDS.find((f) => f.toLowerCase() === key.toLowerCase()) ?? key;
}
