// The allowlist (`qready investigate --allowlist FILE`, check-metadata/investigate-allowlist.schema.json):
// principals, source IPs, user agents and event names the responder knows to be normal. The
// unknown-activity analysis reports what is not in it. Loading validates the file (schema, then
// the CIDR blocks and principal patterns by code) and reports every problem as an InputError
// with file:line; AllowlistMatcher compiles the lists once for matching.
//
// Globs here are not the mutelist's: `*` matches any run of characters, '/' included, because
// the values matched (assumed-role session ARNs, user agents such as `aws-cli/2.15.0 Python/3.11`)
// carry '/' inside the part people want to leave open.
import { BlockList, isIP } from 'node:net';
import type { ErrorObject } from 'ajv';
import type { Allowlist } from './analyses/analysis.js';
import type { EventPrincipal } from './event.js';
import { schemaValidator } from '../util/schemas.js';
import { earliestError, InputError, jsonPointerKeys, valueAt, parseYaml, readYamlFile, schemaErrors, type YamlFile } from '../util/yaml-file.js';

/** The file as written. */
interface AllowlistDocument {
  principals?: string[];
  source_ips?: string[];
  user_agents?: string[];
  event_names?: string[];
}

const KEYS = ['principals', 'source_ips', 'user_agents', 'event_names'] as const;

export function loadAllowlist(file: string): Allowlist {
  return compileAllowlist(readYamlFile(file));
}

/** As loadAllowlist, from text (`file` names it in messages). */
export function parseAllowlist(text: string, file: string): Allowlist {
  return compileAllowlist(parseYaml(file, text));
}

function compileAllowlist(y: YamlFile): Allowlist {
  const value = y.value;
  const isEmptyMap = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
  if (value === null || value === undefined || isEmptyMap) {
    throw new InputError(y.file, 1, `the allowlist is empty: expected at least one of ${KEYS.join(', ')}`);
  }
  const validate = schemaValidator('investigate-allowlist');
  if (!validate(value)) {
    const errors = allowlistSchemaErrors(y, validate.errors ?? []);
    throw earliestError(errors) ?? new InputError(y.file, 1, 'not a qready allowlist');
  }
  const doc = value as AllowlistDocument;
  const problems: InputError[] = [];
  (doc.source_ips ?? []).forEach((entry, i) => {
    if (!parseIpEntry(entry)) problems.push(new InputError(y.file, y.lineOf(['source_ips', i]), `source_ips.${i}: ${JSON.stringify(entry)} is not an IP address or CIDR block (203.0.113.7, 203.0.113.0/24, 2001:db8::/32)`));
  });
  (doc.principals ?? []).forEach((entry, i) => {
    if (!entry.includes('*') && !PRINCIPAL_PREFIXES.some((p) => entry.startsWith(p))) {
      problems.push(new InputError(y.file, y.lineOf(['principals', i]), `principals.${i}: ${JSON.stringify(entry)} is not an ARN, an identitycenter:<userId> or service:<host> key, or a glob; write the whole ARN (arn:aws:iam::111122223333:user/${entry}) or a glob (*:user/${entry})`));
    }
  });
  const first = earliestError(problems);
  if (first) throw first;
  return {
    principals: doc.principals ?? [],
    sourceIps: doc.source_ips ?? [],
    userAgents: doc.user_agents ?? [],
    eventNames: doc.event_names ?? [],
  };
}

/** How principal keys start (see EventPrincipal.key); anything else without '*' is a mistake. */
const PRINCIPAL_PREFIXES = ['arn:', 'identitycenter:', 'service:'];

/** Schema errors, with pattern failures saying what the field expects. */
function allowlistSchemaErrors(y: YamlFile, errors: ErrorObject[]): InputError[] {
  const out: InputError[] = [];
  for (const e of errors) {
    const keys = jsonPointerKeys(e.instancePath);
    if (e.keyword === 'pattern' && typeof keys[0] === 'string') {
      const shown = JSON.stringify(valueAt(y.value, keys));
      const path = keys.join('.');
      const expects: Record<string, string> = {
        principals: 'is not an ARN or glob (no spaces)',
        source_ips: 'is not an IP address or CIDR block (203.0.113.7, 203.0.113.0/24, 2001:db8::/32)',
        user_agents: 'is empty or has leading or trailing spaces',
        event_names: 'is not an event name (letters and digits, as CloudTrail logs it: "Chat", "GetObject")',
      };
      out.push(new InputError(y.file, y.lineOf(keys), `${path}: ${shown} ${expects[keys[0]] ?? 'is not valid'}`));
    } else out.push(...schemaErrors(y, [e]));
  }
  return out;
}

