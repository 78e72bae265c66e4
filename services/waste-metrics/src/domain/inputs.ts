import { z } from 'zod';

/** Shapes of the inputs; the waste rules themselves are in validation.ts. */
export const id = z.uuid('must be an id');
export const fiscalYear = z
  .number()
  .int('must be a whole year')
  .min(2500, 'must be a Buddhist-era fiscal year, e.g. 2561')
  .max(2700, 'must be a Buddhist-era fiscal year, e.g. 2561');
export const note = z
  .string()
  .trim()
  .max(1000, 'must be at most 1000 characters')
  .refine((s) => !s.includes('\u0000'), 'must not contain control characters')
  .nullish();
export const baselineTonnes = z.string().regex(/^\d{1,11}(\.\d{1,3})?$/, 'must be tonnes with at most 3 decimals');
/** CSV files up to 5 MB through the API (about 60,000 rows); larger ones go through `npm run import:waste`. */
export const csvText = z.string().max(5_000_000, 'must be at most 5 MB; use npm run import:waste for larger files');
