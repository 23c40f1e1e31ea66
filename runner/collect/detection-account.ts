// The account's SECURITY alternate contact (account:GetAlternateContact). ResourceNotFoundException
// is the answer "none registered" (data); AccessDenied and everything else are errors.
import { GetAlternateContactCommand } from '@aws-sdk/client-account';
import type { SecurityContactData } from '../sources/detection-sources.js';
import type { Collector } from './collector.js';
import { errorCode } from './source-error.js';

export const securityContactCollector: Collector = {
  id: 'account.security_contact',
  async collect(ctx): Promise<SecurityContactData> {
    try {
      const out = await ctx.clients.account().send(new GetAlternateContactCommand({ AlternateContactType: 'SECURITY' }));
      const c = out.AlternateContact;
      if (!c) return { contact: null };
      return { contact: { name: c.Name ?? null, title: c.Title ?? null, email_address: c.EmailAddress ?? null, phone_number: c.PhoneNumber ?? null } };
    } catch (err) {
      if (errorCode(err) === 'ResourceNotFoundException') return { contact: null };
      throw err;
    }
  },
};
