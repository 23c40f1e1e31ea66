// Amazon Q Business exists in some regions only; a region that could not be reached must give
// ERROR findings for that region alone, and the views are evaluated only where collected.
import assert from 'node:assert/strict';
import { loadChecks } from '../../../runner/checks/loader.js';
import { evaluateAccount } from '../../../runner/evaluate/evaluate.js';
import type { SourceError } from '../../../runner/snapshot/snapshot.js';
import { QBUSINESS_SOURCES } from '../../../runner/sources/qbusiness-sources.js';
import { NOW } from '../../helpers/check-tester.js';
import { APP_A, application, multiRegionSnapshot, plugin, qbusinessSources } from './fixtures.js';

const unreachable: SourceError = { code: 'TimeoutError', message: 'Connection timed out after 5000 ms', action: 'qbusiness:ListApplications' };

describe('qbusiness checks across regions', () => {
  const checks = loadChecks().checks.filter((c) => c.doc.service === 'qbusiness');

  it('an unreachable Q Business region gives ERROR findings for that region only', () => {
    const failedRegion: Record<string, { __error: SourceError }> = {};
    for (const decl of QBUSINESS_SOURCES) {
      failedRegion[decl.id] = decl.id === 'qbusiness.applications' || decl.id === 'qbusiness.log_deliveries'
        ? { __error: { ...unreachable, action: decl.actions[0] } }
        : { __error: { code: 'DependencyFailed', message: 'depends on qbusiness.applications, which failed: TimeoutError', action: 'qbusiness:ListApplications' } };
    }
    const account = multiRegionSnapshot({
      'us-east-1': qbusinessSources([{ app: application(APP_A, { display_name: 'alpha', kms_key_id: 'k' }), plugins: [plugin(APP_A, 'p1')] }]),
      'ap-southeast-2': failedRegion,
    });
    const findings = evaluateAccount(account, checks, { now: new Date(NOW) });
    assert.equal(checks.length, 10);
    const byRegion = (r: string) => findings.filter((f) => f.region === r);
    assert.deepEqual(new Set(byRegion('ap-southeast-2').map((f) => f.status)), new Set(['ERROR']));
    assert.equal(byRegion('ap-southeast-2').length, checks.length, 'one ERROR per check for the region');
    for (const f of byRegion('ap-southeast-2')) assert.match(f.message, /TimeoutError|DependencyFailed/);
    assert.ok(byRegion('us-east-1').every((f) => f.status !== 'ERROR'), JSON.stringify(byRegion('us-east-1').filter((f) => f.status === 'ERROR')));
    assert.ok(byRegion('us-east-1').some((f) => f.check_id === 'qbusiness_application_cmk_encryption' && f.status === 'PASS'));
  });

  it('declares the four Q Business regions for every source, qbusiness.log_deliveries included', () => {
    for (const decl of QBUSINESS_SOURCES) assert.deepEqual(decl.regions, ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'], decl.id);
  });

  it('evaluates only the regions the sources were collected in', () => {
    const account = multiRegionSnapshot({ 'eu-west-1': qbusinessSources([]) });
    account.regions = ['eu-west-1', 'eu-central-1'];
    const findings = evaluateAccount(account, checks, { now: new Date(NOW) });
    assert.deepEqual([...new Set(findings.map((f) => f.region))], ['eu-west-1']);
  });
});
