// The mutelist (`--mutelist FILE`, check-metadata/mutelist.schema.json): rules that mark accepted
// findings as muted. A muted finding keeps its status, gets `muted: true` and the reason of the
// first rule that matches it, and does not set exit code 3. Rules past their `expires` day stop
// muting and are reported so that the scan can warn.
//
// Patterns are anchored globs (see glob.ts). A rule matches a finding when every selector
// matches: its account, check id and region are in the rule's lists, its resource ARN or resource
// id is in `resources`, every tag in `tags` is on the finding (evidence.tags), and no exception
// matches it. Loading compiles every pattern once; applying indexes the rules by
// (check, account, region) and by exact resource, so each finding tests only the few rules that
// can match it.
import type { Finding, JsonValue } from '../findings/finding.js';
import { schemaValidator } from '../util/schemas.js';
import { earliestError, InputError, jsonPointerKeys, valueAt, parseYaml, readYamlFile, schemaErrors, type YamlFile } from '../util/yaml-file.js';
import type { ErrorObject } from 'ajv';
import { isGlob, PatternSet, requiredLiteral } from './glob.js';
import { LiteralScanner } from './literal-scanner.js';

// ---- the file as written -------------------------------------------------------------------

export interface MutelistSelectorDocument {
  accounts?: string[];
  checks?: string[];
  regions?: string[];
  resources?: string[];
  tags?: Record<string, string>;
}

export interface MutelistRuleDocument {
  accounts: string[];
  checks: string[];
  regions: string[];
  resources: string[];
  tags?: Record<string, string>;
  exceptions?: MutelistSelectorDocument[];
  reason: string;
  /** YYYY-MM-DD: the rule mutes through the end of this day (UTC). */
  expires?: string;
}

export interface MutelistDocument {
  rules: MutelistRuleDocument[];
}

// ---- compiled ------------------------------------------------------------------------------

/** Compiled selectors; null means "not given" (matches everything). */
export interface CompiledSelector {
  accounts: PatternSet | null;
  checks: PatternSet | null;
  regions: PatternSet | null;
  resources: PatternSet | null;
  /** [tag key, value patterns]; every key must be present with a matching value. */
  tags: [string, PatternSet][] | null;
}

export interface MutelistRule {
  /** 0-based position in the file's `rules` list. */
  index: number;
  /** 1-based line of the rule in the file. */
  line: number;
  reason: string;
  /** The `expires` date as written, or null. */
  expires: string | null;
  /** First instant (ms since the epoch, UTC) at which the rule no longer mutes, or null. */
  expiresAt: number | null;
  match: CompiledSelector & { accounts: PatternSet; checks: PatternSet; regions: PatternSet; resources: PatternSet };
  exceptions: CompiledSelector[];
}

export interface Mutelist {
  /** The file the rules came from, as named in messages. */
  file: string;
  rules: MutelistRule[];
}

export interface ExpiredRule {
  /** 0-based position in the file's `rules` list. */
  index: number;
  reason: string;
  expires: string;
  /** 1-based line of the rule in the file. */
  line: number;
}

export interface MuteOutcome {
  /** Rules whose `expires` day is over at `now`: they muted nothing. In file order. */
  expiredRules: ExpiredRule[];
  /** How many findings are muted now. */
  muted: number;
}

// ---- loading -------------------------------------------------------------------------------

/**
 * Reads and compiles a mutelist. `checkIds` are the ids of every loaded check (built-in and
 * custom): a check id or glob in the file that matches none of them is an error (a typo would
 * otherwise mute nothing, silently). Every problem is an InputError with file:line.
 */
export function loadMutelist(file: string, checkIds: Iterable<string>): Mutelist {
  return compileMutelist(readYamlFile(file), checkIds);
}

/** As loadMutelist, from text (`file` names it in messages). */
export function parseMutelist(text: string, file: string, checkIds: Iterable<string>): Mutelist {
  return compileMutelist(parseYaml(file, text), checkIds);
}

