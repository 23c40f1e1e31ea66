// Compliance frameworks: the mappings in check-metadata/frameworks/*.yaml (validated by
// check-metadata/framework.schema.json), their agreement with the checks' `compliance` maps, and a
// scan's per-requirement summary.
import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import type { CafCategory, CheckDocument } from '../checks/check.js';
import { STATUSES, type Finding, type Status } from '../findings/finding.js';
import { packageRoot } from '../util/package-root.js';
import { schemaValidator } from '../util/schemas.js';
import { InputError, readYamlFile, schemaErrors } from '../util/yaml-file.js';
import type { Framework, FrameworkSummary, RequirementStatus, RequirementSummary } from './compliance-types.js';

/** The AWS CAF security perspective: requirement ids are `<capability>.<control type>`. */
export const CAF_FRAMEWORK_KEY = 'aws_caf';
const CAF_TYPES: readonly CafCategory[] = ['directive', 'preventive', 'detective', 'responsive'];

export function builtinFrameworksDir(): string {
  return join(packageRoot(), 'check-metadata', 'frameworks');
}

function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

/**
 * Loads and validates one framework file. Throws an InputError naming the file and line of the
 * first problem: invalid YAML, a schema violation, a key that differs from the file name, or a
 * requirement id listed twice.
 */
export function loadFrameworkFile(file: string, shown = displayPath(file)): Framework {
  const y = readYamlFile(file, shown);
  const validate = schemaValidator('framework');
  if (!validate(y.value)) {
    const errors = schemaErrors(y, validate.errors ?? []);
    // A misspelt field also leaves a required one missing: name the misspelling, it explains both.
    throw errors.find((e) => e.detail.startsWith('unknown field')) ?? errors[0] ?? new InputError(shown, 1, 'not a valid framework mapping');
  }
  const doc = y.value as Framework;
  const stem = basename(file).replace(/\.ya?ml$/, '');
  if (doc.key !== stem) throw new InputError(shown, y.lineOf(['key']), `framework key '${doc.key}' must match the file name '${stem}'`);
  const seen = new Set<string>();
  doc.requirements.forEach((r, i) => {
    if (seen.has(r.id)) throw new InputError(shown, y.lineOf(['requirements', i, 'id']), `requirement '${r.id}' is listed twice`);
    seen.add(r.id);
  });
  return {
    key: doc.key,
    name: doc.name,
    version: doc.version,
    requirements: doc.requirements.map((r) => ({ id: r.id, title: r.title, section: r.section, checks: [...r.checks] })),
  };
}

/** Every framework in a folder (default: the built-in ones), in file-name order. */
export function loadFrameworks(dir: string = builtinFrameworksDir()): Framework[] {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch (e) {
    throw new InputError(displayPath(dir), null, `cannot read frameworks folder: ${(e as Error).message}`);
  }
  return names.map((n) => loadFrameworkFile(join(dir, n)));
}

/** The metadata of a check that mappings are checked against (a CheckDocument or a CheckSummary). */
export type MappedCheck = Pick<CheckDocument, 'id' | 'compliance' | 'caf'>;

export interface MappingProblem {
  framework: string;
  requirement: string | null;
  check: string | null;
  message: string;
}

/**
 * Where framework mappings and checks disagree. The two directions must say the same thing:
 * - a requirement lists a check id that does not exist;
 * - a requirement lists a check whose `compliance` map does not name that requirement back;
 * - a check's `compliance` map names a framework that has no mapping file, a requirement the
 *   framework lacks, or a requirement that does not list the check;
 * - AWS CAF (`aws_caf`): each id a check names is `<capability>.<type>` with a type among the check's
 *   `caf` control types, and each of its `caf` types appears in one of those ids.
 * An empty list means the mappings are consistent.
 */
