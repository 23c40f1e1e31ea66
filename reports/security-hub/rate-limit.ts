// A small token bucket per region: Security Hub allows BatchImportFindings 10 requests/s per
// account and region (burst 30) and GetFindings 3/s (burst 6). Staying under the rate up front
// keeps throttling rare; the SDK's retries handle the rest. The clock is injected so tests can run
// hundreds of requests in virtual time.

export interface Clock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class TokenBucket {
  private tokens: number;
  private last: number;

  /** `perSecond` tokens are added each second up to `burst`; the bucket starts full. */
  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly clock: Clock = realClock,
  ) {
    if (!(perSecond > 0) || !(burst >= 1)) throw new Error(`invalid rate limit: ${perSecond}/s, burst ${burst}`);
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Resolves when a request may be sent, taking one token. Callers take tokens one at a time. */
  async take(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
      this.last = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.perSecond));
    }
  }
}
