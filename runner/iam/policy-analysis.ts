// IAM identity-policy analysis over the normalised statements of policy-document.ts.
//
// Two questions are answered here, both pure and synchronous:
// - Which actions of a fixed list (an ActionUniverse, such as the Amazon Q high-impact actions)
//   can a principal perform, given all its identity policies? An Allow grants the actions its
//   Action patterns match, or every action its NotAction patterns do not match, whatever its
//   Resource and Condition (a Condition or a resource scope narrows a capability, it does not
//   remove it; the evidence names it). An explicit Deny in the same principal's policies removes
//   an action when it has no Condition and applies to Resource "*"; a Deny with a Condition or on
//   some resources only does not remove it, and the evidence says so.
// - Which statements of a policy grant every action of an Amazon Q service (qWildcardGrants)?
//
// Speed: a pattern's set of matched actions is computed once per (universe, pattern), and a
// policy's sets once per (universe, PolicyMemo): callers give every principal that has the same
// managed policy the same memo, so a policy attached to a thousand principals is analysed once and
// a principal costs a few bitwise ORs. The memos live as long as the caller's objects (no global
// cache keyed by snapshot data).
import { actionPattern } from './action-pattern.js';
import { canonicalAction, qServiceMatchCounts, Q_SERVICES, serviceActions, type QService } from './action-catalogue.js';
import { coversAllResources, initialBit, OTHER_INITIAL, statements, type Statement } from './policy-document.js';

/**
 * True when the first `length` characters of a pattern are ASCII without wildcards (lower-casing
 * them keeps their number, so the pattern's colon stays where it is).
 */
function asciiLiteral(pattern: string, length: number): boolean {
  for (let i = 0; i < length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === 42 /* * */ || c === 63 /* ? */ || c >= 128) return false;
  }
  return true;
}

/** A set of actions of one universe: one bit per action. */
export type ActionBits = Uint32Array;

function anyBit(bits: ActionBits): boolean {
  for (const w of bits) if (w !== 0) return true;
  return false;
}

function orInto(target: ActionBits, bits: ActionBits): void {
  for (let i = 0; i < target.length; i++) target[i] |= bits[i];
}

function andNot(a: ActionBits, b: ActionBits): ActionBits {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & ~b[i];
  return out;
}

function and(a: ActionBits, b: ActionBits): ActionBits {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
}

/** One statement of a policy with the actions of the universe it applies to (never empty). */
export interface StatementBits {
  statement: Statement;
  /** Position of the statement in its document (0-based). */
  index: number;
  bits: ActionBits;
}

/** What one policy document says about the actions of a universe. */
export interface PolicyBits {
  /** Actions some Allow statement grants (on some resource, under any condition). */
  allow: ActionBits;
  /** Actions an unconditional Deny on Resource "*" removes. */
  deny: ActionBits;
  /** The Allow statements that grant at least one action of the universe. */
  allows: StatementBits[];
  /** The Deny statements that match at least one action of the universe (removing or not). */
  denies: StatementBits[];
}

/** True when a Deny statement removes what it matches: no Condition, and Resource "*". */
export function denyRemoves(s: Statement): boolean {
  return s.effect === 'Deny' && s.condition === null && coversAllResources(s);
}

/**
 * A fixed list of actions (canonical `service:Action` names) that policies are evaluated against.
 * Names the catalogue knows are spelled as the catalogue spells them; duplicates are dropped.
 */
export class ActionUniverse {
  readonly actions: readonly string[];
  private readonly lower: readonly string[];
  private readonly exact: ReadonlyMap<string, number>;
  private readonly words: number;
  private readonly byPattern = new Map<string, ActionBits>();
  /** The empty set every pattern, statement and policy that matches nothing shares (never modified). */
  private readonly none: ActionBits;
  /** Every action of the universe, shared (never modified). */
  private readonly all: ActionBits;
  /** The analysis of a policy that matches nothing, shared through memos (never modified). */
  private readonly silent: PolicyBits;
  /** Index n is true when an action of the universe has its first colon at n (its service has n characters). */
  private readonly serviceLengths: boolean[] = [];
  /** The initialBit of every action of the universe, and OTHER_INITIAL (patterns that start with a wildcard). */
  private readonly initials: number = OTHER_INITIAL;

