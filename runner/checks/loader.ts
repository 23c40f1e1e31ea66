// Loads check files: YAML → JSON Schema (ajv, strict) → semantic checks → CEL compiled and
// type-checked against the item type of the check's view. Every problem is reported as
// `file:line: message`; loading collects all of them before giving up.
import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { Environment } from '@marcbachmann/cel-js';
import { checkEnvironment, type ParamValue } from '../cel/environment.js';
import { compileFastPath, UNSUPPORTED } from '../cel/fast-path.js';
import { findEvaluator } from '../evaluate/evaluators/registry.js';
import { InputError, readYamlFile, schemaErrors, type YamlFile } from '../util/yaml-file.js';
import { compileSchema, schemaValidator } from '../util/schemas.js';
import { packageRoot } from '../util/package-root.js';
import { findView } from '../views/registry.js';
import type { Check, CheckDocument, CompiledExpr, CompiledTemplate } from './check.js';
import { formatCelValue, splitTemplate } from './template.js';

export interface LoadResult {
  checks: Check[];
  errors: InputError[];
}

export function builtinChecksDir(): string {
  return join(packageRoot(), 'checks');
}

/** Every .yaml/.yml file below a folder, sorted for a stable order. */
export function listCheckFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Loads the built-in checks and any extra folders; ids must be unique across all of them. */
export function loadChecks(extraDirs: string[] = [], includeBuiltin = true): LoadResult {
  const dirs = includeBuiltin ? [builtinChecksDir(), ...extraDirs] : extraDirs;
  const checks: Check[] = [];
  const errors: InputError[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs) {
    let files: string[];
    try {
      files = listCheckFiles(dir);
    } catch (e) {
      errors.push(new InputError(dir, null, `cannot read checks folder: ${(e as Error).message}`));
      continue;
    }
    for (const file of files) {
      const shown = displayPath(file);
      try {
        const check = loadCheckFile(file, shown);
        const first = seen.get(check.id);
        if (first) {
          errors.push(new InputError(shown, check.idLine, `duplicate check id '${check.id}' (first defined in ${first})`));
          continue;
        }
        seen.set(check.id, shown);
        checks.push(check);
      } catch (e) {
        if (e instanceof CheckFileErrors) errors.push(...e.errors);
        else if (e instanceof InputError) errors.push(e);
        else throw e;
      }
    }
  }
  return { checks, errors };
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

class CheckFileErrors extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map((e) => e.message).join('\n'));
  }
}

