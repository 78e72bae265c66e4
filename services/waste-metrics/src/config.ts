import { z } from 'zod';
import { databaseEnv, env, httpEnv, kafkaEnv, logEnv } from '@pcc/config';
import { DEV_INTERNAL_SECRET } from '@pcc/subgraph-kit';

/** The waste-metrics service's environment; every problem is listed at start-up. */
export const configSchema = z
  .object({
    ...httpEnv(4004),
    ...databaseEnv('pcc_waste'),
    ...kafkaEnv('pcc-waste-metrics'),
    ...logEnv(),
    INTERNAL_JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
    MIGRATE_ON_START: env.bool(true),
  })
  .superRefine((config, context) => {
    if (config.NODE_ENV === 'production' && config.INTERNAL_JWT_SECRET === DEV_INTERNAL_SECRET) {
      context.addIssue({ code: 'custom', path: ['INTERNAL_JWT_SECRET'], message: 'set a real secret in production' });
    }
  });

export type Config = z.infer<typeof configSchema>;
