// A direct JavaScript evaluator for the part of CEL that checks and messages mostly use: field
// reads, has(), size(), string(), !, &&, ||, comparisons, ?:, string +, literals, the list
// macros exists/all/filter/map, join(), and qready's own functions (functions.ts).
// cel-js builds an evaluation context and dispatches through its operator tables on every call,
// which costs more than the rule itself when a check runs over every user of a large account.
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

/** A closure for the checked AST, or null when it uses anything outside the subset. */
export function compileFastPath(ast: unknown, scope: ReadonlySet<string> = ROOT_VARIABLES): Fn | null {
  if (!isNode(ast)) return null;
  const sub = (node: unknown): Fn | null => compileFastPath(node, scope);
  const { op, args } = ast;
  switch (op) {
    case 'value': {
      const v = args;
      if (typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number') return () => v;
      return null;
    }
    case 'id': {
      if (typeof args !== 'string' || !scope.has(args)) return null;
      const name = args;
      return (vars) => vars[name];
    }
    case '.': {
      const [target, field] = args as [unknown, unknown];
      const t = sub(target);
      if (!t || typeof field !== 'string') return null;
      return (vars) => readField(t(vars), field);
    }
    case 'call':
    case 'rcall':
      return compileCall(ast, scope);
    case '!_': {
      const inner = sub(args);
      if (!inner) return null;
      return (vars) => !bool(inner(vars));
    }
    case '&&':
    case '||': {
      const [l, r] = (args as unknown[]).map(sub);
      if (!l || !r) return null;
      const decisive = op === '||'; // the value of one side that decides the result
      return (vars) => {
        let leftError: unknown = null;
        try {
          if (bool(l(vars)) === decisive) return decisive;
        } catch (e) {
          if (e === UNSUPPORTED) throw e;
          leftError = e;
        }
        const right = bool(r(vars));
        if (right === decisive) return decisive;
        if (leftError !== null) throw leftError;
        return !decisive;
      };
    }
    case '+': {
      // String concatenation only; int arithmetic has CEL overflow rules, left to cel-js.
      const [l, r] = (args as unknown[]).map(sub);
      if (!l || !r) return null;
      return (vars) => {
        const a = l(vars);
        const b = r(vars);
        if (typeof a !== 'string' || typeof b !== 'string') throw UNSUPPORTED;
        return a + b;
      };
    }
    case '?:': {
      const [c, a, b] = (args as unknown[]).map(sub);
      if (!c || !a || !b) return null;
      return (vars) => (bool(c(vars)) ? a(vars) : b(vars));
    }
    case '==':
    case '!=':
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const [l, r] = (args as unknown[]).map(sub);
      if (!l || !r) return null;
      const cmp = COMPARE[op];
      return (vars) => cmp(scalar(l(vars)), scalar(r(vars)));
    }
    default:
      return null;
  }
}

