import { z } from 'zod';

const organizationId = z.uuid().nullish();
const email = z.email().max(320);
const language = z.enum(['TH', 'EN']);

/** https:// anywhere; http:// only to this machine (development and tests). */
const webhookUrl = z
  .url()
  .max(2000)
  .refine((value) => {
    const url = new URL(value);
    return (
      url.protocol === 'https:' ||
      (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
    );
  }, 'must be https:// (http:// only for localhost)');

export const webhookInput = z.object({ organizationId, url: webhookUrl });
export const emailInput = z.object({ organizationId, email, language });
export const reporterInput = z.object({
  trackingCode: z.string().regex(/^PCC-\d{4}-\d{6}$/, 'a tracking code: PCC-YYYY-NNNNNN'),
  reporterSecret: z.string().min(1).max(200),
  email,
  language,
});
