// The globs of the mutelist. A pattern always describes the WHOLE value (anchored at both ends,
// case-sensitive); there is no substring and no regular-expression matching.
//
//   *     any run of characters except '/' (so it stays within one path segment of an ARN)
//   **    any run of characters, '/' included
//   ?     exactly one character except '/'
//   "*"   a pattern that is exactly one star matches every value, '/' included
//
// Every other character stands for itself ('.', '[', '(' and so on are not special). Examples
// over IAM ARNs:
//   arn:aws:iam::*:user/ci-*     matches arn:aws:iam::111122223333:user/ci-bot
//                                not     arn:aws:iam::111122223333:user/ci-bot/access_key_1
//                                not     arn:aws:iam::111122223333:user/team/ci-bot (user path)
//   arn:aws:iam::*:user/ci-**    matches all three of the above
//   *admin*                      matches break-glass-admin, but not arn:aws:iam::1:policy/admin
//                                (the '/' ends the first '*'), nor BreakGlassAdmin (case)
//   admin                        matches admin only, never a value that merely contains it

/** Whether a pattern has a wildcard (otherwise it must equal the value). */
export function isGlob(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** The regular-expression source of a glob, without anchors. */
export function globSource(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        while (pattern[i + 1] === '*') i++;
        out += '.*';
      } else out += '[^/]*';
    } else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

/**
 * The anchored regular expression of a glob: the definition of what a glob matches. Matching
 * itself uses compileGlob, which gives the same answers without the regular expression's
 * backtracking (several stars in one segment, as in `arn:aws:*:*:*:user/x-*`, would make a
 * regular expression slow on every value that does not match).
 */
