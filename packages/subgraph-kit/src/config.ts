import { z } from 'zod';
import { databaseEnv, env, httpEnv, kafkaEnv, logEnv } from '@pcc/config';
import { DEV_INTERNAL_SECRET } from '@pcc/http';
import { schemaPublishEnv } from './schema-publish';
import { responseCacheEnv } from './response-cache';

/**
 * The environment every subgraph reads — HTTP, its own database, Kafka, logs, the secret that
 * verifies the gateway's internal tokens, migrations on start — plus the service's own fields. The
 * development secret is refused in production, with every other problem, at start-up.
 */
export function subgraphConfigSchema<T extends z.ZodRawShape>(
  service: { port: number; database: string; clientId: string },
  own: T,
) {
  return z
    .object({
      ...httpEnv(service.port),
      ...databaseEnv(service.database),
      ...kafkaEnv(service.clientId),
      ...logEnv(),
      /** Shared with the gateway: verifies the identity it forwards. At least 32 characters. */
      INTERNAL_JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
      /** Run pending migrations before listening (on by default; off when a deploy job runs them). */
      MIGRATE_ON_START: env.bool(true),
      ...schemaPublishEnv(),
      ...responseCacheEnv(),
      ...own,
    })
    .superRefine((config, context) => {
      const { NODE_ENV, INTERNAL_JWT_SECRET } = config as { NODE_ENV: string; INTERNAL_JWT_SECRET: string };
      if (NODE_ENV === 'production' && INTERNAL_JWT_SECRET === DEV_INTERNAL_SECRET) {
        context.addIssue({ code: 'custom', path: ['INTERNAL_JWT_SECRET'], message: 'set a real secret in production' });
      }
    });
}
