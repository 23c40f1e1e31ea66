// Loads the JSON Schemas in check-metadata/ into one strict ajv instance.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from './package-root.js';

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

let ajv: Ajv | undefined;
const cache = new Map<string, ValidateFunction>();

function instance(): Ajv {
  if (!ajv) {
    // strictRequired is off so that oneOf branches may require properties declared at the top level.
    ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
    (addFormats as unknown as (a: Ajv) => void)(ajv);
  }
  return ajv;
}

/** The compiled validator of check-metadata/<name>.schema.json. */
export function schemaValidator(name: string): ValidateFunction {
  const hit = cache.get(name);
  if (hit) return hit;
  const schema = JSON.parse(readFileSync(join(packageRoot(), 'check-metadata', `${name}.schema.json`), 'utf8')) as object;
  const v = instance().compile(schema);
  cache.set(name, v);
  return v;
}

/** Compiles a schema given inline (an evaluator's parameter schema). */
export function compileSchema(schema: object): ValidateFunction {
  return instance().compile(schema);
}
