// Small timing helpers for benchmarks: medians of repeated runs, measured in the same process
// as their baseline so that machine speed cancels out of the ratio.

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Median wall time of `runs` calls of fn, in milliseconds, after one warm-up call. */
export function timeMs(fn: () => unknown, runs: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

export const mb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** Samples RSS every few milliseconds while fn runs; returns the peak. */
export async function peakRss<T>(fn: () => Promise<T> | T): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}
