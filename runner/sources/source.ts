// A data source is one kind of AWS state, fetched once per (account, region) by a collector and
// stored in the snapshot under its id. Its declaration lives here so that the planner, the IAM
// policy generator and the collectors agree on ids, scope and the IAM actions each one calls.

import { CLOUDTRAIL_SOURCES } from './cloudtrail-sources.js';
import { DETECTION_SOURCES } from './detection-sources.js';
import { IAM_SOURCES } from './iam-sources.js';
import { QBUSINESS_SOURCES } from './qbusiness-sources.js';

export type SourceScope = 'global' | 'regional';

export interface SourceDecl {
  id: string;
  scope: SourceScope;
  /** Every IAM action the collector may call; `qready policy` is built from these. */
  actions: string[];
  /** Sources whose data this collector reads (for example the users to list MFA devices for). */
  dependsOn?: string[];
  /**
   * For a regional service that exists only in some regions (Amazon Q Business): the regions it
   * is collected in, among those scanned. The configuration's `service_regions` overrides it.
   */
  regions?: readonly string[];
  description: string;
}

/** Every data source, one list per service group (each in its own file). */
export const SOURCES: readonly SourceDecl[] = [...IAM_SOURCES, ...CLOUDTRAIL_SOURCES, ...DETECTION_SOURCES, ...QBUSINESS_SOURCES];

/** The declaration of a built-in data source; throws on an unknown id. */
export const sourceDecl: (id: string) => SourceDecl = declarationLookup(SOURCES);

/** The requested ids with their dependencies, each dependency before its dependents. */
export function withDependencies(sourceIds: readonly string[], declarations: readonly SourceDecl[] = SOURCES): string[] {
  const decl = declarationLookup(declarations);
  const ordered: string[] = [];
  const visit = (id: string, path: readonly string[]): void => {
    if (path.includes(id)) throw new Error(`data source dependency cycle: ${[...path, id].join(' → ')}`);
    if (ordered.includes(id)) return;
    for (const dep of decl(id).dependsOn ?? []) visit(dep, [...path, id]);
    ordered.push(id);
  };
  for (const id of sourceIds) visit(id, []);
  return ordered;
}

export function declarationLookup(declarations: readonly SourceDecl[]): (id: string) => SourceDecl {
  const byId = new Map(declarations.map((d) => [d.id, d]));
  return (id) => {
    const decl = byId.get(id);
    if (!decl) throw new Error(`unknown data source '${id}'`);
    return decl;
  };
}

/** Actions the scanner itself calls outside any data source (identity and region discovery). */
export const SCAN_ACTIONS = ['sts:GetCallerIdentity', 'account:ListRegions'] as const;
