import { z } from 'zod';
import { databaseEnv, env, httpEnv, kafkaEnv, logEnv } from '@pcc/config';
import { DEV_INTERNAL_SECRET } from '@pcc/subgraph-kit';

/** The organizations service's environment; every problem is listed at start-up. */
export const configSchema = z.object({
  ...httpEnv(4001),
  ...databaseEnv('pcc_organizations'),
  ...kafkaEnv('pcc-organizations'),
  ...logEnv(),
  /** Shared with the gateway: verifies the identity it forwards. At least 32 characters. */
  INTERNAL_JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** Run pending migrations before listening (on by default; off when a deploy job runs them). */
  MIGRATE_ON_START: env.bool(true),
}).superRefine((config, context) => {
  if (config.NODE_ENV === 'production' && config.INTERNAL_JWT_SECRET === DEV_INTERNAL_SECRET) {
    context.addIssue({ code: 'custom', path: ['INTERNAL_JWT_SECRET'], message: 'set a real secret in production' });
  }
});

export type Config = z.infer<typeof configSchema>;
