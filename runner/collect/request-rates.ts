// The request rates AWS documents for the services qready calls, and the middleware that keeps
// every client under them. A documented quota is a promise qready keeps by construction: each
// attempt (retries included) waits for a token of a bucket shared by all clients of the service
// in the region, whatever the collectors' concurrency. Services without a published number (IAM,
// Amazon Q Business) are bounded by the collectors' concurrency and the SDK's adaptive retries.
import type { FinalizeRequestMiddleware } from '@smithy/types';
import { TokenBucket, type Clock } from '../util/token-bucket.js';
import type { ServiceName } from './clients.js';

export interface RequestRate {
  /** Requests per second per account and region. */
  perSecond: number;
  /** Requests that may start back to back; 1 keeps every 1-second window within perSecond. */
  burst: number;
  /** What AWS says, and where. */
  note: string;
  source: string;
}

/**
 * The documented rates of the services a scan or an investigation calls. Security Hub's own
 * quotas (BatchImportFindings 10/s, GetFindings 3/s) are kept by the export, which paces each
 * call kind itself; LookupEvents (2/s) is paced by the lookup source, under this bucket too.
 */
export const DOCUMENTED_REQUEST_RATES: Readonly<Partial<Record<ServiceName, RequestRate>>> = {
  cloudtrail: {
    perSecond: 10,
    burst: 1,
    note: 'Get, Describe and List APIs: 10 requests per second per account and region (not adjustable)',
    source: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/WhatIsCloudTrail-Limits.html',
  },
};

// Inside the retry loop, so every attempt takes a token, and before signing, so a request that
// waited long is not sent with a stale signature.
export const PACING_PLACEMENT = { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'qreadyRequestPacing' } as const;

/** The pacing middleware of one bucket, typed for whichever client it is added to. */
export function pacing<Input extends object, Output extends object>(bucket: TokenBucket): FinalizeRequestMiddleware<Input, Output> {
  return (next) => async (args) => {
    await bucket.take();
    return next(args);
  };
}

/** One bucket per (service, region), shared by every client a factory makes for them. */
export class RequestPacer {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly rates: Readonly<Partial<Record<ServiceName, RequestRate>>>,
    private readonly clock?: Clock,
  ) {}

  /** The bucket of a service in a region, or null when its rate is not documented. */
  bucket(service: ServiceName, region: string): TokenBucket | null {
    const rate = this.rates[service];
    if (!rate) return null;
    const key = `${service}|${region}`;
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket({ ratePerSecond: rate.perSecond, burst: rate.burst, clock: this.clock })));
    return bucket;
  }
}
