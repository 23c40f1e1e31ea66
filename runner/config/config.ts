// The configuration file (YAML, check-metadata/config.schema.json): regions, retry and
// concurrency settings, extra check folders and per-check parameter overrides.
import type { Check } from '../checks/check.js';
import { paramFieldType, type ParamValue } from '../cel/environment.js';
import type { ParamOverrides } from '../evaluate/evaluate.js';
import { schemaValidator } from '../util/schemas.js';
import { InputError, readYamlFile, schemaErrors } from '../util/yaml-file.js';

export interface Config {
  regions?: string[];
  max_attempts?: number;
  concurrency?: number;
  checks_dirs?: string[];
  service_regions?: Record<string, string[]>;
  output_formats?: string[];
  checks?: ParamOverrides;
}

export interface LoadedConfig {
  config: Config;
  /** Validates the parameter overrides against the loaded checks (unknown check, param or type). */
  overridesFor(checks: readonly Check[], allChecks: readonly Check[]): ParamOverrides;
}

export function loadConfig(file: string): LoadedConfig {
  const y = readYamlFile(file);
  const value = y.value ?? {};
  const validate = schemaValidator('config');
  if (!validate(value)) throw schemaErrors(y, validate.errors ?? [])[0];
  const config = value as Config;
  return {
    config,
    overridesFor(checks, allChecks) {
      const known = new Map(allChecks.map((c) => [c.id, c]));
      const selected = new Set(checks.map((c) => c.id));
      const out: ParamOverrides = {};
      for (const [checkId, params] of Object.entries(config.checks ?? {})) {
        const check = known.get(checkId);
        if (!check) throw new InputError(file, y.lineOf(['checks', checkId]), `checks.${checkId}: no such check`);
        for (const [name, v] of Object.entries(params)) {
          const declared = check.params[name];
          const line = y.lineOf(['checks', checkId, name]);
          if (declared === undefined) {
            const names = Object.keys(check.params);
            throw new InputError(file, line, `checks.${checkId}.${name}: the check has no parameter '${name}'${names.length ? ` (it has: ${names.join(', ')})` : ''}`);
          }
          if (!sameType(declared, v)) throw new InputError(file, line, `checks.${checkId}.${name}: expected ${paramFieldType(declared)}, got ${JSON.stringify(v)}`);
        }
        if (selected.has(checkId)) out[checkId] = params;
      }
      return out;
    },
  };
}

function sameType(declared: ParamValue, v: ParamValue): boolean {
  const a = paramFieldType(declared);
  const b = paramFieldType(v);
  return a === b || (a === 'double' && b === 'int');
}
