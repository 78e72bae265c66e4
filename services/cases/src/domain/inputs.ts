import { z } from 'zod';
import { inputs } from '@pcc/subgraph-kit';
import {
  CASE_CATEGORIES,
  CASE_CHANNELS,
  CASE_KINDS,
  CASE_PRIORITIES,
  DISTRICTS,
  MEDIATION_OUTCOMES,
} from './vocabulary';
import { EXTERNAL_BODY_CODES, SUBDISTRICT_CODES } from './areas';

/**
 * What the case service accepts. GraphQL checks types and enums; these rules add lengths,
 * formats and ranges, and report every violation at once.
 */
const { text } = inputs;
const optionalText = (max: number) => text(max).nullish();

/** Phuket province, with a margin: a point outside it cannot be a case of this network. */
export const PHUKET_BOUNDS = { minLat: 7.7, maxLat: 8.25, minLng: 98.2, maxLng: 98.5 };
export const location = z.object({
  lat: z
    .number()
    .min(PHUKET_BOUNDS.minLat, 'must be in Phuket (latitude 7.7–8.25)')
    .max(PHUKET_BOUNDS.maxLat, 'must be in Phuket (latitude 7.7–8.25)'),
  lng: z
    .number()
    .min(PHUKET_BOUNDS.minLng, 'must be in Phuket (longitude 98.2–98.5)')
    .max(PHUKET_BOUNDS.maxLng, 'must be in Phuket (longitude 98.2–98.5)'),
  address: optionalText(500),
  district: z.enum(DISTRICTS).nullish(),
  subdistrict: z.enum(SUBDISTRICT_CODES, 'must be a Phuket tambon code (see subdistricts)').nullish(),
});

const phone = z
  .string()
  .trim()
  .regex(/^\+?[\d\s-]{6,20}$/, 'must be a phone number');
export const reporter = z
  .object({ name: text(200), phone: phone.nullish(), email: z.email('must be an email address').max(254).nullish() })
  .refine((r) => r.phone || r.email, { message: 'needs a phone number or an email to be reached', path: ['phone'] });

export const party = z.object({ name: text(200), role: text(100), contact: optionalText(200) });

export const openCaseInput = z.object({
  kind: z.enum(CASE_KINDS),
  category: z.enum(CASE_CATEGORIES),
  channel: z.enum(CASE_CHANNELS),
  title: text(200, 3),
  description: text(5000),
  location: location,
  attachmentUrls: z
    .array(z.url({ protocol: /^https$/, error: 'must be an https URL' }).max(1000))
    .max(10, 'at most 10 attachments')
    .nullish(),
  reporter: reporter,
  parties: z.array(party).max(20).nullish(),
});
export type OpenCaseInput = z.infer<typeof openCaseInput>;

export const triageInput = z.object({
  leadOrganizationId: inputs.id.nullish(),
  priority: z.enum(CASE_PRIORITIES),
  category: z.enum(CASE_CATEGORIES).nullish(),
});

export const resolveInput = z.object({
  resolution: text(5000),
  outcome: z.enum(MEDIATION_OUTCOMES).nullish(),
  referredTo: optionalText(200),
});

export const mediationSessionInput = z.object({
  heldAt: z.iso.datetime({ offset: true, message: 'must be an RFC 3339 date-time' }),
  mediator: text(200),
  attendees: z.array(text(200)).min(1, 'needs at least one attendee').max(50),
  notes: optionalText(10_000),
});

/** An outside body's letter or ticket number: a reference, never free text (it goes into events). */
const externalReference = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9ก-๙][A-Za-z0-9ก-๙/._-]{0,63}$/, 'letters, digits and / . - _ only, at most 64');
export const externalReferralInput = z.object({
  externalBody: z.enum(EXTERNAL_BODY_CODES, 'must be an external body code (see externalBodies)'),
  reference: externalReference.nullish(),
  note: optionalText(5000),
});
export const externalReplyInput = z.object({ reply: text(5000), reference: externalReference.nullish() });

export const note = text(5000);
export const reason = text(1000, 3);
export const rating = z
  .number()
  .int('must be a whole number')
  .min(1, 'must be from 1 to 5')
  .max(5, 'must be from 1 to 5');
export const { id } = inputs;
export const trackingCodeInput = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^PCC-\d{4}-\d{6}$/, 'must look like PCC-2569-000123');
export const secret = z.string().min(16, 'is not a reporter secret').max(100, 'is not a reporter secret');