function compileCall(ast: AstNode, scope: ReadonlySet<string>): Fn | null {
  const a = ast.args as unknown[];
  const name = a[0];
  const sub = (node: unknown): Fn | null => compileFastPath(node, scope);
  if (ast.op === 'rcall' && (name === 'exists' || name === 'all' || name === 'filter' || name === 'map')) {
    return compileMacro(name, a[1], (a[2] as unknown[]) ?? [], scope);
  }
  const params = ast.op === 'rcall' ? [a[1], ...((a[2] as unknown[]) ?? [])] : ((a[1] as unknown[]) ?? []);
  if (name === 'has' && params.length === 1 && isNode(params[0]) && params[0].op === '.') {
    const [target, field] = params[0].args as [unknown, unknown];
    const t = sub(target);
    if (!t || typeof field !== 'string') return null;
    return (vars) => {
      const obj = t(vars);
      if (typeof obj !== 'object' || obj === null || Array.isArray(obj) || obj instanceof Map) throw UNSUPPORTED;
      return (obj as Record<string, unknown>)[field] !== undefined;
    };
  }
  if (name === 'size' && params.length === 1) {
    const inner = sub(params[0]);
    if (!inner) return null;
    return (vars) => {
      const v = inner(vars);
      if (Array.isArray(v)) return BigInt(v.length);
      if (typeof v === 'string') return BigInt([...v].length); // CEL counts code points
      throw UNSUPPORTED;
    };
  }
  if (name === 'string' && ast.op === 'call' && params.length === 1) {
    const inner = sub(params[0]);
    if (!inner) return null;
    return (vars) => {
      const v = inner(vars);
      if (typeof v === 'string' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
      throw UNSUPPORTED; // doubles, timestamps and bytes have CEL's own formatting
    };
  }
  if (name === 'join' && ast.op === 'rcall' && params.length <= 2) {
    const [list, sep] = params.map(sub);
    if (!list || (params.length === 2 && !sep)) return null;
    return (vars) => {
      const l = list(vars);
      const s = sep ? sep(vars) : '';
      if (!Array.isArray(l) || typeof s !== 'string' || !l.every((x) => typeof x === 'string')) throw UNSUPPORTED;
      return l.join(s);
    };
  }
  const fn = ast.op === 'call' && typeof name === 'string' ? FUNCTIONS.get(name) : undefined;
  if (fn && fn.params.length === params.length) {
    const compiled = params.map(sub);
    if (compiled.some((c) => !c)) return null;
    const argFns = compiled as Fn[];
    const handler = fn.handler as (...args: unknown[]) => unknown;
    const types = fn.params;
    // The functions take one to three arguments, passed without a list (these run for every item,
    // and a list per call is garbage the size of the item set). As below, every argument is
    // evaluated before any type is checked: an error in a later argument wins over an unsupported
    // earlier one.
    const ok = (i: number, v: unknown): boolean => valueIs(types[i], v);
    switch (argFns.length) {
      case 1: {
        const [f0] = argFns;
        return (vars) => {
          const a0 = f0(vars);
          if (!ok(0, a0)) throw UNSUPPORTED;
          return handler(a0);
        };
      }
      case 2: {
        const [f0, f1] = argFns;
        return (vars) => {
          const a0 = f0(vars);
          const a1 = f1(vars);
          if (!ok(0, a0) || !ok(1, a1)) throw UNSUPPORTED;
          return handler(a0, a1);
        };
      }
      case 3: {
        const [f0, f1, f2] = argFns;
        return (vars) => {
          const a0 = f0(vars);
          const a1 = f1(vars);
          const a2 = f2(vars);
          if (!ok(0, a0) || !ok(1, a1) || !ok(2, a2)) throw UNSUPPORTED;
          return handler(a0, a1, a2);
        };
      }
    }
    return (vars) => {
      const values = argFns.map((f) => f(vars));
      for (let i = 0; i < values.length; i++) if (!valueIs(types[i], values[i])) throw UNSUPPORTED;
      return handler(...values);
    };
  }
  return null;
}

/**
 * list.exists(x, p), all(x, p), filter(x, p), map(x, e). The loop variable is set on the
 * variables object for the duration of the loop. An error on any element goes to cel-js, whose
 * rules for errors inside comprehensions (exists is true if any element is, despite errors)
 * are kept there rather than copied.
 */
function compileMacro(name: string, target: unknown, macroArgs: unknown[], scope: ReadonlySet<string>): Fn | null {
  const [v, body] = macroArgs;
  if (macroArgs.length !== 2 || !isNode(v) || v.op !== 'id' || typeof v.args !== 'string' || scope.has(v.args)) return null;
  const variable = v.args;
  const list = compileFastPath(target, scope);
  const step = compileFastPath(body, new Set([...scope, variable]));
  if (!list || !step) return null;
  return (vars) => {
    const l = list(vars);
    if (!Array.isArray(l)) throw UNSUPPORTED;
    const saved = vars[variable];
    try {
      const out: unknown[] = [];
      for (const element of l) {
        vars[variable] = element;
        let r: unknown;
        try {
          r = step(vars);
        } catch {
          throw UNSUPPORTED;
        }
        if (name === 'map') out.push(r);
        else {
          const b = bool(r);
          if (name === 'exists' && b) return true;
          if (name === 'all' && !b) return false;
          if (name === 'filter' && b) out.push(element);
        }
      }
      return name === 'exists' ? false : name === 'all' ? true : out;
    } finally {
      vars[variable] = saved;
    }
  };
}

const FUNCTIONS = new Map(CHECK_FUNCTIONS.map((f) => [f.name, f]));

function readField(obj: unknown, field: string): unknown {
  if (typeof obj !== 'object' || obj === null || obj instanceof Date || obj instanceof Map || Array.isArray(obj)) throw UNSUPPORTED;
  const v = (obj as Record<string, unknown>)[field];
  if (v === undefined) throw new Error(`No such key: ${field}`);
  return v;
}

function bool(v: unknown): boolean {
  if (typeof v !== 'boolean') throw UNSUPPORTED;
  return v;
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

// CEL compares int with double by value (3 == 3.0), which JS's == and < do for bigint/number.
const COMPARE: Record<string, (a: Scalar, b: Scalar) => boolean> = {
  '==': (a, b) => sameKind(a, b) && a == b,
  '!=': (a, b) => !sameKind(a, b) || a != b,
  '<': (a, b) => ordered(a, b) && a < b,
  '<=': (a, b) => ordered(a, b) && a <= b,
  '>': (a, b) => ordered(a, b) && a > b,
  '>=': (a, b) => ordered(a, b) && a >= b,
};

function ordered(a: Scalar, b: Scalar): boolean {
  if (!sameKind(a, b) || typeof a === 'boolean') throw UNSUPPORTED;
  return true;
}
