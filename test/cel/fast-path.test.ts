// The fast path must give exactly what cel-js gives: the same value, or an error where cel-js
// errs. Each expression runs through both on items with present, absent and edge-case fields.
import assert from 'node:assert/strict';
import { celTypes, checkEnvironment } from '../../runner/cel/environment.js';
import { compileFastPath, UNSUPPORTED } from '../../runner/cel/fast-path.js';
import { parseTimestamp } from '../../runner/cel/cel-types.js';
import { userRow } from '../helpers/iam-fixtures.js';

type Outcome = { value: unknown } | { error: true };

function outcome(fn: () => unknown): Outcome {
  try {
    return { value: fn() };
  } catch {
    return { error: true };
  }
}

const { env: rowEnv, paramsType } = checkEnvironment('fast_path_rows', 'CredentialReportRow', { days: 45, name: 'alice', ratio: 1.5 });
const params = celTypes.convert(paramsType, { days: 45, name: 'alice', ratio: 1.5 });
const now = new Date('2026-11-30T12:00:00.000Z');

const rows = [
  userRow('alice', { password_enabled: true, mfa_active: true, password_last_used: '2026-11-01T00:00:00.000Z', access_key_1_active: true }),
  userRow('bob', { password_enabled: false, password_last_used: null, access_key_2_active: true, access_key_2_last_rotated: '2020-01-01T00:00:00.000Z' }),
  userRow('ünï, cödé', { password_enabled: null, user_creation_time: null, password_last_changed: '2026-11-29T00:00:00.000Z' }),
].map((r) => celTypes.convert('CredentialReportRow', r));

const ROW_EXPRESSIONS = [
  'item.mfa_active',
  '!item.mfa_active',
  'item.password_enabled',
  'has(item.password_enabled) && item.password_enabled',
  'item.password_enabled && has(item.password_enabled)',
  'item.password_enabled || item.mfa_active',
  'item.mfa_active || item.password_enabled',
  '!(item.access_key_1_active && item.access_key_2_active)',
  'has(item.password_last_used) ? older_than_days(item.password_last_used, now, params.days) : false',
  'older_than_days(item.password_last_used, now, params.days)',
  'age_days(item.access_key_2_last_rotated, now) > 365',
  'date(item.password_last_changed)',
  'item.user + " / " + item.arn',
  'item.user == params.name',
  'item.user != params.name',
  'size(item.user) == 5',
  'size(item.user)',
  'string(params.days) + " days"',
  'params.days >= 45',
  'params.ratio > 1',
  'params.days < params.ratio',
  'params.days + 1 > 3',
  'item.mfa_active == true',
  'item.user_creation_time < now',
  'item.user_creation_time == now',
  'item.mfa_active ? item.user : "none"',
  '[item.user, "x"].join(", ")',
  'mask(item.user)',
  // An error on one side of && / || that the other side decides, or does not.
  'older_than_days(item.password_last_used, now, params.days) || true',
  'older_than_days(item.password_last_used, now, params.days) || false',
  'item.mfa_active && older_than_days(item.password_last_used, now, params.days)',
  'older_than_days(item.password_last_used, now, params.days) && false',
  '!(has(item.password_last_used) && item.password_last_used < now)',
  'size(item.user + "é😀") > 3',
  '(item.mfa_active ? item.user : item.arn) + (item.password_enabled ? "+" : "-")',
];

