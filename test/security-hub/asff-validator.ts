// Validates ASFF records against check-metadata/asff.schema.json with a strict ajv of its own
// (independent of the runner's schema loader), so a test sees exactly what the schema allows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { packageRoot } from '../../runner/util/package-root.js';

// ajv-formats is CommonJS; under NodeNext its default export may arrive wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (a: Ajv) => Ajv;

let validator: ValidateFunction | undefined;

/** Throws with every schema error unless `records` (an array of ASFF records) matches the schema. */
export function validateAsff(records: unknown): void {
  if (!validator) {
    const ajv = new Ajv({ strict: true, allErrors: true });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(join(packageRoot(), 'check-metadata', 'asff.schema.json'), 'utf8')) as object);
  }
  if (!validator(records)) {
    throw new Error(`ASFF does not match asff.schema.json:\n${(validator.errors ?? []).slice(0, 20).map((e) => `${e.instancePath} ${e.message ?? ''}`).join('\n')}`);
  }
}