function compileMutelist(y: YamlFile, checkIds: Iterable<string>): Mutelist {
  const value = y.value;
  if (value === null || value === undefined) throw new InputError(y.file, 1, 'the mutelist is empty: expected a `rules:` list');
  const validate = schemaValidator('mutelist');
  if (!validate(value)) {
    const errors = mutelistSchemaErrors(y, validate.errors ?? []);
    throw earliestError(errors) ?? new InputError(y.file, 1, 'not a qready mutelist');
  }
  const doc = value as MutelistDocument;
  const known = [...checkIds];
  const problems: InputError[] = [];
  const rules: MutelistRule[] = [];
  doc.rules.forEach((r, i) => {
    const at = (...keys: (string | number)[]): number => y.lineOf(['rules', i, ...keys]);
    const checkPatterns = (checks: string[] | undefined, ...path: (string | number)[]): void => {
      (checks ?? []).forEach((c, j) => {
        const set = new PatternSet([c]);
        if (!known.some((id) => set.test(id))) {
          problems.push(new InputError(y.file, at(...path, 'checks', j), `rules.${i}.${[...path, 'checks', j].join('.')}: '${c}' ${isGlob(c) ? 'matches no known check' : 'is not a known check id'}`));
        }
      });
    };
    const resourcePatterns = (resources: string[] | undefined, ...path: (string | number)[]): void => {
      (resources ?? []).forEach((p, j) => {
        const why = regexLike(p);
        if (why) problems.push(new InputError(y.file, at(...path, 'resources', j), `rules.${i}.${[...path, 'resources', j].join('.')}: '${p}' ${why}; resources are globs matched against the whole ARN or id ('*' any characters except '/', '**' any characters, '?' one character)`));
      });
    };
    checkPatterns(r.checks);
    resourcePatterns(r.resources);
    (r.exceptions ?? []).forEach((e, k) => {
      checkPatterns(e.checks, 'exceptions', k);
      resourcePatterns(e.resources, 'exceptions', k);
    });
    rules.push({
      index: i,
      line: at(),
      reason: r.reason.trim(),
      expires: r.expires ?? null,
      expiresAt: r.expires ? dayAfter(r.expires) : null,
      match: {
        accounts: new PatternSet(r.accounts),
        checks: new PatternSet(r.checks),
        regions: new PatternSet(r.regions),
        resources: new PatternSet(r.resources),
        tags: compileTags(r.tags),
      },
      exceptions: (r.exceptions ?? []).map(compileSelector),
    });
  });
  const first = earliestError(problems);
  if (first) throw first;
  return { file: y.file, rules };
}

function compileSelector(s: MutelistSelectorDocument): CompiledSelector {
  return {
    accounts: s.accounts ? new PatternSet(s.accounts) : null,
    checks: s.checks ? new PatternSet(s.checks) : null,
    regions: s.regions ? new PatternSet(s.regions) : null,
    resources: s.resources ? new PatternSet(s.resources) : null,
    tags: compileTags(s.tags),
  };
}

function compileTags(tags: Record<string, string> | undefined): [string, PatternSet][] | null {
  return tags ? Object.entries(tags).map(([k, v]) => [k, new PatternSet([v])]) : null;
}

/** Midnight UTC after the given YYYY-MM-DD day (the schema has checked it is a real date). */
function dayAfter(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d + 1);
}

/** Why a resource pattern looks like a regular expression (users of regex mutelists), or null. */
function regexLike(p: string): string | null {
  if (p.startsWith('^') || p.endsWith('$')) return "looks like a regular expression ('^' or '$' anchor)";
  if (p.includes('.*') || p.includes('.+')) return `looks like a regular expression ('${p.includes('.*') ? '.*' : '.+'}'); write '*' (or '**' across '/') instead`;
  if (p.includes('\\')) return "contains '\\', which a glob does not use";
  return null;
}

