// Virtual time for the token buckets (runner/util/token-bucket.ts): sleeping moves the clock
// forward at once, so a schedule of many seconds is checked in milliseconds.
import type { Clock } from '../../runner/util/token-bucket.js';

/** A clock whose sleep moves time forward at once; records every sleep. */
export class FakeClock implements Clock {
  time = 0;
  readonly sleeps: number[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.time += ms;
    return Promise.resolve();
  }
}

/** The most start times in any window [t, t + windowMs). */
export function busiestWindow(times: readonly number[], windowMs = 1000): number {
  let most = 0;
  for (const t of times) most = Math.max(most, times.filter((u) => u >= t && u < t + windowMs).length);
  return most;
}
