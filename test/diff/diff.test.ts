// Scan diff: every category on crafted scans (including a finding that disappears and one that
// appears), order by severity then check id, refusal to diff two accounts, findings files that
// are corrupt or foreign as InputErrors with file:line, console text, and the atomic JSON output.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonReport } from '../../reports/json-report.js';
import { diffExitCode, diffScans, formatDiff, sameAccount, writeDiffJson } from '../../runner/diff/diff.js';
import type { DiffEntry, ScanDiff } from '../../runner/diff/diff-types.js';
import { loadFindingsFile, parseFindingsText } from '../../runner/diff/findings-file.js';
import { findingId } from '../../runner/findings/finding-id.js';
import type { Finding, ScanResult, Severity, Status } from '../../runner/findings/finding.js';
import { inputError, lineOf } from '../helpers/input-error.js';
import { makeTmp, removeTmp, validateFindingsFile } from '../cli/harness.js';

const ACCOUNT = '111122223333';

function finding(check: string, resource: string, status: Status, opts: { muted?: boolean; severity?: Severity; region?: string; account?: string; message?: string } = {}): Finding {
  const account = opts.account ?? ACCOUNT;
  const region = opts.region ?? 'us-east-1';
  const arn = `arn:aws:iam::${account}:user/${resource}`;
  return {
    id: findingId(check, account, region, arn),
    check_id: check,
    title: `Title of ${check}`,
    status,
    muted: opts.muted ?? false,
    mute_reason: opts.muted ? 'accepted risk' : null,
    severity: opts.severity ?? 'medium',
    service: 'iam',
    account_id: account,
    region,
    resource: { type: 'AwsIamUser', id: arn, arn, name: resource },
    message: opts.message ?? `${resource}: ${status}`,
    evidence: {},
    remediation: { text: 'Fix it.' },
    compliance: {},
  };
}

function scan(findings: Finding[], startedAt: string, account = ACCOUNT, partition = 'aws'): ScanResult {
  return {
    schema: 'qready.findings/v1',
    scan: { id: `scan-${startedAt}`, tool_version: '0.1.0', started_at: startedAt, finished_at: startedAt, account_id: account, partition, regions: ['us-east-1'] },
    findings,
  };
}

const OLD_AT = '2026-11-23T09:00:00.000Z';
const NEW_AT = '2026-11-30T09:00:00.000Z';

/** Every transition once, named by the resource. */
function crafted(): { old: ScanResult; new: ScanResult } {
  const c = 'iam_user_mfa_enabled_console_access';
  const old = [
    finding(c, 'still', 'FAIL'),
    finding(c, 'fixed', 'FAIL'),
    finding(c, 'deleted', 'FAIL', { severity: 'high' }), // disappears
    finding(c, 'muted-now', 'FAIL'),
    finding(c, 'broke', 'PASS', { severity: 'critical' }),
    finding(c, 'mute-ended', 'FAIL', { muted: true }),
    finding(c, 'lost-permission', 'FAIL'),
    finding(c, 'was-error', 'ERROR'),
    finding(c, 'fine', 'PASS'),
    finding(c, 'was-muted-pass', 'PASS', { muted: true }),
    finding(c, 'gone-pass', 'PASS'),
    finding(c, 'muted-still', 'FAIL', { muted: true }),
  ];
  const now = [
    finding(c, 'still', 'FAIL', { message: 'still: FAIL (new message)' }),
    finding(c, 'fixed', 'PASS'),
    finding(c, 'muted-now', 'FAIL', { muted: true }),
    finding(c, 'broke', 'FAIL', { severity: 'critical' }),
    finding(c, 'mute-ended', 'FAIL'),
    finding(c, 'lost-permission', 'ERROR'),
    finding(c, 'was-error', 'FAIL'),
    finding(c, 'fine', 'PASS'),
    finding(c, 'was-muted-pass', 'PASS', { muted: true }),
    finding(c, 'appeared', 'FAIL', { severity: 'low' }), // appears
    finding(c, 'appeared-muted', 'FAIL', { muted: true }),
    finding(c, 'muted-still', 'FAIL', { muted: true }),
  ];
  return { old: scan(old, OLD_AT), new: scan(now, NEW_AT) };
}

