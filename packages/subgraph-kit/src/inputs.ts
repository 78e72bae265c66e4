import { z } from 'zod';
import { parseInput } from '@pcc/http';

/**
 * The input rules every service shares, refined per service (Hive's shared models): GraphQL checks
 * types and enums, these add formats, lengths and ranges.
 */
export const id = z.uuid('must be an id');

const BUDDHIST_ERA = 'must be a Buddhist-era fiscal year, e.g. 2561';
export const fiscalYear = z.number().int('must be a whole year').min(2500, BUDDHIST_ERA).max(2700, BUDDHIST_ERA);

// U+0000 cannot be stored in PostgreSQL text; refuse it and the other control characters (tab and line breaks stay).
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

/** Trimmed printable text of at most `max` characters; `min` 0 allows the empty string. */
export const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters');

/** Parses an optional argument: null or absent stays null, anything else must pass `schema`. */
export function parseOptional<T>(schema: z.ZodType<T>, value: unknown, field: string): T | null {
  return value === null || value === undefined ? null : parseInput(schema, value, field);
}
