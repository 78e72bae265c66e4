import { subgraphConfigSchema } from '@pcc/subgraph-kit';
import type { z } from 'zod';
import { service } from './service';

/** The waste-metrics service's environment; every problem is listed at start-up. */
export const configSchema = subgraphConfigSchema(service, {});

export type Config = z.infer<typeof configSchema>;
