// Normalises IAM policy documents: a single statement or a list, string or list actions and
// resources, Action or NotAction, Resource or NotResource. Everything that reads policies
// goes through here, so the rules of the IAM policy language are applied in one place.

export interface Statement {
  sid: string | null;
  effect: 'Allow' | 'Deny';
  /** Exactly one of actions / notActions is set. */
  actions: string[] | null;
  notActions: string[] | null;
  resources: string[] | null;
  notResources: string[] | null;
  /** The raw Condition block, or null when absent or empty. */
  condition: Record<string, unknown> | null;
  principal: unknown;
  notPrincipal: unknown;
  /** `resources` includes "*" (see coversAllResources). */
  allResources: boolean;
  /**
   * The first characters of the Action (else NotAction) patterns, one bit each (initialBit): an
   * analysis can tell that no pattern of the statement can match its actions without reading
   * the patterns again (see ActionUniverse.statementBits).
   */
  actionInitials: number;
}

/** The bit initialBit gives a pattern that does not start with an ASCII letter (a wildcard, a digit, …). */
export const OTHER_INITIAL = 1 << 26;

/**
 * One bit per first character of an action or pattern: bits 0–25 for the letters a–z in either
 * case (IAM compares actions case-insensitively), OTHER_INITIAL for anything else.
 */
export function initialBit(s: string): number {
  let c = s.charCodeAt(0);
  if (c >= 65 && c <= 90) c += 32;
  return c >= 97 && c <= 122 ? 1 << (c - 97) : OTHER_INITIAL;
}

function strings(v: unknown): string[] | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) {
    // The document's own list when it holds only strings (the usual case): no copy per statement.
    for (let i = 0; i < v.length; i++) {
      if (typeof v[i] !== 'string') return v.filter((x): x is string => typeof x === 'string');
    }
    return v as string[];
  }
  return null;
}

function initials(patterns: readonly string[] | null): number {
  let bits = 0;
  if (patterns !== null) for (let i = 0; i < patterns.length; i++) bits |= initialBit(patterns[i]);
  return bits;
}

/** True when the object has an own enumerable key (as `Object.keys(o).length > 0`, without the array). */
function hasKeys(o: object): boolean {
  for (const k in o) if (Object.prototype.hasOwnProperty.call(o, k)) return true;
  return false;
}

// Documents are snapshot data, never changed after collection: several checks read the same
// policy (full admin, Q wildcards, each principal holding it), so it is normalised once.
const normalised = new WeakMap<object, readonly Statement[]>();

/** Parses a document given as an object or a JSON string; invalid documents yield no statements. */
export function statements(document: unknown): readonly Statement[] {
  if (typeof document !== 'object' || document === null) return parseStatements(document);
  let out = normalised.get(document);
  if (!out) normalised.set(document, (out = parseStatements(document)));
  return out;
}

function parseStatements(document: unknown): Statement[] {
  let doc = document;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      return [];
    }
  }
  if (!doc || typeof doc !== 'object') return [];
  const raw = (doc as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const out: Statement[] = [];
  for (const s of list) {
    if (!s || typeof s !== 'object') continue;
    const st = s as Record<string, unknown>;
    // The statement's elements, in one pass over its keys: statements come in many key orders and
    // sets, and a read of each element by name, present or not, is a slow lookup for most of them.
    let Effect, Sid, Action, NotAction, Resource, NotResource, Condition, Principal, NotPrincipal;
    for (const key in st) {
      switch (key) {
        case 'Effect': Effect = st[key]; break;
        case 'Sid': Sid = st[key]; break;
        case 'Action': Action = st[key]; break;
        case 'NotAction': NotAction = st[key]; break;
        case 'Resource': Resource = st[key]; break;
        case 'NotResource': NotResource = st[key]; break;
        case 'Condition': Condition = st[key]; break;
        case 'Principal': Principal = st[key]; break;
        case 'NotPrincipal': NotPrincipal = st[key]; break;
      }
    }
    const effect = Effect === 'Deny' ? 'Deny' : Effect === 'Allow' ? 'Allow' : null;
    if (!effect) continue;
    const condition = Condition && typeof Condition === 'object' && hasKeys(Condition) ? (Condition as Record<string, unknown>) : null;
    const actions = strings(Action);
    const notActions = strings(NotAction);
    const resources = strings(Resource);
    out.push({
      sid: typeof Sid === 'string' ? Sid : null,
      effect,
      actions,
      notActions,
      resources,
      notResources: strings(NotResource),
      condition,
      principal: Principal ?? null,
      notPrincipal: NotPrincipal ?? null,
      // Worked out while the strings are at hand: later readers need not touch them again.
      allResources: resources !== null && resources.includes('*'),
      actionInitials: initials(actions ?? notActions),
    });
  }
  return out;
}

/** The condition keys a statement tests, lower-cased (`aws:sourcearn`), whatever the operator. */
export function conditionKeys(s: Statement): string[] {
  if (!s.condition) return [];
  const keys: string[] = [];
  for (const block of Object.values(s.condition)) {
    if (block && typeof block === 'object' && !Array.isArray(block)) keys.push(...Object.keys(block).map((k) => k.toLowerCase()));
  }
  return keys;
}

/** The principals of a `Principal` or `NotPrincipal` element, by type; `"*"` becomes `{ AWS: ["*"] }` (AWS treats the two alike). */
export interface PrincipalEntries {
  AWS: string[];
  Service: string[];
  Federated: string[];
  CanonicalUser: string[];
}

export function principalEntries(element: unknown): PrincipalEntries {
  const out: PrincipalEntries = { AWS: [], Service: [], Federated: [], CanonicalUser: [] };
  if (element === '*') out.AWS.push('*');
  else if (element && typeof element === 'object' && !Array.isArray(element)) {
    for (const [type, value] of Object.entries(element as Record<string, unknown>)) {
      const list = strings(value) ?? [];
      if (type === 'AWS' || type === 'Service' || type === 'Federated' || type === 'CanonicalUser') out[type].push(...list);
    }
  }
  return out;
}

/**
 * The principals of one type in a `Principal` or `NotPrincipal` element: principalEntries(element)[type],
 * without making the other lists. Do not modify the result (it may be the document's own list).
 */
export function principalsOfType(element: unknown, type: keyof PrincipalEntries): readonly string[] {
  if (element === '*') return type === 'AWS' ? ['*'] : [];
  if (element && typeof element === 'object' && !Array.isArray(element) && Object.prototype.propertyIsEnumerable.call(element, type)) {
    return strings((element as Record<string, unknown>)[type]) ?? [];
  }
  return [];
}

/** `*` and `*:*` both mean every action of every service. */
export function isAllActions(pattern: string): boolean {
  return pattern === '*' || pattern === '*:*';
}

/** True when the statement applies to every resource (`Resource: "*"`). */
export function coversAllResources(s: Statement): boolean {
  return s.allResources;
}

/** A short description of a statement for evidence. */
export function describeStatement(s: Statement): Record<string, unknown> {
  const out: Record<string, unknown> = { effect: s.effect };
  if (s.sid) out.sid = s.sid;
  if (s.actions) out.action = s.actions;
  if (s.notActions) out.not_action = s.notActions;
  if (s.resources) out.resource = s.resources;
  if (s.notResources) out.not_resource = s.notResources;
  if (s.condition) out.condition = s.condition;
  return out;
}
