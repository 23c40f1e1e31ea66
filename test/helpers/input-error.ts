// Assertions for bad-input tests: the InputError a call throws, and the line a needle sits on
// (so a test names the expected file:line by content instead of a hard-coded number).
import assert from 'node:assert/strict';
import { InputError } from '../../runner/util/yaml-file.js';

/** The InputError `fn` throws; any other outcome (another error, or none) fails the test. */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof InputError, `expected an InputError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected an InputError, nothing was thrown');
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, `'${needle}' not in text`);
  return text.slice(0, i).split('\n').length;
}
