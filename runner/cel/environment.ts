// The CEL environment checks are compiled in: every view's item type, the variables `item`,
// `params` and `now`, and a few functions for dates and strings that checks need.
import { Environment } from '@marcbachmann/cel-js';
import { VIEWS } from '../views/registry.js';
import { CelTypeSet, celTypeString, type CelTypeDecl } from './cel-types.js';

const DAY_MS = 86_400_000;

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
  env.registerFunction({
    signature: 'age_days(google.protobuf.Timestamp, google.protobuf.Timestamp): int',
    handler: (t: Date, now: Date) => BigInt(Math.floor((now.getTime() - t.getTime()) / DAY_MS)),
    description: 'Whole days from the first timestamp to the second (age_days(item.password_last_used, now)).',
  });
  env.registerFunction({
    signature: 'older_than_days(google.protobuf.Timestamp, google.protobuf.Timestamp, int): bool',
    handler: (t: Date, now: Date, days: bigint) => now.getTime() - t.getTime() > Number(days) * DAY_MS,
    description: 'True when the first timestamp lies more than N days before the second (older_than_days(t, now, 90)).',
  });
  env.registerFunction({
    signature: 'date(google.protobuf.Timestamp): string',
    handler: (t: Date) => t.toISOString().slice(0, 10),
    description: 'The calendar day (UTC) of a timestamp, YYYY-MM-DD, for messages.',
  });
  env.registerFunction({
    signature: 'mask(string): string',
    handler: (s: string) => maskValue(s),
    description: 'Keeps the first and last two characters of a value and masks the rest.',
  });
  base = env;
  return env;
}

export function maskValue(s: string): string {
  if (s.length <= 4) return '*'.repeat(s.length);
  return `${s.slice(0, 2)}${'*'.repeat(Math.min(s.length - 4, 8))}${s.slice(-2)}`;
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
