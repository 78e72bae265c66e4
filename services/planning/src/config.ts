import { z } from 'zod';
import { databaseEnv, env, httpEnv, kafkaEnv, logEnv } from '@pcc/config';
import { DEV_INTERNAL_SECRET } from '@pcc/subgraph-kit';

/** The planning service's environment; every problem is listed at start-up. */
export const configSchema = z
  .object({
    ...httpEnv(4003),
    ...databaseEnv('pcc_planning'),
    ...kafkaEnv('pcc-planning'),
    ...logEnv(),
    INTERNAL_JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
    MIGRATE_ON_START: env.bool(true),
    /** How often the delay watch judges the projects under way (time alone makes them fall behind). */
    DELAY_CHECK_INTERVAL_MS: env.int(3_600_000, 1_000, 86_400_000),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && config.INTERNAL_JWT_SECRET === DEV_INTERNAL_SECRET) {
      context.addIssue({ code: 'custom', path: ['INTERNAL_JWT_SECRET'], message: 'set a real secret in production' });
    }
  });

export type Config = z.infer<typeof configSchema>;
