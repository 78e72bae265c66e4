import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The text of one of the benchmark's GraphQL operations (`bench/operations/<file>`). */
export const operation = (file: string): string => readFileSync(join(__dirname, '..', 'operations', file), 'utf8');
