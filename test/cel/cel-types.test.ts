// The CEL values of view items: fields read from the JSON object on first use, what is converted
// kept on the instance, and what JSON.stringify of an instance shows (a message placeholder that
// names a whole object prints it).
import assert from 'node:assert/strict';
import { celTypes, checkEnvironment } from '../../runner/cel/environment.js';
import { compileFastPath, UNSUPPORTED } from '../../runner/cel/fast-path.js';
import { isoDate } from '../../runner/cel/functions.js';
import { formatCelValue } from '../../runner/checks/template.js';
import { userRow } from '../helpers/iam-fixtures.js';

type Fields = Record<string, unknown>;
const read = (instance: object, field: string): unknown => (instance as Fields)[field];

describe('CEL item values', () => {
  const userPolicies = (): object =>
    celTypes.convert('UserPolicies', { user: 'alice', arn: 'arn:aws:iam::111122223333:user/alice', groups: ['admins'], attached_policies: ['arn:p1'], inline_policies: ['inline-1'] });

  it('shows, in JSON, the lists read so far in the order they were first read (nothing before)', () => {
    const item = userPolicies();
    assert.equal(JSON.stringify(item), '{}');
    read(item, 'inline_policies');
    read(item, 'user'); // a string field is never shown
    read(item, 'attached_policies');
    read(item, 'inline_policies'); // a second read keeps the first position
    assert.equal(JSON.stringify(item), '{"inline_policies":["inline-1"],"attached_policies":["arn:p1"]}');
    assert.deepEqual(Object.keys(item), [], 'kept values are not own keys');
    assert.equal(formatCelValue(item), '{"inline_policies":["inline-1"],"attached_policies":["arn:p1"]}');
  });

  it('nests: a list of objects shows each object as read so far', () => {
    const item = celTypes.convert('UserMfa', { user: 'a', arn: 'arn:a', password_enabled: true, mfa_active: true, devices: [{ serial_number: 'S1', virtual: false }] });
    const devices = read(item, 'devices') as object[];
    assert.equal(read(devices[0], 'serial_number'), 'S1');
    assert.equal(JSON.stringify(item), '{"devices":[{}]}');
    assert.equal(formatCelValue(devices), '{}');
  });

  it('converts a timestamp or an int once and gives the same value on every read', () => {
    const key = celTypes.convert('AccessKey', { user: 'a', arn: 'arn:a', key: 'access_key_1', last_rotated: '2026-01-02T03:04:05.000Z', last_used_date: null, last_used_region: null, last_used_service: null });
    const first = read(key, 'last_rotated');
    assert.ok(first instanceof Date);
    assert.equal(first.toISOString(), '2026-01-02T03:04:05.000Z');
    assert.equal(read(key, 'last_rotated'), first);
    assert.equal(read(key, 'last_used_date'), undefined);
    const policy = celTypes.convert('CustomPolicy', { kind: 'managed', name: 'p', arn: 'arn:p', principal: null, attachment_count: 3, document: {} });
    assert.equal(read(policy, 'attachment_count'), 3n);
    assert.equal(read(policy, 'attachment_count'), read(policy, 'attachment_count'));
  });

  it('reports a wrong value on every read, and keeps nothing for it', () => {
    const key = celTypes.convert('AccessKey', { user: 'a', arn: 'arn:a', key: 'k', last_rotated: 'yesterday', last_used_date: null, last_used_region: null, last_used_service: null });
    for (let i = 0; i < 2; i++) assert.throws(() => read(key, 'last_rotated'), { name: 'TypeError', message: 'AccessKey.last_rotated: expected ISO timestamp, got string' });
    const user = celTypes.convert('UserPolicies', { user: 7, arn: 'arn:a', groups: [], attached_policies: ['ok', 3], inline_policies: [] });
    assert.throws(() => read(user, 'user'), { message: 'UserPolicies.user: expected string, got number' });
    for (let i = 0; i < 2; i++) assert.throws(() => read(user, 'attached_policies'), { message: 'UserPolicies.attached_policies[]: expected string, got number' });
    assert.equal(JSON.stringify(user), '{}');
  });

  it('gives a list of strings as the JSON list itself, and a list of objects as new values', () => {
    const groups = ['g1', 'g2'];
    const user = celTypes.convert('UserPolicies', { user: 'a', arn: 'arn:a', groups, attached_policies: [], inline_policies: [] });
    assert.equal(read(user, 'groups'), groups);
    assert.deepEqual(groups, ['g1', 'g2'], 'the JSON list is not changed');
    const devices = [{ serial_number: 'S1', virtual: true }];
    const mfa = celTypes.convert('UserMfa', { user: 'a', arn: 'arn:a', password_enabled: true, mfa_active: true, devices });
    const converted = read(mfa, 'devices') as object[];
    assert.notEqual(converted, devices);
    assert.equal(read(mfa, 'devices'), converted, 'kept after the first read');
  });

  it('keeps the fields of types with fields of the same name apart', () => {
    const key = celTypes.convert('AccessKey', { user: 'key-user', arn: 'arn:k', key: 'k', last_rotated: null, last_used_date: null, last_used_region: null, last_used_service: null });
    const user = celTypes.convert('UserPolicies', { user: 'policy-user', arn: 'arn:u', groups: [], attached_policies: [], inline_policies: [] });
    for (let i = 0; i < 3; i++) {
      assert.equal(read(key, 'user'), 'key-user');
      assert.equal(read(user, 'user'), 'policy-user');
    }
    assert.equal(key.constructor.name, 'AccessKey');
    assert.equal(user.constructor.name, 'UserPolicies');
  });
});

describe('isoDate', () => {
  it('is toISOString().slice(0, 10) for every date, and throws as it does for an invalid one', () => {
    const times = [0, -1, 1, Date.UTC(2026, 10, 30, 23, 59, 59, 999), Date.UTC(2024, 1, 29), Date.UTC(999, 0, 1), Date.UTC(99, 11, 31), Date.UTC(9999, 11, 31, 23, 59, 59, 999), Date.UTC(10000, 0, 1), Date.UTC(-1, 0, 1), 8.64e15, -8.64e15];
    for (let t = -8.6e15; t < 8.6e15; t += 1.37e13) times.push(t);
    for (const t of times) assert.equal(isoDate(new Date(t)), new Date(t).toISOString().slice(0, 10), String(t));
    assert.throws(() => isoDate(new Date(NaN)), RangeError);
  });
});

describe('CEL fast path function calls', () => {
  const { env } = checkEnvironment('fast_path_call_order', 'CredentialReportRow', {});
  const row = celTypes.convert('CredentialReportRow', userRow('alice', { user_creation_time: '2026-01-01T00:00:00.000Z', password_last_used: null }));
  // `now` that is not a timestamp: an argument of a type the fast path leaves to cel-js.
  const vars = { item: row, params: {}, now: 'not a timestamp' };

  it('evaluates every argument before it checks their types: an error in a later one is the error', () => {
    const fast = compileFastPath(env.parse('age_days(now, item.password_last_used) > 1').ast);
    assert.ok(fast);
    assert.throws(() => fast({ ...vars }), (e: unknown) => e instanceof Error && /No such key: password_last_used/.test(e.message));
  });

  it('gives UNSUPPORTED when an argument is of a type it does not handle', () => {
    const fast = compileFastPath(env.parse('age_days(now, item.user_creation_time) > 1').ast);
    assert.ok(fast);
    assert.throws(() => fast({ ...vars }), (e: unknown) => e === UNSUPPORTED);
  });
});
