// The Amazon Q event catalogue (check-metadata/q-event-catalogue.yaml): which event sources are
// Amazon Q and how each of their event names is classified. Loading is synchronous because worker
// threads load it too, and the built-in file is read once per thread. Lookups are two Map reads:
// the normaliser asks for every record of a million-record log set, so no string is built per call.
import { join, relative } from 'node:path';
import type { ErrorObject } from 'ajv';
import type { EventCatalogue, EventCategory, EventClass, EventOperation } from './event.js';
import { packageRoot } from '../util/package-root.js';
import { schemaValidator } from '../util/schemas.js';
import { InputError, jsonPointerKeys, parseYaml, readYamlFile, schemaErrors, type YamlFile } from '../util/yaml-file.js';

/** One classified event name, as listed in the file. */
export interface CatalogueEntry extends EventClass {
  eventSource: string;
  /** Why, where the classification is a judgement. */
  note: string | null;
}

/** A name other documents use (the German playbook's misspellings) for a real event name. */
export interface CatalogueAlias {
  eventSource: string;
  alias: string;
  /** The real event name it stands for. */
  name: string;
}

export interface LoadedEventCatalogue extends EventCatalogue {
  /** The file as named in messages. */
  readonly file: string;
  /** The Amazon Q event sources, in file order. */
  sources(): readonly string[];
  /** Every classified event name, in file order. */
  entries(): readonly CatalogueEntry[];
  aliases(): readonly CatalogueAlias[];
}

/** The file as written (check-metadata/q-event-catalogue.schema.json). */
interface EntryDocument {
  category: EventCategory;
  operation: EventOperation;
  event_type: 'management' | 'data';
  resource: string | null;
  note?: string;
}
interface CatalogueDocument {
  sources: Record<string, Record<string, EntryDocument>>;
  aliases?: Record<string, Record<string, string>>;
}

const BUILTIN_SHOWN = 'check-metadata/q-event-catalogue.yaml';

export function builtinEventCatalogueFile(): string {
  return join(packageRoot(), 'check-metadata', 'q-event-catalogue.yaml');
}

let builtin: LoadedEventCatalogue | undefined;

/**
 * The event catalogue: the built-in one (read once, then cached) or the given file. Throws an
 * InputError naming the file and line of the first problem.
 */
export function loadEventCatalogue(file?: string): LoadedEventCatalogue {
  if (file === undefined) {
    builtin ??= compileCatalogue(readYamlFile(builtinEventCatalogueFile(), BUILTIN_SHOWN));
    return builtin;
  }
  return compileCatalogue(readYamlFile(file, displayPath(file)));
}

