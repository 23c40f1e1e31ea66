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

/**
 * Builds converters for a set of declared types. Each declared type gets a class so that cel-js
 * recognises its instances without wrapping every object in a Map (which would be slow on
 * tens of thousands of items).
 */
export class CelTypeSet {
  readonly classes = new Map<string, new () => object>();
  private readonly decls = new Map<string, CelTypeDecl>();
  private readonly converters = new Map<string, Converter>();

  add(decl: CelTypeDecl): void {
    if (this.decls.has(decl.name)) return;
    this.decls.set(decl.name, decl);
    // A named class per type: cel-js reports type errors with the constructor's name.
    const holder = { [decl.name]: class {} };
    this.classes.set(decl.name, holder[decl.name]);
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
            const out = new Cls() as LazyInstance;
      out[RAW] = v as Record<string, unknown>;
      return out;
    };
  }

  /**
   * Fields are read from the JSON object when CEL first asks for them, not copied up front: an
   * item has twenty fields and a check reads two, and eager copies of tens of thousands of items
   * (a Date for every timestamp) cost more than the evaluation itself. A null or missing field
   * reads as absent, which is what `has(item.field)` tests.
   */
  private defineLazyFields(Cls: new () => object, decl: CelTypeDecl): void {
    const proto = Cls.prototype as Record<PropertyKey, unknown>;
    if (Object.prototype.hasOwnProperty.call(proto, LAZY_DONE)) return;
    proto[LAZY_DONE] = true;
    const converterFor = (b: string): Converter => this.converterFor(b);
    for (const [name, t] of Object.entries(decl.fields)) {
      const { base } = parseField(t);
      // Plain JSON values that CEL takes as they are; their JS type is still checked here, because
      // the fast path (fast-path.ts) reads fields without cel-js's own type checks.
      const jsType = base === 'string' ? 'string' : base === 'bool' ? 'boolean' : base === 'double' ? 'number' : null;
      const direct = jsType !== null || base === 'dyn';
      // Scalars (int, timestamp) are converted on every read, which costs less than remembering
      // them; lists and objects are converted once and kept on the instance.
      const keep = base.startsWith('list<') || this.decls.has(base);
      const fieldPath = `${decl.name}.${name}`;
      let convert: Converter | undefined;
      Object.defineProperty(proto, name, {
        enumerable: true,
        get(this: LazyInstance) {
          const raw = this[RAW][name];
          if (raw === null || raw === undefined) return undefined;
          if (direct) {
            if (jsType !== null && typeof raw !== jsType) throw new TypeError(`${fieldPath}: expected ${base}, got ${typeof raw}`);
            return raw;
          }
          convert ??= converterFor(base);
          const value = convert(raw, fieldPath);
          // An own property of the same name now shadows this getter: the next read is a plain
          // property read, and the cache costs no extra object per item.
          if (keep) Object.defineProperty(this, name, { value, enumerable: true });
          return value;
        },
      });
    }
  }
}

interface LazyInstance {
  [RAW]: Record<string, unknown>;
}

const RAW = Symbol('raw');
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
