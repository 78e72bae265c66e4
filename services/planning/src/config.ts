import { env } from '@pcc/config';
import { subgraphConfigSchema } from '@pcc/subgraph-kit';
import type { z } from 'zod';
import { service } from './service';

/** The planning service's environment; every problem is listed at start-up. */
export const configSchema = subgraphConfigSchema(service, {
  /** How often the delay watch judges the projects under way (time alone makes them fall behind). */
  DELAY_CHECK_INTERVAL_MS: env.int(3_600_000, 1_000, 86_400_000),
});

export type Config = z.infer<typeof configSchema>;
