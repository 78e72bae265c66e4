import { z } from 'zod';
import { defineEvent } from './define';
import { actor, isoDateTime, MAX_ORGANIZATIONS, uuid, version } from './common';
import { DISTRICTS } from './organizations';
import { TOPICS } from './topics';

export const CASE_KINDS = ['GRIEVANCE', 'CONFLICT'] as const;
export const CASE_CATEGORIES = [
  'WASTE',
  'WATER',
  'ROAD',
  'FLOODING',
  'ENVIRONMENT',
  'LAND_DISPUTE',
  'PUBLIC_NUISANCE',
  'SOCIAL_WELFARE',
  'OTHER',
] as const;
export const CASE_CHANNELS = ['WALK_IN', 'PHONE', 'WEB', 'LINE', 'LETTER', 'REFERRAL'] as const;
export const CASE_PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
export const CASE_STATUSES = [
  'RECEIVED',
  'TRIAGED',
  'ASSIGNED',
  'IN_PROGRESS',
  'IN_MEDIATION',
  'RESOLVED',
  'CLOSED',
  'REJECTED',
  'REOPENED',
] as const;
export const MEDIATION_OUTCOMES = ['AGREEMENT', 'PARTIAL_AGREEMENT', 'NO_AGREEMENT', 'REFERRED'] as const;

/**
 * The public face of a case, carried in every case event. It holds no personal data: no reporter,
 * no parties, no free text (notes and descriptions may name people). Analysts read this topic.
 */
export const caseSnapshot = z.object({
  id: uuid,
  trackingCode: z.string().regex(/^PCC-\d{4}-\d{6}$/),
  kind: z.enum(CASE_KINDS),
  category: z.enum(CASE_CATEGORIES),
  channel: z.enum(CASE_CHANNELS),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(CASE_PRIORITIES),
  district: z.enum(DISTRICTS).nullable(),
  leadOrganizationId: uuid.nullable(),
  supportingOrganizationIds: z.array(uuid).max(MAX_ORGANIZATIONS),
  openedAt: isoDateTime,
  dueAt: isoDateTime.nullable(),
});

/** An outside body by its code (the cases service's data/external-bodies.json), e.g. PWA. */
export const externalBodyCode = z.string().regex(/^[A-Z0-9-]{2,32}$/);
/** An outside body's letter or ticket number: a reference, never free text. */
export const externalReference = z.string().regex(/^[A-Za-z0-9ก-๙][A-Za-z0-9ก-๙/._-]{0,63}$/);

const caseEvent = (type: string, description: string, extra: z.ZodRawShape = {}) =>
  defineEvent({
    type: `pcc.case.${type}`,
    topic: TOPICS.case,
    description,
    schema: z.object({ case: caseSnapshot, actor, version, ...extra }).strict(),
  });

export const caseEvents = [
  caseEvent('opened', 'A citizen or staff opened a case.'),
  caseEvent(
    'triaged',
    'The network centre set the lead organization and priority; or, actor SYSTEM, the case went at intake straight to the organization whose area its tambon is.',
    { leadOrganizationId: uuid },
  ),
  caseEvent('assigned', 'The lead organization accepted the case.'),
  caseEvent('forwarded', 'The lead forwarded the case to another organization (the lead changed).', {
    fromOrganizationId: uuid,
    toOrganizationId: uuid,
  }),
  caseEvent('supporting-organization-joined', 'An invited organization joined the case.', { organizationId: uuid }),
  caseEvent('status-changed', 'The status changed (every transition emits this).', {
    from: z.enum(CASE_STATUSES),
    to: z.enum(CASE_STATUSES),
  }),
  caseEvent('mediation-session-recorded', 'A mediation session of a conflict was held.', {
    sessionId: uuid,
    heldAt: isoDateTime,
  }),
  caseEvent('resolved', 'The case was resolved.', { outcome: z.enum(MEDIATION_OUTCOMES).nullable() }),
  caseEvent('closed', 'The case was closed.'),
  caseEvent('reopened', 'The reporter or staff reopened the case.', { reopenCount: z.number().int().positive() }),
  caseEvent('rated', 'The reporter rated the handling, 1–5.', { rating: z.number().int().min(1).max(5) }),
  caseEvent('sla-breached', 'The case passed its due time unresolved (once per due time).', { dueAt: isoDateTime }),
  caseEvent(
    'referred-to-external-body',
    'The lead handed the case to a body outside the network (the lead keeps it and follows the referral).',
    {
      referralId: uuid,
      externalBody: externalBodyCode,
      externalReference: externalReference.nullable(),
      forwardedAt: isoDateTime,
    },
  ),
  caseEvent('external-body-replied', 'The outside body a case was referred to replied (recorded by the lead).', {
    referralId: uuid,
    externalBody: externalBodyCode,
    repliedAt: isoDateTime,
  }),
  caseEvent('marked-duplicate', 'The case duplicates another and was closed.', { originalCaseId: uuid }),
];
