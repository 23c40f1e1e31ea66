// The bundled demo: the committed snapshot is exactly what examples/demo-account.ts builds, it
// loads as a valid snapshot, it shows every built-in check with both verdicts and no ERROR, and
// its production account has the trail whose selectors the demo trail's incident narrows.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_COLLECTED_AT, demoSnapshot, demoSnapshotJson } from '../../examples/demo-account.js';
import { demoTrailRecords } from '../../examples/demo-trail.js';
import { ACCOUNT_TRAIL_ARN } from '../../examples/demo/trail-incident.js';
import type { Check } from '../../runner/checks/check.js';
import { loadChecks } from '../../runner/checks/loader.js';
import { demoSnapshotPath } from '../../runner/cli/scan-command.js';
import { evaluateAccount } from '../../runner/evaluate/evaluate.js';
import type { Finding, Status } from '../../runner/findings/finding.js';
import { loadSnapshot } from '../../runner/snapshot/snapshot-file.js';
import type { AdvancedEventSelector, CloudTrailTrailsData } from '../../runner/sources/cloudtrail-sources.js';
import { packageRoot } from '../../runner/util/package-root.js';
import type { InputError } from '../../runner/util/yaml-file.js';

const COMMITTED = join(packageRoot(), 'examples', 'demo-account.snapshot.json');