export function validateMappings(frameworks: readonly Framework[], checks: readonly MappedCheck[]): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const add = (framework: string, requirement: string | null, check: string | null, message: string): void => void problems.push({ framework, requirement, check, message });
  const byId = new Map(checks.map((c) => [c.id, c]));
  const byKey = new Map(frameworks.map((f) => [f.key, f]));

  for (const fw of frameworks) {
    for (const r of fw.requirements) {
      for (const id of r.checks) {
        const check = byId.get(id);
        if (!check) add(fw.key, r.id, id, `${fw.key} ${r.id} names check '${id}', which does not exist`);
        else if (!(check.compliance[fw.key] ?? []).includes(r.id)) add(fw.key, r.id, id, `${fw.key} ${r.id} lists check '${id}', but the check's compliance.${fw.key} does not name ${r.id}`);
      }
    }
  }

  for (const check of checks) {
    for (const [key, ids] of Object.entries(check.compliance)) {
      const fw = byKey.get(key);
      if (!fw) {
        add(key, null, check.id, `check '${check.id}' names framework '${key}', which has no mapping in check-metadata/frameworks`);
        continue;
      }
      for (const id of ids) {
        const r = fw.requirements.find((x) => x.id === id);
        if (!r) add(key, id, check.id, `check '${check.id}' names ${key} requirement '${id}', which the mapping lacks`);
        else if (!r.checks.includes(check.id)) add(key, id, check.id, `check '${check.id}' names ${key} ${id}, but the mapping does not list the check under it`);
      }
    }
    const cafIds = check.compliance[CAF_FRAMEWORK_KEY];
    if (cafIds?.length) {
      const declared = new Set<string>(check.caf);
      const covered = new Set<string>();
      for (const id of cafIds) {
        const type = id.slice(id.lastIndexOf('.') + 1);
        if (!(CAF_TYPES as readonly string[]).includes(type) || id.indexOf('.') <= 0) {
          add(CAF_FRAMEWORK_KEY, id, check.id, `check '${check.id}' names ${CAF_FRAMEWORK_KEY} '${id}', which is not '<capability>.<${CAF_TYPES.join('|')}>'`);
        } else if (!declared.has(type)) {
          add(CAF_FRAMEWORK_KEY, id, check.id, `check '${check.id}' names ${CAF_FRAMEWORK_KEY} '${id}', but '${type}' is not among its caf control types (${check.caf.join(', ')})`);
        }
        covered.add(type);
      }
      for (const type of check.caf) {
        if (!covered.has(type)) add(CAF_FRAMEWORK_KEY, null, check.id, `check '${check.id}' has caf control type '${type}', but none of its ${CAF_FRAMEWORK_KEY} ids ends in '.${type}'`);
      }
    }
  }
  return problems;
}

function zeroCounts(): Record<Status, number> {
  const counts = {} as Record<Status, number>;
  for (const s of STATUSES) counts[s] = 0;
  return counts;
}

/**
 * A scan's summary of one framework, requirement by requirement.
 *
 * The checks of a requirement are those its mapping lists, followed by any other check whose
 * findings name the requirement in their `compliance` map (custom checks). A mapped check "ran"
 * when its id is in `checkIds` (the checks the scan evaluated) or it has a finding. Only unmuted
 * findings count, as in the report's summary and the exit code. Then, in this order:
 * - NOT_COVERED: the requirement has no check, or none of its checks ran;
 * - FAIL: at least one FAIL finding;
 * - ERROR: no FAIL, at least one ERROR (data could not be read: never PASS on missing data, and a
 *   gap in the scan comes before findings that need a person's judgement);
 * - MANUAL: no FAIL or ERROR, at least one MANUAL;
 * - PASS: every finding PASS, or no finding at all (the checks ran and found nothing in scope,
 *   such as no console user for an MFA rule; or all their findings are muted).
 * `counts` are the unmuted findings of the requirement's checks by status.
 * Pass the scan's findings before any `--status` filter, so that the verdicts do not change with it.
 */
export function summarizeFramework(framework: Framework, findings: readonly Finding[], checkIds: Iterable<string>): FrameworkSummary {
  const ran = new Set(checkIds);
  const byCheck = new Map<string, Finding[]>();
  // Requirement id → checks that name it through their findings' compliance map, in first-seen order.
  const declared = new Map<string, string[]>();
  for (const f of findings) {
    ran.add(f.check_id);
    let list = byCheck.get(f.check_id);
    if (!list) byCheck.set(f.check_id, (list = []));
    list.push(f);
    for (const id of f.compliance?.[framework.key] ?? []) {
      let ids = declared.get(id);
      if (!ids) declared.set(id, (ids = []));
      if (!ids.includes(f.check_id)) ids.push(f.check_id);
    }
  }

  const requirements: RequirementSummary[] = framework.requirements.map((r) => {
    const checks = [...r.checks];
    for (const id of declared.get(r.id) ?? []) if (!checks.includes(id)) checks.push(id);
    const counts = zeroCounts();
    for (const id of checks) for (const f of byCheck.get(id) ?? []) if (!f.muted) counts[f.status]++;
    return { id: r.id, title: r.title, section: r.section, checks, status: requirementStatus(checks.some((id) => ran.has(id)), counts), counts };
  });
  return { key: framework.key, name: framework.name, version: framework.version, requirements };
}

function requirementStatus(anyRan: boolean, counts: Record<Status, number>): RequirementStatus {
  if (!anyRan) return 'NOT_COVERED';
  if (counts.FAIL > 0) return 'FAIL';
  if (counts.ERROR > 0) return 'ERROR';
  if (counts.MANUAL > 0) return 'MANUAL';
  return 'PASS';
}

/** summarizeFramework for each framework. */
export function summarizeFrameworks(frameworks: readonly Framework[], findings: readonly Finding[], checkIds: Iterable<string>): FrameworkSummary[] {
  const ids = [...checkIds];
  return frameworks.map((fw) => summarizeFramework(fw, findings, ids));
}

/** The requirement statuses of a summary, counted (for console lines and report headers). */
export function requirementStatusCounts(summary: FrameworkSummary): Record<RequirementStatus, number> {
  const counts: Record<RequirementStatus, number> = { ...zeroCounts(), NOT_COVERED: 0 };
  for (const r of summary.requirements) counts[r.status]++;
  return counts;
}
