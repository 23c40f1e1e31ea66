import { hash } from 'node:crypto';

/**
 * A finding id is stable across scans for the same (check, account, region, resource), so that
 * `qready diff` and Security Hub updates line up scan after scan.
 */
export function findingId(checkId: string, accountId: string, region: string, resourceId: string): string {
  // One-shot hash(): no Hash object per finding (tens of thousands per scan).
  return hash('sha256', `${checkId}\u0000${accountId}\u0000${region}\u0000${resourceId}`, 'hex').slice(0, 40);
}
