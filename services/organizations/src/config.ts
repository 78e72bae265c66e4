import { env } from '@pcc/config';
import { subgraphConfigSchema } from '@pcc/subgraph-kit';
import type { z } from 'zod';
import { service } from './service';

/** The organizations service's environment; every problem is listed at start-up. */
export const configSchema = subgraphConfigSchema(service, {
  /** How often the overdue watch looks for follow-up actions past their due date (time alone makes them late). */
  OVERDUE_CHECK_INTERVAL_MS: env.int(3_600_000, 1_000, 86_400_000),
});

export type Config = z.infer<typeof configSchema>;
