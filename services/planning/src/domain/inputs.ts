import { z } from 'zod';
import { inputs } from '@pcc/subgraph-kit';
import { BAHT } from './money';
import { ACCUMULATED_FUNDS_PURPOSES } from './accumulated-funds';
import { CANCELLATION_REASONS, FUNDING_SOURCES } from './vocabulary';

/** Shapes of the inputs (the kit's, refined); the planning rules themselves are in budget-rules.ts and state-machine.ts. */
export const { id, fiscalYear } = inputs;
export const baht = z
  .string()
  .regex(BAHT, 'must be an amount in THB, not negative, with at most 2 decimals (e.g. "1250000.50")');
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((d) => d >= '2000-01-01' && d <= '2099-12-31', 'must be a date from 2000 to 2099');
export const title = inputs.text(300);
export const longText = inputs.text(4000);
export const note = inputs.text(2000);
export const optionalNote = note.nullish();
export const cancellationReason = z.enum(CANCELLATION_REASONS);
export const code = z
  .string()
  .trim()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,19}$/u, 'must be 1–20 letters, digits, dots or dashes');
export const percent = z
  .number()
  .int('must be a whole percent')
  .min(0, 'must be from 0 to 100')
  .max(100, 'must be from 0 to 100');

export const planInput = z
  .object({
    organizationId: id,
    title,
    firstFiscalYear: fiscalYear,
    lastFiscalYear: fiscalYear,
    strategies: z
      .array(
        z.object({
          code,
          title,
          approaches: z.array(z.object({ code, title })).max(50, 'at most 50 approaches').nullish(),
        }),
      )
      .min(1, 'a plan needs at least one strategy')
      .max(30, 'at most 30 strategies'),
  })
  .superRefine((plan, context) => {
    const span = plan.lastFiscalYear - plan.firstFiscalYear;
    if (span < 0 || span > 4)
      context.addIssue({
        code: 'custom',
        path: ['lastFiscalYear'],
        message: 'a plan covers 1 to 5 fiscal years from firstFiscalYear',
      });
    const codes = plan.strategies.map((s) => s.code);
    if (new Set(codes).size !== codes.length)
      context.addIssue({ code: 'custom', path: ['strategies'], message: 'strategy codes must be unique' });
    plan.strategies.forEach((s, i) => {
      const approaches = (s.approaches ?? []).map((a) => a.code);
      if (new Set(approaches).size !== approaches.length)
        context.addIssue({
          code: 'custom',
          path: ['strategies', i, 'approaches'],
          message: 'approach codes must be unique within a strategy',
        });
    });
  });

const costShare = z.object({
  organizationId: id,
  percent: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, 'must be a percent with at most 2 decimals, e.g. "40.00"'),
});
export type CostShareInput = z.infer<typeof costShare>;

const projectFields = {
  partnerOrganizationIds: z.array(id).max(19, 'at most 19 partners'),
  costShares: z.array(costShare).max(19, 'at most 19 shares'),
  strategyId: id,
  approachId: id.nullable(),
  title,
  objective: longText,
  target: longText,
  kpi: longText,
  expectedResult: longText,
  fundingSource: z.enum(FUNDING_SOURCES),
  budget: baht,
  plannedStart: date,
  plannedEnd: date,
};

export const proposal = z.object({
  ownerOrganizationId: id,
  fiscalYear,
  ...projectFields,
  partnerOrganizationIds: projectFields.partnerOrganizationIds.nullish(),
  costShares: projectFields.costShares.nullish(),
  approachId: id.nullish(),
});
/** An edit: only the fields given change; `approachId: null` clears the approach. */
export const edit = z.object(projectFields).partial();
export const approval = z.object({
  approvedBudget: baht,
  councilResolution: z.object({ reference: title, date }).nullish(),
  accumulatedFundsPurpose: z.enum(ACCUMULATED_FUNDS_PURPOSES).nullish(),
});
/** An organization's funds and budget: up to 14 digits of baht. */
const funds = z
  .string()
  .regex(/^\d{1,14}(\.\d{1,2})?$/, 'must be an amount in THB, not negative, with at most 2 decimals');
export const accumulatedFundsReport = z.object({
  organizationId: id,
  reportedOn: date,
  balance: funds,
  monthlyPersonnelCost: funds,
  annualBudget: funds,
});
export const contract = z.object({ signedOn: date });
export const progress = z.object({ reportedOn: date, percent, amountDisbursed: baht, note: optionalNote });

export const projectFilter = z
  .object({
    organizationId: id.nullish(),
    fiscalYear: fiscalYear.nullish(),
    status: z.array(z.string()).nullish(),
    fundingSource: z.string().nullish(),
    coordinationStatus: z.string().nullish(),
    delayed: z.boolean().nullish(),
  })
  .nullish();
