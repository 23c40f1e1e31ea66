// Which checks a scan runs (--checks, --services, --severity, --compliance), and which data
// sources they need.
import { SEVERITIES, type Severity } from '../findings/finding.js';
import { withDependencies } from '../sources/source.js';
import { findView } from '../views/registry.js';
import type { Check } from './check.js';

export interface CheckFilter {
  checks?: string[];
  services?: string[];
  severities?: string[];
  /** Framework keys as used in a check's `compliance` map, e.g. cis_aws_3.0. */
  compliance?: string[];
}

export class SelectionError extends Error {}

export function selectChecks(all: readonly Check[], f: CheckFilter): Check[] {
  const ids = new Set(all.map((c) => c.id));
  for (const id of f.checks ?? []) if (!ids.has(id)) throw new SelectionError(`unknown check '${id}' (see 'qready checks list')`);
  for (const s of f.severities ?? []) if (!(SEVERITIES as readonly string[]).includes(s)) throw new SelectionError(`unknown severity '${s}' (one of ${SEVERITIES.join(', ')})`);
  const services = new Set(all.map((c) => c.doc.service));
  for (const s of f.services ?? []) if (!services.has(s)) throw new SelectionError(`unknown service '${s}' (one of ${[...services].sort().join(', ')})`);
  const frameworks = new Set(all.flatMap((c) => Object.keys(c.doc.compliance)));
  for (const fw of f.compliance ?? []) if (!frameworks.has(fw)) throw new SelectionError(`unknown compliance framework '${fw}' (one of ${[...frameworks].sort().join(', ')})`);
  return all.filter(
    (c) =>
      (!f.checks?.length || f.checks.includes(c.id)) &&
      (!f.services?.length || f.services.includes(c.doc.service)) &&
      (!f.severities?.length || f.severities.includes(c.doc.severity as Severity)) &&
      (!f.compliance?.length || f.compliance.some((fw) => fw in c.doc.compliance)),
  );
}

/** The data sources the checks read, dependencies included (each before its dependents). */
export function requiredSources(checks: readonly Check[]): string[] {
  return withDependencies([...new Set(checks.flatMap((c) => {
    const view = findView(c.doc.source);
    return view ? [...view.sources, ...(view.alsoReads ?? [])] : [];
  }))]);
}
