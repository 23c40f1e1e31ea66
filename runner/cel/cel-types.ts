// A small declaration language for the item types that views hand to CEL, and the conversion
// from plain JSON items to the values cel-js type-checks at run time (BigInt for int, Date for
// timestamp, class instances for object types).
//
// Field types: string, bool, int, double, timestamp, dyn, list<T>, or the name of another
// declared type. A trailing `?` marks a field that may be absent (null in the JSON): CEL reads it
// with `has(item.field)`, the idiomatic test for presence, and comparing it without `has` fails.

export type FieldType = string;

export interface CelTypeDecl {
  name: string;
  fields: Record<string, FieldType>;
  /** One line per field for `qready checks show` and the docs; optional. */
  doc?: Record<string, string>;
}

interface ParsedField {
  optional: boolean;
  base: string;
}

function parseField(t: FieldType): ParsedField {
  const optional = t.endsWith('?');
  return { optional, base: optional ? t.slice(0, -1) : t };
}

/** The cel-js type string of a declared field (without the optional marker). */
export function celTypeString(t: FieldType): string {
  const { base } = parseField(t);
  if (base === 'timestamp') return 'google.protobuf.Timestamp';
  const list = /^list<(.+)>$/.exec(base);
  if (list) return `list<${celTypeString(list[1])}>`;
  return base;
}

type Converter = (value: unknown, path: string) => unknown;

/** A declared type's runtime class: an instance wraps one plain JSON object of the type. */
export type CelClass = new (raw: Record<string, unknown>) => object;

/**
 * Builds converters for a set of declared types. Each declared type gets a class so that cel-js
 * recognises its instances without wrapping every object in a Map (which would be slow on
 * tens of thousands of items).
 */
export class CelTypeSet {
  readonly classes = new Map<string, CelClass>();
  private readonly decls = new Map<string, CelTypeDecl>();
  private readonly converters = new Map<string, Converter>();
  /** Per type, how its instances keep converted values (see InstanceLayout). */
  private readonly layouts = new Map<string, InstanceLayout>();

  add(decl: CelTypeDecl): void {
    if (this.decls.has(decl.name)) return;
    this.decls.set(decl.name, decl);
    const layout = instanceLayout(decl);
    this.layouts.set(decl.name, layout);
    this.classes.set(decl.name, generatedClass(decl.name, layout));
  }

  get(name: string): CelTypeDecl | undefined {
    return this.decls.get(name);
  }

  all(): CelTypeDecl[] {
    return [...this.decls.values()];
  }

  /** Converts a plain JSON object of a declared type into its CEL runtime value. */
  convert(typeName: string, value: unknown): object {
    return this.converterFor(typeName)(value, typeName) as object;
  }


  private converterFor(base: string): Converter {
    const cached = this.converters.get(base);
    if (cached) return cached;
    const made = this.makeConverter(base);
    this.converters.set(base, made);
    return made;
  }

