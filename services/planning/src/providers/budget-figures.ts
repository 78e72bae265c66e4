import type { EntityManager } from 'typeorm';
import { parseInput } from '@pcc/subgraph-kit';
import * as rules from '../domain/inputs';
import { fromSatang, percentOf, toSatang } from '../domain/money';
import { summariesOfTheNetwork, type BudgetSummary } from '../store/budget-figures';
import type { RequestScope } from './scope';

/** The network's budget figures of a fiscal year. Talks to: this service's database. */
export class BudgetFigures {
  constructor(private readonly scope: RequestScope) {}

  fiscalYearSummary(rawFiscalYear: unknown) {
    return fiscalYearSummary(this.scope.dataSource.manager, parseInput(rules.fiscalYear, rawFiscalYear, 'fiscalYear'));
  }
}

/**
 * Every active organization of the network (registry code order) with its figures — and any that has
 * left but owns budgeted projects that year, so the total is the sum of every budgetSummary.
 */
async function fiscalYearSummary(manager: EntityManager, fiscalYear: number) {
  const perOrganization = (await summariesOfTheNetwork(manager, fiscalYear)).map(({ organizationId, summary }) => ({
    organization: { id: organizationId },
    summary,
  }));
  const sum = (pick: (s: BudgetSummary) => string) =>
    perOrganization.reduce((total, o) => total + toSatang(pick(o.summary)), 0n);
  const count = (pick: (s: BudgetSummary) => number) =>
    perOrganization.reduce((total, o) => total + pick(o.summary), 0);
  const [approved, disbursed] = [sum((s) => s.approved), sum((s) => s.disbursed)];
  return {
    fiscalYear,
    total: {
      fiscalYear,
      approved: fromSatang(approved),
      disbursed: fromSatang(disbursed),
      disbursementRate: percentOf(disbursed, approved),
      projectCount: count((s) => s.projectCount),
      completedCount: count((s) => s.completedCount),
      delayedCount: count((s) => s.delayedCount),
      accumulatedFundsApproved: fromSatang(sum((s) => s.accumulatedFundsApproved)),
    },
    organizations: perOrganization,
  };
}