/** Readable schema errors: pattern and format failures say what the field expects. */
function mutelistSchemaErrors(y: YamlFile, errors: ErrorObject[]): InputError[] {
  const out: InputError[] = [];
  const seen = new Set<string>();
  // A misspelt key is both an unknown field and a missing one: the unknown field says more.
  const unknownIn = new Set(errors.filter((e) => e.keyword === 'additionalProperties').map((e) => e.instancePath));
  for (const e of errors) {
    if (e.keyword === 'required' && unknownIn.has(e.instancePath)) continue;
    const keys = jsonPointerKeys(e.instancePath);
    let detail: string | null = null;
    if (e.keyword === 'pattern' || e.keyword === 'format') {
      const field = [...keys].reverse().find((k): k is string => typeof k === 'string') ?? '';
      const v = valueAt(y.value, keys);
      const shown = JSON.stringify(v);
      const path = keys.join('.');
      if (field === 'accounts') detail = `${path}: ${shown} is not an account id (12 digits) or "*"`;
      else if (field === 'checks') detail = `${path}: ${shown} is not a check id or glob (lowercase letters, digits, '_', '*', '?')`;
      else if (field === 'regions') detail = `${path}: ${shown} is not a region name (eu-west-1), a region glob (eu-*) or "*"`;
      else if (field === 'resources') detail = `${path}: ${shown} is empty or has leading or trailing spaces`;
      else if (field === 'reason') detail = `${path}: the reason must not be empty: say why these findings are accepted`;
      else if (field === 'expires') detail = `${path}: ${shown} is not a date (YYYY-MM-DD)`;
    }
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const hint = closest(extra, keys.length === 0 ? TOP_KEYS : keys.length === 2 ? RULE_KEYS : SELECTOR_KEYS);
      const path = [...keys, extra];
      detail = `unknown field '${path.join('.')}'${hint ? ` (did you mean '${hint}'?)` : ''}`;
      keys.push(extra);
    }
    const batch = detail === null ? schemaErrors(y, [e]) : [new InputError(y.file, y.lineOf(keys), detail)];
    for (const b of batch) {
      if (seen.has(b.detail)) continue;
      seen.add(b.detail);
      out.push(b);
    }
  }
  return out;
}

const TOP_KEYS = ['rules'];
const SELECTOR_KEYS = ['accounts', 'checks', 'regions', 'resources', 'tags'];
const RULE_KEYS = [...SELECTOR_KEYS, 'exceptions', 'reason', 'expires'];

