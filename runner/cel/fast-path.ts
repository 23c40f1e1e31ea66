// A direct JavaScript evaluator for the part of CEL that checks and messages mostly use: field
// reads, has(), size(), string(), !, &&, ||, comparisons, ?:, string +, literals, the list
// macros exists/all/filter/map, join(), and qready's own functions (functions.ts).
// cel-js builds an evaluation context and dispatches through its operator tables on every call,
// which costs more than the rule itself when a check runs over every user of a large account.
//
// Each expression is compiled to the source of one JavaScript function (new Function): its field
// reads are written out with the field names in them, so V8 gives every expression inline caches
// of its own, each seeing one item type. (A tree of closures shares one cache per kind of node
// between every expression of every check; those caches then see every field of every type and
// fall back to slow generic lookups.) Only names from the checked AST reach the source, and only
// through JSON.stringify; literals are passed in by index.
//
// It runs only on expressions that already passed cel-js's type check, and keeps CEL's meaning:
// an absent field is an error, and && / || absorb an error when the other side decides the
// result. Anything outside the subset, at compile time or at run time (an error inside a macro,
// comparing two lists), is handed to cel-js; tests compare both evaluators on a table of cases.
import { CHECK_FUNCTIONS, valueIs } from './functions.js';

/** Thrown at run time when a value is outside what this evaluator handles; the caller falls back. */
export const UNSUPPORTED = Symbol('unsupported by the fast path');

type Vars = Record<string, unknown>;
type Fn = (vars: Vars) => unknown;

interface AstNode {
  op: string;
  args: unknown;
}

/** Variables every check sees; macro loop variables are added to the scope while compiling. */
const ROOT_VARIABLES: ReadonlySet<string> = new Set(['item', 'params', 'now']);

function isNode(v: unknown): v is AstNode {
  return typeof v === 'object' && v !== null && typeof (v as AstNode).op === 'string';
}

/**
 * A function for the checked AST, or null when it uses anything outside the subset. `label`
 * (a check id and the place of the expression in it) is written into the source as a comment:
 * V8 shares compiled code, and with it inline caches, between functions of the same source.
 */
export function compileFastPath(ast: unknown, label = ''): Fn | null {
  const g = new Emitter();
  const scope = new Map<string, string>([...ROOT_VARIABLES].map((name) => [name, `vars[${JSON.stringify(name)}]`]));
  const result = emit(g, ast, scope);
  if (result === null) return null;
  // Only the label's plain characters are written into the comment: a line separator would end it.
  const source = `// ${label.replace(/[^\w .-]/g, '_')}\nreturn function (vars) {\n${g.declarations()}${g.body.join('\n')}\nreturn ${result};\n};`;
  const factory = new Function('U', 'K', 'H', 'T', 'valueIs', 'scalar', 'sameKind', 'ordered', 'allStrings', 'codePoints', source) as (...helpers: unknown[]) => Fn;
  return factory(UNSUPPORTED, g.constants, g.handlers, g.types, valueIs, scalar, sameKind, ordered, allStrings, codePoints);
}

/** The statements of one function under construction, with its temporaries and what it is passed. */
class Emitter {
  readonly body: string[] = [];
  readonly constants: unknown[] = [];
  readonly handlers: ((...args: unknown[]) => unknown)[] = [];
  readonly types: (readonly string[])[] = [];
  private temps = 0;

  temp(): string {
    return `t${this.temps++}`;
  }

  line(code: string): void {
    this.body.push(code);
  }

  /** `expr` evaluated once into a temporary of its own, which is returned. */
  hold(expr: string): string {
    const t = this.temp();
    this.line(`${t} = ${expr};`);
    return t;
  }

  constant(v: unknown): string {
    this.constants.push(v);
    return `K[${this.constants.length - 1}]`;
  }

  declarations(): string {
    if (this.temps === 0) return '';
    return `let ${Array.from({ length: this.temps }, (_v, i) => `t${i}`).join(', ')};\n`;
  }
}

/** `obj.field` (or obj["field"]) for a name from the AST. */
function member(obj: string, field: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(field) ? `${obj}.${field}` : `${obj}[${JSON.stringify(field)}]`;
}

/** A boolean from `value`, else UNSUPPORTED (CEL's bool operands). */
function emitBool(g: Emitter, value: string): void {
  g.line(`if (typeof ${value} !== 'boolean') throw U;`);
}

/**
 * Emits the statements that evaluate `node` into g and returns where its value is (a temporary,
 * a constant or a variable, each read without effects), or null when the node is outside the subset.
 */