describe('demo snapshot', () => {
  it('the committed examples/demo-account.snapshot.json equals demoSnapshotJson() (regenerate with `node dist/examples/demo-account.js`)', () => {
    assert.equal(readFileSync(COMMITTED, 'utf8'), demoSnapshotJson());
  });

  it('is the file `qready demo` reads, and loads as a valid snapshot', () => {
    assert.equal(demoSnapshotPath(), COMMITTED);
    const loaded = loadSnapshot(COMMITTED);
    assert.deepEqual(loaded, demoSnapshot());
    assert.equal(loaded.collected_at, DEMO_COLLECTED_AT);
    assert.equal(loaded.accounts.length, 2);
    assert.equal(new Set(loaded.accounts.map((a) => a.account_id)).size, 2);
  });

  describe('evaluated with every built-in check', () => {
    const snapshot = demoSnapshot();
    let checks: Check[] = [];
    let errors: InputError[] = [];
    let findings: Finding[] = [];
    before(() => {
      ({ checks, errors } = loadChecks());
      const now = new Date(snapshot.collected_at);
      findings = snapshot.accounts.flatMap((a) => evaluateAccount(a, checks, { now }));
    });
    const statuses = (id: string): Set<Status> => new Set(findings.filter((f) => f.check_id === id).map((f) => f.status));

    it('loads the checks without errors', () => {
      assert.deepEqual(errors.map((e) => e.message), []);
      assert.ok(checks.length >= 44, `the whole catalogue (${checks.length})`);
    });

    it('gives no ERROR finding', () => {
      assert.deepEqual(findings.filter((f) => f.status === 'ERROR').map((f) => `${f.account_id} ${f.check_id}: ${f.message}`), []);
    });

    // Reviews of who holds a permission are MANUAL per principal, with one PASS for an account where
    // nobody does (CATALOGUE.md); they never FAIL, so the demo shows both of their outcomes instead.
    const REVIEWS = new Set(['iam_amazonqfullaccess_scoped', 'iam_q_privileged_principals']);

    it('gives every assert/evaluator check at least one PASS and one FAIL across the two accounts', () => {
      const missing: string[] = [];
      for (const c of checks.filter((c) => c.rule.kind !== 'manual' && !REVIEWS.has(c.id))) {
        const s = statuses(c.id);
        if (!s.has('PASS') || !s.has('FAIL')) missing.push(`${c.id}: ${[...s].join(',') || 'no finding'}`);
      }
      assert.deepEqual(missing, []);
    });

    it('gives the permission reviews MANUAL in one account and PASS in the other', () => {
      for (const id of REVIEWS) assert.deepEqual([...statuses(id)].sort(), ['MANUAL', 'PASS'], id);
    });

    it('gives manual checks only MANUAL findings, at least one per account', () => {
      const manual = checks.filter((c) => c.rule.kind === 'manual');
      assert.ok(manual.length >= 1, 'the catalogue has a manual check (iam_credential_inventory)');
      for (const c of manual) {
        assert.equal(c.doc.manual, true);
        assert.deepEqual([...statuses(c.id)], ['MANUAL'], c.id);
        for (const a of snapshot.accounts) assert.ok(findings.some((f) => f.check_id === c.id && f.account_id === a.account_id), `${c.id} in ${a.account_id}`);
      }
    });

    it('every finding belongs to a demo account and carries a message', () => {
      const ids = new Set(snapshot.accounts.map((a) => a.account_id));
      for (const f of findings) {
        assert.ok(ids.has(f.account_id));
        assert.ok(f.message.trim().length > 0, `${f.check_id}: empty message`);
        assert.doesNotMatch(f.message, /\{item\.|undefined|\[object Object\]/, `${f.check_id}: ${f.message}`);
      }
    });

    it('the production account is mostly clean and the sandbox is not', () => {
      const [prod, sandbox] = snapshot.accounts.map((a) => findings.filter((f) => f.account_id === a.account_id));
      const fails = (fs: Finding[]): number => fs.filter((f) => f.status === 'FAIL').length;
      assert.ok(fails(sandbox) > fails(prod), `sandbox ${fails(sandbox)} FAIL vs prod ${fails(prod)}`);
      assert.ok(prod.filter((f) => f.status === 'PASS').length > fails(prod));
    });
  });

  describe('the trail the demo investigation shows tampered with', () => {
    const prod = demoSnapshot().accounts[0];
    /** The trails DescribeTrails lists in a region of the production account. */
    function listed(region: string): CloudTrailTrailsData['trails'] {
      const result = prod.sources['cloudtrail.trails'][region];
      assert.equal(result.status, 'ok', region);
      return result.status === 'ok' ? (result.data as CloudTrailTrailsData).trails : [];
    }

    /** The advanced event selectors each PutEventSelectors of the demo trail set on the account's trail, in the SDK's casing. */
    function selectorsPut(): { time: string; selectors: AdvancedEventSelector[] }[] {
      type Logged = { name: string; fieldSelectors: { field: string; equals: string[] }[] };
      return demoTrailRecords()
        .filter((r) => r.eventName === 'PutEventSelectors' && (r.requestParameters as { trailName?: string }).trailName === ACCOUNT_TRAIL_ARN)
        .map((r) => ({
          time: r.eventTime as string,
          selectors: ((r.requestParameters as { advancedEventSelectors: Logged[] }).advancedEventSelectors).map((a) => ({
            Name: a.name,
            FieldSelectors: a.fieldSelectors.map((f) => ({ Field: f.field, Equals: f.equals })),
          })),
        }));
    }

    it('is a trail of the production account, homed in the application\'s region only, logging', () => {
      assert.equal(prod.account_id, ACCOUNT_TRAIL_ARN.split(':')[4]);
      const trail = listed('eu-west-1').find((t) => t.arn === ACCOUNT_TRAIL_ARN);
      assert.ok(trail, `${ACCOUNT_TRAIL_ARN} in eu-west-1`);
      assert.equal(trail.name, 'qbusiness-conversation-audit');
      assert.equal(trail.home_region, 'eu-west-1');
      assert.equal(trail.is_multi_region, false);
      assert.equal(trail.status?.is_logging, true);
      // A single-region trail: the other region's DescribeTrails does not list it.
      assert.equal(listed('us-east-1').some((t) => t.arn === ACCOUNT_TRAIL_ARN), false);
    });

    it('has the selectors the incident removed and the responders restored before the snapshot', () => {
      const trail = listed('eu-west-1').find((t) => t.arn === ACCOUNT_TRAIL_ARN);
      const puts = selectorsPut();
      assert.equal(puts.length, 2, 'the incident narrows them, the responders restore them');
      const [narrowed, restored] = puts;
      assert.ok(restored.time < DEMO_COLLECTED_AT, 'restored before the scan');
      assert.deepEqual(trail?.selectors?.advanced_event_selectors, restored.selectors);
      const qBusinessData = (selectors: AdvancedEventSelector[]): boolean =>
        selectors.some((a) => a.FieldSelectors.some((f) => f.Field === 'resources.type' && f.Equals?.includes('AWS::QBusiness::Application')));
      assert.equal(qBusinessData(restored.selectors), true);
      assert.equal(qBusinessData(narrowed.selectors), false, 'the incident dropped the Q Business data events');
    });

    it('is the trail the scan names as recording the knowledge assistant\'s data events', () => {
      const { checks } = loadChecks();
      const check = checks.filter((c) => c.id === 'cloudtrail_qbusiness_data_events_enabled');
      const findings = evaluateAccount(prod, check, { now: new Date(DEMO_COLLECTED_AT) }).filter((f) => f.region === 'eu-west-1');
      assert.equal(findings.length, 1);
      assert.equal(findings[0].status, 'PASS');
      assert.match(findings[0].message, /^Trail qbusiness-conversation-audit records every AWS::QBusiness::Application data event/);
    });
  });
});
