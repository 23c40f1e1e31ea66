// IAM action patterns: `service:Action` with the wildcards `*` (any run of characters, empty
// included) and `?` (exactly one character), matched case-insensitively, as IAM does. `*` and
// `*:*` both mean every action of every service. Each distinct pattern is compiled once and kept,
// so policies that repeat the same patterns (the common case) pay for them once per process.

export interface ActionPattern {
  /** The pattern as written. */
  readonly source: string;
  /** Lower-cased. */
  readonly lower: string;
  /** Contains `*` or `?`. */
  readonly wildcard: boolean;
  /** `*` or `*:*`: every action of every service. */
  readonly all: boolean;
  /**
   * The service prefix when it is a literal (`qbusiness` in `qbusiness:Get*`), lower-cased; null
   * when the service part has a wildcard (`q*:*`) or the pattern has no colon.
   */
  readonly literalService: string | null;
  /** True when `action` (`service:Action`, any case) matches. */
  matches(action: string): boolean;
  /** Like `matches`, for an action already lower-cased (saves a toLowerCase per test). */
  matchesLower(lowerAction: string): boolean;
}

const compiled = new Map<string, ActionPattern>();

function escapeRegExp(s: string): string {
  return s.replace(/[.+^${}()|[\]\\]/g, '\\$&');
}

/** The regular expression of a lower-cased glob: `*` → `.*`, `?` → `.`, all else literal. */
function globRegExp(lower: string): RegExp {
  let src = '^';
  for (const ch of lower) {
    if (ch === '*') src += '.*';
    else if (ch === '?') src += '.';
    else src += escapeRegExp(ch);
  }
  return new RegExp(`${src}$`, 's');
}

function compile(source: string): ActionPattern {
  const lower = source.toLowerCase();
  const wildcard = /[*?]/.test(lower);
  const all = lower === '*' || lower === '*:*' || /^\*+(:\*+)?$/.test(lower);
  const colon = lower.indexOf(':');
  const servicePart = colon >= 0 ? lower.slice(0, colon) : null;
  const literalService = servicePart !== null && !/[*?]/.test(servicePart) ? servicePart : null;
  let matchesLower: (a: string) => boolean;
  if (all) matchesLower = () => true;
  else if (!wildcard) matchesLower = (a) => a === lower;
  else {
    const re = globRegExp(lower);
    // A literal service prefix rules most actions out before the regular expression runs.
    const prefix = literalService !== null ? `${literalService}:` : null;
    matchesLower = prefix !== null ? (a) => a.startsWith(prefix) && re.test(a) : (a) => re.test(a);
  }
  return { source, lower, wildcard, all, literalService, matchesLower, matches: (a) => matchesLower(a.toLowerCase()) };
}

/** The compiled form of a pattern (cached per distinct pattern text). */
export function actionPattern(source: string): ActionPattern {
  let p = compiled.get(source);
  if (!p) {
    p = compile(source);
    compiled.set(source, p);
  }
  return p;
}

/** True when the IAM action pattern matches the action (both case-insensitive). */
export function matchesAction(pattern: string, action: string): boolean {
  return actionPattern(pattern).matches(action);
}

/** True when any of the patterns matches the action. */
export function matchesAnyAction(patterns: readonly string[], action: string): boolean {
  const lower = action.toLowerCase();
  return patterns.some((p) => actionPattern(p).matchesLower(lower));
}

/** How many patterns have been compiled (for tests of the cache). */
export function compiledPatternCount(): number {
  return compiled.size;
}