  constructor(actions: readonly string[]) {
    const seen = new Set<string>();
    const list: string[] = [];
    for (const a of actions) {
      const canonical = canonicalAction(a) ?? a;
      const key = canonical.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      list.push(canonical);
    }
    this.actions = list;
    this.lower = list.map((a) => a.toLowerCase());
    this.exact = new Map(this.lower.map((a, i) => [a, i]));
    this.words = Math.max(1, Math.ceil(list.length / 32));
    // From the lower-cased names, which are what patterns are matched against.
    for (const a of this.lower) {
      this.initials |= initialBit(a);
      const colon = a.indexOf(':');
      if (colon > 0) {
        while (this.serviceLengths.length <= colon) this.serviceLengths.push(false);
        this.serviceLengths[colon] = true;
      }
    }
    this.none = this.empty();
    this.all = this.full();
    const noStatements = Object.freeze([]) as unknown as StatementBits[];
    this.silent = Object.freeze({ allow: this.none, deny: this.none, allows: noStatements, denies: noStatements });
  }

  get size(): number {
    return this.actions.length;
  }

  empty(): ActionBits {
    return new Uint32Array(this.words);
  }

  full(): ActionBits {
    const bits = this.empty();
    for (let i = 0; i < this.actions.length; i++) bits[i >>> 5] |= 1 << (i & 31);
    return bits;
  }

  /** The actions of the universe a pattern matches (cached per pattern; do not modify the result). */
  patternBits(pattern: string): ActionBits {
    // Most patterns of most policies cannot match an action of the universe, which two cheap
    // tests tell without a lookup. A pattern is anchored at its start: unless it starts with a
    // wildcard, it matches only actions that start with its first character (`s3:Get*` cannot
    // match `qbusiness:…`). And a pattern whose service part is literal matches only actions
    // whose service has that many characters (`dynamodb:Get*`, never `q:…` or `qbusiness:…`).
    if ((initialBit(pattern) & this.initials) === 0) return this.none;
    const colon = pattern.indexOf(':');
    if (colon > 0 && (colon >= this.serviceLengths.length || !this.serviceLengths[colon]) && asciiLiteral(pattern, colon)) return this.none;
    let bits = this.byPattern.get(pattern);
    if (bits) return bits;
    bits = this.empty();
    const p = actionPattern(pattern);
    if (!p.wildcard) {
      const i = this.exact.get(p.lower);
      if (i !== undefined) bits[i >>> 5] |= 1 << (i & 31);
    } else {
      this.lower.forEach((a, i) => {
        if (p.matchesLower(a)) bits![i >>> 5] |= 1 << (i & 31);
      });
    }
    // Patterns that match nothing here (most of them: `s3:Get*`) share one empty set, which the
    // statement and policy analyses below recognise without reading it.
    if (!anyBit(bits)) bits = this.none;
    this.byPattern.set(pattern, bits);
    return bits;
  }

  /**
   * The actions a statement applies to: its Action patterns' matches, or all but its NotAction
   * patterns' matches. A statement that applies to none of them gets the shared empty set (do not
   * modify the result).
   */
  statementBits(s: Statement): ActionBits {
    const patterns = s.actions ?? s.notActions;
    if (patterns === null) return this.none;
    // No pattern starts with a character an action of the universe starts with (nor with a
    // wildcard): none can match, which is known without reading them.
    if ((s.actionInitials & this.initials) === 0) return s.actions !== null || this.actions.length === 0 ? this.none : this.all;
    // Most statements name no action of the universe: find that out before allocating anything.
    let first = -1;
    for (let i = 0; i < patterns.length; i++) {
      if (this.patternBits(patterns[i]) !== this.none) {
        first = i;
        break;
      }
    }
    if (first < 0) return s.actions !== null || this.actions.length === 0 ? this.none : this.all;
    const matched = this.empty();
    for (let i = first; i < patterns.length; i++) {
      const bits = this.patternBits(patterns[i]);
      if (bits !== this.none) orInto(matched, bits);
    }
    if (s.actions !== null) return matched;
    const rest = andNot(this.all, matched);
    return anyBit(rest) ? rest : this.none;
  }