function emit(g: Emitter, node: unknown, scope: ReadonlyMap<string, string>): string | null {
  if (!isNode(node)) return null;
  const { op, args } = node;
  switch (op) {
    case 'value': {
      const v = args;
      if (typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return g.constant(v);
      return null;
    }
    case 'id':
      return typeof args === 'string' ? (scope.get(args) ?? null) : null;
    case '.': {
      const [target, field] = args as [unknown, unknown];
      if (typeof field !== 'string') return null;
      const t = emit(g, target, scope);
      if (t === null) return null;
      const o = g.temp();
      const r = g.temp();
      g.line(`${o} = ${t};`);
      g.line(`if (typeof ${o} !== 'object' || ${o} === null || ${o} instanceof Date || ${o} instanceof Map || Array.isArray(${o})) throw U;`);
      g.line(`${r} = ${member(o, field)};`);
      g.line(`if (${r} === undefined) throw new Error(${JSON.stringify(`No such key: ${field}`)});`);
      return r;
    }
    case 'call':
    case 'rcall':
      return emitCall(g, node, scope);
    case '!_': {
      const inner = emit(g, args, scope);
      if (inner === null) return null;
      emitBool(g, inner);
      return g.hold(`!${inner}`);
    }
    case '&&':
    case '||': {
      const [left, right] = args as [unknown, unknown];
      const decisive = op === '||'; // the value of one side that decides the result
      const r = g.temp();
      const leftError = g.temp();
      const leftValue = g.temp();
      g.line(`${leftError} = null;`);
      g.line('try {');
      const l = emit(g, left, scope);
      if (l === null) return null;
      g.line(`${leftValue} = ${l};`);
      emitBool(g, leftValue);
      g.line(`} catch (e) {\nif (e === U) throw e;\n${leftError} = e;\n${leftValue} = undefined;\n}`);
      g.line(`if (${leftError} === null && ${leftValue} === ${decisive}) ${r} = ${decisive};\nelse {`);
      const rv = emit(g, right, scope);
      if (rv === null) return null;
      emitBool(g, rv);
      g.line(`if (${rv} === ${decisive}) ${r} = ${decisive};\nelse if (${leftError} !== null) throw ${leftError};\nelse ${r} = ${!decisive};\n}`);
      return r;
    }
    case '+': {
      // String concatenation only; int arithmetic has CEL overflow rules, left to cel-js.
      const [left, right] = args as [unknown, unknown];
      const a = emit(g, left, scope);
      if (a === null) return null;
      const b = emit(g, right, scope);
      if (b === null) return null;
      g.line(`if (typeof ${a} !== 'string' || typeof ${b} !== 'string') throw U;`);
      return g.hold(`${a} + ${b}`);
    }
    case '?:': {
      const [cond, yes, no] = args as [unknown, unknown, unknown];
      const c = emit(g, cond, scope);
      if (c === null) return null;
      emitBool(g, c);
      const r = g.temp();
      g.line(`if (${c}) {`);
      const a = emit(g, yes, scope);
      if (a === null) return null;
      g.line(`${r} = ${a};\n} else {`);
      const b = emit(g, no, scope);
      if (b === null) return null;
      g.line(`${r} = ${b};\n}`);
      return r;
    }
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const [left, right] = args as [unknown, unknown];
      // The left operand is made a scalar before the right one is evaluated.
      const a = emit(g, left, scope);
      if (a === null) return null;
      const x = g.hold(`scalar(${a})`);
      const b = emit(g, right, scope);
      if (b === null) return null;
      const y = g.hold(`scalar(${b})`);
      // CEL compares int with double by value (3 == 3.0), which JS's == and < do for bigint/number.
      if (op === '==') return g.hold(`sameKind(${x}, ${y}) && ${x} == ${y}`);
      if (op === '!=') return g.hold(`!sameKind(${x}, ${y}) || ${x} != ${y}`);
      return g.hold(`ordered(${x}, ${y}) && ${x} ${op} ${y}`);
    }
    default:
      return null;
  }
}

/** Evaluates each node in order; null when one is outside the subset. */
function emitArgs(g: Emitter, nodes: readonly unknown[], scope: ReadonlyMap<string, string>): string[] | null {
  const out: string[] = [];
  for (const n of nodes) {
    const v = emit(g, n, scope);
    if (v === null) return null;
    out.push(v);
  }
  return out;
}

