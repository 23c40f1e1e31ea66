// Reading and writing snapshot files. A corrupt or foreign file is an input error naming the
// file, the line and the field, never a crash in the middle of evaluation.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic-write.js';
import { schemaValidator } from '../util/schemas.js';
import { InputError, parseYaml, schemaErrors } from '../util/yaml-file.js';
import type { Snapshot } from './snapshot.js';

export function loadSnapshot(file: string): Snapshot {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, null, `cannot read snapshot: ${(e as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new InputError(file, jsonErrorLine(text, e as Error), `not valid JSON: ${(e as Error).message}`);
  }
  const validate = schemaValidator('snapshot');
  if (!validate(value)) {
    // Only on failure: re-read the text with positions kept to name the offending line.
    const located = parseYaml(file, text);
    const [first] = schemaErrors(located, validate.errors ?? []);
    throw first ?? new InputError(file, null, 'not a qready snapshot');
  }
  return value as Snapshot;
}

/** The line of a JSON.parse error, from the position V8 reports. */
function jsonErrorLine(text: string, e: Error): number | null {
  const m = /position (\d+)/.exec(e.message);
  if (m) return text.slice(0, Number(m[1])).split('\n').length;
  if (/Unexpected end of JSON input/.test(e.message)) return text.split('\n').length;
  return null;
}

export function saveSnapshot(snapshot: Snapshot, file: string): void {
  writeFileAtomic(file, JSON.stringify(snapshot));
}