describe('CEL fast path', () => {
  for (const expr of ROW_EXPRESSIONS) {
    it(`agrees with cel-js: ${expr}`, () => {
      const check = rowEnv.check(expr);
      assert.ok(check.valid, `${expr} should type-check: ${check.error?.message}`);
      const parsed = rowEnv.parse(expr);
      const fast = compileFastPath(parsed.ast);
      for (const item of rows) {
        const vars = { item, params, now };
        const expected = outcome(() => parsed(vars));
        const actual = outcome(() => {
          try {
            return fast ? fast({ ...vars }) : parsed(vars);
          } catch (e) {
            if (e === UNSUPPORTED) return parsed(vars);
            throw e;
          }
        });
        assert.deepEqual(actual, expected, `${expr} on ${String((item as { user?: string }).user)}`);
      }
    });
  }

  it('covers the common forms (so the comparisons above exercise it)', () => {
    for (const expr of ['has(item.password_enabled) && item.password_enabled', 'date(item.password_last_changed)', 'item.user + " / " + item.arn']) {
      assert.ok(compileFastPath(rowEnv.parse(expr).ast), expr);
    }
  });

  const { env: mfaEnv } = checkEnvironment('fast_path_mfa', 'UserMfa', {});
  const mfaItems = [
    { user: 'a', arn: 'arn:a', password_enabled: true, mfa_active: true, devices: [{ serial_number: 'GAHT1', virtual: false }] },
    { user: 'b', arn: 'arn:b', password_enabled: true, mfa_active: true, devices: [{ serial_number: 'arn:mfa/b', virtual: true }, { serial_number: 'arn:mfa/b2', virtual: true }] },
    { user: 'c', arn: 'arn:c', password_enabled: true, mfa_active: false, devices: [] },
  ].map((v) => celTypes.convert('UserMfa', v));
  for (const expr of ['item.devices.exists(d, !d.virtual)', 'item.devices.all(d, d.virtual)', 'item.devices.map(d, d.serial_number).join(", ")', 'size(item.devices.filter(d, d.virtual))', 'item.devices.exists(d, d.serial_number.startsWith("GAHT"))',
    // Nested macros, the inner one reading the outer loop variable.
    'item.devices.exists(d, item.devices.all(e, e.virtual == d.virtual))',
    'item.devices.filter(d, d.virtual).map(d, d.serial_number + "!")',
    'item.devices.map(d, item.devices.filter(e, e.serial_number != d.serial_number).size())']) {
    it(`agrees with cel-js on macros: ${expr}`, () => {
      const parsed = mfaEnv.parse(expr);
      const fast = compileFastPath(parsed.ast);
      for (const item of mfaItems) {
        const vars = { item, params: {}, now };
        const expected = outcome(() => parsed(vars));
        const actual = outcome(() => {
          try {
            return fast ? fast({ ...vars }) : parsed(vars);
          } catch (e) {
            if (e === UNSUPPORTED) return parsed(vars);
            throw e;
          }
        });
        assert.deepEqual(actual, expected, expr);
      }
    });
  }

  it('compiles nested macros and the && / || error rules itself (so the comparisons above exercise it)', () => {
    assert.ok(compileFastPath(mfaEnv.parse('item.devices.exists(d, item.devices.all(e, e.virtual == d.virtual))').ast));
    assert.ok(compileFastPath(rowEnv.parse('older_than_days(item.password_last_used, now, params.days) || true').ast));
  });

  it('leaves what it does not know to cel-js (returns null)', () => {
    for (const expr of ['item.user.startsWith("a")', 'params.days * 2 > 3', 'item.user.matches("^a")']) {
      assert.equal(compileFastPath(rowEnv.parse(expr).ast), null, expr);
    }
  });
});

describe('parseTimestamp', () => {
  it('reads toISOString output exactly and falls back to Date for other forms', () => {
    for (const s of ['2026-11-30T09:00:00.000Z', '2024-02-29T23:59:59.999Z', '1970-01-01T00:00:00.000Z', '2023-02-29T00:00:00.000Z', '2026-11-30T09:00:00Z', '2026-11-30T10:00:00+01:00', '2026-11-30']) {
      assert.equal(parseTimestamp(s).getTime(), new Date(s).getTime(), s);
    }
    assert.ok(Number.isNaN(parseTimestamp('2026-13-01T00:00:00.000Z').getTime()));
    assert.ok(Number.isNaN(parseTimestamp('not a date at all, 24ch').getTime()));
  });
});