function emitCall(g: Emitter, ast: AstNode, scope: ReadonlyMap<string, string>): string | null {
  const a = ast.args as unknown[];
  const name = a[0];
  if (ast.op === 'rcall' && (name === 'exists' || name === 'all' || name === 'filter' || name === 'map')) {
    return emitMacro(g, name, a[1], (a[2] as unknown[]) ?? [], scope);
  }
  const params = ast.op === 'rcall' ? [a[1], ...((a[2] as unknown[]) ?? [])] : ((a[1] as unknown[]) ?? []);
  if (name === 'has' && params.length === 1 && isNode(params[0]) && params[0].op === '.') {
    const [target, field] = params[0].args as [unknown, unknown];
    if (typeof field !== 'string') return null;
    const t = emit(g, target, scope);
    if (t === null) return null;
    const o = g.temp();
    g.line(`${o} = ${t};`);
    g.line(`if (typeof ${o} !== 'object' || ${o} === null || Array.isArray(${o}) || ${o} instanceof Map) throw U;`);
    return g.hold(`${member(o, field)} !== undefined`);
  }
  if (name === 'size' && params.length === 1) {
    const v = emit(g, params[0], scope);
    if (v === null) return null;
    const r = g.temp();
    // CEL counts a string's code points.
    g.line(`if (Array.isArray(${v})) ${r} = BigInt(${v}.length);\nelse if (typeof ${v} === 'string') ${r} = BigInt(codePoints(${v}));\nelse throw U;`);
    return r;
  }
  if (name === 'string' && ast.op === 'call' && params.length === 1) {
    const v = emit(g, params[0], scope);
    if (v === null) return null;
    // Doubles, timestamps and bytes have CEL's own formatting.
    g.line(`if (typeof ${v} !== 'string' && typeof ${v} !== 'bigint' && typeof ${v} !== 'boolean') throw U;`);
    return g.hold(`String(${v})`);
  }
  if (name === 'join' && ast.op === 'rcall' && params.length <= 2) {
    const values = emitArgs(g, params, scope);
    if (values === null) return null;
    const [list, sep = "''"] = values;
    g.line(`if (!Array.isArray(${list}) || typeof ${sep} !== 'string' || !allStrings(${list})) throw U;`);
    return g.hold(`${list}.join(${sep})`);
  }
  const fn = ast.op === 'call' && typeof name === 'string' ? FUNCTIONS.get(name) : undefined;
  if (fn && fn.params.length === params.length) {
    // Every argument is evaluated before any type is checked: an error in a later argument wins
    // over an unsupported earlier one.
    const values = emitArgs(g, params, scope);
    if (values === null) return null;
    g.handlers.push(fn.handler as (...args: unknown[]) => unknown);
    g.types.push(fn.params);
    const k = g.handlers.length - 1;
    const checks = values.map((v, i) => `!valueIs(T[${k}][${i}], ${v})`).join(' || ');
    if (checks) g.line(`if (${checks}) throw U;`);
    return g.hold(`H[${k}](${values.join(', ')})`);
  }
  return null;
}

/**
 * list.exists(x, p), all(x, p), filter(x, p), map(x, e), the loop variable a temporary of its
 * own. An error on any element goes to cel-js, whose rules for errors inside comprehensions
 * (exists is true if any element is, despite errors) are kept there rather than copied.
 */
function emitMacro(g: Emitter, name: string, target: unknown, macroArgs: unknown[], scope: ReadonlyMap<string, string>): string | null {
  const [v, body] = macroArgs;
  if (macroArgs.length !== 2 || !isNode(v) || v.op !== 'id' || typeof v.args !== 'string' || scope.has(v.args)) return null;
  const list = emit(g, target, scope);
  if (list === null) return null;
  g.line(`if (!Array.isArray(${list})) throw U;`);
  const r = g.temp();
  const i = g.temp();
  const element = g.temp();
  const step = g.temp();
  const collects = name === 'map' || name === 'filter';
  g.line(collects ? `${r} = [];` : `${r} = ${name === 'all'};`);
  g.line(`for (${i} = 0; ${i} < ${list}.length; ${i}++) {\n${element} = ${list}[${i}];\ntry {`);
  const value = emit(g, body, new Map([...scope, [v.args, element]]));
  if (value === null) return null;
  g.line(`${step} = ${value};\n} catch {\nthrow U;\n}`);
  if (name === 'map') g.line(`${r}.push(${step});`);
  else {
    emitBool(g, step);
    if (name === 'filter') g.line(`if (${step}) ${r}.push(${element});`);
    else g.line(`if (${step} === ${name === 'exists'}) {\n${r} = ${name === 'exists'};\nbreak;\n}`);
  }
  g.line('}');
  return r;
}

const FUNCTIONS = new Map(CHECK_FUNCTIONS.map((f) => [f.name, f]));

function allStrings(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return false;
  return true;
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

type Scalar = bigint | number | string | boolean;

/** Numbers, strings, booleans and timestamps (as milliseconds); anything else goes to cel-js. */
function scalar(v: unknown): Scalar {
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.getTime();
  throw UNSUPPORTED;
}

const numeric = (v: Scalar): boolean => typeof v === 'bigint' || typeof v === 'number';

function sameKind(a: Scalar, b: Scalar): boolean {
  return numeric(a) ? numeric(b) : typeof a === typeof b;
}

function ordered(a: Scalar, b: Scalar): boolean {
  if (!sameKind(a, b) || typeof a === 'boolean') throw UNSUPPORTED;
  return true;
}
