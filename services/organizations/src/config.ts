import { subgraphConfigSchema } from '@pcc/subgraph-kit';
import type { z } from 'zod';

/** The organizations service's environment; every problem is listed at start-up. */
export const configSchema = subgraphConfigSchema(
  { port: 4001, database: 'pcc_organizations', clientId: 'pcc-organizations' },
  {},
);

export type Config = z.infer<typeof configSchema>;
