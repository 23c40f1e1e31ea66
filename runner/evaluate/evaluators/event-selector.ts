// Event-selector coverage, pure: does a trail (and does any of a set of trails) record every data
// event of a resource type for an ARN, and does it record read and write management events?
//
// Advanced event selector semantics (CloudTrail user guide, "Filtering data events by using
// advanced event selectors"):
// - a trail logs an event when ANY of its advanced selectors matches it (OR across selectors);
// - a selector matches when EVERY one of its field selectors matches (AND within a selector);
// - a field selector matches when every operator it carries holds (AND across operators): a
//   positive operator (Equals, StartsWith, EndsWith) holds when the value meets ANY of its values,
//   a negative one (NotEquals, NotStartsWith, NotEndsWith) when it meets NONE of them.
// "Captures all data events of type T for ARN A" then means: some selectors that select data
// events of T, do not narrow the events further (no eventName field and no field other than
// eventCategory, resources.type, resources.ARN and readOnly) and admit A, together admit both
// readOnly values (a selector without readOnly admits both; a read-only selector and a
// write-only selector together do too). Classic event selectors cannot log these data events.
import { FIELD_OPERATORS, type AdvancedEventSelector, type AdvancedFieldSelector, type CloudTrailSelectors, type FieldOperator } from '../../sources/cloudtrail-sources.js';

/** One ARN, or every ARN that starts with a prefix (resources whose ids are not known: all indices of an application). */
export type ArnTarget = { arn: string } | { prefix: string };

const NEGATIVE: ReadonlySet<FieldOperator> = new Set(['NotEquals', 'NotStartsWith', 'NotEndsWith']);

function holds(op: FieldOperator, value: string, operand: string): boolean {
  switch (op) {
    case 'Equals':
    case 'NotEquals':
      return value === operand;
    case 'StartsWith':
    case 'NotStartsWith':
      return value.startsWith(operand);
    case 'EndsWith':
    case 'NotEndsWith':
      return value.endsWith(operand);
  }
}

/** The operators a field selector carries, with their values (an empty list counts as absent). */
export function operators(f: AdvancedFieldSelector): [FieldOperator, string[]][] {
  return FIELD_OPERATORS.flatMap((op) => {
    const values = f[op];
    return values && values.length > 0 ? [[op, values] as [FieldOperator, string[]]] : [];
  });
}

/** Whether `value` passes one operator of a field selector. */
export function operatorAdmits(op: FieldOperator, values: readonly string[], value: string): boolean {
  return NEGATIVE.has(op) ? values.every((v) => !holds(op, value, v)) : values.some((v) => holds(op, value, v));
}

/** Whether `value` passes the field selector: every operator it carries. */
export function fieldAdmits(f: AdvancedFieldSelector, value: string): boolean {
  return operators(f).every(([op, values]) => operatorAdmits(op, values, value));
}

/**
 * Whether one operator admits EVERY ARN that starts with `prefix` (and is longer than it). Only a
 * StartsWith on a prefix of it does among the positive operators (Equals names single resources,
 * EndsWith cannot match every unknown id); a negative operator must exclude none of them, which a
 * NotEndsWith never guarantees (some id can end with any value).
 */
function operatorAdmitsAll(op: FieldOperator, values: readonly string[], prefix: string): boolean {
  switch (op) {
    case 'StartsWith':
      return values.some((v) => prefix.startsWith(v));
    case 'NotEquals':
      return values.every((v) => !(v.startsWith(prefix) && v.length > prefix.length));
    case 'NotStartsWith':
      return values.every((v) => !prefix.startsWith(v) && !v.startsWith(prefix));
    case 'Equals':
    case 'EndsWith':
    case 'NotEndsWith':
      return false;
  }
}

/** The first operator of a resources.ARN field selector that leaves (part of) the target out, or null. */
export function arnExclusion(f: AdvancedFieldSelector, target: ArnTarget): { operator: FieldOperator; values: string[] } | null {
  for (const [op, values] of operators(f)) {
    const ok = 'arn' in target ? operatorAdmits(op, values, target.arn) : operatorAdmitsAll(op, values, target.prefix);
    if (!ok) return { operator: op, values };
  }
  return null;
}

const EVENT_CATEGORY = 'eventCategory';
const RESOURCE_TYPE = 'resources.type';
const RESOURCE_ARN = 'resources.ARN';
const READ_ONLY = 'readOnly';
const EVENT_NAME = 'eventName';
const DATA_FIELDS: ReadonlySet<string> = new Set([EVENT_CATEGORY, RESOURCE_TYPE, RESOURCE_ARN, READ_ONLY]);

