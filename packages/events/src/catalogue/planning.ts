import { z } from 'zod';
import { defineEvent } from './define';
import { actor, isoDate, text, uuid, version } from './common';
import { TOPICS } from './topics';

export const PROJECT_STATUSES = ['PROPOSED', 'APPROVED', 'PROCURING', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'] as const;
export const FUNDING_SOURCES = ['ANNUAL_BUDGET', 'ACCUMULATED_FUNDS', 'SUBSIDY', 'JOINT'] as const;
export const COORDINATION_STATUSES = ['NOT_SUBMITTED', 'SUBMITTED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN'] as const;
/**
 * The coordination statuses project snapshots carry (readers of `.v1` know these four): a WITHDRAWN
 * coordination reads NOT_SUBMITTED there — nothing is before the PAO — and `coordination-withdrawn` says so.
 */
export const SNAPSHOT_COORDINATION_STATUSES = ['NOT_SUBMITTED', 'SUBMITTED', 'ACCEPTED', 'DECLINED'] as const;
/**
 * Why a project was cancelled, as a fact an analyst can count. The official's own words stay in
 * planning's database and GraphQL: free text could name a person (PDPA), so it never travels.
 * APPROVAL_LAPSED is set by the lapse watch (its own event, `accumulated-funds-lapsed`, says so).
 */
export const CANCELLATION_REASONS = [
  'INSUFFICIENT_BUDGET',
  'NO_LONGER_NEEDED',
  'DUPLICATE_OR_MERGED',
  'SITE_UNAVAILABLE',
  'PROCUREMENT_FAILED',
  'LEGAL_OBSTACLE',
  'APPROVAL_LAPSED',
  'OTHER',
] as const;

const baht = z.string().regex(/^\d{1,12}\.\d{2}$/, 'THB as a decimal string with 2 decimals');
/** An organization's funds and budgets, above one project's 12 digits. */
const money16 = z.string().regex(/^\d{1,14}\.\d{2}$/, 'THB as a decimal string with 2 decimals');
const fiscalYear = z.number().int().min(2400).max(2700);

/** A project as analysts see it: figures and dates, the organizations, no people's names. */
export const projectSnapshot = z.object({
  id: uuid,
  // <organization code (≤ 32)>-<fiscal year>-<number>
  code: text(64),
  title: text(300),
  ownerOrganizationId: uuid,
  partnerOrganizationIds: z.array(uuid).max(19),
  fiscalYear,
  planId: uuid,
  strategyId: uuid,
  fundingSource: z.enum(FUNDING_SOURCES),
  status: z.enum(PROJECT_STATUSES),
  budget: baht,
  approvedBudget: baht.nullable(),
  disbursed: baht,
  progressPercent: z.number().int().min(0).max(100),
  plannedStart: isoDate,
  plannedEnd: isoDate,
  coordinationStatus: z.enum(SNAPSHOT_COORDINATION_STATUSES),
  delayed: z.boolean(),
  // Joint projects: each partner's share of the cost (the owner carries the rest); absent in older events.
  costShares: z
    .array(z.object({ organizationId: uuid, percent: z.string().regex(/^\d{1,3}\.\d{2}$/) }).strict())
    .max(19)
    .optional(),
});

const projectEvent = (type: string, description: string, extra: z.ZodRawShape = {}) =>
  defineEvent({
    type: `pcc.project.${type}`,
    topic: TOPICS.project,
    description,
    schema: z.object({ project: projectSnapshot, actor, version, ...extra }).strict(),
  });

const note = z.string().max(2000).nullable();
const SUPERSEDED = (type: string) => `No longer written: superseded by ${type}, without free text.`;

export const planningEvents = [
  projectEvent('proposed', 'An organization proposed a project under a strategy of its development plan.'),
  projectEvent('updated', 'The owner edited the proposal; a coordination under way or decided starts over.'),
  projectEvent(
    'approved',
    'The project was approved with its budget (accumulated funds: with the council resolution).',
    {
      councilResolution: z.object({ reference: text(300), date: isoDate }).nullable(),
    },
  ),
  projectEvent('status-changed', 'The status changed (every transition emits this).', {
    from: z.enum(PROJECT_STATUSES),
    to: z.enum(PROJECT_STATUSES),
  }),
  projectEvent('progress-reported', 'A dated progress report: percent complete and the amount disbursed with it.', {
    report: z.object({
      id: uuid,
      reportedOn: isoDate,
      percent: z.number().int().min(0).max(100),
      amountDisbursed: baht,
    }),
  }),
  projectEvent(
    'delayed',
    'The project fell more than 15 points behind its schedule, or passed its planned end unfinished (once per project and status).',
    {
      reason: z.enum(['BEHIND_SCHEDULE', 'PAST_PLANNED_END']),
      elapsedPercent: z.number().int().min(0).max(100),
      pointsBehind: z.number().int(),
      asOf: isoDate,
    },
  ),
  projectEvent('completed', 'The project was completed at 100 %.'),
  // The four `.v1` types below carried officials' free text; they are no longer written (superseded by
  // the `.v2` types after them) and stay defined so that readers of the topic's history can read them.
  projectEvent('cancelled', `${SUPERSEDED('pcc.project.cancelled.v2')} The project was cancelled, with the reason.`, {
    reason: z.string().min(1).max(2000),
  }),
  projectEvent(
    'coordination-submitted',
    `${SUPERSEDED('pcc.project.coordination-submitted.v2')} The organization submitted the project to the PAO for coordination.`,
    { note },
  ),
  projectEvent(
    'coordination-accepted',
    `${SUPERSEDED('pcc.project.coordination-accepted.v2')} The network centre accepted the project for coordination.`,
    { note },
  ),
  projectEvent(
    'coordination-declined',
    `${SUPERSEDED('pcc.project.coordination-declined.v2')} The network centre declined coordination, with a note.`,
    { note: z.string().min(1).max(2000) },
  ),
  projectEvent(
    'cancelled.v2',
    'The project was cancelled; the reason as a code from a fixed list (the stated reason stays in planning).',
    { reasonCode: z.enum(CANCELLATION_REASONS) },
  ),
  projectEvent(
    'coordination-submitted.v2',
    'The organization submitted the project to the PAO for coordination (whether with a note; the note stays in planning).',
    { hasNote: z.boolean() },
  ),
  projectEvent(
    'coordination-accepted.v2',
    'The network centre accepted the project for coordination (whether with a note; the note stays in planning).',
    { hasNote: z.boolean() },
  ),
  projectEvent(
    'coordination-declined.v2',
    'The network centre declined coordination; it always says why, in a note that stays in planning.',
    { hasNote: z.boolean() },
  ),
  projectEvent(
    'coordination-withdrawn',
    'The project was cancelled while its coordination was submitted: the organization took the coordination back (WITHDRAWN), so none stays undecided.',
  ),
  projectEvent(
    'contract-signed',
    'The contract of an approved project was signed (accumulated funds: before the approval lapsed).',
    {
      contractSignedOn: isoDate,
    },
  ),
  projectEvent(
    'accumulated-funds-lapsed',
    'The council approval to spend accumulated funds lapsed: no contract was signed by the deadline the regulation sets. The project is cancelled (its status-changed follows).',
    { contractDeadline: isoDate, asOf: isoDate },
  ),
  projectEvent('case-linked', 'The project was linked to a case it answers.', { caseId: uuid }),
  defineEvent({
    type: 'pcc.accumulated-funds.reported',
    topic: TOPICS.accumulatedFunds,
    description:
      'An organization reported its accumulated funds: the balance and the figures its reserves are computed from (public finance, no people).',
    schema: z
      .object({
        organizationId: uuid,
        reportedOn: isoDate,
        balance: money16,
        monthlyPersonnelCost: money16,
        annualBudget: money16,
        actor,
        version,
      })
      .strict(),
  }),
  defineEvent({
    type: 'pcc.plan.published',
    topic: TOPICS.plan,
    description: 'An organization published its development plan: period, strategies and development approaches.',
    schema: z
      .object({
        plan: z.object({
          id: uuid,
          organizationId: uuid,
          title: text(300),
          firstFiscalYear: fiscalYear,
          lastFiscalYear: fiscalYear,
          strategies: z
            .array(
              z.object({
                id: uuid,
                code: text(20),
                title: text(300),
                approaches: z.array(z.object({ id: uuid, code: text(20), title: text(300) })).max(50),
              }),
            )
            .max(30),
        }),
        actor,
        version,
      })
      .strict(),
  }),
];
