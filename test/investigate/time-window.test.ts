import assert from 'node:assert/strict';
import { UsageError } from '../../runner/cli/io.js';
import { parseDuration, parseInstant, resolveWindows } from '../../runner/investigate/time-window.js';

const NOW = new Date('2026-12-01T12:00:00Z');

describe('investigation time window', () => {
  it('reads durations back from now and ISO-8601 times (zone-less times as UTC)', () => {
    assert.equal(parseDuration('7d'), 7 * 86_400_000);
    assert.equal(parseDuration('2w'), 14 * 86_400_000);
    assert.equal(parseDuration('7 days'), null);
    assert.equal(parseInstant('--start', '12h', NOW), Date.parse('2026-12-01T00:00:00Z'));
    assert.equal(parseInstant('--start', '2026-11-24', NOW), Date.parse('2026-11-24T00:00:00Z'));
    assert.equal(parseInstant('--start', '2026-11-24T08:30', NOW), Date.parse('2026-11-24T08:30:00Z'));
    assert.equal(parseInstant('--start', '2026-11-24T08:30:00+02:00', NOW), Date.parse('2026-11-24T06:30:00Z'));
  });

  it('names the flag and the value it cannot read', () => {
    assert.throws(() => parseInstant('--end', 'last tuesday', NOW), (e: unknown) => e instanceof UsageError && /--end 'last tuesday'/.test(e.message));
    assert.throws(() => parseInstant('--start', '2026-13-45', NOW), UsageError);
  });

  it('defaults to the last 7 days and puts the baseline right before the window', () => {
    const w = resolveWindows({ baseline: '30d' }, NOW);
    assert.deepEqual(w.window, { start: NOW.getTime() - 7 * 86_400_000, end: NOW.getTime() });
    assert.deepEqual(w.baseline, { start: w.window.start - 30 * 86_400_000, end: w.window.start });
    assert.equal(resolveWindows({}, NOW).baseline, null);
  });

  it('refuses an empty window and a baseline that is not a duration', () => {
    assert.throws(() => resolveWindows({ start: '1d', end: '2d' }, NOW), /must be before --end/);
    assert.throws(() => resolveWindows({ baseline: '2026-11-01' }, NOW), /--baseline '2026-11-01' must be a duration/);
    assert.throws(() => resolveWindows({ baseline: '0d' }, NOW), UsageError);
  });
});
