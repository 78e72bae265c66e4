import { z } from 'zod';
import { databaseEnv, env, httpEnv, kafkaEnv, logEnv } from '@pcc/config';
import { DEV_INTERNAL_SECRET } from '@pcc/subgraph-kit';

/** The cases service's environment; every problem is listed at start-up. */
export const configSchema = z
  .object({
    ...httpEnv(4002),
    ...databaseEnv('pcc_cases'),
    ...kafkaEnv('pcc-cases'),
    ...logEnv(),
    INTERNAL_JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
    MIGRATE_ON_START: env.bool(true),
    /** Hours to resolve a case, by priority. */
    SLA_HOURS_URGENT: env.int(24, 1, 8760),
    SLA_HOURS_HIGH: env.int(72, 1, 8760),
    SLA_HOURS_NORMAL: env.int(168, 1, 8760),
    SLA_HOURS_LOW: env.int(336, 1, 8760),
    /** How often overdue cases are looked for (`case.sla-breached`). */
    SLA_CHECK_INTERVAL_MS: env.int(60_000, 1_000, 3_600_000),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && config.INTERNAL_JWT_SECRET === DEV_INTERNAL_SECRET) {
      context.addIssue({ code: 'custom', path: ['INTERNAL_JWT_SECRET'], message: 'set a real secret in production' });
    }
  });

export type Config = z.infer<typeof configSchema>;

export const slaHoursOf = (config: Config) => ({ URGENT: config.SLA_HOURS_URGENT, HIGH: config.SLA_HOURS_HIGH, NORMAL: config.SLA_HOURS_NORMAL, LOW: config.SLA_HOURS_LOW });
