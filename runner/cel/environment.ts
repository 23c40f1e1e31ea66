// The CEL environment checks are compiled in: every view's item type, the variables `item`,
// `params` and `now`, and a few functions for dates and strings that checks need.
import { Environment } from '@marcbachmann/cel-js';
import { VIEWS } from '../views/registry.js';
import { CelTypeSet, celTypeString, type CelTypeDecl } from './cel-types.js';
import { CHECK_FUNCTIONS, signature } from './functions.js';

/** All item types of all views, with their runtime classes. One per process. */
export const celTypes = new CelTypeSet();
for (const view of VIEWS) for (const t of view.types) celTypes.add(t);

function register(env: Environment, decl: CelTypeDecl): void {
  const fields: Record<string, string> = {};
  for (const [k, t] of Object.entries(decl.fields)) fields[k] = celTypeString(t);
  env.registerType(decl.name, { ctor: celTypes.classes.get(decl.name)!, fields });
}

let base: Environment | undefined;

/** The shared parent environment; children add `item` and `params` per check. */
export function baseEnvironment(): Environment {
  if (base) return base;
  const env = new Environment({ homogeneousAggregateLiterals: true });
  for (const decl of celTypes.all()) register(env, decl);
  env.registerVariable('now', 'google.protobuf.Timestamp');
  for (const f of CHECK_FUNCTIONS) env.registerFunction({ signature: signature(f), handler: f.handler as (...a: unknown[]) => unknown, description: f.description });
  base = env;
  return env;
}


export type ParamValue = number | string | boolean | string[];

/** The CEL type of a parameter, from its default value. */
export function paramFieldType(v: ParamValue): string {
  if (Array.isArray(v)) return 'list<string>';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'string') return 'string';
  return Number.isInteger(v) ? 'int' : 'double';
}

let paramsTypeCount = 0;

/** A check's environment: the base plus typed `item` and `params`. */
export function checkEnvironment(checkId: string, itemType: string, params: Record<string, ParamValue>): { env: Environment; paramsType: string } {
  const parent = baseEnvironment(); // built before the params type joins celTypes
  const paramsType = `Params_${checkId}_${++paramsTypeCount}`;
  const decl: CelTypeDecl = { name: paramsType, fields: {} };
  for (const [k, v] of Object.entries(params)) decl.fields[k] = paramFieldType(v);
  celTypes.add(decl);
  const env = parent.clone();
  register(env, decl);
  env.registerVariable('item', itemType);
  env.registerVariable('params', paramsType);
  return { env, paramsType };
}