/** As loadEventCatalogue, from text (`file` names it in messages). */
export function parseEventCatalogue(text: string, file: string): LoadedEventCatalogue {
  return compileCatalogue(parseYaml(file, text));
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

function compileCatalogue(y: YamlFile): LoadedEventCatalogue {
  if (y.value === null || y.value === undefined) throw new InputError(y.file, 1, 'the event catalogue is empty: expected a `sources:` map');
  const validate = schemaValidator('q-event-catalogue');
  if (!validate(y.value)) {
    throw earliest(catalogueSchemaErrors(y, validate.errors ?? [])) ?? new InputError(y.file, 1, 'not a qready event catalogue');
  }
  const doc = y.value as CatalogueDocument;
  const problems: InputError[] = [];
  // eventSource → eventName (real or alias) → classification. Frozen: every event of that name
  // shares the object, so an analysis that changed it would change them all.
  const bySource = new Map<string, Map<string, EventClass>>();
  const entries: CatalogueEntry[] = [];
  for (const [eventSource, events] of Object.entries(doc.sources)) {
    const byName = new Map<string, EventClass>();
    const byLowerName = new Map<string, string>();
    for (const [name, e] of Object.entries(events)) {
      // YAML already refuses a key listed twice; names differing only in case are a typo too.
      const twin = byLowerName.get(name.toLowerCase());
      if (twin !== undefined) {
        problems.push(new InputError(y.file, y.lineOf(['sources', eventSource, name]), `sources.${eventSource}.${name}: listed twice (as '${twin}' and '${name}')`));
        continue;
      }
      byLowerName.set(name.toLowerCase(), name);
      const cls: EventClass = Object.freeze({ name, category: e.category, operation: e.operation, eventType: e.event_type, resourceKind: e.resource });
      byName.set(name, cls);
      entries.push(Object.freeze({ ...cls, eventSource, note: e.note ?? null }));
    }
    bySource.set(eventSource, byName);
  }
  const aliases: CatalogueAlias[] = [];
  for (const [eventSource, map] of Object.entries(doc.aliases ?? {})) {
    const byName = bySource.get(eventSource);
    if (!byName) continue; // the schema allows only the four sources, and all four are required
    // Resolve against the real names only, so an alias of an alias is an error, not a chain.
    const real = new Map(byName);
    for (const [alias, name] of Object.entries(map)) {
      const where = y.lineOf(['aliases', eventSource, alias]);
      const field = `aliases.${eventSource}.${alias}`;
      const target = real.get(name);
      if (real.has(alias)) problems.push(new InputError(y.file, where, `${field}: '${alias}' is itself an event name of ${eventSource}; an alias cannot replace it`));
      else if (!target) problems.push(new InputError(y.file, where, `${field}: '${name}' is not an event name of ${eventSource} under sources`));
      else {
        byName.set(alias, target);
        aliases.push(Object.freeze({ eventSource, alias, name }));
      }
    }
  }
  const first = earliest(problems);
  if (first) throw first;
  return catalogueOf(y.file, bySource, entries, aliases);
}

function catalogueOf(file: string, bySource: ReadonlyMap<string, ReadonlyMap<string, EventClass>>, entries: readonly CatalogueEntry[], aliases: readonly CatalogueAlias[]): LoadedEventCatalogue {
  const sources = Object.freeze([...bySource.keys()]);
  Object.freeze(entries);
  Object.freeze(aliases);
  return {
    file,
    isQSource: (eventSource) => bySource.has(eventSource),
    classify: (eventSource, eventName) => bySource.get(eventSource)?.get(eventName) ?? null,
    sources: () => sources,
    entries: () => entries,
    aliases: () => aliases,
  };
}

/** Schema errors, with event names that are not PascalCase reported at their own line. */
function catalogueSchemaErrors(y: YamlFile, errors: ErrorObject[]): InputError[] {
  const out: InputError[] = [];
  const general: ErrorObject[] = [];
  for (const e of errors) {
    // ajv reports a bad property name twice: once from the name's own schema (with propertyName
    // set) and once as `propertyNames` on the object. The first one can name the key and its line.
    if (e.keyword === 'propertyNames') continue;
    if (e.propertyName !== undefined) {
      const keys = [...jsonPointerKeys(e.instancePath), e.propertyName];
      const what = e.keyword === 'enum' ? 'is not an Amazon Q event source' : 'is not an event name (an API operation name in PascalCase)';
      out.push(new InputError(y.file, y.lineOf(keys), `${keys.slice(0, -1).join('.') || '(top level)'}: '${e.propertyName}' ${what}`));
    } else general.push(e);
  }
  // A misspelt field is also a missing required one: the unknown field says more.
  const unknownIn = new Set(general.filter((e) => e.keyword === 'additionalProperties').map((e) => e.instancePath));
  out.push(...schemaErrors(y, general.filter((e) => !(e.keyword === 'required' && unknownIn.has(e.instancePath)))));
  return out;
}

function earliest(errors: InputError[]): InputError | undefined {
  let best: InputError | undefined;
  for (const e of errors) if (!best || (e.line ?? Infinity) < (best.line ?? Infinity)) best = e;
  return best;
}
