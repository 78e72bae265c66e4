import { z } from 'zod';
import { inputs } from '@pcc/subgraph-kit';

/** Shapes of the inputs (the kit's, refined); the waste rules themselves are in validation.ts. */
export const { id, fiscalYear } = inputs;
/** A report's note may be empty. */
export const note = inputs.text(1000, 0).nullish();
/** Why the PAO returns a report: required, so the organization knows what to correct. */
export const returnReason = inputs.text(2000);
export const baselineTonnes = z.string().regex(/^\d{1,11}(\.\d{1,3})?$/, 'must be tonnes with at most 3 decimals');
/** CSV files up to 5 MB through the API (about 60,000 rows); larger ones go through `npm run import:waste`. */
export const csvText = z.string().max(5_000_000, 'must be at most 5 MB; use npm run import:waste for larger files');