/** A selector's display name: its Name, else its position. */
export function selectorName(s: AdvancedEventSelector, index: number): string {
  return s.Name ? `"${s.Name}"` : `#${index + 1}`;
}

function fieldsNamed(s: AdvancedEventSelector, field: string): AdvancedFieldSelector[] {
  return (s.FieldSelectors ?? []).filter((f) => f.Field === field);
}

/** Whether every field selector on `field` admits `value`; false when the selector has none on it. */
function presentAndAdmits(s: AdvancedEventSelector, field: string, value: string): boolean {
  const fields = fieldsNamed(s, field);
  return fields.length > 0 && fields.every((f) => fieldAdmits(f, value));
}

export interface SelectorCoverage {
  selector: string;
  /** Which readOnly values of the target's data events this selector captures (both = all of them). */
  read: boolean;
  write: boolean;
  /** Why it captures less than all of them (empty when it captures all). */
  reason: string;
}

/** What one advanced selector captures of the data events of `resourceType` on `target`. */
export function selectorCoverage(s: AdvancedEventSelector, index: number, resourceType: string, target: ArnTarget): SelectorCoverage {
  const selector = selectorName(s, index);
  const none = (reason: string): SelectorCoverage => ({ selector, read: false, write: false, reason });
  if (!presentAndAdmits(s, EVENT_CATEGORY, 'Data')) return none('does not select data events');
  if (!presentAndAdmits(s, RESOURCE_TYPE, resourceType)) return none(`does not select ${resourceType}`);
  if (fieldsNamed(s, EVENT_NAME).length > 0) return none('filters on eventName, so it captures only some events');
  const other = (s.FieldSelectors ?? []).map((f) => f.Field).find((field) => field !== EVENT_NAME && !DATA_FIELDS.has(field));
  if (other !== undefined) return none(`filters on ${other}, so it captures only some events`);
  for (const f of fieldsNamed(s, RESOURCE_ARN)) {
    const excluded = arnExclusion(f, target);
    if (excluded) {
      const what = 'arn' in target ? target.arn : `every ARN starting with ${target.prefix}`;
      return none(`its resources.ARN ${excluded.operator} [${excluded.values.join(', ')}] leaves out ${what}`);
    }
  }
  const readOnly = fieldsNamed(s, READ_ONLY);
  const read = readOnly.every((f) => fieldAdmits(f, 'true'));
  const write = readOnly.every((f) => fieldAdmits(f, 'false'));
  const reason = read && write ? '' : read ? 'captures read-only events only' : write ? 'captures write-only events only' : 'its readOnly admits neither true nor false';
  return { selector, read, write, reason };
}

export interface DataEventCoverage {
  covered: boolean;
  /** The selectors that together capture every event (one, or a read-only and a write-only one). */
  via: string[];
  /** Why not, when not covered. */
  reason: string;
  selectors: SelectorCoverage[];
}

/** Whether a trail's selectors capture every data event of `resourceType` on `target`. */
export function dataEventCoverage(selectors: CloudTrailSelectors, resourceType: string, target: ArnTarget): DataEventCoverage {
  const advanced = selectors.advanced_event_selectors;
  if (advanced.length === 0) {
    const reason = selectors.event_selectors.length > 0
      ? `it uses classic event selectors, which cannot log ${resourceType} data events`
      : 'it has no event selectors';
    return { covered: false, via: [], reason, selectors: [] };
  }
  const each = advanced.map((s, i) => selectorCoverage(s, i, resourceType, target));
  const full = each.find((c) => c.read && c.write);
  if (full) return { covered: true, via: [full.selector], reason: '', selectors: each };
  const read = each.find((c) => c.read);
  const write = each.find((c) => c.write);
  if (read && write) return { covered: true, via: [read.selector, write.selector], reason: '', selectors: each };
  const reason = `no selector captures all ${resourceType} data events${'arn' in target ? ` of ${target.arn}` : ''}: `
    + each.map((c) => `${c.selector} ${c.reason}`).join('; ');
  return { covered: false, via: [], reason, selectors: each };
}

export interface ManagementCoverage {
  covered: boolean;
  /** The selector that records read and write management events. */
  via: string | null;
  reason: string;
}

/**
 * Read and write management events: a classic selector with IncludeManagementEvents true and
 * ReadWriteType All (the API's defaults when absent), or an advanced selector whose eventCategory
 * admits Management and that has no readOnly field.
 */
