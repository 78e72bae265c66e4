import { subgraphConfigSchema } from '@pcc/subgraph-kit';
import type { z } from 'zod';

/** The waste-metrics service's environment; every problem is listed at start-up. */
export const configSchema = subgraphConfigSchema(
  { port: 4004, database: 'pcc_waste', clientId: 'pcc-waste-metrics' },
  {},
);

export type Config = z.infer<typeof configSchema>;
