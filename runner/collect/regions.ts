// The regions a scan covers by default: those enabled in the account (opt-in regions only when
// opted in), so we never spend calls on regions where every request would fail.
import { paginateListRegions } from '@aws-sdk/client-account';
import { globalRegion } from '../snapshot/snapshot.js';
import { SCAN_ACTIONS } from '../sources/source.js';
import type { ClientFactory } from './clients.js';

/** account:ListRegions (ENABLED and ENABLED_BY_DEFAULT, all pages) → sorted region names. */
export async function enabledRegions(factory: ClientFactory, partition: string): Promise<string[]> {
  const client = factory.client('account', globalRegion(partition), SCAN_ACTIONS);
  const names = new Set<string>();
  const pages = paginateListRegions({ client }, { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] });
  for await (const page of pages) {
    for (const region of page.Regions ?? []) if (region.RegionName) names.add(region.RegionName);
  }
  return [...names].sort();
}
