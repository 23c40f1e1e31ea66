// A token bucket that keeps an API's steady request rate under its documented quota (CloudTrail
// LookupEvents: 2 requests per second per account and region; Security Hub BatchImportFindings:
// 10/s, GetFindings: 3/s). p-limit bounds how many calls run at once, not how many start per
// second, so it cannot do this. The SDK's retries still absorb the occasional ThrottlingException;
// the bucket keeps them occasional. Takers are served one after another in arrival order.
import { setTimeout as delay } from 'node:timers/promises';

/** Time as the bucket sees it; tests inject a fake one so waiting costs no real time. */
export interface Clock {
  /** Milliseconds, monotonic enough for rate keeping. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => delay(ms),
};

export interface TokenBucketOptions {
  /** Tokens added per second: the steady request rate. */
  ratePerSecond: number;
  /** Most tokens held at once: how many requests may start back to back. Default: the rate, at least 1. */
  burst?: number;
  clock?: Clock;
}

export class TokenBucket {
  private readonly ratePerMs: number;
  private readonly burst: number;
  private readonly clock: Clock;
  private tokens: number;
  private refilledAt: number;
  /** Takers queue here one after another, so each is served in arrival order and none overdraws. */
  private tail: Promise<void> = Promise.resolve();

  constructor({ ratePerSecond, burst, clock = systemClock }: TokenBucketOptions) {
    if (!(ratePerSecond > 0) || !Number.isFinite(ratePerSecond)) throw new RangeError(`rate must be a positive number, not ${ratePerSecond}`);
    this.ratePerMs = ratePerSecond / 1000;
    this.burst = burst ?? Math.max(1, ratePerSecond);
    if (!(this.burst >= 1)) throw new RangeError(`burst must be at least 1, not ${this.burst}`);
    this.clock = clock;
    this.tokens = this.burst;
    this.refilledAt = clock.now();
  }

  /** Resolves when a request may start (and spends the token). */
  take(): Promise<void> {
    const turn = this.tail.then(() => this.takeOne());
    // A rejected sleep must not block every later taker.
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async takeOne(): Promise<void> {
    this.refill();
    while (this.tokens < 1) {
      await this.clock.sleep(Math.ceil((1 - this.tokens) / this.ratePerMs));
      this.refill();
    }
    this.tokens -= 1;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.ratePerMs);
    this.refilledAt = now;
  }
}