  /** What one policy grants and denies (kept in the policy's memo when it has one; do not modify the result). */
  policyBits(source: { document: unknown; memo?: PolicyMemo }): PolicyBits {
    const memo = source.memo;
    if (memo !== undefined) {
      if (memo.universe === this) return memo.last!;
      const hit = memo.bits?.get(this);
      if (hit) {
        remember(memo, this, hit);
        return hit;
      }
    }
    const list = statements(source.document);
    let out: PolicyBits | null = null;
    for (let index = 0; index < list.length; index++) {
      const statement = list[index];
      const bits = this.statementBits(statement);
      if (bits === this.none) continue;
      out ??= { allow: this.empty(), deny: this.empty(), allows: [], denies: [] };
      if (statement.effect === 'Allow') {
        orInto(out.allow, bits);
        out.allows.push({ statement, index, bits });
      } else {
        if (denyRemoves(statement)) orInto(out.deny, bits);
        out.denies.push({ statement, index, bits });
      }
    }
    // A policy that says nothing about the universe (the common case) shares one empty analysis;
    // without a memo, each call still answers with its own object.
    const result = out ?? (memo !== undefined ? this.silent : { allow: this.empty(), deny: this.empty(), allows: [], denies: [] });
    if (memo !== undefined) remember(memo, this, result);
    return result;
  }

  /**
   * True when any of the policies has an Allow statement matching an action of the universe.
   * Principals for which this is false are allowed none of its actions, whatever else their
   * policies say; most principals are such, and this answers them without allocating.
   */
  grantsAny(policies: readonly { document: unknown; memo?: PolicyMemo }[]): boolean {
    for (let i = 0; i < policies.length; i++) if (this.policyBits(policies[i]).allows.length > 0) return true;
    return false;
  }

  /** The names of the actions in a set, in universe order. */
  names(bits: ActionBits): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.actions.length; i++) if ((bits[i >>> 5] & (1 << (i & 31))) !== 0) out.push(this.actions[i]);
    return out;
  }
}

const universes = new Map<string, ActionUniverse>();
const universesByList = new WeakMap<readonly string[], ActionUniverse>();

/** The universe of a list of actions, shared by every caller with the same list (and its caches with it). */
export function actionUniverse(actions: readonly string[]): ActionUniverse {
  let u = universesByList.get(actions);
  if (u) return u;
  const key = actions.join('\n');
  u = universes.get(key);
  if (!u) {
    u = new ActionUniverse(actions);
    universes.set(key, u);
  }
  universesByList.set(actions, u);
  return u;
}

/**
 * What has been worked out about one policy document, shared by every principal that has it: its
 * analysis per universe. The universe last asked about is kept in `universe` and `last` (a check
 * asks about one universe, thousands of times, and most memos only ever see one), the others in
 * `bits`, made only when a second universe comes.
 */
export interface PolicyMemo {
  bits?: Map<ActionUniverse, PolicyBits>;
  universe?: ActionUniverse;
  last?: PolicyBits;
}

/** Makes `bits` the memo's analysis for `universe`, the one at hand; the one it replaces moves to the map. */
function remember(memo: PolicyMemo, universe: ActionUniverse, bits: PolicyBits): void {
  if (memo.universe !== undefined && memo.universe !== universe) (memo.bits ??= new Map()).set(memo.universe, memo.last!);
  memo.universe = universe;
  memo.last = bits;
}

