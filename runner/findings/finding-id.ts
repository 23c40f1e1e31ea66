import { hash } from 'node:crypto';

/**
 * A finding id is stable across scans for the same (check, account, region, resource), so that
 * `qready diff` and Security Hub updates line up scan after scan. It is 40 hex digits: 80 bits
 * of SHA-1 over (check, account, region), then 80 bits of SHA-1 over the resource id. The halves
 * let an evaluation hash each resource once, however many checks report on it (evaluate.ts keeps
 * each view item's half).
 */
export function findingId(checkId: string, accountId: string, region: string, resourceId: string): string {
  return scopeHash(checkId, accountId, region) + resourceHash(resourceId);
}

export function scopeHash(checkId: string, accountId: string, region: string): string {
  return hash('sha1', `${checkId}\u0000${accountId}\u0000${region}`, 'hex').slice(0, 20);
}

export function resourceHash(resourceId: string): string {
  return hash('sha1', resourceId, 'hex').slice(0, 20);
}