/** Loads one check file; throws CheckFileErrors listing every problem found. */
export function loadCheckFile(file: string, shown = displayPath(file)): Check {
  const y: YamlFile = readYamlFile(file, shown);
  const validate = schemaValidator('check');
  if (!validate(y.value)) {
    const errs = schemaErrors(y, validate.errors ?? []);
    const ruleKinds = ['assert', 'evaluator', 'manual'].filter((k) => typeof y.value === 'object' && y.value !== null && k in y.value);
    if (ruleKinds.length !== 1 && (validate.errors ?? []).some((e) => e.keyword === 'oneOf')) {
      errs.push(new InputError(shown, 1, `a check needs exactly one of 'assert', 'evaluator' or 'manual: true' (found: ${ruleKinds.join(', ') || 'none'})`));
    }
    throw new CheckFileErrors(errs);
  }
  const doc = y.value as CheckDocument;
  const errors: InputError[] = [];
  const at = (path: (string | number)[], msg: string): void => void errors.push(new InputError(shown, y.lineOf(path), msg));

  const stem = basename(file).replace(/\.ya?ml$/, '');
  if (stem !== doc.id) at(['id'], `check id '${doc.id}' must match the file name '${stem}'`);

  const view = findView(doc.source);
  if (!view) {
    at(['source'], `unknown source '${doc.source}'`);
    throw new CheckFileErrors(errors);
  }
  const params: Record<string, ParamValue> = { ...(doc.params ?? {}) };
  const { env, paramsType } = checkEnvironment(doc.id, view.itemType, params);

  const compileBool = (field: 'where' | 'assert'): CompiledExpr | null => {
    const src = doc[field];
    if (src === undefined) return null;
    return compileExpr(env, src, 'bool', `${doc.id} ${field}`, (msg) => at([field], `${field}: ${msg}`));
  };
  const where = compileBool('where');
  let rule: Check['rule'];
  if (doc.assert !== undefined) {
    rule = { kind: 'assert', assert: compileBool('assert') ?? (() => false) };
    for (const k of ['pass', 'fail'] as const) if (!doc.message[k]) at(['message'], `message.${k} is required with 'assert'`);
  } else if (doc.evaluator !== undefined) {
    rule = { kind: 'evaluator', evaluator: doc.evaluator };
    const ev = findEvaluator(doc.evaluator);
    if (!ev) at(['evaluator'], `unknown evaluator '${doc.evaluator}'`);
    else {
      if (!ev.itemTypes.includes(view.itemType)) {
        at(['evaluator'], `evaluator '${ev.name}' reads ${ev.itemTypes.join(' or ')} items, but source '${view.id}' gives ${view.itemType}`);
      }
      const validateParams = compileSchema(ev.paramsSchema);
      if (!validateParams(params)) {
        for (const e of validateParams.errors ?? []) at(['params', ...e.instancePath.split('/').filter(Boolean)], `params${e.instancePath.replace(/\//g, '.')}: ${e.message}`);
      }
    }
  } else {
    rule = { kind: 'manual' };
    if (!doc.message.manual) at(['message'], `message.manual is required with 'manual: true'`);
  }

  const messages: Check['messages'] = {};
  for (const k of ['pass', 'fail', 'manual'] as const) {
    const t = doc.message[k];
    if (t !== undefined) messages[k] = compileTemplate(env, t, `${doc.id} message.${k}`, (msg) => at(['message', k], `message.${k}: ${msg}`));
  }

  if (errors.length) throw new CheckFileErrors(errors);
  return { doc, file: shown, idLine: y.lineOf(['id']), id: doc.id, params, paramsType, where, rule, messages };
}

/** `label` names the expression (check id and field) in the source of its fast path (see compileFastPath). */
function compileExpr(env: Environment, src: string, want: string | null, label: string, fail: (msg: string) => void): CompiledExpr {
  let result;
  try {
    result = env.check(src);
  } catch (e) {
    fail(celMessage(e));
    return () => null;
  }
  if (!result.valid) {
    fail(celMessage(result.error));
    return () => null;
  }
  if (want && result.type !== want && result.type !== 'dyn') {
    fail(`must be a ${want} expression, but it is ${result.type}`);
    return () => null;
  }
  const fn = env.parse(src);
  const viaCel: CompiledExpr = (ctx) => fn(ctx as unknown as Record<string, unknown>);
  const fast = compileFastPath(fn.ast, label);
  if (!fast) return viaCel;
  return (ctx) => {
    try {
      return fast(ctx as unknown as Record<string, unknown>);
    } catch (e) {
      if (e === UNSUPPORTED) return viaCel(ctx);
      throw e;
    }
  };
}

function compileTemplate(env: Environment, template: string, label: string, fail: (msg: string) => void): CompiledTemplate {
  let parts;
  try {
    parts = splitTemplate(template).parts;
  } catch (e) {
    fail((e as Error).message);
    return () => template;
  }
  const compiled = parts.map((p, i) => (typeof p === 'string' ? p : compileExpr(env, p.expr, null, `${label} part ${i}`, (m) => fail(`{${p.expr.replace(/\s+/g, ' ')}}: ${m}`))));
  if (compiled.length === 1 && typeof compiled[0] === 'string') {
    const text = compiled[0];
    return () => text;
  }
  return (ctx) => {
    let out = '';
    for (const p of compiled) out += typeof p === 'string' ? p : formatCelValue(p(ctx));
    return out;
  };
}

function celMessage(e: unknown): string {
  const err = e as { message?: string; summary?: string } | undefined;
  // cel-js messages carry a source excerpt after the first line; the first line says what is wrong.
  return (err?.summary ?? err?.message ?? String(e)).split('\n')[0];
}