/** One identity policy of a principal. */
export interface PolicySource {
  kind: 'managed' | 'aws_managed' | 'inline';
  name: string;
  /** The managed policy's ARN; null for inline policies. */
  arn: string | null;
  /** How the principal has it: null when attached to (or inline in) the principal itself, else the group it comes through. */
  group: string | null;
  document: unknown;
  /** Shared by all sources of the same document, so it is analysed once; optional. */
  memo?: PolicyMemo;
}

/** A statement named in evidence, with the actions of the universe it concerns. */
export interface StatementRef {
  policy: string;
  policy_arn: string | null;
  policy_kind: PolicySource['kind'];
  /** `group <name>` when the policy comes through a group. */
  via?: string;
  sid?: string;
  statement_index: number;
  actions: string[];
  resource?: string[];
  not_resource?: string[];
  condition?: Record<string, unknown>;
}

export interface NotAppliedDeny extends StatementRef {
  /** Why this Deny does not remove the actions. */
  reason: string;
}

export interface EffectiveActions {
  /** Actions of the universe the principal can perform, in universe order. */
  allowed: string[];
  /** Of `allowed`, those every granting statement puts under a Condition (still granted). */
  conditional: string[];
  /** The Allow statements granting `allowed` actions. */
  granted_by: StatementRef[];
  /** Actions an Allow grants but an unconditional Deny on Resource "*" removes. */
  removed_by_deny: string[];
  /** The Deny statements that removed them. */
  denied_by: StatementRef[];
  /** Deny statements matching `allowed` actions that do not remove them (Condition, or some resources only). */
  denies_not_applied: NotAppliedDeny[];
}

const nothing = (): EffectiveActions => ({ allowed: [], conditional: [], granted_by: [], removed_by_deny: [], denied_by: [], denies_not_applied: [] });

function statementRef(source: PolicySource, sb: StatementBits, bits: ActionBits, u: ActionUniverse): StatementRef {
  const s = sb.statement;
  const ref: StatementRef = { policy: source.name, policy_arn: source.arn, policy_kind: source.kind, statement_index: sb.index, actions: u.names(bits) };
  if (source.group !== null) ref.via = `group ${source.group}`;
  if (s.sid) ref.sid = s.sid;
  if (s.resources && !s.resources.includes('*')) ref.resource = s.resources;
  if (s.notResources) ref.not_resource = s.notResources;
  if (s.condition) ref.condition = s.condition;
  return ref;
}

/**
 * The actions of a universe that a principal with these identity policies can perform, after
 * explicit Deny, with the statements that say so. Policies whose document is not an object
 * contribute nothing (see `statements`).
 */
export function effectiveActions(policies: readonly PolicySource[], u: ActionUniverse): EffectiveActions {
  // Most principals have no policy that grants any action of the universe: answer them without analysing further.
  if (!u.grantsAny(policies)) return nothing();
  const allow = u.empty();
  const deny = u.empty();
  const analysed: { source: PolicySource; bits: PolicyBits }[] = [];
  for (const source of policies) {
    const bits = u.policyBits(source);
    if (bits.allows.length === 0 && bits.denies.length === 0) continue;
    orInto(allow, bits.allow);
    orInto(deny, bits.deny);
    analysed.push({ source, bits });
  }
  const allowed = andNot(allow, deny);
  const removed = and(allow, deny);

  const granted_by: StatementRef[] = [];
  const unconditional = u.empty();
  const denied_by: StatementRef[] = [];
  const denies_not_applied: NotAppliedDeny[] = [];
  for (const { source, bits } of analysed) {
    for (const sb of bits.allows) {
      const relevant = and(sb.bits, allowed);
      if (!anyBit(relevant)) continue;
      granted_by.push(statementRef(source, sb, relevant, u));
      if (sb.statement.condition === null) orInto(unconditional, relevant);
    }
    for (const sb of bits.denies) {
      if (denyRemoves(sb.statement)) {
        const relevant = and(sb.bits, removed);
        if (anyBit(relevant)) denied_by.push(statementRef(source, sb, relevant, u));
      } else {
        const relevant = and(sb.bits, allowed);
        if (!anyBit(relevant)) continue;
        const reason = sb.statement.condition !== null
          ? 'the Deny has a Condition, so it does not always apply'
          : 'the Deny applies to some resources only, not to Resource "*"';
        denies_not_applied.push({ ...statementRef(source, sb, relevant, u), reason });
      }
    }
  }
  return {
    allowed: u.names(allowed),
    conditional: u.names(andNot(allowed, unconditional)),
    granted_by,
    removed_by_deny: u.names(removed),
    denied_by,
    denies_not_applied,
  };
}

