import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLY_V1, REBUILD_V1 } from './1764900000012-budget-summary';

const BUDGETED = "ARRAY['APPROVED','PROCURING','IN_PROGRESS','COMPLETED']";

/** This migration's figures of one project (a later migration replaces it; its `down` restores this). */
export const APPLY_V2 = `      CREATE OR REPLACE FUNCTION budget_summary_apply(p project, sign int) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        budgeted boolean := p.status = ANY(${BUDGETED});
        amount numeric := CASE WHEN p.status = ANY(${BUDGETED}) THEN coalesce(p.approved_budget, 0) ELSE p.disbursed END;
      BEGIN
        IF NOT budgeted AND NOT (p.status = 'CANCELLED' AND p.disbursed <> 0) THEN RETURN; END IF;
        INSERT INTO budget_summary AS b (organization_id, fiscal_year, approved, disbursed, project_count, completed_count, delayed_count, accumulated)
        VALUES (p.owner_organization_id, p.fiscal_year, sign * amount, sign * p.disbursed, CASE WHEN budgeted THEN sign ELSE 0 END,
                CASE WHEN p.status = 'COMPLETED' THEN sign ELSE 0 END, CASE WHEN budgeted AND p.delayed THEN sign ELSE 0 END,
                CASE WHEN p.funding_source = 'ACCUMULATED_FUNDS' THEN sign * amount ELSE 0 END)
        ON CONFLICT (fiscal_year, organization_id) DO UPDATE SET
          approved = b.approved + EXCLUDED.approved, disbursed = b.disbursed + EXCLUDED.disbursed,
          project_count = b.project_count + EXCLUDED.project_count, completed_count = b.completed_count + EXCLUDED.completed_count,
          delayed_count = b.delayed_count + EXCLUDED.delayed_count, accumulated = b.accumulated + EXCLUDED.accumulated;
      END $$`;

/** This migration's rebuild (a later migration replaces it; its `down` restores this). */
export const REBUILD_V2 = `      CREATE OR REPLACE FUNCTION budget_summary_rebuild() RETURNS void LANGUAGE sql AS $$
        DELETE FROM budget_summary;
        INSERT INTO budget_summary (organization_id, fiscal_year, approved, disbursed, project_count, completed_count, delayed_count, accumulated)
          SELECT owner_organization_id, fiscal_year,
                 coalesce(sum(CASE WHEN status = 'CANCELLED' THEN disbursed ELSE approved_budget END), 0), coalesce(sum(disbursed), 0),
                 count(*) FILTER (WHERE status <> 'CANCELLED'), count(*) FILTER (WHERE status = 'COMPLETED'),
                 count(*) FILTER (WHERE delayed AND status <> 'CANCELLED'),
                 coalesce(sum(CASE WHEN status = 'CANCELLED' THEN disbursed ELSE approved_budget END)
                   FILTER (WHERE funding_source = 'ACCUMULATED_FUNDS'), 0)
          FROM project WHERE status = ANY(${BUDGETED}) OR (status = 'CANCELLED' AND disbursed <> 0)
          GROUP BY owner_organization_id, fiscal_year;
      $$`;

/**
 * Money disbursed on a project that was later cancelled was spent: it stays in the organization's
 * figures. A cancelled project counts with what it disbursed, as both its approved and its disbursed
 * amount (what was committed and paid before the cancellation), so the disbursement rate stays within
 * 100 %; it is not counted among the projects (nor completed, nor delayed). A cancelled project that
 * disbursed nothing still counts for nothing.
 */
export class CancelledSpendingStays1765100000000 implements MigrationInterface {
  name = 'CancelledSpendingStays1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(APPLY_V2);
    await q.query(REBUILD_V2);
    await q.query('SELECT budget_summary_rebuild()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(APPLY_V1);
    await q.query(REBUILD_V1);
    await q.query('SELECT budget_summary_rebuild()');
  }
}
