// The mutelist: every bad file is an InputError with file:line; globs are anchored (never a
// substring); accounts, regions, tags, exceptions and expiry select as documented; the first
// matching rule gives the reason; a muted finding keeps its status; the rule index agrees with
// the plain definition (ruleMatches) on a large random workload; examples/mutelist.yaml is valid.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { demoSnapshot } from '../../examples/demo-account.js';
import { builtinChecksDir, listCheckFiles, loadChecks } from '../../runner/checks/loader.js';
import { evaluateAccount } from '../../runner/evaluate/evaluate.js';
import { findingId } from '../../runner/findings/finding-id.js';
import type { Finding, JsonValue } from '../../runner/findings/finding.js';
import { compileGlob, globToRegExp, matchesGlob, PatternSet } from '../../runner/mutelist/glob.js';
import { applyMutelist, expiredRuleWarning, findingTags, loadMutelist, parseMutelist, ruleMatches, type Mutelist } from '../../runner/mutelist/mutelist.js';
import { packageRoot } from '../../runner/util/package-root.js';
import { inputError, lineOf } from '../helpers/input-error.js';
import { makeTmp, removeTmp } from '../cli/harness.js';
import { mutelistWorkload } from '../../bench/mutelist-workload.js';

const A1 = '111122223333';
const A2 = '444455556666';
const KNOWN = [
  'iam_root_mfa_enabled',
  'iam_root_hardware_mfa_enabled',
  'iam_user_mfa_enabled_console_access',
  'iam_rotate_access_key_90_days',
  'iam_user_accesskey_unused',
  'iam_no_custom_policy_full_admin',
  'qbusiness_application_logging',
];
const FILE = 'mutelist.yaml';

function finding(check: string, resourceId: string, over: Partial<Finding> & { arn?: string | null; tags?: JsonValue } = {}): Finding {
  const { arn, tags, ...rest } = over;
  const account = rest.account_id ?? A1;
  const region = rest.region ?? 'us-east-1';
  return {
    id: findingId(check, account, region, resourceId),
    check_id: check,
    title: `title of ${check}`,
    status: 'FAIL',
    muted: false,
    mute_reason: null,
    severity: 'high',
    service: check.split('_')[0],
    account_id: account,
    region,
    resource: { type: 'AwsIamUser', id: resourceId, arn: arn !== undefined ? arn : resourceId.startsWith('arn:') ? resourceId : null, name: null },
    message: `${resourceId} fails ${check}`,
    evidence: tags === undefined ? {} : { tags },
    remediation: { text: 'fix it' },
    compliance: {},
    ...rest,
  };
}

const parse = (text: string): Mutelist => parseMutelist(text, FILE, KNOWN);

/** A one-rule mutelist from the YAML lines of the rule (indented under `- `). */
function rule(...lines: string[]): string {
  return `rules:\n${lines.map((l, i) => (i === 0 ? `  - ${l}` : `    ${l}`)).join('\n')}\n`;
}

const BASE = ['accounts: ["*"]', 'checks: ["*"]', 'regions: ["*"]'];

/** Mutes with a mutelist built from text; returns the findings' reasons (null = not muted). */
function mute(text: string, findings: Finding[], now = new Date('2026-06-15T12:00:00Z')): (string | null)[] {
  applyMutelist(findings, parse(text), now);
  return findings.map((f) => (f.muted ? f.mute_reason : null));
}

