// organizations_ai_services_opt_out: the effective AI services opt-out policy, by `default` or per
// Amazon Q service key; not in an organization and no policy FAIL; access denied is ERROR.
import assert from 'node:assert/strict';
import { optOutSettings } from '../../../runner/views/detection-views.js';
import { checkCases, failed, NOW, runCheck } from '../../helpers/check-tester.js';

const policy = (services: Record<string, unknown>) => ({
  'organizations.ai_opt_out_policy': {
    in_organization: true, reason: null,
    policy: { content: { services }, last_updated: '2026-06-01T00:00:00.000Z', target_id: '123456789012' },
  },
});
/** Effective policies carry the resolved value; policies as written carry `@@assign`. */
const set = (v: string) => ({ opt_out_policy: v });
const assign = (v: string) => ({ opt_out_policy: { '@@assign': v } });

checkCases('organizations_ai_services_opt_out', [
  {
    name: 'PASS when default is optOut (effective policy form)', sources: policy({ default: set('optOut') }),
    expect: [{ status: 'PASS', resource: '123456789012', message: 'opts the account out of Amazon Q (codewhisperer), and by default out of every AI service' }],
  },
  {
    name: 'PASS when default is optOut (@@assign form, with operators)',
    sources: policy({ '@@operators_allowed_for_child_policies': ['@@none'], default: { '@@operators_allowed_for_child_policies': ['@@none'], ...assign('optOut') } }),
    expect: [{ status: 'PASS' }],
  },
  {
    name: 'PASS when default is optOut and other services are opted in',
    sources: policy({ default: set('optOut'), rekognition: set('optIn'), lex: set('optIn') }), expect: [{ status: 'PASS' }],
  },
  {
    name: 'PASS per service: codewhisperer and q opted out, default optIn (q configured as a Q key)',
    sources: policy({ default: set('optIn'), codewhisperer: set('optOut'), q: set('optOut') }),
    params: { services: ['codewhisperer', 'q'] },
    expect: [{ status: 'PASS', message: /opts the account out of Amazon Q \(codewhisperer, q\)$/ }],
  },
  {
    name: 'FAIL per service when codewhisperer is missing and there is no default',
    sources: policy({ q: set('optOut'), rekognition: set('optOut') }),
    expect: [{ status: 'FAIL', message: 'does not opt the account out of codewhisperer (not set, and no default)' }],
  },
  {
    name: 'FAIL when codewhisperer is missing and default is optIn',
    sources: policy({ default: set('optIn'), q: set('optOut') }),
    expect: [{ status: 'FAIL', message: 'codewhisperer (optIn by default)' }],
  },
  {
    name: 'FAIL when a Q key is opted back in under default optOut (the service key wins)',
    sources: policy({ default: assign('optOut'), codewhisperer: assign('optIn') }),
    expect: [{ status: 'FAIL', message: /out of codewhisperer \(optIn\): Amazon Q may use/ }],
  },
  {
    name: 'FAIL when the policy opts out of other services only',
    sources: policy({ rekognition: set('optOut'), comprehend: set('optOut') }),
    expect: [{ status: 'FAIL', message: 'codewhisperer (not set, and no default)' }],
  },
  {
    name: 'FAIL naming every configured Q key that is not opted out',
    sources: policy({ rekognition: set('optOut') }),
    params: { services: ['codewhisperer', 'q'] },
    expect: [{ status: 'FAIL', message: 'codewhisperer (not set, and no default), q (not set, and no default)' }],
  },
  {
    name: 'FAIL when the policy content is not JSON',
    sources: { 'organizations.ai_opt_out_policy': { in_organization: true, reason: null, policy: { content: 'not json', last_updated: null, target_id: null } } },
    expect: [{ status: 'FAIL' }],
  },
  {
    name: 'FAIL when there is no effective policy (EffectivePolicyNotFoundException)',
    sources: { 'organizations.ai_opt_out_policy': { in_organization: true, policy: null, reason: 'EffectivePolicyNotFoundException: No effective policy of the specified type was found' } },
    expect: [{ status: 'FAIL', message: 'No AI services opt-out policy applies to this account' }],
  },
  {
    name: 'FAIL when the account is not in an organization (AWSOrganizationsNotInUseException)',
    sources: { 'organizations.ai_opt_out_policy': { in_organization: false, policy: null, reason: 'AWSOrganizationsNotInUseException: Your account is not a member of an organization.' } },
    expect: [{ status: 'FAIL', message: ['not in an AWS Organizations organization', 'support case per service'] }],
  },
  {
    name: 'the Amazon Q service keys are a parameter',
    sources: policy({ codewhisperer: set('optOut') }), params: { services: ['codewhisperer'] },
    expect: [{ status: 'PASS', message: 'Amazon Q (codewhisperer)' }],
  },
  {
    name: 'ERROR when DescribeEffectivePolicy is denied',
    sources: { 'organizations.ai_opt_out_policy': failed('AccessDeniedException', 'organizations:DescribeEffectivePolicy') },
    expect: [{ status: 'ERROR', message: ['Missing permission', 'organizations:DescribeEffectivePolicy'] }],
  },
]);

describe('organizations_ai_services_opt_out evidence and policy reading', () => {
  it('records the effective setting of each Q key and where it came from', () => {
    const [f] = runCheck('organizations_ai_services_opt_out', policy({ default: set('optOut'), q: set('optIn') }), NOW, { services: ['codewhisperer', 'q'] });
    assert.equal(f.status, 'FAIL');
    assert.deepEqual(f.evidence.effective_settings, [
      { service: 'codewhisperer', setting: 'optOut', from: 'default' },
      { service: 'q', setting: 'optIn', from: 'service' },
    ]);
    assert.deepEqual(f.evidence.policy_content, { services: { default: set('optOut'), q: set('optIn') } });
  });

  it('optOutSettings reads both forms and skips operators and malformed entries', () => {
    const settings = optOutSettings({ services: { '@@operators_allowed_for_child_policies': ['@@none'], default: assign('optOut'), lex: set('optIn'), bad: 3, odd: { opt_out_policy: 7 } } });
    assert.deepEqual([...settings], [['default', 'optOut'], ['lex', 'optIn']]);
    assert.equal(optOutSettings(null).size, 0);
    assert.equal(optOutSettings({ services: [] }).size, 0);
  });
});
