import type { EntityManager } from 'typeorm';
import { percentOf, toSatang } from '../domain/money';

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
 * Budget figures of the approved projects (approved … completed; a cancelled one only with what it
 * had disbursed, which was spent) each organization owns in a fiscal year: one read of the figures the database keeps with every change to a project
 * (migration BudgetSummary). A joint project's partners' cost shares count in their own figures and
 * the owner carries the rest, so the province total is the sum of the organizations'.
 */
export async function budgetSummaries(
  manager: EntityManager,
  organizationIds: string[],
  fiscalYear: number,
): Promise<Map<string, BudgetSummary>> {
  const rows: Row[] = organizationIds.length
    ? await manager.query(
        `SELECT organization_id, round(approved, 2)::text AS approved, round(disbursed, 2)::text AS disbursed,
                project_count, completed_count, delayed_count, round(accumulated, 2)::text AS accumulated
         FROM budget_summary
         WHERE fiscal_year = $1 AND organization_id = ANY($2::uuid[])
           AND (project_count > 0 OR approved <> 0 OR disbursed <> 0)`,
        [fiscalYear, organizationIds],
      )
    : [];
  return new Map(rows.map((r) => [r.organization_id, toSummary(fiscalYear, r)]));
}

/**
 * Every active organization of the network (registry code order) with its figures of the year — and
 * any that has left but owns budgeted projects that year, so the province total is the sum of every
 * budgetSummary. One statement.
 */
export async function summariesOfTheNetwork(
  manager: EntityManager,
  fiscalYear: number,
): Promise<Array<{ organizationId: string; summary: BudgetSummary }>> {
  const rows: Array<Row & { kept: boolean }> = await manager.query(
    `SELECT o.id AS organization_id, b.organization_id IS NOT NULL AS kept,
            round(b.approved, 2)::text AS approved, round(b.disbursed, 2)::text AS disbursed,
            b.project_count, b.completed_count, b.delayed_count, round(b.accumulated, 2)::text AS accumulated
     FROM organization_projection o
     LEFT JOIN budget_summary b ON b.organization_id = o.id AND b.fiscal_year = $1
       AND (b.project_count > 0 OR b.approved <> 0 OR b.disbursed <> 0)
     WHERE o.active OR b.organization_id IS NOT NULL
     ORDER BY o.code`,
    [fiscalYear],
  );
  return rows.map((r) => ({
    organizationId: r.organization_id,
    summary: r.kept ? toSummary(fiscalYear, r) : emptySummary(fiscalYear),
  }));
}