describe('mutelist', () => {
  describe('bad files → InputError with file and line', () => {
    const cases: { name: string; text: string; line: string | number; detail: RegExp }[] = [
      {
        name: 'an unknown key in a rule (misspelt selector)',
        text: rule(...BASE, 'resource: ["*"]', 'reason: r'),
        line: 'resource:',
        detail: /unknown field 'rules\.0\.resource' \(did you mean 'resources'\?\)/,
      },
      {
        name: 'an unknown top-level key',
        text: `rules: []\nversion: 2\n`,
        line: 'version:',
        detail: /^unknown field 'version'$/,
      },
      {
        name: 'a missing reason',
        text: `# header\n${rule(...BASE, 'resources: ["*"]')}`,
        line: 'accounts:',
        detail: /rules\.0: missing required field 'reason'/,
      },
      {
        name: 'an empty reason',
        text: rule(...BASE, 'resources: ["*"]', 'reason: ""'),
        line: 'reason:',
        detail: /rules\.0\.reason: the reason must not be empty/,
      },
      {
        name: 'a blank reason',
        text: rule(...BASE, 'resources: ["*"]', 'reason: "   "'),
        line: 'reason:',
        detail: /the reason must not be empty/,
      },
      {
        name: 'a day that does not exist',
        text: rule(...BASE, 'resources: ["*"]', 'reason: r', 'expires: 2026-02-30'),
        line: 'expires:',
        detail: /rules\.0\.expires: "2026-02-30" is not a date \(YYYY-MM-DD\)/,
      },
      {
        name: 'a date in another format',
        text: rule(...BASE, 'resources: ["*"]', 'reason: r', 'expires: 30/06/2026'),
        line: 'expires:',
        detail: /"30\/06\/2026" is not a date/,
      },
      {
        name: 'a date without leading zeros',
        text: rule(...BASE, 'resources: ["*"]', 'reason: r', 'expires: 2026-6-1'),
        line: 'expires:',
        detail: /"2026-6-1" is not a date/,
      },
      {
        name: 'a date with a time',
        text: rule(...BASE, 'resources: ["*"]', 'reason: r', 'expires: 2026-06-01T00:00:00Z'),
        line: 'expires:',
        detail: /is not a date/,
      },
      {
        name: 'an account that is not 12 digits',
        text: rule('accounts: ["1111-2222-3333"]', 'checks: ["*"]', 'regions: ["*"]', 'resources: ["*"]', 'reason: r'),
        line: 'accounts:',
        detail: /rules\.0\.accounts\.0: "1111-2222-3333" is not an account id/,
      },
      {
        name: 'an account glob (accounts take ids or "*")',
        text: rule('accounts: ["1111*"]', 'checks: ["*"]', 'regions: ["*"]', 'resources: ["*"]', 'reason: r'),
        line: 'accounts:',
        detail: /is not an account id/,
      },
      {
        name: 'accounts as a string, not a list',
        text: rule('accounts: "*"', 'checks: ["*"]', 'regions: ["*"]', 'resources: ["*"]', 'reason: r'),
        line: 'accounts:',
        detail: /rules\.0\.accounts: must be array/,
      },
      {
        name: 'a check id glob that matches no known check',
        text: `rules:\n  - accounts: ["*"]\n    checks:\n      - iam_root_mfa_enabled\n      - guardduty_*\n    regions: ["*"]\n    resources: ["*"]\n    reason: r\n`,
        line: '- guardduty_*',
        detail: /rules\.0\.checks\.1: 'guardduty_\*' matches no known check/,
      },
      {
        name: 'an unknown exact check id (a typo)',
        text: rule('accounts: ["*"]', 'checks: [iam_root_mfa_enabeld]', 'regions: ["*"]', 'resources: ["*"]', 'reason: r'),
        line: 'checks:',
        detail: /'iam_root_mfa_enabeld' is not a known check id/,
      },
      {
        name: 'an unknown check in an exception',
        text: rule(...BASE, 'resources: ["*"]', 'exceptions:', '  - checks: [nope_*]', 'reason: r'),
        line: '- checks: [nope_*]',
        detail: /rules\.0\.exceptions\.0\.checks\.0: 'nope_\*' matches no known check/,
      },
      {
        name: 'an unknown key in an exception',
        text: rule(...BASE, 'resources: ["*"]', 'exceptions:', '  - resources: ["x"]', '    region: [us-east-1]', 'reason: r'),
        line: 'region:',
        detail: /unknown field 'rules\.0\.exceptions\.0\.region' \(did you mean 'regions'\?\)/,
      },
      {
        name: 'an empty exception',
        text: rule(...BASE, 'resources: ["*"]', 'exceptions:', '  - {}', 'reason: r'),
        line: '- {}',
        detail: /rules\.0\.exceptions\.0: must NOT have fewer than 1 properties/,
      },
      {
        name: 'a region that is not a region name',
        text: rule('accounts: ["*"]', 'checks: ["*"]', 'regions: [us-east1]', 'resources: ["*"]', 'reason: r'),
        line: 'regions:',
        detail: /rules\.0\.regions\.0: "us-east1" is not a region name/,
      },
      {
        name: 'an empty resources list',
        text: rule(...BASE, 'resources: []', 'reason: r'),
        line: 'resources:',
        detail: /rules\.0\.resources: must NOT have fewer than 1 items/,
      },
      {
        name: 'a resource with a trailing space',
        text: rule(...BASE, 'resources: ["arn:aws:iam::111122223333:user/bob "]', 'reason: r'),
        line: 'resources:',
        detail: /leading or trailing spaces/,
      },
      {
        name: 'a regular expression where a glob belongs',
        text: rule(...BASE, 'resources: ["arn:aws:iam::.*:user/ci-.*"]', 'reason: r'),
        line: 'resources:',
        detail: /rules\.0\.resources\.0: 'arn:aws:iam::\.\*:user\/ci-\.\*' looks like a regular expression/,
      },
      {
        name: 'an anchored regular expression',
        text: rule(...BASE, 'resources: ["^arn:aws:s3:::logs$"]', 'reason: r'),
        line: 'resources:',
        detail: /looks like a regular expression \('\^' or '\$' anchor\)/,
      },
      {
        name: 'a tag value that is not a string',
        text: rule(...BASE, 'resources: ["*"]', 'tags:', '  CostCenter: 1234', 'reason: r'),
        line: 'CostCenter:',
        detail: /rules\.0\.tags\.CostCenter: must be string/,
      },
      {
        name: 'a list at the top instead of rules:',
        text: `- accounts: ["*"]\n  reason: r\n`,
        line: 1,
        detail: /\(top level\): must be object/,
      },
      {
        name: 'an empty file',
        text: '# nothing yet\n',
        line: 1,
        detail: /the mutelist is empty/,
      },
      {
        name: 'invalid YAML',
        text: `rules:\n  - accounts: ["*"\n    reason: r\n`,
        line: 3,
        detail: /invalid YAML/,
      },
      {
        name: 'the second of two rules is wrong → its line, not the first rule',
        text: `${rule(...BASE, 'resources: ["*"]', 'reason: fine')}  - accounts: ["*"]\n    checks: ["*"]\n    regions: ["*"]\n    resources: ["*"]\n    reason: r\n    expire: 2026-01-01\n`,
        line: 'expire:',
        detail: /unknown field 'rules\.1\.expire' \(did you mean 'expires'\?\)/,
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const e = inputError(() => parse(c.text));
        assert.equal(e.file, FILE);
        assert.equal(e.line, typeof c.line === 'number' ? c.line : lineOf(c.text, c.line), e.message);
        assert.match(e.detail, c.detail);
        assert.ok(e.message.startsWith(`${FILE}:${e.line}: `), e.message);
      });
    }

    it('loadMutelist names the file it read; a missing file is an InputError naming it', () => {
      const tmp = makeTmp('qready-mutelist-');
      try {
        const file = join(tmp, 'm.yaml');
        writeFileSync(file, rule(...BASE, 'resources: ["*"]', 'reason: ""'));
        const e = inputError(() => loadMutelist(file, KNOWN));
        assert.equal(e.file, file);
        assert.equal(e.line, 6);
        const missing = inputError(() => loadMutelist(join(tmp, 'nope.yaml'), KNOWN));
        assert.equal(missing.file, join(tmp, 'nope.yaml'));
        assert.match(missing.detail, /cannot read file/);
      } finally {
        removeTmp(tmp);
      }
    });

    it('an unquoted YAML date is read as the date string', () => {
      const m = parse(rule(...BASE, 'resources: ["*"]', 'reason: r', 'expires: 2026-06-30'));
      assert.equal(m.rules[0].expires, '2026-06-30');
      assert.equal(m.rules[0].expiresAt, Date.parse('2026-07-01T00:00:00Z'));
    });
  });

  describe('globs are anchored', () => {
    const table: [pattern: string, value: string, matches: boolean][] = [
      ['arn:aws:iam::*:user/ci-*', 'arn:aws:iam::111122223333:user/ci-bot', true],
      ['arn:aws:iam::*:user/ci-*', 'arn:aws:iam::111122223333:user/ci-', true],
      // '*' stays within one '/'-separated segment: a sub-resource or a user path is not matched.
      ['arn:aws:iam::*:user/ci-*', 'arn:aws:iam::111122223333:user/ci-bot/access_key_1', false],
      ['arn:aws:iam::*:user/ci-*', 'arn:aws:iam::111122223333:user/team/ci-bot', false],
      ['arn:aws:iam::*:user/ci-**', 'arn:aws:iam::111122223333:user/ci-bot/access_key_1', true],
      ['arn:aws:iam::*:user/**', 'arn:aws:iam::111122223333:user/team/ci-bot', true],
      // Anchored at both ends: no prefix, no suffix, no substring.
      ['arn:aws:iam::*:user/ci-*', 'xarn:aws:iam::1:user/ci-bot', false],
      ['user/ci-*', 'arn:aws:iam::1:user/ci-bot', false],
      ['ci-bot', 'arn:aws:iam::1:user/ci-bot', false],
      ['admin', 'break-glass-admin', false],
      ['admin', 'admin', true],
      ['*admin*', 'break-glass-admin', true],
      ['*admin*', 'admin', true],
      ['*admin*', 'arn:aws:iam::1:policy/admin', false],
      ['**admin*', 'arn:aws:iam::1:policy/admin-x', true],
      ['*admin*', 'BreakGlassAdmin', false], // case-sensitive
      // '?' is one character, not '/'.
      ['access_key_?', 'access_key_1', true],
      ['access_key_?', 'access_key_12', false],
      ['a?b', 'a/b', false],
      // Regular-expression characters stand for themselves.
      ['logs.example', 'logsXexample', false],
      ['logs.example', 'logs.example', true],
      ['a+b(c)[d]{2}|e^$', 'a+b(c)[d]{2}|e^$', true],
      // A lone '*' matches everything, '/' included.
      ['*', 'arn:aws:iam::1:user/team/ci-bot', true],
      ['*', '', true],
      ['iam_*', 'iam_root_mfa_enabled', true],
      ['iam_*', 'xiam_root', false],
      ['eu-*', 'eu-west-1', true],
      ['eu-*', 'us-east-1', false],
    ];
    for (const [pattern, value, expected] of table) {
      it(`${JSON.stringify(pattern)} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(value)}`, () => {
        assert.equal(matchesGlob(pattern, value), expected);
        assert.equal(globToRegExp(pattern).test(value), expected);
        assert.equal(new PatternSet([pattern]).test(value), expected);
      });
    }

    it('the compiled matcher agrees with the regular-expression definition on random patterns and values', () => {
      let seed = 7;
      const r = (n: number): number => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return (seed >>> 8) % n;
      };
      const word = (alphabet: string[], max: number): string => Array.from({ length: r(max + 1) }, () => alphabet[r(alphabet.length)]).join('');
      let matched = 0;
      for (let k = 0; k < 20000; k++) {
        const pattern = word(['a', 'b', '/', ':', '*', '**', '?'], 7);
        const re = globToRegExp(pattern);
        const m = compileGlob(pattern);
        for (let v = 0; v < 12; v++) {
          const value = word(['a', 'b', '/', ':'], 9);
          assert.equal(m(value), re.test(value), `${JSON.stringify(pattern)} on ${JSON.stringify(value)}`);
          if (re.test(value)) matched++;
        }
      }
      assert.ok(matched > 10000, `enough matching pairs (${matched})`);
    });

    it('several stars in one segment cost no backtracking', () => {
      const m = compileGlob('*:*:*:*:*:*:*:*:*:*:*:user/nomatch-*');
      const value = `arn:aws:iam::${'1:'.repeat(2000)}user/other`;
      assert.equal(m(value), false); // exponential for a backtracking matcher; immediate here
    });

    it('a pattern list matches when any pattern matches', () => {
      const set = new PatternSet(['exact', 'a*', '?z']);
      assert.ok(set.test('exact'));
      assert.ok(set.test('abc'));
      assert.ok(set.test('zz'));
      assert.ok(!set.test('exactly'));
      assert.ok(!set.test('b/a'));
    });

    it('a mutelist rule with a user glob mutes the user (and its keys, whose ARN is the user) but not a user in a path', () => {
      const bot = finding('iam_user_mfa_enabled_console_access', 'arn:aws:iam::111122223333:user/ci-bot');
      const key = finding('iam_rotate_access_key_90_days', 'arn:aws:iam::111122223333:user/ci-bot/access_key_1', { arn: 'arn:aws:iam::111122223333:user/ci-bot' });
      const pathed = finding('iam_user_mfa_enabled_console_access', 'arn:aws:iam::111122223333:user/team/ci-bot');
      const other = finding('iam_user_mfa_enabled_console_access', 'arn:aws:iam::111122223333:user/alice');
      assert.deepEqual(mute(rule(...BASE, 'resources: ["arn:aws:iam::*:user/ci-*"]', 'reason: ci'), [bot, key, pathed, other]), ['ci', 'ci', null, null]);
    });

    it('a rule naming only an access key (by resource id) does not mute the user', () => {
      const user = finding('iam_user_mfa_enabled_console_access', 'arn:aws:iam::111122223333:user/ci-bot');
      const key = finding('iam_rotate_access_key_90_days', 'arn:aws:iam::111122223333:user/ci-bot/access_key_1', { arn: 'arn:aws:iam::111122223333:user/ci-bot' });
      assert.deepEqual(mute(rule(...BASE, 'resources: ["arn:aws:iam::111122223333:user/ci-bot/access_key_*"]', 'reason: key'), [user, key]), [null, 'key']);
    });

    it('resources match the resource id too (resources without an ARN)', () => {
      const pp = finding('iam_root_mfa_enabled', `${A2}/password-policy`, { arn: null });
      assert.deepEqual(mute(rule(...BASE, `resources: ["${A2}/password-policy"]`, 'reason: pp'), [pp]), ['pp']);
    });
  });

  describe('selectors', () => {
    it('accounts: a listed account, "*", and not another account', () => {
      const f1 = finding('iam_root_mfa_enabled', A1);
      const f2 = finding('iam_root_mfa_enabled', A2, { account_id: A2 });
      assert.deepEqual(mute(rule(`accounts: ["${A2}"]`, 'checks: ["*"]', 'regions: ["*"]', 'resources: ["*"]', 'reason: sandbox'), [f1, f2]), [null, 'sandbox']);
      assert.deepEqual(mute(rule(...BASE, 'resources: ["*"]', 'reason: all'), [f1, f2]), ['all', 'all']);
    });

    it('regions: names, globs and "*"', () => {
      const fs = ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'].map((region) => finding('qbusiness_application_logging', `app-${region}`, { region }));
      assert.deepEqual(mute(rule('accounts: ["*"]', 'checks: ["*"]', 'regions: [eu-*, us-east-1]', 'resources: ["*"]', 'reason: r'), fs), ['r', 'r', 'r', null]);
      assert.deepEqual(mute(rule('accounts: ["*"]', 'checks: ["*"]', 'regions: [eu-west-1]', 'resources: ["*"]', 'reason: r'), fs), [null, 'r', null, null]);
    });

    it('checks: exact ids and globs', () => {
      const fs = KNOWN.map((c) => finding(c, 'r1'));
      const reasons = mute(rule('accounts: ["*"]', 'checks: [iam_root_*, qbusiness_application_logging]', 'regions: ["*"]', 'resources: ["*"]', 'reason: r'), fs);
      assert.deepEqual(
        KNOWN.filter((_, i) => reasons[i] !== null),
        ['iam_root_mfa_enabled', 'iam_root_hardware_mfa_enabled', 'qbusiness_application_logging'],
      );
    });

    it('tags: every tag must be present with a matching value, in either evidence shape', () => {
      const text = rule(...BASE, 'resources: ["*"]', 'tags:', '  Environment: "sandbox*"', '  Owner: platform', 'reason: tagged');
      const fs = [
        finding('qbusiness_application_logging', 'obj', { tags: { Environment: 'sandbox-2', Owner: 'platform', Other: 'x' } }),
        finding('qbusiness_application_logging', 'list', { tags: [{ Key: 'Environment', Value: 'sandbox' }, { Key: 'Owner', Value: 'platform' }] }),
        finding('qbusiness_application_logging', 'lower', { tags: [{ key: 'Environment', value: 'sandbox' }, { key: 'Owner', value: 'platform' }] }),
        finding('qbusiness_application_logging', 'missing-one', { tags: { Environment: 'sandbox' } }),
        finding('qbusiness_application_logging', 'wrong-value', { tags: { Environment: 'production', Owner: 'platform' } }),
        finding('qbusiness_application_logging', 'value-case', { tags: { Environment: 'Sandbox', Owner: 'platform' } }),
        finding('qbusiness_application_logging', 'key-case', { tags: { environment: 'sandbox', Owner: 'platform' } }),
        finding('qbusiness_application_logging', 'no-tags'),
        finding('qbusiness_application_logging', 'empty-tags', { tags: [] }),
        finding('qbusiness_application_logging', 'not-tags', { tags: 'Environment=sandbox' }),
      ];
      assert.deepEqual(mute(text, fs), ['tagged', 'tagged', 'tagged', null, null, null, null, null, null, null]);
    });

    it('findingTags reads both shapes and ignores what is not a tag', () => {
      assert.deepEqual(findingTags(finding('iam_root_mfa_enabled', 'x', { tags: { a: 'b', n: 3, t: true, o: { x: 1 }, z: null } })), new Map([['a', 'b'], ['n', '3'], ['t', 'true']]));
      assert.deepEqual(findingTags(finding('iam_root_mfa_enabled', 'x', { tags: [{ Key: 'a', Value: 'b' }, { Key: 1, Value: 'c' }, 'junk', null] })), new Map([['a', 'b']]));
      assert.equal(findingTags(finding('iam_root_mfa_enabled', 'x')), null);
    });

    it('exceptions: a finding matching every selector of any exception is not muted by that rule', () => {
      const text = rule(
        ...BASE,
        'resources: ["*"]',
        'exceptions:',
        '  - checks: [iam_root_*]',
        '  - regions: [eu-west-1]',
        '    resources: ["keep-*"]',
        '  - tags: { Critical: "yes" }',
        'reason: r',
      );
      const fs = [
        finding('iam_root_mfa_enabled', 'root'), // exception 1
        finding('qbusiness_application_logging', 'keep-1', { region: 'eu-west-1' }), // exception 2
        finding('qbusiness_application_logging', 'keep-1', { region: 'us-east-1' }), // exception 2 needs both
        finding('qbusiness_application_logging', 'other', { region: 'eu-west-1' }),
        finding('qbusiness_application_logging', 'crit', { tags: { Critical: 'yes' } }), // exception 3
        finding('qbusiness_application_logging', 'not-crit', { tags: { Critical: 'no' } }),
      ];
      assert.deepEqual(mute(text, fs), [null, null, 'r', 'r', null, 'r']);
    });

    it('a finding excepted from one rule can still be muted by a later rule', () => {
      const text = `${rule(...BASE, 'resources: ["*"]', 'exceptions:', '  - resources: [special]', 'reason: broad')}${rule(...BASE, 'resources: [special]', 'reason: narrow').replace('rules:\n', '')}`;
      assert.deepEqual(mute(text, [finding('iam_root_mfa_enabled', 'special'), finding('iam_root_mfa_enabled', 'plain')]), ['narrow', 'broad']);
    });
  });

  describe('expiry (end of the day, UTC)', () => {
    const text = rule(...BASE, 'resources: ["*"]', 'reason: until June', 'expires: "2026-06-30"');
    const at = (iso: string): { reason: string | null; expired: number } => {
      const f = finding('iam_root_mfa_enabled', 'r');
      const m = parse(text);
      const out = applyMutelist([f], m, new Date(iso));
      return { reason: f.muted ? f.mute_reason : null, expired: out.expiredRules.length };
    };

    it('mutes before the date', () => assert.deepEqual(at('2026-06-01T00:00:00Z'), { reason: 'until June', expired: 0 }));
    it('mutes on the date, to its last millisecond', () => {
      assert.deepEqual(at('2026-06-30T00:00:00Z'), { reason: 'until June', expired: 0 });
      assert.deepEqual(at('2026-06-30T23:59:59.999Z'), { reason: 'until June', expired: 0 });
    });
    it('stops muting the next day and is reported as expired', () => {
      assert.deepEqual(at('2026-07-01T00:00:00Z'), { reason: null, expired: 1 });
      assert.deepEqual(at('2027-01-01T00:00:00Z'), { reason: null, expired: 1 });
    });
    it('uses UTC, not the local time zone', () => {
      // 2026-06-30T23:30-02:00 is already 1 July in UTC.
      assert.deepEqual(at('2026-06-30T23:30:00-02:00'), { reason: null, expired: 1 });
    });

    it('reports every expired rule with its index, reason, date and line, even when it matches nothing', () => {
      const two = `# header\n${rule(...BASE, 'resources: [nothing-here]', 'reason: old', 'expires: 2025-01-01')}${rule(...BASE, 'resources: ["*"]', 'reason: current').replace('rules:\n', '')}${rule(...BASE, 'resources: ["*"]', 'reason: older', 'expires: "2024-12-31"').replace('rules:\n', '')}`;
      const m = parse(two);
      const f = finding('iam_root_mfa_enabled', 'r');
      const out = applyMutelist([f], m, new Date('2026-01-01T00:00:00Z'));
      assert.deepEqual(out.expiredRules, [
        { index: 0, reason: 'old', expires: '2025-01-01', line: 3 },
        { index: 2, reason: 'older', expires: '2024-12-31', line: lineOf(two, 'reason: current') + 1 },
      ]);
      assert.equal(f.mute_reason, 'current');
      assert.equal(expiredRuleWarning(m, out.expiredRules[0]), `${FILE}:3: mutelist rule #1 expired after 2025-01-01 (UTC) and no longer mutes findings (reason was: old)`);
    });

    it('an expired rule does not shadow a later rule', () => {
      const two = `${rule(...BASE, 'resources: ["*"]', 'reason: expired', 'expires: 2026-01-01')}${rule(...BASE, 'resources: ["*"]', 'reason: later').replace('rules:\n', '')}`;
      assert.deepEqual(mute(two, [finding('iam_root_mfa_enabled', 'r')], new Date('2026-03-01T00:00:00Z')), ['later']);
      assert.deepEqual(mute(two, [finding('iam_root_mfa_enabled', 'r')], new Date('2025-12-31T00:00:00Z')), ['expired']);
    });
  });

  describe('applying', () => {
    it('the first matching rule gives the reason', () => {
      const text = [
        'rules:',
        '  - { accounts: ["*"], checks: [iam_root_mfa_enabled], regions: ["*"], resources: [a], reason: first }',
        '  - { accounts: ["*"], checks: ["*"], regions: ["*"], resources: ["*"], reason: catch-all }',
        '  - { accounts: ["*"], checks: [iam_root_mfa_enabled], regions: ["*"], resources: [a, b], reason: third }',
      ].join('\n');
      const fs = [finding('iam_root_mfa_enabled', 'a'), finding('iam_root_mfa_enabled', 'b'), finding('qbusiness_application_logging', 'a')];
      assert.deepEqual(mute(text, fs), ['first', 'catch-all', 'catch-all']);
    });

    it('a glob rule before an exact rule wins, and an exact rule before a glob rule wins', () => {
      const globFirst = 'rules:\n  - { accounts: ["*"], checks: ["*"], regions: ["*"], resources: ["a*"], reason: glob }\n  - { accounts: ["*"], checks: ["*"], regions: ["*"], resources: [ab], reason: exact }\n';
      const exactFirst = 'rules:\n  - { accounts: ["*"], checks: ["*"], regions: ["*"], resources: [ab], reason: exact }\n  - { accounts: ["*"], checks: ["*"], regions: ["*"], resources: ["a*"], reason: glob }\n';
      assert.deepEqual(mute(globFirst, [finding('iam_root_mfa_enabled', 'ab')]), ['glob']);
      assert.deepEqual(mute(exactFirst, [finding('iam_root_mfa_enabled', 'ab')]), ['exact']);
    });

    it('keeps the status of every finding, muted or not, and counts the muted', () => {
      const fs = (['FAIL', 'PASS', 'MANUAL', 'ERROR'] as const).map((status) => finding('iam_root_mfa_enabled', `r-${status}`, { status }));
      const other = finding('qbusiness_application_logging', 'x', { status: 'FAIL' });
      const out = applyMutelist([...fs, other], parse(rule('accounts: ["*"]', 'checks: [iam_root_mfa_enabled]', 'regions: ["*"]', 'resources: ["*"]', 'reason: accepted')), new Date());
      assert.equal(out.muted, 4);
      assert.deepEqual(fs.map((f) => [f.status, f.muted, f.mute_reason]), [
        ['FAIL', true, 'accepted'],
        ['PASS', true, 'accepted'],
        ['MANUAL', true, 'accepted'],
        ['ERROR', true, 'accepted'],
      ]);
      assert.deepEqual([other.status, other.muted, other.mute_reason], ['FAIL', false, null]);
    });

    it('applying again with another mutelist replaces the earlier result (unmutes what no longer matches)', () => {
      const f = finding('iam_root_mfa_enabled', 'a');
      mute(rule(...BASE, 'resources: [a]', 'reason: one'), [f]);
      assert.equal(f.mute_reason, 'one');
      mute(rule(...BASE, 'resources: [b]', 'reason: two'), [f]);
      assert.deepEqual([f.muted, f.mute_reason], [false, null]);
    });

    it('a mutelist with no rules mutes nothing', () => {
      const f = finding('iam_root_mfa_enabled', 'a');
      assert.deepEqual(applyMutelist([f], parse('rules: []\n'), new Date()), { expiredRules: [], muted: 0 });
      assert.equal(f.muted, false);
    });

    it('the rule index agrees with the definition (ruleMatches, first rule wins) on a random workload', () => {
      const w = mutelistWorkload(6000, 200);
      const muted = w.run();
      const active = w.mutelist.rules.filter((r) => r.expiresAt === null || w.now.getTime() < r.expiresAt);
      assert.ok(active.length < w.mutelist.rules.length, 'the workload has expired rules');
      let expected = 0;
      for (const f of w.findings) {
        const r = active.find((x) => ruleMatches(x, f));
        assert.equal(f.mute_reason, r ? r.reason : null, `finding ${f.check_id} ${f.region} ${f.resource.id}`);
        assert.equal(f.muted, r !== undefined);
        if (r) expected++;
      }
      assert.equal(muted, expected);
      assert.equal(w.naive(), expected);
      assert.ok(muted > 100 && muted < w.findings.length, `a useful share is muted (${muted})`);
      assert.equal(w.baseline(), 0);
    });
  });

  describe('examples/mutelist.yaml', () => {
    const file = join(packageRoot(), 'examples', 'mutelist.yaml');
    const builtinIds = listCheckFiles(builtinChecksDir()).map((f) => basename(f).replace(/\.ya?ml$/, ''));

    it('loads against the built-in checks', () => {
      const m = loadMutelist(file, builtinIds);
      assert.equal(m.rules.length, 3);
      assert.ok(m.rules.some((r) => r.expires !== null));
      assert.ok(m.rules.some((r) => r.exceptions.length > 0));
    });

    it('on the demo accounts: mutes the CI key and the sandbox, never the sandbox root user', () => {
      const { checks } = loadChecks();
      const snapshot = demoSnapshot();
      const m = loadMutelist(file, checks.map((c) => c.id));
      const findings = snapshot.accounts.flatMap((a) => evaluateAccount(a, checks, { now: new Date(snapshot.collected_at) }));
      const statuses = findings.map((f) => f.status);
      const out = applyMutelist(findings, m, new Date('2026-12-01T00:00:00Z'));
      assert.deepEqual(out.expiredRules, []);
      assert.deepEqual(findings.map((f) => f.status), statuses, 'statuses unchanged');
      const key = findings.find((f) => f.check_id === 'iam_rotate_access_key_90_days' && f.resource.id.endsWith('user/svc-q-ingest/access_key_1'));
      assert.equal(key?.status, 'FAIL');
      assert.equal(key?.muted, true);
      assert.match(key?.mute_reason ?? '', /CI ingestion key/);
      const ingestUser = findings.find((f) => f.check_id === 'iam_policy_attached_only_to_group_or_roles' && f.resource.id === `arn:aws:iam::${A1}:user/svc-q-ingest`);
      assert.equal(ingestUser?.muted, false, 'only the key findings of the CI user are muted');
      const sandbox = findings.filter((f) => f.account_id === A2);
      const root = sandbox.filter((f) => ['iam_root_mfa_enabled', 'iam_root_hardware_mfa_enabled', 'iam_no_root_access_key', 'iam_avoid_root_usage'].includes(f.check_id));
      assert.ok(root.length >= 4 && root.every((f) => !f.muted));
      const sandboxIam = sandbox.filter((f) => f.check_id.startsWith('iam_') && !root.includes(f));
      assert.ok(sandboxIam.length > 0 && sandboxIam.every((f) => f.muted && /Sandbox account/.test(f.mute_reason ?? '')));
      // The rule accepts the sandbox's IAM posture only: its Amazon Q and detection findings still count.
      const sandboxOther = sandbox.filter((f) => !f.check_id.startsWith('iam_'));
      assert.ok(sandboxOther.length > 0 && sandboxOther.every((f) => !f.muted));
      // After the CI key's date, that rule stops muting and is reported.
      const later = applyMutelist(findings, m, new Date('2027-04-01T00:00:00Z'));
      assert.deepEqual(later.expiredRules.map((r) => r.index), [1]);
      assert.equal(key?.muted, false);
    });
  });
});
