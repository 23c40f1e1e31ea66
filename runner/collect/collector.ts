// Collection of one account: run the collector of every requested data source (global ones once,
// regional ones once per region), in dependency order, with bounded concurrency, and record each
// result or failure in the snapshot. A failure never discards other sources or regions.
import type { AccountClient } from '@aws-sdk/client-account';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import pLimit from 'p-limit';
import { globalRegion, type AccountSnapshot, type SourceError, type SourceResult, type SourceTable } from '../snapshot/snapshot.js';
import { declarationLookup, SOURCES, withDependencies, type SourceDecl } from '../sources/source.js';
import type { ClientByService, ClientFactory, ServiceName } from './clients.js';
import { COLLECTORS } from './registry.js';
import { toSourceError } from './source-error.js';

/** Clients in the context's region, each restricted to the actions the source declared. */
export interface SourceClients {
  iam(): IAMClient;
  sts(): STSClient;
  account(): AccountClient;
  /** Any other service's client, e.g. `get('cloudtrail')`. */
  get<S extends ServiceName>(service: S): ClientByService[S];
}

export interface CollectContext {
  accountId: string;
  partition: string;
  /** The region being collected; for global sources the partition's IAM region. */
  region: string;
  clients: SourceClients;
  /** Data of each source in the declaration's dependsOn (only reached when all succeeded). */
  deps: Record<string, unknown>;
  /** Waiting goes through here so tests can poll without real delays. */
  sleep(ms: number): Promise<void>;
  /** Upper bound for a collector's own fan-out (for example one call per user). */
  concurrency: number;
}

export interface Collector {
  /** The data source id (runner/sources/source.ts) this collector produces. */
  id: string;
  collect(ctx: CollectContext): Promise<unknown>;
}

export interface CollectProgress {
  source: string;
  region: string;
  status: 'started' | 'ok' | 'error';
  error?: SourceError;
}

export interface CollectAccountOptions {
  factory: ClientFactory;
  accountId: string;
  partition: string;
  /** Regions for regional sources. */
  regions: string[];
  /** Sources to collect; their dependencies are added. */
  sourceIds: string[];
  /** Sources collected at the same time. Default 8. */
  concurrency?: number;
  sleep?: (ms: number) => Promise<void>;
  onProgress?: (event: CollectProgress) => void;
  /** Replaces the registry (tests). */
  collectors?: ReadonlyMap<string, Collector>;
  /** Replaces the declarations of runner/sources/source.ts (tests of regional and dependent sources). */
  declarations?: readonly SourceDecl[];
  /** Regions per service (the part of the source id before the dot), overriding a declaration's `regions`. */
  serviceRegions?: Readonly<Record<string, readonly string[]>>;
}

/** Where a source is collected: the IAM region for global ones, else the scanned regions it exists in. */
export function sourceRegions(decl: SourceDecl, scanned: readonly string[], iamRegion: string, serviceRegions?: Readonly<Record<string, readonly string[]>>): string[] {
  if (decl.scope === 'global') return [iamRegion];
  const only = serviceRegions?.[decl.id.split('.')[0]] ?? decl.regions;
  return only ? scanned.filter((r) => only.includes(r)) : [...scanned];
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function sourceClients(factory: ClientFactory, region: string, actions: readonly string[]): SourceClients {
  return {
    iam: () => factory.client('iam', region, actions),
    sts: () => factory.client('sts', region, actions),
    account: () => factory.client('account', region, actions),
    get: (service) => factory.client(service, region, actions),
  };
}

function dependencyFailed(dep: string, error: SourceError): SourceError {
  // Keep the dependency's action: the permission to grant is the dependency's, not ours.
  return { code: 'DependencyFailed', message: `depends on ${dep}, which failed: ${error.code}: ${error.message}`, action: error.action };
}

export async function collectAccount(options: CollectAccountOptions): Promise<AccountSnapshot> {
  const { factory, accountId, partition, regions, concurrency = 8, sleep = defaultSleep, onProgress, collectors = COLLECTORS } = options;
  const declarations = options.declarations ?? SOURCES;
  const sourceDecl = declarationLookup(declarations);
  const iamRegion = globalRegion(partition);
  const ids = withDependencies(options.sourceIds, declarations);
  for (const id of ids) if (!collectors.has(id)) throw new Error(`no collector for data source '${id}'`);

  const limit = pLimit(concurrency);
  const results = new Map<string, Promise<SourceResult>>();
  const regionsOf = (decl: SourceDecl): string[] => sourceRegions(decl, regions, iamRegion, options.serviceRegions);
  const progress = (event: CollectProgress): void => {
    try {
      onProgress?.(event);
    } catch {
      // A broken progress display must not lose collected data.
    }
  };

  const run = async (decl: SourceDecl, region: string, deps: Record<string, unknown>): Promise<SourceResult> => {
    progress({ source: decl.id, region, status: 'started' });
    const ctx: CollectContext = {
      accountId, partition, region, deps, sleep, concurrency,
      clients: sourceClients(factory, region, decl.actions),
    };
    try {
      const data = await (collectors.get(decl.id) as Collector).collect(ctx);
      progress({ source: decl.id, region, status: 'ok' });
      return { status: 'ok', data, fetched_at: new Date().toISOString() };
    } catch (err) {
      const error = toSourceError(err);
      progress({ source: decl.id, region, status: 'error', error });
      return { status: 'error', error, fetched_at: new Date().toISOString() };
    }
  };

  // Plan every (source, region) with the keys of its dependencies before starting anything, so a
  // planning error cannot leave calls running. `ids` is in dependency order, so dependencies are
  // planned (and later started) before their dependents.
  const key = (id: string, region: string): string => `${id}@${region}`;
  const plan = ids.flatMap((id) => {
    const decl = sourceDecl(id);
    return regionsOf(decl).map((region) => {
      const deps = (decl.dependsOn ?? []).map((dep) => {
        const depDecl = sourceDecl(dep);
        const depRegion = depDecl.scope === 'global' ? iamRegion : region;
        if (!regionsOf(depDecl).includes(depRegion)) {
          throw new Error(`data source '${id}' in ${region} depends on '${dep}', which is not collected in ${depRegion}`);
        }
        return { id: dep, key: key(dep, depRegion) };
      });
      return { decl, region, deps };
    });
  });

  // Dependencies are awaited outside the limiter: a waiting task never holds a concurrency slot.
  for (const { decl, region, deps } of plan) {
    results.set(key(decl.id, region), (async (): Promise<SourceResult> => {
      const depData: Record<string, unknown> = {};
      for (const dep of deps) {
        const result = await (results.get(dep.key) as Promise<SourceResult>);
        if (result.status === 'error') {
          const error = dependencyFailed(dep.id, result.error);
          progress({ source: decl.id, region, status: 'error', error });
          return { status: 'error', error, fetched_at: new Date().toISOString() };
        }
        depData[dep.id] = result.data;
      }
      return limit(() => run(decl, region, depData));
    })());
  }

  const sources: SourceTable = {};
  for (const id of ids) {
    sources[id] = {};
    for (const region of regionsOf(sourceDecl(id))) sources[id][region] = await (results.get(key(id, region)) as Promise<SourceResult>);
  }
  return { account_id: accountId, partition, regions: [...regions], sources };
}
