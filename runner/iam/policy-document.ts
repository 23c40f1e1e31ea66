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
}

function strings(v: unknown): string[] | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string') return [v];
  // The document's own list when it holds only strings (the usual case): no copy per statement.
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? (v as string[]) : v.filter((x): x is string => typeof x === 'string');
  return null;
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
    const effect = st.Effect === 'Deny' ? 'Deny' : st.Effect === 'Allow' ? 'Allow' : null;
    if (!effect) continue;
    const condition = st.Condition && typeof st.Condition === 'object' && Object.keys(st.Condition).length > 0 ? (st.Condition as Record<string, unknown>) : null;
    out.push({
      sid: typeof st.Sid === 'string' ? st.Sid : null,
      effect,
      actions: strings(st.Action),
      notActions: strings(st.NotAction),
      resources: strings(st.Resource),
      notResources: strings(st.NotResource),
      condition,
      principal: st.Principal ?? null,
      notPrincipal: st.NotPrincipal ?? null,
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

/** `*` and `*:*` both mean every action of every service. */
export function isAllActions(pattern: string): boolean {
  return pattern === '*' || pattern === '*:*';
}

/** True when the statement applies to every resource (`Resource: "*"`). */
export function coversAllResources(s: Statement): boolean {
  return s.resources !== null && s.resources.includes('*');
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