  private makeConverter(base: string): Converter {
    switch (base) {
      case 'string':
        return (v, path) => {
          if (typeof v !== 'string') throw new TypeError(`${path}: expected string, got ${describe(v)}`);
          return v;
        };
      case 'bool':
        return (v, path) => {
          if (typeof v !== 'boolean') throw new TypeError(`${path}: expected bool, got ${describe(v)}`);
          return v;
        };
      case 'int':
        return (v, path) => {
          if (typeof v === 'bigint') return v;
          if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`${path}: expected int, got ${describe(v)}`);
          return BigInt(Math.trunc(v));
        };
      case 'double':
        return (v, path) => {
          if (typeof v !== 'number') throw new TypeError(`${path}: expected double, got ${describe(v)}`);
          return v;
        };
      case 'timestamp':
        return (v, path) => {
          const d = v instanceof Date ? v : typeof v === 'string' ? parseTimestamp(v) : null;
          if (!d || Number.isNaN(d.getTime())) throw new TypeError(`${path}: expected ISO timestamp, got ${describe(v)}`);
          return d;
        };
      case 'dyn':
        return (v) => v;
    }
    const list = /^list<(.+)>$/.exec(base);
    if (list) {
      const inner = this.converterFor(list[1]);
      const elementType = list[1] === 'dyn' ? 'dyn' : JS_TYPES[list[1]];
      if (elementType !== undefined) {
        // Elements CEL takes as they are: the JSON list itself, once its elements are checked (a
        // copy would be the same list; nothing changes CEL values). A wrong element is reported
        // as the copy would have reported it.
        return (v, path) => {
          if (!Array.isArray(v)) throw new TypeError(`${path}: expected list, got ${describe(v)}`);
          if (elementType !== 'dyn') {
            for (let i = 0; i < v.length; i++) {
              if (typeof v[i] !== elementType) {
                const elementPath = `${path}[]`;
                return v.map((e) => inner(e, elementPath));
              }
            }
          }
          return v;
        };
      }
      return (v, path) => {
        if (!Array.isArray(v)) throw new TypeError(`${path}: expected list, got ${describe(v)}`);
        const elementPath = `${path}[]`;
        return v.map((e) => inner(e, elementPath));
      };
    }
    const decl = this.decls.get(base);
    const Cls = this.classes.get(base);
    if (!decl || !Cls) throw new Error(`unknown CEL item type '${base}'`);
    this.defineLazyFields(Cls, decl);
    return (v, path) => {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new TypeError(`${path}: expected ${base} object, got ${describe(v)}`);
      return new Cls(v as Record<string, unknown>);
    };
  }

  /**
   * Fields are read from the JSON object when CEL first asks for them, not copied up front: an
   * item has twenty fields and a check reads two, and eager copies of tens of thousands of items
   * (a Date for every timestamp) cost more than the evaluation itself. A null or missing field
   * reads as absent, which is what `has(item.field)` tests.
   */
  private defineLazyFields(Cls: CelClass, decl: CelTypeDecl): void {
    const proto = Cls.prototype as Record<PropertyKey, unknown>;
    if (Object.prototype.hasOwnProperty.call(proto, LAZY_DONE)) return;
    proto[LAZY_DONE] = true;
    const converterFor = (b: string): Converter => this.converterFor(b);
    const layout = this.layouts.get(decl.name)!;
    for (const [name, t] of Object.entries(decl.fields)) {
      const { base } = parseField(t);
      const kind = fieldKind(base, layout.ordered);
      const kept = layout.kept.indexOf(name);
      const getter = generatedGetter(kind, decl.name, name)(RAW, layout.slots.get(name), JS_TYPES[base] ?? null, base, `${decl.name}.${name}`, converterFor, ORDER, layout.kept.length + 1, kept + 1);
      Object.defineProperty(proto, name, { enumerable: true, get: getter });
    }
  }
}

/** The JS type of the plain JSON values CEL takes as they are. */
const JS_TYPES: Record<string, string> = { string: 'string', bool: 'boolean', double: 'number' };

function fieldKind(base: string, ordered: boolean): GetterKind {
  // Their JS type is still checked here, because the fast path (fast-path.ts) reads fields
  // without cel-js's own type checks.
  if (JS_TYPES[base] !== undefined) return 'checked';
  if (base === 'dyn') return 'dyn';
  if (base === 'int' || base === 'timestamp') return 'slot';
  return ordered ? 'keepSlot' : 'keep';
}

/**
 * Where the instances of a type keep what they convert: one slot (a symbol, so not a key cel-js
 * or JSON.stringify sees) per int, timestamp, list and object field.
 *
 * Lists and objects were once kept as own properties of the instance, defined on first read, so
 * that JSON.stringify of an instance (a message placeholder naming a whole object) shows the
 * lists and objects read so far, in the order they were first read. Defining a property is slow,
 * and gives the instance a new shape, which V8 forgets with the last instance; slots do neither.
 * That output is kept: the first-read order is written in one number per instance (`ordered`,
 * the field's position in `kept` as a digit of base kept.length + 1), and toJSON gives the same
 * object as before. A type with too many such fields for the number keeps the old way.
 */
