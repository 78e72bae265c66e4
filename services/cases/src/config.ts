import { env } from '@pcc/config';
import { subgraphConfigSchema } from '@pcc/subgraph-kit';
import type { z } from 'zod';
import { service } from './service';

/** The cases service's environment; every problem is listed at start-up. */
export const configSchema = subgraphConfigSchema(service, {
  /** Hours to resolve a case, by priority. */
  SLA_HOURS_URGENT: env.int(24, 1, 8760),
  SLA_HOURS_HIGH: env.int(72, 1, 8760),
  SLA_HOURS_NORMAL: env.int(168, 1, 8760),
  SLA_HOURS_LOW: env.int(336, 1, 8760),
  /** How often overdue cases are looked for (`case.sla-breached`). */
  SLA_CHECK_INTERVAL_MS: env.int(60_000, 1_000, 3_600_000),
});

export type Config = z.infer<typeof configSchema>;

export const slaHoursOf = (config: Config) => ({
  URGENT: config.SLA_HOURS_URGENT,
  HIGH: config.SLA_HOURS_HIGH,
  NORMAL: config.SLA_HOURS_NORMAL,
  LOW: config.SLA_HOURS_LOW,
});
