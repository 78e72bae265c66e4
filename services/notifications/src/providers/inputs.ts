import { z } from 'zod';

const organizationId = z.uuid().nullish();
const email = z.email().max(320);
const language = z.enum(['TH', 'EN']);

/** A URL; its scheme and where it points are checked next (src/delivery/webhook-target.ts, WebhookTargetPolicy). */
const webhookUrl = z.url().max(2000);

export const webhookInput = z.object({ organizationId, url: webhookUrl });
export const emailInput = z.object({ organizationId, email, language });
export const reporterInput = z.object({
  trackingCode: z.string().regex(/^PCC-\d{4}-\d{6}$/, 'a tracking code: PCC-YYYY-NNNNNN'),
  reporterSecret: z.string().min(1).max(200),
  email,
  language,
});
