import { z } from 'zod';
import { defineEvent } from './define';
import { actor, isoDateTime, uuid, version } from './common';
import { TOPICS } from './topics';

export const WASTE_STREAMS = ['GENERAL', 'ORGANIC', 'RECYCLABLE', 'HAZARDOUS'] as const;
export const WASTE_DESTINATIONS = ['INCINERATED', 'LANDFILLED', 'RECYCLED', 'COMPOSTED'] as const;

/*
 * Ranges are the domain's, not narrower (a value the service accepts must never fail here):
 * - a month's figures are numeric(12,3): at most 999,999,999.999 t;
 * - a baseline is numeric(14,3) and its input takes 11 digits; a fiscal year's total of 12 months
 *   stays below 12 × 10⁹ t, so 11 digits hold both;
 * - a projected reduction is (1 − yearly projection ÷ baseline) × 100: at most 100 %, and at
 *   least −(12 × 999,999,999,999 kg ÷ 1 kg) × 100 ≈ −1.2 × 10¹⁵ % (16 digits);
 * - a target comes from an MOU and is held as numeric(6,2): 0 to 100 %.
 */
const tonnes = z.string().regex(/^\d{1,9}(\.\d{1,3})?$/, 'tonnes as a decimal string with at most 3 decimals');
const baselineTonnes = z.string().regex(/^\d{1,11}(\.\d{1,3})?$/, 'tonnes as a decimal string with at most 3 decimals');
const reductionPercent = z
  .string()
  .regex(/^-?\d{1,16}(\.\d{1,2})?$/, 'percent as a decimal string')
  .refine((value) => Number(value) <= 100, 'at most 100 %');
const targetPercent = z
  .string()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'percent as a decimal string')
  .refine((value) => Number(value) <= 100, 'at most 100 %');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM');
const fiscalYear = z.number().int().min(2400).max(2700);

/** A monthly report as analysts see it: tonnes by stream and destination; no reporter name (personal data). */
const reportSnapshot = z.object({
  id: uuid,
  organizationId: uuid,
  month,
  /** The Thai fiscal year the month falls in (October starts it); added later, so optional. */
  fiscalYear: fiscalYear.optional(),
  revision: z.number().int().positive(),
  totalTonnes: tonnes,
  byStream: z.object({ GENERAL: tonnes, ORGANIC: tonnes, RECYCLABLE: tonnes, HAZARDOUS: tonnes }),
  byDestination: z.object({ INCINERATED: tonnes, LANDFILLED: tonnes, RECYCLED: tonnes, COMPOSTED: tonnes }),
});

/** Which revision the PAO reviewed; the reason of a return is free text and never travels. */
const reviewedReport = z.object({ id: uuid, month, revision: z.number().int().positive() }).strict();

const wasteEvent = (type: string, description: string, shape: z.ZodRawShape) =>
  defineEvent({
    type: `pcc.waste.${type}`,
    topic: TOPICS.wasteReport,
    description,
    schema: z.object({ organizationId: uuid, actor, version, ...shape }).strict(),
  });

export const wasteEvents = [
  wasteEvent('report-submitted', 'An organization reported a month for the first time.', { report: reportSnapshot }),
  wasteEvent(
    'report-corrected',
    'A month was corrected: a new revision replaces the previous one, which stays readable.',
    { report: reportSnapshot, previousRevision: z.number().int().positive() },
  ),
  wasteEvent(
    'baseline-set',
    "The baseline of an organization was set (a fiscal year's total, null until that year is complete, or a value).",
    { baselineTonnes: baselineTonnes.nullable(), baselineFiscalYear: fiscalYear.nullable() },
  ),
  wasteEvent('target-set', 'A signed waste MOU gave the organization a reduction target.', {
    targetPercent,
    agreementId: uuid,
  }),
  wasteEvent('target-at-risk', 'With at least 3 months reported, the projected reduction fell below the target.', {
    fiscalYear,
    projectedReductionPercent: reductionPercent,
    targetPercent,
  }),
  wasteEvent(
    'report-missing',
    "A month's report was not in when its deadline passed (once per organization and month).",
    { month, deadline: isoDateTime },
  ),
  wasteEvent('report-verified', "The PAO verified a report's revision.", { report: reviewedReport }),
  wasteEvent(
    'report-returned',
    "The PAO returned a report's revision to its organization for a correction (the reason stays in waste-metrics).",
    { report: reviewedReport },
  ),
  wasteEvent('back-on-track', 'The projected reduction is back at or above the target.', {
    fiscalYear,
    projectedReductionPercent: reductionPercent,
    targetPercent,
  }),
];
