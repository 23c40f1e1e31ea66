// account_security_contact_registered (global, one account finding).
import assert from 'node:assert/strict';
import { checkCases, failed, runCheck } from '../../helpers/check-tester.js';

const contact = (c: Partial<Record<'name' | 'title' | 'email_address' | 'phone_number', string | null>>) => ({
  'account.security_contact': { contact: { name: null, title: null, email_address: null, phone_number: null, ...c } },
});
const full = contact({ name: 'Security Operations', title: 'SOC', email_address: 'soc@example.com', phone_number: '+49 30 1234567' });

checkCases('account_security_contact_registered', [
  { name: 'PASS with a SECURITY contact', sources: full, expect: [{ status: 'PASS', resource: '123456789012', message: 'the SECURITY alternate contact is Security Operations (SOC), soc@example.com' }] },
  { name: 'PASS with only an e-mail address', sources: contact({ email_address: 'security@example.com' }), expect: [{ status: 'PASS', message: /is security@example\.com$/ }] },
  { name: 'PASS with a name and no title', sources: contact({ name: 'Jane Roe', email_address: 'jr@example.com' }), expect: [{ status: 'PASS', message: /is Jane Roe, jr@example\.com$/ }] },
  {
    name: 'FAIL when none is registered (ResourceNotFoundException)', sources: { 'account.security_contact': { contact: null } },
    expect: [{ status: 'FAIL', message: 'No SECURITY alternate contact is registered' }],
  },
  {
    name: 'ERROR when GetAlternateContact is denied', sources: { 'account.security_contact': failed('AccessDeniedException', 'account:GetAlternateContact') },
    expect: [{ status: 'ERROR', message: ['Missing permission', 'account:GetAlternateContact'] }],
  },
]);

describe('account_security_contact_registered evidence', () => {
  it('masks the phone number and keeps the rest', () => {
    const [f] = runCheck('account_security_contact_registered', full);
    assert.equal(f.region, 'us-east-1', 'a global check reports in the partition\'s IAM region');
    assert.equal(f.evidence.phone_number, '+4********67');
    assert.equal(f.evidence.email_address, 'soc@example.com');
    assert.doesNotMatch(JSON.stringify(f), /30 1234567/);
  });
});
