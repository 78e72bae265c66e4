import { z } from 'zod';
import { inputs } from '@pcc/subgraph-kit';
import {
  AGREEMENT_SUBJECTS,
  DISTRICTS,
  FOLLOW_UP_ACTION_STATUSES,
  MEETING_KINDS,
  MEMBER_CATEGORIES,
  ORGANIZATION_TYPES,
} from './vocabulary';

/**
 * What the registry accepts, checked before anything touches the database. GraphQL already
 * checks types and enums; these rules add lengths, formats and ranges, and every violation is
 * reported at once (one BAD_USER_INPUT listing the fields).
 */
const name = inputs.text(200);
const optionalText = (max: number) => inputs.text(max, 0).nullish();
const isoDate = z.iso.date('must be a date YYYY-MM-DD').nullish();

export const organizationCode = z
  .string()
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'must be 2–32 capital letters, digits or dashes, e.g. PATONG');

export const contactInput = z
  .object({
    address: optionalText(500),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[\d\s-]{6,20}$/, 'must be a phone number')
      .nullish(),
    email: z.email('must be an email address').max(254).nullish(),
    website: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(500)
      .nullish(),
  })
  .strict();

export const geoPointInput = z.object({
  lat: z.number().min(-90, 'must be a latitude').max(90, 'must be a latitude'),
  lng: z.number().min(-180, 'must be a longitude').max(180, 'must be a longitude'),
});

export const registerOrganizationInput = z.object({
  code: organizationCode,
  nameTh: name,
  nameEn: name,
  type: z.enum(ORGANIZATION_TYPES),
  district: z.enum(DISTRICTS),
  location: geoPointInput.nullish(),
  contact: contactInput.nullish(),
  establishedOn: isoDate,
});
export type RegisterOrganizationInput = z.infer<typeof registerOrganizationInput>;

export const updateOrganizationInput = z
  .object({
    // Required columns: absent means "unchanged", null is refused.
    nameTh: name.optional(),
    nameEn: name.optional(),
    type: z.enum(ORGANIZATION_TYPES).optional(),
    district: z.enum(DISTRICTS).optional(),
    location: geoPointInput.nullish(),
    contact: contactInput.nullish(),
    establishedOn: isoDate,
  })
  .refine((input) => Object.values(input).some((v) => v !== undefined), 'must change at least one field');
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationInput>;

/** Fields an LGO officer may change on their own organization: its contact details. */
export const OFFICER_EDITABLE_FIELDS: ReadonlySet<string> = new Set(['contact']);

const memberFields = {
  fullName: name,
  title: optionalText(200),
  groupRole: inputs.text(100),
  category: z.enum(MEMBER_CATEGORIES),
  termStart: isoDate,
  termEnd: isoDate,
  phone: contactInput.shape.phone,
  email: contactInput.shape.email,
};
const termInOrder = (m: { termStart?: string | null; termEnd?: string | null }) =>
  !m.termStart || !m.termEnd || m.termEnd >= m.termStart;

export const addMemberInput = z
  .object({ ...memberFields, organizationId: inputs.id.nullish() })
  .refine(termInOrder, { message: 'must not end before it starts', path: ['termEnd'] });
export type AddMemberInput = z.infer<typeof addMemberInput>;

export const updateMemberInput = z
  .object({
    fullName: name.optional(),
    title: memberFields.title,
    groupRole: memberFields.groupRole.optional(),
    category: memberFields.category.optional(),
    termStart: isoDate,
    termEnd: isoDate,
    phone: memberFields.phone,
    email: memberFields.email,
  })
  .refine((input) => Object.values(input).some((v) => v !== undefined), 'must change at least one field');
export type UpdateMemberInput = z.infer<typeof updateMemberInput>;

export const agreementTargetInput = z.object({
  metric: z
    .string()
    .trim()
    .regex(/^[A-Z][A-Z0-9_]{1,63}$/, 'must be an UPPER_SNAKE_CASE metric, e.g. WASTE_REDUCTION'),
  value: z.string().regex(/^-?\d{1,10}(\.\d{1,4})?$/, 'must be a decimal number with at most 4 decimals'),
  unit: inputs.text(20),
  baselineFiscalYear: inputs.fiscalYear.nullish(),
});

/** A calendar date, YYYY-MM-DD. */
export const date = z.iso.date('must be a date YYYY-MM-DD');

export const signAgreementInput = z
  .object({
    title: name,
    subject: z.enum(AGREEMENT_SUBJECTS),
    signedOn: date,
    signatoryIds: z.array(inputs.id).min(1, 'needs at least one signatory').max(100),
    targets: z.array(agreementTargetInput).max(20).nullish(),
    validFrom: date.nullish(),
    validUntil: date.nullish(),
    obligations: z.array(inputs.text(1000)).max(50).nullish(),
    meetingId: inputs.id.nullish(),
  })
  .refine((a) => !a.validFrom || !a.validUntil || a.validUntil >= a.validFrom, {
    message: 'must not end before it starts',
    path: ['validUntil'],
  });
export type SignAgreementInput = z.infer<typeof signAgreementInput>;

const followUpActionInput = z.object({
  organizationId: inputs.id,
  description: inputs.text(1000),
  dueOn: date,
});

export const resolutionInput = z.object({
  text: inputs.text(2000),
  actions: z.array(followUpActionInput).max(100).nullish(),
});
export type ResolutionInput = z.infer<typeof resolutionInput>;

export const recordMeetingInput = z
  .object({
    title: name,
    kind: z.enum(MEETING_KINDS),
    heldOn: date,
    place: inputs.text(300),
    agenda: z.array(inputs.text(300)).max(50).nullish(),
    organizationIds: z.array(inputs.id).max(100).nullish(),
    memberIds: z.array(inputs.id).max(500).nullish(),
    materials: z
      .array(
        z.object({
          title: inputs.text(200),
          url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(500),
        }),
      )
      .max(50)
      .nullish(),
    resolutions: z.array(resolutionInput).max(100).nullish(),
  })
  .superRefine((m, ctx) => {
    // An action cannot be due before the meeting that decided it.
    for (const [r, resolution] of (m.resolutions ?? []).entries())
      for (const [a, action] of (resolution.actions ?? []).entries())
        if (action.dueOn < m.heldOn)
          ctx.addIssue({
            code: 'custom',
            message: 'must not be before the meeting',
            path: ['resolutions', r, 'actions', a, 'dueOn'],
          });
  });
export type RecordMeetingInput = z.infer<typeof recordMeetingInput>;

export const followUpActionStatus = z.enum(FOLLOW_UP_ACTION_STATUSES);

export const { id } = inputs;
