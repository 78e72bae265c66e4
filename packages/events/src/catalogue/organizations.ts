import { z } from 'zod';
import { defineEvent } from './define';
import { actor, isoDate, MAX_ORGANIZATIONS, text, uuid, version } from './common';
import { TOPICS } from './topics';

export const ORGANIZATION_TYPES = [
  'PROVINCIAL_ADMINISTRATION',
  'CITY_MUNICIPALITY',
  'TOWN_MUNICIPALITY',
  'SUBDISTRICT_MUNICIPALITY',
  'SUBDISTRICT_ADMINISTRATION',
] as const;
export const DISTRICTS = ['MUEANG_PHUKET', 'KATHU', 'THALANG'] as const;
export const MEMBER_CATEGORIES = [
  'LGO_EXECUTIVE',
  'GOVERNMENT_OFFICIAL',
  'CITIZEN_REPRESENTATIVE',
  'OTHER_STAKEHOLDER',
] as const;
/** The subjects `.v1` agreement events carried first; their `subject` stays within these (see `fullSubject`). */
export const AGREEMENT_SUBJECTS_V1 = [
  'WASTE_MANAGEMENT',
  'DEVELOPMENT_COORDINATION',
  'DISASTER_RESPONSE',
  'OTHER',
] as const;
export const AGREEMENT_SUBJECTS = [
  'WASTE_MANAGEMENT',
  'DEVELOPMENT_COORDINATION',
  'DISASTER_RESPONSE',
  'JOINT_PROJECT',
  'PUBLIC_HEALTH',
  'ENVIRONMENT',
  'INFRASTRUCTURE',
  'TOURISM',
  'EDUCATION',
  'DATA_SHARING',
  'OTHER',
] as const;

/**
 * The public face of an organization, carried whole in every organization event so that the
 * projections of other services (cases, planning, waste-metrics) can upsert from any one event.
 */
export const organizationSnapshot = z.object({
  id: uuid,
  code: text(32),
  nameTh: text(200),
  nameEn: text(200),
  type: z.enum(ORGANIZATION_TYPES),
  district: z.enum(DISTRICTS),
  active: z.boolean(),
  establishedOn: isoDate.nullable(),
});

export const organizationRegistered = defineEvent({
  type: 'pcc.organization.registered',
  topic: TOPICS.organization,
  description: 'A member organization joined the network registry.',
  schema: z.object({ organization: organizationSnapshot, actor, version }),
});

export const organizationUpdated = defineEvent({
  type: 'pcc.organization.updated',
  topic: TOPICS.organization,
  description: 'Details of an organization changed; `changed` names the fields.',
  schema: z.object({ organization: organizationSnapshot, changed: z.array(text(64)).min(1).max(20), actor, version }),
});

export const organizationDeactivated = defineEvent({
  type: 'pcc.organization.deactivated',
  topic: TOPICS.organization,
  description: 'An organization left the network; references to it are no longer accepted.',
  schema: z.object({ organization: organizationSnapshot, actor, version }),
});

/** A person of the working group, by id: no name or contact ever (private citizens; PDPA). */
const memberSnapshot = z
  .object({
    id: uuid,
    organizationId: uuid.nullable(),
    title: z.string().max(200).nullable(),
    groupRole: text(100),
    category: z.enum(MEMBER_CATEGORIES),
    termStart: isoDate.nullable(),
    termEnd: isoDate.nullable(),
  })
  .strict();

export const memberAdded = defineEvent({
  type: 'pcc.member.added',
  topic: TOPICS.member,
  description: 'A person joined the network working group (no contact data: analysts read this topic).',
  schema: z.object({ member: memberSnapshot, actor, version }),
});
export const memberUpdated = defineEvent({
  type: 'pcc.member.updated',
  topic: TOPICS.member,
  description: 'A working-group membership changed.',
  schema: z.object({ member: memberSnapshot, changed: z.array(text(64)).min(1).max(20), actor, version }),
});
export const memberRemoved = defineEvent({
  type: 'pcc.member.removed',
  topic: TOPICS.member,
  description: 'A person left the working group.',
  schema: z.object({ memberId: uuid, organizationId: uuid.nullable(), actor, version }),
});

const agreementTarget = z.object({
  metric: text(64),
  value: z
    .string()
    .max(20)
    .regex(/^-?\d+(\.\d+)?$/, 'decimal string'),
  unit: text(20),
  baselineFiscalYear: z.number().int().nullable(),
});
const agreementSnapshot = z.object({
  id: uuid,
  title: text(200),
  // Readers of the first events know four subjects: a later one travels as OTHER, precisely in fullSubject.
  subject: z.enum(AGREEMENT_SUBJECTS_V1),
  signedOn: isoDate,
  signatoryOrganizationIds: z.array(uuid).max(MAX_ORGANIZATIONS),
  targets: z.array(agreementTarget).max(20),
  // Added with terms and meetings: absent in events written before (and optional to read them).
  fullSubject: z.enum(AGREEMENT_SUBJECTS).optional(),
  validFrom: isoDate.nullable().optional(),
  validUntil: isoDate.nullable().optional(),
  obligationCount: z.number().int().min(0).max(50).optional(),
  meetingId: uuid.nullable().optional(),
});

export const agreementSigned = defineEvent({
  type: 'pcc.agreement.signed',
  topic: TOPICS.agreement,
  description: 'An MOU was signed by its first signatories; carries its targets (e.g. 5 % less waste).',
  schema: z.object({ agreement: agreementSnapshot, actor, version }),
});
export const agreementSignatoryAdded = defineEvent({
  type: 'pcc.agreement.signatory-added',
  topic: TOPICS.agreement,
  description: 'An organization signed an existing MOU.',
  schema: z.object({ agreement: agreementSnapshot, organizationId: uuid, actor, version }),
});

export const organizationEvents = [
  organizationRegistered,
  organizationUpdated,
  organizationDeactivated,
  memberAdded,
  memberUpdated,
  memberRemoved,
  agreementSigned,
  agreementSignatoryAdded,
];
