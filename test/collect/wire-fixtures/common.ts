// What the wire fixtures of a healthy estate share: the account, the regions, and answers that
// check the request the way AWS would (an unknown id or ARN is a not-found error, never data).
import { errorFor, resultFor, type Responder, type WireCall, type WireReply } from '../../helpers/aws-wire.js';
import { ACCOUNT } from '../iam-wire-fixtures.js';

export { ACCOUNT };

/** The regions the healthy estate has enabled (ListRegions answers these, on two pages). */
export const ESTATE_REGIONS = ['us-east-1', 'eu-west-1'] as const;
export type EstateRegion = (typeof ESTATE_REGIONS)[number];

/** Seconds since the epoch, as the JSON protocols send timestamps. */
export const epoch = (iso: string): number => Date.parse(iso) / 1000;

/** The params of `call` that differ from `expected` (compared as JSON), as `name=value` texts. */
export function mismatches(call: WireCall, expected: Record<string, unknown>): string[] {
  return Object.entries(expected)
    .filter(([key, value]) => JSON.stringify(call.params[key]) !== JSON.stringify(value))
    .map(([key]) => `${key}=${JSON.stringify(call.params[key])}`);
}

/**
 * A responder that answers `reply(call)` when the request carries `expected(call)` (per region or
 * per resource), and `code` (a not-found error in the call's protocol) otherwise.
 */
export function expecting(
  expected: (call: WireCall) => Record<string, unknown> | null,
  reply: (call: WireCall) => unknown,
  code = 'ResourceNotFoundException',
  status = 404,
): Responder {
  return (call): WireReply => {
    const want = expected(call);
    const wrong = want === null ? ['(nothing exists here)'] : mismatches(call, want);
    if (wrong.length > 0) return errorFor(call, code, `${call.action} in ${call.region}: no such resource (${wrong.join(', ')})`, status);
    return resultFor(call, reply(call));
  };
}

export function isEstateRegion(region: string): region is EstateRegion {
  return (ESTATE_REGIONS as readonly string[]).includes(region);
}
