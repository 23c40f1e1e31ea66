// Personal data and credentials in the free-text fields of Amazon Q Business resources (names,
// descriptions, web-experience texts, tags). Those fields end up in billing and diagnostic logs,
// and in every report qready writes, so a match is only ever shown masked.
import { maskValue } from '../cel/functions.js';

export type SensitiveKind = 'e-mail address' | 'phone number' | 'AWS access key id';

export interface SensitiveMatch {
  kind: SensitiveKind;
  /** The matched text, masked (first and last two characters kept). */
  masked: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** `+` and a country code, then digits with the usual separators (space, dot, hyphen, parentheses, slash). */
const PHONE = /(?<![\w+])\+[1-9][\d\s()./-]{5,22}\d/g;
/** Long-term (AKIA) and temporary (ASIA) access key ids: the prefix and 16 more upper-case letters or digits. */
const ACCESS_KEY = /(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])/g;

/** E.164 numbers have at most 15 digits; fewer than 8 is not a phone number in international format. */
function phoneDigits(text: string): boolean {
  const digits = text.replace(/\D/g, '').length;
  return digits >= 8 && digits <= 15;
}

interface Found {
  kind: SensitiveKind;
  start: number;
  end: number;
  text: string;
}

/**
 * False when the text cannot hold a match: each pattern needs a character most names and tags
 * lack ('@', '+', or AKIA/ASIA), so the regular expressions run only on the few texts that could
 * match (the check reads every name, description and tag of every resource).
 */
export function maySensitive(text: string): boolean {
  // Not a string (snapshot data the collector did not write): as text.includes would, errors included.
  if (typeof text !== 'string') return (text as string).includes('@') || (text as string).includes('AKIA') || (text as string).includes('ASIA') || (text as string).includes('+');
  // One pass over the text, for what those four calls would find.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 64 /* @ */ || c === 43 /* + */) return true;
    if (c === 65 /* A */ && (text.startsWith('KIA', i + 1) || text.startsWith('SIA', i + 1))) return true;
  }
  return false;
}

function findAll(text: string): Found[] {
  if (!maySensitive(text)) return [];
  const mayEmail = text.includes('@');
  const mayKey = text.includes('AKIA') || text.includes('ASIA');
  const mayPhone = text.includes('+');
  const found: Found[] = [];
  const scan = (re: RegExp, kind: SensitiveKind, accept: (m: string) => boolean = () => true): void => {
    for (const m of text.matchAll(re)) {
      if (m.index === undefined || !accept(m[0])) continue;
      const start = m.index;
      const end = start + m[0].length;
      // An e-mail address's digits are not also a phone number, nor its letters a key id.
      if (found.some((f) => start < f.end && end > f.start)) continue;
      found.push({ kind, start, end, text: m[0] });
    }
  };
  if (mayEmail) scan(EMAIL, 'e-mail address');
  if (mayKey) scan(ACCESS_KEY, 'AWS access key id');
  if (mayPhone) scan(PHONE, 'phone number', phoneDigits);
  return found.sort((a, b) => a.start - b.start);
}

/** The matches of a text and the text with them masked, from one scan. */
export function scanSensitive(text: string): { matches: SensitiveMatch[]; redacted: string } {
  const found = findAll(text);
  return { matches: found.map((f) => ({ kind: f.kind, masked: maskValue(f.text) })), redacted: redactFound(text, found) };
}

/** Every e-mail address, international phone number and access key id in the text, masked. */
export function findSensitive(text: string): SensitiveMatch[] {
  return findAll(text).map((f) => ({ kind: f.kind, masked: maskValue(f.text) }));
}

/** The text with each sensitive match replaced by its mask; other text is kept as it is. */
export function redactSensitive(text: string): string {
  return redactFound(text, findAll(text));
}

function redactFound(text: string, found: Found[]): string {
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const f of found) {
    out += text.slice(at, f.start) + maskValue(f.text);
    at = f.end;
  }
  return out + text.slice(at);
}
