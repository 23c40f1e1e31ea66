// Reading JSON input files (snapshots, findings files) with errors that name the file and line:
// a syntax error at its position, a schema error at the line of the offending field.
import { readFileSync } from 'node:fs';
import { jsonErrorOffset } from './json-error-position.js';
import { schemaValidator } from './schemas.js';
import { InputError, parseYaml, schemaErrors } from './yaml-file.js';

export function readTextFile(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(file, null, `cannot read ${what}: ${(e as Error).message}`);
  }
}

/**
 * Parses `text` and validates it against check-metadata/<schema>.schema.json. `foreign` is the
 * message for a document that fails the schema without a more precise error.
 */
export function parseJsonDocument(text: string, file: string, schema: string, foreign: (firstError: string) => string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const offset = jsonErrorOffset(text);
    const line = offset === null ? null : text.slice(0, offset).split('\n').length;
    // V8's message may quote a multi-line excerpt of the file; the first line says what is wrong.
    throw new InputError(file, line, `not valid JSON: ${(e as Error).message.split('\n')[0]}`);
  }
  const validate = schemaValidator(schema);
  if (!validate(value)) {
    // Only on failure: re-read the text with positions kept to name the offending line.
    let first: InputError | undefined;
    try {
      [first] = schemaErrors(parseYaml(file, text), validate.errors ?? []);
    } catch {
      // the schema error matters more than its line
    }
    throw first ?? new InputError(file, null, foreign(validate.errors?.[0]?.message ?? 'invalid'));
  }
  return value;
}