export function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern === '*' ? '.*' : globSource(pattern)})$`, 's');
}

/** Whether `value` matches `pattern` as a whole (see the top of this file). */
export function matchesGlob(pattern: string, value: string): boolean {
  return compileGlob(pattern)(value);
}

const SLASH = 47; // '/'
const ANY_ONE = -1; // '?' in a chunk

/** A run of literal characters and '?' between stars: fixed length, compared in place. */
type Chunk = Int32Array;

function chunkAt(chunk: Chunk, value: string, at: number): boolean {
  for (let k = 0; k < chunk.length; k++) {
    const c = value.charCodeAt(at + k);
    const want = chunk[k];
    if (want === ANY_ONE ? c === SLASH : c !== want) return false;
  }
  return true;
}

/** A glob without '**': chunks separated by single stars (which never cross '/'). */
type Group = Chunk[];

function lengthOf(g: Group): number {
  let n = 0;
  for (const c of g) n += c.length;
  return n;
}

/**
 * Earliest position at or after `from` where `chunk` occurs with value[from, at) free of '/'
 * (a single star skips it), ending by `end`; -1 if none.
 */
function findAfterStar(chunk: Chunk, value: string, from: number, end: number): number {
  const slash = value.indexOf('/', from);
  const limit = Math.min(slash === -1 || slash > end ? end : slash, end - chunk.length);
  for (let at = from; at <= limit; at++) if (chunkAt(chunk, value, at)) return at;
  return -1;
}

/**
 * Where a group matched from `start` ends at the earliest, or -1. Each chunk after the first is
 * taken at its earliest position: what follows a chunk is a star, and a single star that can reach
 * a position from a later start can reach it from an earlier one (the skipped text holds no '/',
 * and a chunk holding a '/' has only one position a single star before it can reach).
 */
function groupEarliestEnd(g: Group, value: string, start: number): number {
  if (start + g[0].length > value.length || !chunkAt(g[0], value, start)) return -1;
  let pos = start + g[0].length;
  for (let i = 1; i < g.length; i++) {
    const at = findAfterStar(g[i], value, pos, value.length);
    if (at < 0) return -1;
    pos = at + g[i].length;
  }
  return pos;
}

/** Whether a group matches value[start, end) exactly (same earliest-chunk argument; the last chunk is a suffix). */
function groupMatchesExactly(g: Group, value: string, start: number, end: number): boolean {
  const first = g[0];
  if (g.length === 1) return end - start === first.length && chunkAt(first, value, start);
  if (start + first.length > end || !chunkAt(first, value, start)) return false;
  let pos = start + first.length;
  const last = g[g.length - 1];
  const tailAt = end - last.length;
  for (let i = 1; i < g.length - 1; i++) {
    const at = findAfterStar(g[i], value, pos, tailAt);
    if (at < 0) return false;
    pos = at + g[i].length;
  }
  if (tailAt < pos || !chunkAt(last, value, tailAt)) return false;
  const slash = value.indexOf('/', pos);
  return slash === -1 || slash >= tailAt;
}

/**
 * Compiles a glob to a matcher that does not backtrack. '**' splits the pattern into groups
 * G0 ** G1 ** … ** Gm (each a glob of single stars). G0 must match at the start and Gm at the end;
 * each middle group is taken where it ends earliest, which is always right because the '**' after
 * it can skip any text. Within a group, chunks are taken at their earliest positions (see
 * groupEarliestEnd). The cost is bounded by (value length)² × (pattern length) in the worst case,
 * linear in practice; a backtracking regular expression is exponential in the stars per segment.
 */
export function compileGlob(pattern: string): (value: string) => boolean {
  if (pattern === '*') return () => true;
  if (!isGlob(pattern)) return (value) => value === pattern;
  if (/^\*+$/.test(pattern)) return () => true; // '**' (and longer runs)
  const star = pattern.indexOf('*');
  if (star >= 0 && !pattern.includes('?')) {
    // 'prefix*' and 'prefix**', the commonest globs.
    const prefix = pattern.slice(0, star);
    const rest = pattern.slice(star);
    if (/^\*\*+$/.test(rest)) return (value) => value.startsWith(prefix);
    if (rest === '*') return (value) => value.startsWith(prefix) && value.indexOf('/', prefix.length) === -1;
  }
  const groups: Group[] = pattern.split(/\*\*+/).map((g) => g.split('*').map(toChunk));
  const minLength = groups.reduce((n, g) => n + lengthOf(g), 0);
  if (groups.length === 1) return (value) => value.length >= minLength && groupMatchesExactly(groups[0], value, 0, value.length);
  const first = groups[0];
  const last = groups[groups.length - 1];
  const middle = groups.slice(1, -1);
  const lastLength = lengthOf(last);
  return (value: string): boolean => {
    const n = value.length;
    if (n < minLength) return false;
    let pos = groupEarliestEnd(first, value, 0);
    if (pos < 0) return false;
    for (const g of middle) {
      const len = lengthOf(g);
      let best = -1;
      for (let s = pos; s + len <= n && (best < 0 || s + len < best); s++) {
        const e = groupEarliestEnd(g, value, s);
        if (e >= 0 && (best < 0 || e < best)) best = e;
      }
      if (best < 0) return false;
      pos = best;
    }
    if (last.length === 1) return n - lastLength >= pos && chunkAt(last[0], value, n - lastLength);
    for (let s = pos; s + lastLength <= n; s++) if (groupMatchesExactly(last, value, s, n)) return true;
    return false;
  };
}

function toChunk(literal: string): Chunk {
  // By UTF-16 code unit, as the regular expression without the u flag.
  const out = new Int32Array(literal.length);
  for (let i = 0; i < literal.length; i++) out[i] = literal[i] === '?' ? ANY_ONE : literal.charCodeAt(i);
  return out;
}

/** The longest run of literal characters in a glob (every matching value contains it). */
export function requiredLiteral(pattern: string): string {
  let best = '';
  for (const run of pattern.split(/[*?]+/)) if (run.length > best.length) best = run;
  return best;
}

/**
 * A list of patterns compiled once: a value matches when any pattern matches it. Exact patterns
 * are a set lookup; each glob has its compiled matcher.
 */
export class PatternSet {
  /** The list contains "*": every value matches. */
  readonly any: boolean;
  readonly exact: ReadonlySet<string>;
  readonly globs: readonly string[];
  private readonly matchers: ((value: string) => boolean)[];

  constructor(readonly patterns: readonly string[]) {
    this.any = patterns.includes('*');
    this.exact = new Set(patterns.filter((p) => !isGlob(p)));
    this.globs = patterns.filter((p) => isGlob(p) && p !== '*');
    this.matchers = this.globs.map(compileGlob);
  }

  test(value: string): boolean {
    if (this.any || this.exact.has(value)) return true;
    for (const m of this.matchers) if (m(value)) return true;
    return false;
  }

  /** Whether a value can match other than by being one of the exact patterns. */
  get hasWildcards(): boolean {
    return this.any || this.matchers.length > 0;
  }
}
