// Reading a native findings file (`qready diff OLD NEW`, `scan --baseline OLD`). A corrupt or
// foreign file is an InputError naming the file and the line, never a crash halfway through a diff.
import { readFileSync } from 'node:fs';
import type { ScanResult } from '../findings/finding.js';
import { parseJsonDocument, readTextFile } from '../util/json-file.js';
import { InputError, parseYaml } from '../util/yaml-file.js';

/** Which file each loaded result came from, so that later errors (a diff across accounts) can name it. */
const sources = new WeakMap<ScanResult, string>();

export function loadFindingsFile(file: string): ScanResult {
  const text = readTextFile(file, 'findings file');
  const result = parseFindingsText(text, file);
  sources.set(result, file);
  return result;
}

/** As loadFindingsFile, from text (`file` names it in messages). */
export function parseFindingsText(text: string, file: string): ScanResult {
  const value = parseJsonDocument(text, file, 'finding', (first) => `not a qready findings file (expected "schema": "qready.findings/v1"): ${first}`);
  const result = value as ScanResult;
  const seen = new Map<string, number>();
  result.findings.forEach((f, i) => {
    const first = seen.get(f.id);
    if (first !== undefined) {
      const line = locator(file, text)?.lineOf(['findings', i, 'id']) ?? null;
      throw new InputError(file, line, `findings.${i}.id: duplicate finding id ${f.id} (first at findings.${first}); a diff matches findings by id`);
    }
    seen.set(f.id, i);
  });
  for (const f of result.findings) {
    if (f.account_id !== result.scan.account_id) {
      const i = result.findings.indexOf(f);
      const line = locator(file, text)?.lineOf(['findings', i, 'account_id']) ?? null;
      throw new InputError(file, line, `findings.${i}.account_id: ${f.account_id} is not the scanned account ${result.scan.account_id}`);
    }
  }
  return result;
}


function locator(file: string, text: string): ReturnType<typeof parseYaml> | null {
  try {
    return parseYaml(file, text);
  } catch {
    return null; // the error being reported matters more than its line
  }
}

/** The file a result was loaded from, when it was loaded by loadFindingsFile. */
export function sourceFileOf(result: ScanResult): string | undefined {
  return sources.get(result);
}

/** The file a result was loaded from and the line of a field in it, when known. */
export function sourceOf(result: ScanResult, keys: readonly (string | number)[]): { file: string; line: number | null } | null {
  const file = sources.get(result);
  if (file === undefined) return null;
  try {
    return { file, line: locator(file, readFileSync(file, 'utf8'))?.lineOf(keys) ?? null };
  } catch {
    return { file, line: null };
  }
}
