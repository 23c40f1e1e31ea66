// A small seeded PRNG (mulberry32) for the trail generator: the same seed gives the same log
// files on every machine, so the benchmark's inputs (and the Q record counts it checks) are
// reproducible, and every file can be generated on its own by whichever worker gets it.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform 32-bit unsigned integer. */
  u32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A uniform float in [0, 1). */
  next(): number {
    return this.u32() / 4294967296;
  }

  /** A uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Lower-case hex of `bytes` random bytes. */
  hex(bytes: number): string {
    let s = '';
    for (let i = 0; i < bytes; i += 4) {
      const v = this.u32();
      s += HEX[v & 255] + HEX[(v >>> 8) & 255] + HEX[(v >>> 16) & 255] + HEX[v >>> 24];
    }
    return s.slice(0, bytes * 2);
  }

  /** A random (version 4 shaped) UUID. */
  uuid(): string {
    const h = this.hex(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }

  /** Upper-case letters and digits, like access key ids and log file suffixes. */
  alnum(length: number): string {
    let s = '';
    for (let i = 0; i < length; i++) s += ALNUM[this.int(ALNUM.length)];
    return s;
  }
}

/** A seed derived from a base seed and an index (one independent stream per file). */
export function deriveSeed(base: number, index: number): number {
  let h = (base ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
