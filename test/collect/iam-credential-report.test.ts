import assert from 'node:assert/strict';
import { collectAccount } from '../../runner/collect/collector.js';
import { parseCredentialReport, REPORT_WAIT_LIMIT_MS } from '../../runner/collect/iam-credential-report.js';
import type { SourceResult } from '../../runner/snapshot/snapshot.js';
import type { CredentialReportData } from '../../runner/sources/iam-data.js';
import { AwsWire } from '../helpers/aws-wire.js';
import { ACCOUNT, generateReport, getReport, noSleep, wireFactory } from './iam-wire-fixtures.js';

async function collectReport(wire: AwsWire, sleep: (ms: number) => Promise<void> = noSleep): Promise<SourceResult> {
  const snapshot = await collectAccount({
    factory: wireFactory(wire), accountId: ACCOUNT, partition: 'aws', regions: ['eu-central-1'], sourceIds: ['iam.credential_report'], sleep,
  });
  return snapshot.sources['iam.credential_report']['us-east-1'];
}

function okData(result: SourceResult): CredentialReportData {
  assert.equal(result.status, 'ok', JSON.stringify(result));
  return result.data as CredentialReportData;
}

describe('iam.credential_report collector', () => {
  it('polls GenerateCredentialReport (STARTED → INPROGRESS → COMPLETE) with growing waits, then reads the report', async () => {
    const wire = new AwsWire()
      .on('iam:GenerateCredentialReport', generateReport('STARTED'), generateReport('INPROGRESS'), generateReport('COMPLETE'))
      .on('iam:GetCredentialReport', getReport());
    const waits: number[] = [];
    const data = okData(await collectReport(wire, (ms) => { waits.push(ms); return Promise.resolve(); }));

    assert.deepEqual(wire.calls.map((c) => c.action), [
      'iam:GenerateCredentialReport', 'iam:GenerateCredentialReport', 'iam:GenerateCredentialReport', 'iam:GetCredentialReport',
    ]);
    assert.equal(waits.length, 2);
    assert.ok(waits[1] > waits[0], `waits should grow: ${waits.join(', ')}`);
    assert.equal(data.generated_at, '2024-06-10T08:30:00.000Z');
    assert.equal(data.rows.length, 4);
  });

  it('gives up after about two minutes of waiting and stores the timeout as the source error', async () => {
    const wire = new AwsWire().on('iam:GenerateCredentialReport', generateReport('INPROGRESS'));
    let waited = 0;
    const result = await collectReport(wire, (ms) => { waited += ms; return Promise.resolve(); });
    assert.equal(result.status, 'error');
    assert.equal(result.status === 'error' && result.error.code, 'CredentialReportTimeout');
    assert.ok(waited >= REPORT_WAIT_LIMIT_MS && waited < REPORT_WAIT_LIMIT_MS + 20_000, `waited ${waited} ms`);
    assert.equal(wire.callsTo('iam:GetCredentialReport').length, 0);
  });

  it('decodes the base64 CSV: root row, quoted user name with a comma, special values as null, dates as ISO', async () => {
    const wire = new AwsWire().on('iam:GenerateCredentialReport', generateReport('COMPLETE')).on('iam:GetCredentialReport', getReport());
    const rows = okData(await collectReport(wire)).rows;
    const [root, alice, bob] = rows;

    assert.equal(root.user, '<root_account>');
    assert.equal(root.arn, `arn:aws:iam::${ACCOUNT}:root`);
    assert.equal(root.password_enabled, null, 'not_supported → null');
    assert.equal(root.password_last_changed, null, 'not_supported → null');
    assert.equal(root.mfa_active, true);
    assert.equal(root.access_key_1_active, false);
    assert.equal(root.access_key_1_last_rotated, null, 'N/A → null');
    assert.equal(root.user_creation_time, '2019-03-04T09:10:11.000Z');

    assert.equal(alice.password_enabled, true);
    assert.equal(alice.access_key_1_last_used_date, '2024-06-02T08:00:00.000Z');
    assert.equal(alice.access_key_1_last_used_region, 'eu-central-1');
    assert.equal(alice.access_key_1_last_used_service, 's3');

    assert.equal(bob.user, 'bob,ops');
    assert.equal(bob.arn, `arn:aws:iam::${ACCOUNT}:user/ops/bob`);
    assert.equal(bob.password_last_used, null, 'no_information → null');
    assert.equal(bob.mfa_active, false);
    assert.equal(bob.access_key_1_active, true);
    assert.equal(bob.access_key_1_last_used_region, null);
  });

  describe('parseCredentialReport', () => {
    it('ignores unknown columns and fills missing ones with null', () => {
      const rows = parseCredentialReport('user,arn,mfa_active,some_future_column\nalice,arn:aws:iam::1:user/alice,true,x\n');
      assert.equal(rows.length, 1);
      assert.equal(rows[0].mfa_active, true);
      assert.equal(rows[0].password_enabled, null);
      assert.equal(rows[0].cert_2_last_rotated, null);
      assert.equal('some_future_column' in rows[0], false);
    });

    it('turns an unparseable date into null rather than failing the whole report', () => {
      const [row] = parseCredentialReport('user,arn,password_last_used\nalice,arn:aws:iam::1:user/alice,yesterday\n');
      assert.equal(row.password_last_used, null);
    });

    it('returns no rows for an empty report', () => {
      assert.deepEqual(parseCredentialReport(''), []);
    });
  });
});
