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

// The functions below run for every selector of every trail of every application: they loop
// rather than build lists (operators(), filter) that are read once and dropped.

/** The operators a field selector carries, with their values (an empty list counts as absent). */
export function operators(f: AdvancedFieldSelector): [FieldOperator, string[]][] {
  const out: [FieldOperator, string[]][] = [];
  for (const op of FIELD_OPERATORS) {
    const values = f[op];
    if (values && values.length > 0) out.push([op, values]);
  }
  return out;
}

/** Whether `value` passes one operator of a field selector. */
export function operatorAdmits(op: FieldOperator, values: readonly string[], value: string): boolean {
  // Not a list (snapshot data the collector did not write): read as it always was, errors included.
  if (!Array.isArray(values)) return NEGATIVE.has(op) ? values.every((v) => !holds(op, value, v)) : values.some((v) => holds(op, value, v));
  const negative = NEGATIVE.has(op);
  for (let i = 0; i < values.length; i++) {
    if (holds(op, value, values[i])) return !negative;
  }
  return negative;
}

/** Whether `value` passes the field selector: every operator it carries. */
export function fieldAdmits(f: AdvancedFieldSelector, value: string): boolean {
  for (const op of FIELD_OPERATORS) {
    const values = f[op];
    if (values && values.length > 0 && !operatorAdmits(op, values, value)) return false;
  }
  return true;
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
  for (const op of FIELD_OPERATORS) {
    const values = f[op];
    if (!(values && values.length > 0)) continue;
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

const NO_FIELDS: readonly AdvancedFieldSelector[] = Object.freeze([]);

function fieldSelectors(s: AdvancedEventSelector): readonly AdvancedFieldSelector[] {
  const fields = s.FieldSelectors ?? NO_FIELDS;
  // Not a list (snapshot data the collector did not write): fails as the filter it once was.
  if (!Array.isArray(fields)) return (s.FieldSelectors ?? []).filter(() => false);
  return fields;
}

/** Whether the selector has a field selector on `field`. */
function hasField(s: AdvancedEventSelector, field: string): boolean {
  const fields = fieldSelectors(s);
  for (let i = 0; i < fields.length; i++) if (fields[i].Field === field) return true;
  return false;
}

/** Whether every field selector on `field` admits `value` (true when the selector has none on it). */
function allAdmit(s: AdvancedEventSelector, field: string, value: string): boolean {
  const fields = fieldSelectors(s);
  for (let i = 0; i < fields.length; i++) if (fields[i].Field === field && !fieldAdmits(fields[i], value)) return false;
  return true;
}

/** Whether every field selector on `field` admits `value`; false when the selector has none on it. */
function presentAndAdmits(s: AdvancedEventSelector, field: string, value: string): boolean {
  return hasField(s, field) && allAdmit(s, field, value);
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
  if (hasField(s, EVENT_NAME)) return none('filters on eventName, so it captures only some events');
  const fields = fieldSelectors(s);
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i].Field;
    if (field !== EVENT_NAME && !DATA_FIELDS.has(field)) return none(`filters on ${field}, so it captures only some events`);
  }
  for (let i = 0; i < fields.length; i++) {
    if (fields[i].Field !== RESOURCE_ARN) continue;
    const excluded = arnExclusion(fields[i], target);
    if (excluded) {
      const what = 'arn' in target ? target.arn : `every ARN starting with ${target.prefix}`;
      return none(`its resources.ARN ${excluded.operator} [${excluded.values.join(', ')}] leaves out ${what}`);
    }
  }
  const read = allAdmit(s, READ_ONLY, 'true');
  const write = allAdmit(s, READ_ONLY, 'false');
  const reason = read && write ? '' : read ? 'captures read-only events only' : write ? 'captures write-only events only' : 'its readOnly admits neither true nor false';
  return { selector, read, write, reason };
}

export interface DataEventCoverage {
  covered: boolean;
  /** The selectors that together capture every event (one, or a read-only and a write-only one). */
  via: string[];
  /** Why not, when not covered. */
  reason: string;
  /** Shared between calls on the same selectors: do not modify. */
  selectors: readonly SelectorCoverage[];
}

/**
 * Per list of advanced selectors and resource type: what each selector captures, when none of
 * them filters on resources.ARN (null when one does). The answer then does not depend on the
 * target, and a trail's selectors are asked about every application of its regions. Selectors
 * are data read from a snapshot or a logged event, never changed once read.
 */
const targetFree = new WeakMap<readonly AdvancedEventSelector[], Map<string, readonly SelectorCoverage[] | null>>();

function selectorCoverages(advanced: readonly AdvancedEventSelector[], resourceType: string, target: ArnTarget): readonly SelectorCoverage[] {
  if (!Array.isArray(advanced)) return advanced.map((s, i) => selectorCoverage(s, i, resourceType, target));
  let byType = targetFree.get(advanced);
  if (!byType) targetFree.set(advanced, (byType = new Map()));
  const known = byType.get(resourceType);
  if (known) return known;
  // Worked out as always (the first selector that cannot be read fails first); kept when no
  // selector reads resources.ARN (each has had its fields read by then, so that test cannot fail).
  const each = advanced.map((s, i) => selectorCoverage(s, i, resourceType, target));
  if (known === undefined) byType.set(resourceType, advanced.some((s) => hasField(s, RESOURCE_ARN)) ? null : each);
  return each;
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
  const each = selectorCoverages(advanced, resourceType, target);
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
  const advancedIndex = selectors.advanced_event_selectors.findIndex((s) => presentAndAdmits(s, EVENT_CATEGORY, 'Management') && !hasField(s, READ_ONLY));
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