/** The known key a misspelt one most likely meant (edit distance at most 2), or null. */
function closest(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

// ---- applying ------------------------------------------------------------------------------

/**
 * Marks findings muted in place (muted, mute_reason; the status is kept) by the first rule that
 * matches, and unmutes the rest. Rules whose `expires` day is over at `now` mute nothing and are
 * returned. Each finding tests only the rules of its (check, account, region) whose resources can
 * match it, so the cost grows with findings, not findings × rules.
 */
export function applyMutelist(findings: Finding[], mutelist: Mutelist, now: Date): MuteOutcome {
  const t = now.getTime();
  const active: MutelistRule[] = [];
  const expiredRules: ExpiredRule[] = [];
  for (const r of mutelist.rules) {
    if (r.expiresAt !== null && t >= r.expiresAt) expiredRules.push({ index: r.index, reason: r.reason, expires: r.expires!, line: r.line });
    else active.push(r);
  }
  const index = new RuleIndex(active);
  let muted = 0;
  for (const f of findings) {
    const rule = active.length ? index.scope(f.check_id, f.account_id, f.region).first(f) : null;
    if (rule) {
      f.muted = true;
      f.mute_reason = rule.reason;
      muted++;
    } else {
      f.muted = false;
      f.mute_reason = null;
    }
  }
  return { expiredRules, muted };
}

/** The warning a scan prints for an expired rule. */
export function expiredRuleWarning(mutelist: Mutelist, rule: ExpiredRule): string {
  return `${mutelist.file}:${rule.line}: mutelist rule #${rule.index + 1} expired after ${rule.expires} (UTC) and no longer mutes findings (reason was: ${rule.reason})`;
}

/**
 * Whether one rule matches one finding, ignoring expiry: the definition that applyMutelist's
 * index must agree with (tests compare the two).
 */
export function ruleMatches(rule: MutelistRule, f: Finding): boolean {
  const m = rule.match;
  return m.checks.test(f.check_id) && m.accounts.test(f.account_id) && m.regions.test(f.region) && resourceMatches(m.resources, f) && restMatches(rule, f);
}

function resourceMatches(p: PatternSet, f: Finding): boolean {
  const { id, arn } = f.resource;
  return p.test(id) || (arn !== null && arn !== id && p.test(arn));
}

/** Tags and exceptions: what is left once scope and resource match. */
function restMatches(rule: MutelistRule, f: Finding): boolean {
  if (rule.match.tags && !tagsMatch(rule.match.tags, f)) return false;
  for (const e of rule.exceptions) if (selectorMatches(e, f)) return false;
  return true;
}

function selectorMatches(s: CompiledSelector, f: Finding): boolean {
  return (
    (s.checks === null || s.checks.test(f.check_id)) &&
    (s.accounts === null || s.accounts.test(f.account_id)) &&
    (s.regions === null || s.regions.test(f.region)) &&
    (s.resources === null || resourceMatches(s.resources, f)) &&
    (s.tags === null || tagsMatch(s.tags, f))
  );
}

function tagsMatch(wanted: [string, PatternSet][], f: Finding): boolean {
  const tags = findingTags(f);
  if (!tags) return false;
  for (const [k, p] of wanted) {
    const v = tags.get(k);
    if (v === undefined || !p.test(v)) return false;
  }
  return true;
}

/**
 * The tags in a finding's evidence: `evidence.tags` as an object (key → value) or as a list of
 * {Key, Value} (or {key, value}, as the Amazon Q APIs write them). Non-string values other than
 * numbers and booleans are ignored. Null when the finding has no tags.
 */
export function findingTags(f: Finding): Map<string, string> | null {
  const raw = f.evidence.tags;
  if (raw === undefined || raw === null || typeof raw !== 'object') return null;
  const out = new Map<string, string>();
  const put = (k: JsonValue | undefined, v: JsonValue | undefined): void => {
    if (typeof k !== 'string') return;
    if (typeof v === 'string') out.set(k, v);
    else if (typeof v === 'number' || typeof v === 'boolean') out.set(k, String(v));
  };
  if (Array.isArray(raw)) {
    for (const t of raw) {
      if (t === null || typeof t !== 'object' || Array.isArray(t)) continue;
      put(t.Key ?? t.key, t.Value ?? t.value);
    }
  } else {
    for (const [k, v] of Object.entries(raw)) put(k, v);
  }
  return out.size ? out : null;
}

/**
 * From this many glob rules with a literal in one scope, a literal prefilter picks the rules worth
 * testing (below it, testing each glob costs less than the scan).
 */
const PREFILTER_MIN = 16;

/** The active rules that can match findings of one (check, account, region). */
class Scope {
  /** Exact resource pattern → positions (ascending) of the rules that name it. */
  private readonly exact = new Map<string, number[]>();
  /** Positions of rules whose resources have wildcards (tested one by one). */
  private readonly wild: number[] = [];
  /** With many wild rules: the literals their globs require, tagged by index into `wild`. */
  private readonly scanner: LiteralScanner | null = null;
  /** wild[k] must always be tested (a glob without a literal, or "*"). */
  private readonly always: Uint8Array;
  /** wild[k] is a candidate for the current finding when seen[k] === generation. */
  private readonly seen: Uint32Array;
  private generation = 0;
  private readonly mark = (k: number): void => {
    this.seen[k] = this.generation;
  };

  constructor(private readonly rules: MutelistRule[]) {
    rules.forEach((r, p) => {
      for (const x of r.match.resources.exact) {
        const list = this.exact.get(x);
        if (list) list.push(p);
        else this.exact.set(x, [p]);
      }
      if (r.match.resources.hasWildcards) this.wild.push(p);
    });
    this.always = new Uint8Array(this.wild.length).fill(1);
    this.seen = new Uint32Array(this.wild.length);
    const literals: [string, number][] = [];
    const filtered: number[] = [];
    this.wild.forEach((p, k) => {
      const resources = this.rules[p].match.resources;
      const required = resources.globs.map(requiredLiteral);
      if (resources.any || required.includes('')) return;
      filtered.push(k);
      for (const lit of required) literals.push([lit, k]);
    });
    if (filtered.length >= PREFILTER_MIN) {
      for (const k of filtered) this.always[k] = 0;
      this.scanner = new LiteralScanner(literals);
    }
  }

  /** The first rule (in file order) that matches the finding, or null. */
  first(f: Finding): MutelistRule | null {
    if (this.rules.length === 0) return null;
    let best = Infinity;
    const { id, arn } = f.resource;
    best = this.firstExact(this.exact.get(id), f, best);
    if (arn !== null && arn !== id) best = this.firstExact(this.exact.get(arn), f, best);
    if (this.scanner) {
      this.generation = (this.generation + 1) >>> 0 || 1;
      this.scanner.scan(id, this.mark);
      // An access key's id is its user's ARN and a suffix: one scan covers both.
      if (arn !== null && !id.startsWith(arn)) this.scanner.scan(arn, this.mark);
    }
    const tagged = f.evidence.tags !== undefined && f.evidence.tags !== null;
    for (let k = 0; k < this.wild.length; k++) {
      const p = this.wild[k];
      if (p >= best) break;
      if (this.always[k] === 0 && this.seen[k] !== this.generation) continue;
      const r = this.rules[p];
      if (r.match.tags !== null && !tagged) continue; // a finding without tags never matches a rule with tags
      if (resourceMatches(r.match.resources, f) && restMatches(r, f)) {
        best = p;
        break;
      }
    }
    return best === Infinity ? null : this.rules[best];
  }

  private firstExact(positions: number[] | undefined, f: Finding, best: number): number {
    if (positions) {
      for (const p of positions) {
        if (p >= best) break;
        if (restMatches(this.rules[p], f)) return p;
      }
    }
    return best;
  }
}

const EMPTY_SCOPE = new Scope([]);

/** Scopes built on first use, keyed by check id, then account, then region. */
class RuleIndex {
  private readonly scopes = new Map<string, Map<string, Map<string, Scope>>>();
  /** Rules whose check patterns match a check id, in file order. */
  private readonly byCheck = new Map<string, MutelistRule[]>();

  constructor(private readonly rules: MutelistRule[]) {}

  scope(check: string, account: string, region: string): Scope {
    let byAccount = this.scopes.get(check);
    if (!byAccount) this.scopes.set(check, (byAccount = new Map()));
    let byRegion = byAccount.get(account);
    if (!byRegion) byAccount.set(account, (byRegion = new Map()));
    let scope = byRegion.get(region);
    if (!scope) {
      let forCheck = this.byCheck.get(check);
      if (!forCheck) this.byCheck.set(check, (forCheck = this.rules.filter((r) => r.match.checks.test(check))));
      const rules = forCheck.filter((r) => r.match.accounts.test(account) && r.match.regions.test(region));
      scope = rules.length ? new Scope(rules) : EMPTY_SCOPE;
      byRegion.set(region, scope);
    }
    return scope;
  }
}