interface InstanceLayout {
  slots: Map<string, symbol>;
  /** The list and object fields, in declaration order. */
  kept: string[];
  /** Whether list and object fields are kept in slots, their first-read order in the ORDER slot. */
  ordered: boolean;
}

function instanceLayout(decl: CelTypeDecl): InstanceLayout {
  const slots = new Map<string, symbol>();
  const kept: string[] = [];
  for (const [name, t] of Object.entries(decl.fields)) {
    const { base } = parseField(t);
    if (base === 'int' || base === 'timestamp') slots.set(name, Symbol(`${decl.name}.${name}`));
    else if (JS_TYPES[base] === undefined && base !== 'dyn') kept.push(name);
  }
  const ordered = kept.length > 0 && (kept.length + 1) ** kept.length <= Number.MAX_SAFE_INTEGER && !Object.hasOwn(decl.fields, 'toJSON');
  if (ordered) for (const name of kept) slots.set(name, Symbol(`${decl.name}.${name}`));
  return { slots, kept, ordered };
}

/**
 * How a field's getter reads it:
 * - checked: a string, bool or double, returned as it is after a check of its JS type;
 * - dyn: returned as it is;
 * - slot: an int or timestamp, converted on the first read (a BigInt, a Date) and kept in the
 *   instance's slot for the field: a rule and its message read the same timestamp several times
 *   (has(), older_than_days, date());
 * - keepSlot: a list or an object, converted on the first read and kept in its slot, its place
 *   among the fields first read added to the instance's ORDER (see InstanceLayout);
 * - keep: a list or an object, converted on the first read and kept as an own property of the
 *   instance of the same name, which then shadows the getter.
 */
type GetterKind = 'checked' | 'dyn' | 'slot' | 'keepSlot' | 'keep';

type GetterFactory = (
  raw: symbol, slot: symbol | undefined, jsType: string | null, base: string, fieldPath: string, converterFor: (base: string) => Converter,
  order: symbol, radix: number, digit: number,
) => () => unknown;

/**
 * The getter of one field, as its own function. Getters made from one closure share V8's inline
 * caches, which then see every field of every type and fall back to slow generic lookups; a
 * function of its own for each field, with the field's name written in it, reads one property of
 * objects of one shape. Field names are quoted with JSON.stringify, so any name reads as a
 * string key (they come from the view declarations, not from snapshot data).
 */
function generatedGetter(kind: GetterKind, typeName: string, name: string): GetterFactory {
  const key = `[${JSON.stringify(name)}]`;
  const read = `const raw = this[RAW]${key};\n  if (raw === null || raw === undefined) return undefined;\n`;
  let body: string;
  switch (kind) {
    case 'checked':
      body = `${read}  if (typeof raw !== jsType) throw new TypeError(fieldPath + ': expected ' + base + ', got ' + typeof raw);\n  return raw;`;
      break;
    case 'dyn':
      body = `${read}  return raw;`;
      break;
    case 'slot':
      body = `const kept = this[SLOT];\n  if (kept !== undefined) return kept;\n  ${read}  return (this[SLOT] = (convert ??= converterFor(base))(raw, fieldPath));`;
      break;
    case 'keepSlot':
      body = `const kept = this[SLOT];\n  if (kept !== undefined) return kept;\n  ${read}  const value = (convert ??= converterFor(base))(raw, fieldPath);\n  this[SLOT] = value;\n  this[ORDER] = this[ORDER] * RADIX + DIGIT;\n  return value;`;
      break;
    case 'keep':
      body = `${read}  const value = (convert ??= converterFor(base))(raw, fieldPath);\n  Object.defineProperty(this, ${JSON.stringify(name)}, { value, enumerable: true });\n  return value;`;
      break;
  }
  // The type's name is part of the source: V8 shares compiled code, and with it inline caches,
  // between functions of the same source (a field of the same name in two types).
  const source = `// ${JSON.stringify(typeName)}\nlet convert;\nreturn function () {\n  ${body}\n};`;
  return new Function('RAW', 'SLOT', 'jsType', 'base', 'fieldPath', 'converterFor', 'ORDER', 'RADIX', 'DIGIT', source) as GetterFactory;
}

