// Reads YAML with line numbers kept, so that every validation error can name file:line.
import { readFileSync } from 'node:fs';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { ErrorObject } from 'ajv';

/** A problem in an input file, reported as `file:line: message` and exit code 2. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly detail: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ''}: ${detail}`);
    this.name = 'InputError';
  }
}

/** The error nearest the top of the file: the one to show when a file has several. */
export function earliestError(errors: InputError[]): InputError | undefined {
  let best: InputError | undefined;
  for (const e of errors) if (!best || (e.line ?? Infinity) < (best.line ?? Infinity)) best = e;
  return best;
}

export interface YamlFile {
  file: string;
  value: unknown;
  /** 1-based line of the node at a JSON path (or of its closest existing parent). */
  lineOf(path: readonly (string | number)[]): number;
}

export function parseYaml(file: string, text: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? lineCounter.linePos(e.pos[0]).line;
    throw new InputError(file, line, `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const lineOf = (path: readonly (string | number)[]): number => {
    let node: unknown = doc.contents;
    let line = node && (node as Node).range ? lineCounter.linePos((node as Node).range![0]).line : 1;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => String((p.key as { value?: unknown } | null)?.value ?? p.key) === String(key));
        if (!pair) break;
        const keyNode = pair.key as Node | null;
        if (keyNode?.range) line = lineCounter.linePos(keyNode.range[0]).line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        if ((node as Node | undefined)?.range) line = lineCounter.linePos((node as Node).range![0]).line;
      } else break;
    }
    return line;
  };
  return { file, value: doc.toJS({ maxAliasCount: 100 }), lineOf };
}

/** Reads a YAML file; errors name it as `shown` (a path relative to the working folder). */
export function readYamlFile(file: string, shown = file): YamlFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(shown, null, `cannot read file: ${(e as Error).message}`);
  }
  return parseYaml(shown, text);
}

/** The value at a path of keys (as jsonPointerKeys gives them), or undefined where the path ends. */
export function valueAt(root: unknown, keys: (string | number)[]): unknown {
  let v = root;
  for (const k of keys) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[k];
  }
  return v;
}

/** Splits an ajv instancePath ("/remediation/url", "/caf/0") into keys. */
export function jsonPointerKeys(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

/** One readable line per ajv error, each with the line of the offending field. */
export function schemaErrors(y: YamlFile, errors: ErrorObject[]): InputError[] {
  const out: InputError[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    // oneOf/not branches repeat what the specific errors already say.
    if (e.keyword === 'oneOf' || e.keyword === 'not' || e.keyword === 'anyOf' || e.keyword === 'if') continue;
    // Errors inside oneOf branches are the alternatives not taken; the caller explains the choice.
    if (e.schemaPath.startsWith('#/oneOf/')) continue;
    const keys = jsonPointerKeys(e.instancePath);
    const field = keys.length ? keys.join('.') : '(top level)';
    let detail: string;
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      keys.push(extra);
      detail = `unknown field '${keys.join('.')}'`;
    } else if (e.keyword === 'required') {
      detail = `${field}: missing required field '${(e.params as { missingProperty: string }).missingProperty}'`;
    } else if (e.keyword === 'enum') {
      detail = `${field}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    } else {
      detail = `${field}: ${e.message ?? e.keyword}`;
    }
    if (seen.has(detail)) continue;
    seen.add(detail);
    out.push(new InputError(y.file, y.lineOf(keys), detail));
  }
  return out;
}
