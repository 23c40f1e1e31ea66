// Reading and writing snapshot files. A corrupt or foreign file is an input error naming the
// file, the line and the field, never a crash in the middle of evaluation.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomic-write.js';
import { jsonErrorOffset } from '../util/json-error-position.js';
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
    const offset = jsonErrorOffset(text);
    const line = offset === null ? null : text.slice(0, offset).split('\n').length;
    // V8's message may quote a multi-line excerpt of the file; the first line says what is wrong.
    throw new InputError(file, line, `not valid JSON: ${(e as Error).message.split('\n')[0]}`);
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

export function saveSnapshot(snapshot: Snapshot, file: string): void {
  writeFileAtomic(file, JSON.stringify(snapshot));
}
