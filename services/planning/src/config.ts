import { env } from '@pcc/config';
import { subgraphConfigSchema } from '@pcc/subgraph-kit';
import { z } from 'zod';
import {
  ACCUMULATED_FUNDS_PURPOSES,
  DEFAULT_ACCUMULATED_FUNDS_RULES,
  type AccumulatedFundsRules,
} from './domain/accumulated-funds';
import { service } from './service';

const defaults = DEFAULT_ACCUMULATED_FUNDS_RULES;

/** The planning service's environment; every problem is listed at start-up. */
export const configSchema = subgraphConfigSchema(service, {
  /** How often the delay watch judges the projects under way (time alone makes them fall behind). */
  DELAY_CHECK_INTERVAL_MS: env.int(3_600_000, 1_000, 86_400_000),
  /** Accumulated funds (the regulation's values by default; README, "Accumulated funds"). */
  ACCUMULATED_FUNDS_PERSONNEL_RESERVE_MONTHS: env.int(defaults.personnelReserveMonths, 0, 24),
  ACCUMULATED_FUNDS_ANNUAL_BUDGET_RESERVE_PERCENT: env.int(defaults.annualBudgetReservePercent, 0, 100),
  ACCUMULATED_FUNDS_COMMITMENT_MONTHS: env.int(defaults.commitmentMonths, 1, 60),
  ACCUMULATED_FUNDS_ALLOWED_PURPOSES: z
    .string()
    .default(defaults.allowedPurposes.join(','))
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(ACCUMULATED_FUNDS_PURPOSES)).min(1, 'expected at least one purpose')),
});

export type Config = z.infer<typeof configSchema>;

export const accumulatedFundsRules = (config: Config): AccumulatedFundsRules => ({
  personnelReserveMonths: config.ACCUMULATED_FUNDS_PERSONNEL_RESERVE_MONTHS,
  annualBudgetReservePercent: config.ACCUMULATED_FUNDS_ANNUAL_BUDGET_RESERVE_PERCENT,
  commitmentMonths: config.ACCUMULATED_FUNDS_COMMITMENT_MONTHS,
  allowedPurposes: config.ACCUMULATED_FUNDS_ALLOWED_PURPOSES,
});
