import type { EntityManager } from 'typeorm';
import { percentOf, toSatang } from '../domain/money';
import { BUDGETED_STATUSES } from '../domain/vocabulary';

export interface BudgetSummary {
  fiscalYear: number;
  approved: string;
  disbursed: string;
  disbursementRate: string | null;
  projectCount: number;
  completedCount: number;
  delayedCount: number;
  accumulatedFundsApproved: string;
}

interface Row {
  organization_id: string;
  approved: string;
  disbursed: string;
  project_count: number;
  completed_count: number;
  delayed_count: number;
  accumulated: string;
}

const toSummary = (
  fiscalYear: number,
  r: Pick<Row, 'approved' | 'disbursed' | 'project_count' | 'completed_count' | 'delayed_count' | 'accumulated'>,
): BudgetSummary => ({
  fiscalYear,
  approved: r.approved,
  disbursed: r.disbursed,
  disbursementRate: percentOf(toSatang(r.disbursed), toSatang(r.approved)),
  projectCount: r.project_count,
  completedCount: r.completed_count,
  delayedCount: r.delayed_count,
  accumulatedFundsApproved: r.accumulated,
});

export const emptySummary = (fiscalYear: number): BudgetSummary =>
  toSummary(fiscalYear, {
    approved: '0.00',
    disbursed: '0.00',
    project_count: 0,
    completed_count: 0,
    delayed_count: 0,
    accumulated: '0.00',
  });

/**
 * Budget figures of the approved projects (approved … completed, not cancelled) each organization
 * owns in a fiscal year, in one grouped query; partners' shares are not split (the owner carries the
 * budget), so the province total is the sum of the organizations'.
 */
export async function budgetSummaries(
  manager: EntityManager,
  organizationIds: string[],
  fiscalYear: number,
): Promise<Map<string, BudgetSummary>> {
  const rows: Row[] = organizationIds.length
    ? await manager.query(
        `SELECT owner_organization_id AS organization_id,
                round(coalesce(sum(approved_budget), 0), 2)::text AS approved,
                round(coalesce(sum(disbursed), 0), 2)::text AS disbursed,
                count(*)::int AS project_count,
                (count(*) FILTER (WHERE status = 'COMPLETED'))::int AS completed_count,
                (count(*) FILTER (WHERE delayed))::int AS delayed_count,
                round(coalesce(sum(approved_budget) FILTER (WHERE funding_source = 'ACCUMULATED_FUNDS'), 0), 2)::text AS accumulated
         FROM project
         WHERE fiscal_year = $1 AND status = ANY($2) AND owner_organization_id = ANY($3::uuid[])
         GROUP BY owner_organization_id`,
        [fiscalYear, BUDGETED_STATUSES, organizationIds],
      )
    : [];
  return new Map(rows.map((r) => [r.organization_id, toSummary(fiscalYear, r)]));
}