const names = (entries: DiffEntry[]): string[] => entries.map((e) => e.resource.name ?? '');

describe('scan diff', () => {
  describe('diffScans', () => {
    it('puts every transition in its category', () => {
      const { old, new: now } = crafted();
      const d = diffScans(old, now);
      assert.equal(d.schema, 'qready.diff/v1');
      assert.deepEqual(d.old_scan, old.scan);
      assert.deepEqual(d.new_scan, now.scan);
      assert.deepEqual(names(d.new_failures), ['broke', 'mute-ended', 'was-error', 'appeared']);
      assert.deepEqual(names(d.resolved_failures), ['deleted', 'fixed', 'muted-now']);
      assert.deepEqual(names(d.still_failing), ['still']);
      assert.deepEqual(names(d.newly_muted), ['appeared-muted', 'muted-now']);
      assert.deepEqual(names(d.not_evaluated), ['lost-permission']);
      assert.equal(diffExitCode(d), 3);
    });

    it('records the statuses and mutes on both sides, and the newest message', () => {
      const { old, new: now } = crafted();
      const d = diffScans(old, now);
      const get = (list: DiffEntry[], name: string): DiffEntry => list.find((e) => e.resource.name === name)!;
      const appeared = get(d.new_failures, 'appeared');
      assert.deepEqual([appeared.status_before, appeared.status_after, appeared.muted_before, appeared.muted_after], [null, 'FAIL', false, false]);
      const deleted = get(d.resolved_failures, 'deleted');
      assert.deepEqual([deleted.status_before, deleted.status_after, deleted.muted_after], ['FAIL', null, false]);
      assert.equal(deleted.message, 'deleted: FAIL', 'a gone finding keeps its last message');
      assert.equal(deleted.severity, 'high');
      const ended = get(d.new_failures, 'mute-ended');
      assert.deepEqual([ended.status_before, ended.muted_before, ended.muted_after], ['FAIL', true, false]);
      assert.equal(get(d.still_failing, 'still').message, 'still: FAIL (new message)');
      const muted = get(d.resolved_failures, 'muted-now');
      assert.deepEqual([muted.status_after, muted.muted_after], ['FAIL', true]);
      assert.equal(get(d.not_evaluated, 'lost-permission').status_after, 'ERROR');
      const expectedId = findingId('iam_user_mfa_enabled_console_access', ACCOUNT, 'us-east-1', `arn:aws:iam::${ACCOUNT}:user/appeared`);
      assert.equal(appeared.id, expectedId);
    });

    it('sorts each list by severity (most severe first), then check id, region and resource', () => {
      const old = scan([], OLD_AT);
      const now = scan(
        [
          finding('iam_b', 'x', 'FAIL', { severity: 'low' }),
          finding('iam_b', 'y', 'FAIL', { severity: 'critical', region: 'us-west-2' }),
          finding('iam_a', 'z', 'FAIL', { severity: 'medium' }),
          finding('iam_b', 'a', 'FAIL', { severity: 'critical', region: 'us-west-2' }),
          finding('iam_a', 'w', 'FAIL', { severity: 'critical', region: 'us-east-1' }),
          finding('iam_b', 'v', 'FAIL', { severity: 'critical', region: 'eu-west-1' }),
          finding('iam_c', 'i', 'FAIL', { severity: 'informational' }),
          finding('iam_c', 'h', 'FAIL', { severity: 'high' }),
        ],
        NEW_AT,
      );
      const d = diffScans(old, now);
      assert.deepEqual(
        d.new_failures.map((e) => `${e.severity} ${e.check_id} ${e.region} ${e.resource.name}`),
        [
          'critical iam_a us-east-1 w',
          'critical iam_b eu-west-1 v',
          'critical iam_b us-west-2 a',
          'critical iam_b us-west-2 y',
          'high iam_c us-east-1 h',
          'medium iam_a us-east-1 z',
          'low iam_b us-east-1 x',
          'informational iam_c us-east-1 i',
        ],
      );
    });

    it('two identical scans: nothing new, nothing resolved, exit 0', () => {
      const { old } = crafted();
      const d = diffScans(old, structuredClone(old));
      assert.deepEqual([d.new_failures.length, d.resolved_failures.length, d.newly_muted.length, d.not_evaluated.length], [0, 0, 0, 0]);
      assert.deepEqual(names(d.still_failing), ['deleted', 'fixed', 'lost-permission', 'muted-now', 'still']);
      assert.equal(diffExitCode(d), 0);
    });

    it('refuses two different accounts (or partitions) with an InputError', () => {
      const a = scan([], OLD_AT, ACCOUNT);
      const b = scan([], NEW_AT, '444455556666');
      const e = inputError(() => diffScans(a, b));
      assert.match(e.detail, /cannot diff scans of different accounts: .*111122223333.*444455556666/);
      assert.ok(!sameAccount(a.scan, scan([], NEW_AT, ACCOUNT, 'aws-cn').scan));
      inputError(() => diffScans(a, scan([], NEW_AT, ACCOUNT, 'aws-cn')));
    });
  });

  describe('findings files', () => {
    let tmp: string;
    beforeEach(() => {
      tmp = makeTmp('qready-diff-');
    });
    afterEach(() => removeTmp(tmp));

    const write = (name: string, text: string): string => {
      const file = join(tmp, name);
      writeFileSync(file, text);
      return file;
    };
    const pretty = (r: ScanResult): string => `${JSON.stringify(r, null, 2)}\n`;

    it('loads what the JSON report writer writes, and diffs it', async () => {
      const { old, new: now } = crafted();
      const oldFile = join(tmp, 'old.json');
      const newFile = join(tmp, 'new.json');
      await writeJsonReport({ result: old, checks: [] }, oldFile);
      await writeJsonReport({ result: now, checks: [] }, newFile);
      validateFindingsFile(JSON.parse(readFileSync(newFile, 'utf8')));
      const d = diffScans(loadFindingsFile(oldFile), loadFindingsFile(newFile));
      assert.deepEqual(d, diffScans(old, now));
    });

    it('two accounts from files → InputError naming the new file and the line of its account id', () => {
      const oldFile = write('old.json', pretty(scan([], OLD_AT, ACCOUNT)));
      const text = pretty(scan([], NEW_AT, '444455556666'));
      const newFile = write('new.json', text);
      const e = inputError(() => diffScans(loadFindingsFile(oldFile), loadFindingsFile(newFile)));
      assert.equal(e.file, newFile);
      assert.equal(e.line, lineOf(text, '"account_id": "444455556666"'));
      assert.ok(e.detail.includes(oldFile) && e.detail.includes(newFile), e.detail);
    });

    it('truncated JSON → the file and the line where it stops', () => {
      const text = pretty(crafted().old);
      const cut = text.slice(0, text.indexOf('"deleted: FAIL"') + 5);
      const file = write('cut.json', cut);
      const e = inputError(() => loadFindingsFile(file));
      assert.equal(e.file, file);
      assert.equal(e.line, cut.split('\n').length);
      assert.match(e.detail, /^not valid JSON/);
    });

    it('a stray token → its line', () => {
      const text = pretty(crafted().old).replace('"partition": "aws"', '"partition": aws');
      const file = write('stray.json', text);
      const e = inputError(() => loadFindingsFile(file));
      assert.equal(e.line, lineOf(text, '"partition": aws'));
    });

    it('a finding that breaks the schema → its field and line', () => {
      const text = pretty(crafted().old).replace('"status": "ERROR"', '"status": "BROKEN"');
      const file = write('schema.json', text);
      const e = inputError(() => loadFindingsFile(file));
      assert.equal(e.file, file);
      assert.match(e.detail, /^findings\.7\.status: must be one of/);
      assert.equal(e.line, lineOf(text, '"status": "BROKEN"'));
    });

    it('another kind of JSON (a snapshot, an OCSF array) → InputError with a line', () => {
      for (const text of ['{\n  "schema": "qready.snapshot/v1",\n  "accounts": []\n}\n', '[\n  {"class_uid": 2004}\n]\n']) {
        const file = write('other.json', text);
        const e = inputError(() => loadFindingsFile(file));
        assert.equal(e.file, file);
        assert.ok(e.line !== null && e.line >= 1, e.message);
      }
    });

    it('a duplicate finding id → the line of the second one', () => {
      const r = crafted().old;
      r.findings.push(structuredClone(r.findings[2]));
      const text = pretty(r);
      const file = write('dup.json', text);
      const e = inputError(() => loadFindingsFile(file));
      assert.match(e.detail, /^findings\.12\.id: duplicate finding id [0-9a-f]{40} \(first at findings\.2\)/);
      const second = text.indexOf(`"id": "${r.findings[2].id}"`, text.indexOf(`"id": "${r.findings[2].id}"`) + 1);
      assert.equal(e.line, text.slice(0, second).split('\n').length);
    });

    it('a finding of another account than the scan → its line', () => {
      const r = crafted().old;
      r.findings[3].account_id = '999999999999';
      const text = pretty(r);
      const e = inputError(() => parseFindingsText(text, 'x.json'));
      assert.equal(e.file, 'x.json');
      assert.match(e.detail, /^findings\.3\.account_id: 999999999999 is not the scanned account/);
      assert.equal(e.line, lineOf(text, '"account_id": "999999999999"'));
    });

    it('a missing file → InputError naming it', () => {
      const file = join(tmp, 'nope.json');
      const e = inputError(() => loadFindingsFile(file));
      assert.equal(e.file, file);
      assert.match(e.detail, /cannot read findings file: .*ENOENT/);
    });

    it('writeDiffJson writes the diff atomically, one entry per line, and it reads back equal', async () => {
      const { old, new: now } = crafted();
      const d = diffScans(old, now);
      const file = join(tmp, 'out', 'diff.json');
      await writeDiffJson(d, file);
      const text = readFileSync(file, 'utf8');
      assert.deepEqual(JSON.parse(text) as ScanDiff, d);
      assert.deepEqual(Object.keys(JSON.parse(text) as object), ['schema', 'old_scan', 'new_scan', 'new_failures', 'resolved_failures', 'still_failing', 'newly_muted', 'not_evaluated']);
      assert.equal(text.split('\n').filter((l) => l.startsWith('{"id":')).length, 4 + 3 + 1 + 2 + 1);
      assert.deepEqual(readdirSync(join(tmp, 'out')), ['diff.json']);
      const empty = diffScans(scan([], OLD_AT), scan([], NEW_AT));
      await writeDiffJson(empty, file);
      assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')) as ScanDiff, empty);
    });
  });

  describe('formatDiff', () => {
    it('counts, then the new failures most severe first', () => {
      const { old, new: now } = crafted();
      const text = formatDiff(diffScans(old, now));
      const lines = text.split('\n');
      assert.equal(lines[0], `Account ${ACCOUNT} (aws): scan of ${OLD_AT} → scan of ${NEW_AT}`);
      assert.equal(lines[1], '  new failures 4  resolved 3  still failing 1  newly muted 2  not evaluated 1');
      const news = lines.filter((l) => l.startsWith('  NEW '));
      assert.equal(news.length, 4);
      assert.match(news[0], /^ {2}NEW critical +iam_user_mfa_enabled_console_access {2}us-east-1 {2}broke: FAIL {2}\[was PASS\]$/);
      assert.match(news[1], /mute-ended: FAIL {2}\[was FAIL \(muted\)\]$/);
      assert.match(news[2], /was-error: FAIL {2}\[was ERROR\]$/);
      assert.match(news[3], /^ {2}NEW low +.*appeared: FAIL {2}\[new\]$/);
      assert.match(text, /\n {2}1 earlier failure could not be evaluated now \(ERROR or MANUAL\): not known to be fixed$/);
    });

    it('says so when nothing is new, and cuts long lists', () => {
      assert.match(formatDiff(diffScans(scan([], OLD_AT), scan([], NEW_AT))), /\n {2}no new failures$/);
      const many = scan(
        Array.from({ length: 7 }, (_, k) => finding('iam_x', `u${k}`, 'FAIL')),
        NEW_AT,
      );
      const text = formatDiff(diffScans(scan([], OLD_AT), many), 5);
      assert.equal(text.split('\n').filter((l) => l.startsWith('  NEW ')).length, 5);
      assert.match(text, /… and 2 more new failures \(see the diff JSON\)$/);
      assert.doesNotMatch(text, /not evaluated/);
    });
  });
});
