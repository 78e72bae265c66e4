import { env } from '@pcc/config';
import { subgraphConfigSchema } from '@pcc/subgraph-kit';
import { z } from 'zod';
import { DEFAULT_REPORTING } from './domain/deadlines';
import { service } from './service';

/** The waste-metrics service's environment; every problem is listed at start-up. */
export const configSchema = subgraphConfigSchema(service, {
  /** A month's report is due by the end of this day of the following month, Bangkok time (README). */
  WASTE_REPORT_DEADLINE_DAY: env.int(DEFAULT_REPORTING.deadlineDay, 1, 28),
  /** How many months due, counted back from the latest, are checked for missing reports. */
  WASTE_MISSING_LOOKBACK_MONTHS: env.int(DEFAULT_REPORTING.lookbackMonths, 1, 120),
  /** How often the deadline watch looks for reports that became overdue. */
  WASTE_DEADLINE_CHECK_INTERVAL_MS: env.int(3_600_000, 1_000, 86_400_000),
  /** Residents per organization with their source (JSON, see src/domain/population.ts); none by default. */
  WASTE_POPULATION_FILE: z.string().min(1).optional(),
});

export type Config = z.infer<typeof configSchema>;
