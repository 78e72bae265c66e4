import { bangkokDate } from '@pcc/fiscal-year';
import type { RequestScope as KitScope } from '@pcc/subgraph-kit';
import { DEFAULT_ACCUMULATED_FUNDS_RULES, type AccumulatedFundsRules } from '../domain/accumulated-funds';

/**
 * What every provider of this service gets for one request; `today` (in Bangkok) is pinned by tests,
 * the accumulated-funds rules come from configuration.
 */
export type RequestScope = KitScope & { today?: () => string; accumulatedFunds?: AccumulatedFundsRules };

export const accumulatedFundsRulesOf = (scope: { accumulatedFunds?: AccumulatedFundsRules }): AccumulatedFundsRules =>
  scope.accumulatedFunds ?? DEFAULT_ACCUMULATED_FUNDS_RULES;

export const todayOf = (scope: { today?: () => string }): string => (scope.today ?? (() => bangkokDate()))();