/**
 * A named class (cel-js reports type errors with the constructor's name) whose constructor keeps
 * the JSON object and gives every slot its place, so that all instances of the type have one
 * shape from the start (a slot added on first use would give them several).
 */
function generatedClass(name: string, layout: InstanceLayout): CelClass {
  const slots = [...layout.slots.values()];
  const params = slots.map((_s, i) => `S${i}`);
  const init = params.map((p) => `this[${p}] = undefined;`).join(' ') + (layout.ordered ? ' this[ORDER] = 0;' : '');
  const source = `return ({ ${JSON.stringify(name)}: class { constructor(raw) { this[RAW] = raw; ${init} } } })[${JSON.stringify(name)}];`;
  const Cls = new Function('RAW', 'ORDER', ...params, source)(RAW, ORDER, ...slots) as CelClass;
  if (layout.ordered) {
    const kept = layout.kept.map((field) => ({ field, slot: layout.slots.get(field)! }));
    Object.defineProperty(Cls.prototype, 'toJSON', { value: keptFieldsJson(kept) });
  }
  // V8 keeps the shape an instance has after its constructor only while some instance has it.
  // Without one kept here, the shape would go with each evaluation's items, and with it the
  // compiled code of everything that read them (the evaluation loop, every getter), compiled
  // again for the next evaluation.
  SHAPE_KEEPERS.push(new Cls(Object.freeze({})));
  return Cls;
}

/** toJSON of an ordered layout: the list and object fields read so far, in the order first read. */
function keptFieldsJson(kept: readonly { field: string; slot: symbol }[]): (this: Record<symbol, unknown>) => Record<string, unknown> {
  const radix = kept.length + 1;
  return function (this: Record<symbol, unknown>) {
    const digits: number[] = [];
    for (let order = this[ORDER] as number; order > 0; order = Math.floor(order / radix)) digits.push(order % radix);
    const out: Record<string, unknown> = {};
    for (let i = digits.length - 1; i >= 0; i--) {
      const { field, slot } = kept[digits[i] - 1];
      Object.defineProperty(out, field, { value: this[slot], enumerable: true, writable: true, configurable: true });
    }
    return out;
  };
}

const SHAPE_KEEPERS: object[] = [];

const RAW = Symbol('raw');
/** The first-read order of an instance's kept lists and objects (see InstanceLayout). */
const ORDER = Symbol('order');
const LAZY_DONE = Symbol('lazyFields');

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  return typeof v;
}

/**
 * Snapshot timestamps are written by Date.toISOString (YYYY-MM-DDTHH:MM:SS.sssZ); that form is
 * read digit by digit, several times faster than the Date string parser, which still takes
 * every other ISO-8601 form.
 */
export function parseTimestamp(s: string): Date {
  if (s.length === 24 && s.charCodeAt(23) === 90 /* Z */ && s.charCodeAt(10) === 84 /* T */) {
    const n = (from: number, len: number): number => {
      let x = 0;
      for (let i = from; i < from + len; i++) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) return NaN;
        x = x * 10 + c;
      }
      return x;
    };
    const ms = Date.UTC(n(0, 4), n(5, 2) - 1, n(8, 2), n(11, 2), n(14, 2), n(17, 2), n(20, 3));
    // Date.UTC rolls over out-of-range parts (month 13); only an exact round trip is accepted.
    if (!Number.isNaN(ms)) {
      const d = new Date(ms);
      if (d.getUTCDate() === n(8, 2) && d.getUTCMonth() === n(5, 2) - 1) return d;
    }
  }
  return new Date(s);
}
