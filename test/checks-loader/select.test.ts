import assert from 'node:assert/strict';
import { loadChecks } from '../../runner/checks/loader.js';
import { requiredSources, selectChecks } from '../../runner/checks/select.js';

describe('check selection and planning', () => {
  const { checks } = loadChecks();
  const plan = (...ids: string[]): string[] => requiredSources(selectChecks(checks, { checks: ids }));

  it('collects what a view reads across regions, not only its per-region sources', () => {
    assert.deepEqual(plan('cloudtrail_qbusiness_data_events_enabled').sort(), ['cloudtrail.trails', 'qbusiness.applications']);
  });

  it('adds dependencies before their dependents', () => {
    const p = plan('iam_user_hardware_mfa_enabled');
    assert.ok(p.indexOf('iam.credential_report') < p.indexOf('iam.mfa_devices'), p.join(', '));
  });

  it('collects only what the selected checks need', () => {
    assert.deepEqual(plan('iam_password_policy_reuse_24'), ['iam.password_policy']);
  });
});
