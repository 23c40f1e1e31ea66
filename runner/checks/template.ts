// Message templates: literal text with `{cel expression}` placeholders, e.g.
// "{item.user} can sign in to the console without MFA". Placeholders are compiled and
// type-checked with the check's own CEL environment, so a typo fails at load.

/** Splits a template into literal text and expression sources. `{{` and `}}` are literal braces. */
export function splitTemplate(template: string): { parts: (string | { expr: string })[] } {
  const parts: (string | { expr: string })[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c === '{' && template[i + 1] === '{') {
      text += '{';
      i += 2;
      continue;
    }
    if (c === '}' && template[i + 1] === '}') {
      text += '}';
      i += 2;
      continue;
    }
    if (c === '}') throw new Error(`unmatched '}' at position ${i + 1}`);
    if (c !== '{') {
      text += c;
      i++;
      continue;
    }
    // Scan to the matching close brace, skipping quoted strings and nested braces.
    let depth = 1;
    let j = i + 1;
    let quote: string | null = null;
    for (; j < template.length && depth > 0; j++) {
      const d = template[j];
      if (quote) {
        if (d === '\\') j++;
        else if (d === quote) quote = null;
      } else if (d === '"' || d === "'") quote = d;
      else if (d === '{') depth++;
      else if (d === '}') depth--;
    }
    if (depth !== 0) throw new Error(`unclosed '{' at position ${i + 1}`);
    if (text) parts.push(text);
    text = '';
    const expr = template.slice(i + 1, j - 1).trim();
    if (!expr) throw new Error(`empty placeholder at position ${i + 1}`);
    parts.push({ expr });
    i = j;
  }
  if (text) parts.push(text);
  return { parts };
}

/** How a CEL value reads inside a message. */
export function formatCelValue(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.length ? v.map(formatCelValue).join(', ') : 'none';
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
}