// ---- matching ------------------------------------------------------------------------------

interface IpEntry {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** An address or CIDR block (`a.b.c.d`, `a.b.c.d/n`, `x::y/n`), or null when it is neither. */
export function parseIpEntry(entry: string): IpEntry | null {
  const slash = entry.indexOf('/');
  const address = slash < 0 ? entry : entry.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  let prefix = max;
  if (slash >= 0) {
    const text = entry.slice(slash + 1);
    if (!/^\d{1,3}$/.test(text)) return null;
    prefix = Number(text);
    if (prefix > max) return null;
  }
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/**
 * A glob whose `*` matches any run of characters ('/' included), anchored at both ends. Taking
 * each middle part at its leftmost position is always right for such globs (a later star can
 * skip whatever an earlier choice left), so matching never backtracks.
 */
export function compileStarGlob(pattern: string): (value: string) => boolean {
  const parts = pattern.split('*');
  if (parts.length === 1) return (value) => value === pattern;
  const head = parts[0];
  const tail = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((p) => p !== '');
  const minLength = head.length + tail.length;
  return (value) => {
    if (value.length < minLength || !value.startsWith(head) || !value.endsWith(tail)) return false;
    let pos = head.length;
    const end = value.length - tail.length;
    for (const part of middle) {
      const at = value.indexOf(part, pos);
      if (at < 0 || at + part.length > end) return false;
      pos = at + part.length;
    }
    return true;
  };
}

/** Exact values in a set, globs compiled once. */
class ValueSet {
  private readonly exact = new Set<string>();
  private readonly globs: ((value: string) => boolean)[] = [];

  constructor(patterns: readonly string[]) {
    for (const p of patterns) {
      if (p.includes('*')) this.globs.push(compileStarGlob(p));
      else this.exact.add(p);
    }
  }

  has(value: string): boolean {
    return this.exact.has(value) || this.globs.some((g) => g(value));
  }
}

/** The allowlist compiled for the unknown-activity analysis. */
export class AllowlistMatcher {
  private readonly principals: ValueSet;
  private readonly ips = new BlockList();
  private readonly userAgentSubstrings: string[] = [];
  private readonly userAgentGlobs: ((value: string) => boolean)[] = [];
  private readonly eventNames: ReadonlySet<string>;

  constructor(list: Allowlist) {
    this.principals = new ValueSet(list.principals);
    for (const entry of list.sourceIps) {
      const ip = parseIpEntry(entry);
      // loadAllowlist has rejected these with file and line; a hand-built list is a programming error.
      if (!ip) throw new Error(`allowlist source IP ${JSON.stringify(entry)} is not an IP address or CIDR block`);
      this.ips.addSubnet(ip.address, ip.prefix, ip.family);
    }
    for (const ua of list.userAgents) {
      if (ua.includes('*')) this.userAgentGlobs.push(compileStarGlob(ua));
      else this.userAgentSubstrings.push(ua);
    }
    this.eventNames = new Set(list.eventNames);
  }

  /** Whether the principal's ARN, role ARN, key or Identity Center user is listed. */
  principal(p: EventPrincipal): boolean {
    const has = (v: string | null): boolean => v !== null && this.principals.has(v);
    return has(p.arn) || has(p.sessionIssuerArn) || has(p.key) || (p.onBehalfOf !== null && has(`identitycenter:${p.onBehalfOf}`));
  }

  /** Whether an address is in a listed block; values that are not addresses never are. */
  sourceIp(ip: string): boolean {
    const version = isIP(ip);
    return version !== 0 && this.ips.check(ip, version === 4 ? 'ipv4' : 'ipv6');
  }

  userAgent(ua: string): boolean {
    return this.userAgentSubstrings.some((s) => ua.includes(s)) || this.userAgentGlobs.some((g) => g(ua));
  }

  /** Whether any of the names (as logged, as the catalogue names it) is listed. */
  eventName(...names: string[]): boolean {
    return names.some((n) => this.eventNames.has(n));
  }
}