export function managementEventCoverage(selectors: CloudTrailSelectors): ManagementCoverage {
  const classicIndex = selectors.event_selectors.findIndex((s) => (s.IncludeManagementEvents ?? true) && (s.ReadWriteType ?? 'All') === 'All');
  if (classicIndex >= 0) return { covered: true, via: `classic selector #${classicIndex + 1}`, reason: '' };
  const advancedIndex = selectors.advanced_event_selectors.findIndex((s) => presentAndAdmits(s, EVENT_CATEGORY, 'Management') && fieldsNamed(s, READ_ONLY).length === 0);
  if (advancedIndex >= 0) return { covered: true, via: `advanced selector ${selectorName(selectors.advanced_event_selectors[advancedIndex], advancedIndex)}`, reason: '' };
  const management = selectors.event_selectors.some((s) => s.IncludeManagementEvents ?? true)
    || selectors.advanced_event_selectors.some((s) => presentAndAdmits(s, EVENT_CATEGORY, 'Management'));
  return { covered: false, via: null, reason: management ? 'it records only read or only write management events' : 'it records no management events' };
}

// --- Trails

/** What coverage needs to know of a trail; null members are unknown (`unknown` says why). */
export interface CoverageTrail {
  name: string;
  arn: string;
  home_region: string;
  is_multi_region: boolean;
  is_logging: boolean | null;
  selectors: CloudTrailSelectors | null;
  /** Why is_logging or selectors is null (for example the permission that was denied). */
  unknown?: string;
}

export function trailCoversRegion(t: Pick<CoverageTrail, 'is_multi_region' | 'home_region'>, region: string): boolean {
  return t.is_multi_region || t.home_region === region;
}

export type Verdict = 'yes' | 'no' | 'unknown';

export interface TrailAnswer {
  trail: string;
  arn: string;
  verdict: Verdict;
  /** Why yes (the selectors), no, or unknown. */
  reason: string;
}

/** Whether one trail, logging, covers `region` and captures every data event of `resourceType` on `target`. */
export function trailCapturesDataEvents(t: CoverageTrail, region: string, resourceType: string, target: ArnTarget): TrailAnswer {
  const answer = (verdict: Verdict, reason: string): TrailAnswer => ({ trail: t.name, arn: t.arn, verdict, reason });
  if (!trailCoversRegion(t, region)) return answer('no', `it is a single-region trail of ${t.home_region}`);
  // A known "no" wins over an unknown part: a trail that is not logging covers nothing, and
  // selectors that leave the events out do not cover them whatever the status.
  if (t.is_logging === false) return answer('no', 'it is not logging');
  if (t.selectors !== null) {
    const c = dataEventCoverage(t.selectors, resourceType, target);
    if (!c.covered) return answer('no', c.reason);
    if (t.is_logging === null) return answer('unknown', t.unknown ?? 'its status is unknown');
    return answer('yes', `selector${c.via.length > 1 ? 's' : ''} ${c.via.join(' and ')}`);
  }
  return answer('unknown', t.unknown ?? 'its event selectors are unknown');
}

export interface CoverageAnswer {
  /** true: some trail captures everything; false: none does and nothing is unknown; null: cannot tell. */
  covered: boolean | null;
  trails: TrailAnswer[];
}

/**
 * Does a logging trail cover `region` and capture every data event of `resourceType` on `target`?
 * `trailsComplete` is false when the region's own trail list could not be read (a single-region
 * trail there could exist unseen): then "no trail covers" becomes "cannot tell".
 */
export function dataEventsCovered(trails: readonly CoverageTrail[], region: string, resourceType: string, target: ArnTarget, trailsComplete = true): CoverageAnswer {
  const answers = trails.filter((t) => trailCoversRegion(t, region)).map((t) => trailCapturesDataEvents(t, region, resourceType, target));
  if (answers.some((a) => a.verdict === 'yes')) return { covered: true, trails: answers };
  const unknown = !trailsComplete || answers.some((a) => a.verdict === 'unknown');
  return { covered: unknown ? null : false, trails: answers };
}

/** Whether a trail is multi-region, logging and records read and write management events. */
export function trailRecordsManagementEvents(t: CoverageTrail): TrailAnswer {
  const answer = (verdict: Verdict, reason: string): TrailAnswer => ({ trail: t.name, arn: t.arn, verdict, reason });
  if (!t.is_multi_region) return answer('no', `it is a single-region trail of ${t.home_region}`);
  if (t.is_logging === false) return answer('no', 'it is not logging');
  if (t.selectors !== null) {
    const c = managementEventCoverage(t.selectors);
    if (!c.covered) return answer('no', c.reason);
    if (t.is_logging === null) return answer('unknown', t.unknown ?? 'its status is unknown');
    return answer('yes', c.via ?? '');
  }
  return answer('unknown', t.unknown ?? 'its event selectors are unknown');
}