/** An Allow statement that grants every action of one or more Amazon Q services on Resource "*" without a Condition. */
export interface QWildcardGrant {
  statement: Statement;
  index: number;
  services: QService[];
  /** The Action patterns that match every action of one of those services; for NotAction, the NotAction list. */
  patterns: string[];
}

/**
 * The statements of a policy that grant, on Resource "*" and without a Condition, every action
 * of a Q service (q, qbusiness, qapps, codewhisperer), judged against the service's real action
 * list: an Action pattern that matches every one of its actions (`*`, `q*:*`, `qbusiness:*`), or a
 * NotAction list that matches none of them (the service is left out, so all of it is granted).
 */
/** Per Q service (Q_SERVICES order), how many actions the catalogue has; the catalogue does not change while the process runs. */
let qTotals: readonly number[] | undefined;

/** Per pattern, the Q services (bit i = Q_SERVICES[i]) it touches (matches some action of) and those it matches whole. */
const qMasks = new Map<string, { touched: number; whole: number }>();

function qMask(pattern: string, totals: readonly number[]): { touched: number; whole: number } {
  let m = qMasks.get(pattern);
  if (m) return m;
  const counts = qServiceMatchCounts(pattern);
  let touched = 0;
  let whole = 0;
  for (let i = 0; i < totals.length; i++) {
    if (counts[i] > 0) {
      touched |= 1 << i;
      if (counts[i] === totals[i]) whole |= 1 << i;
    }
  }
  qMasks.set(pattern, (m = { touched, whole }));
  return m;
}

export function qWildcardGrants(document: unknown): readonly QWildcardGrant[] {
  let out: QWildcardGrant[] | null = null;
  const totals = (qTotals ??= Q_SERVICES.map((s) => serviceActions(s).length));
  const list = statements(document);
  for (let index = 0; index < list.length; index++) {
    const statement = list[index];
    if (statement.effect !== 'Allow' || statement.condition !== null || !coversAllResources(statement)) continue;
    // Bit i set: Q_SERVICES[i] is granted whole.
    let whole = 0;
    let patterns: string[] | null = null;
    if (statement.actions !== null) {
      for (const p of statement.actions) {
        const mine = qMask(p, totals).whole;
        if (mine !== 0) {
          whole |= mine;
          (patterns ??= []).push(p);
        }
      }
    } else if (statement.notActions !== null) {
      let touched = 0;
      for (const p of statement.notActions) touched |= qMask(p, totals).touched;
      for (let i = 0; i < totals.length; i++) if ((touched & (1 << i)) === 0 && totals[i] > 0) whole |= 1 << i;
      if (whole !== 0) patterns = [...statement.notActions];
    }
    if (whole !== 0) (out ??= []).push({ statement, index, services: Q_SERVICES.filter((_s, i) => (whole & (1 << i)) !== 0), patterns: patterns ?? [] });
  }
  // Most policies grant no Q service whole: they share one empty answer.
  return out ?? NO_GRANTS;
}

const NO_GRANTS: readonly QWildcardGrant[] = Object.freeze([]);
