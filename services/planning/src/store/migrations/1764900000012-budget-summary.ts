import type { MigrationInterface, QueryRunner } from 'typeorm';

const BUDGETED = "ARRAY['APPROVED','PROCURING','IN_PROGRESS','COMPLETED']";

/** This migration's figures of one project (a later migration replaces it; its `down` restores this). */
export const APPLY_V1 = `      CREATE OR REPLACE FUNCTION budget_summary_apply(p project, sign int) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT (p.status = ANY(${BUDGETED})) THEN RETURN; END IF;
        INSERT INTO budget_summary AS b (organization_id, fiscal_year, approved, disbursed, project_count, completed_count, delayed_count, accumulated)
        VALUES (p.owner_organization_id, p.fiscal_year, sign * coalesce(p.approved_budget, 0), sign * p.disbursed, sign,
                CASE WHEN p.status = 'COMPLETED' THEN sign ELSE 0 END, CASE WHEN p.delayed THEN sign ELSE 0 END,
                CASE WHEN p.funding_source = 'ACCUMULATED_FUNDS' THEN sign * coalesce(p.approved_budget, 0) ELSE 0 END)
        ON CONFLICT (fiscal_year, organization_id) DO UPDATE SET
          approved = b.approved + EXCLUDED.approved, disbursed = b.disbursed + EXCLUDED.disbursed,
          project_count = b.project_count + EXCLUDED.project_count, completed_count = b.completed_count + EXCLUDED.completed_count,
          delayed_count = b.delayed_count + EXCLUDED.delayed_count, accumulated = b.accumulated + EXCLUDED.accumulated;
      END $$`;

/** This migration's rebuild (a later migration replaces it; its `down` restores this). */
export const REBUILD_V1 = `      CREATE OR REPLACE FUNCTION budget_summary_rebuild() RETURNS void LANGUAGE sql AS $$
        DELETE FROM budget_summary;
        INSERT INTO budget_summary (organization_id, fiscal_year, approved, disbursed, project_count, completed_count, delayed_count, accumulated)
          SELECT owner_organization_id, fiscal_year, coalesce(sum(approved_budget), 0), coalesce(sum(disbursed), 0), count(*),
                 count(*) FILTER (WHERE status = 'COMPLETED'), count(*) FILTER (WHERE delayed),
                 coalesce(sum(approved_budget) FILTER (WHERE funding_source = 'ACCUMULATED_FUNDS'), 0)
          FROM project WHERE status = ANY(${BUDGETED}) GROUP BY owner_organization_id, fiscal_year;
      $$`;

/**
 * The budget figures of each organization and fiscal year (approved projects it owns, not cancelled:
 * approved, disbursed, counts, accumulated funds), kept by the database in the same transaction as
 * every change to a project — a trigger — so `budgetSummary` of 19 organizations and the province's
 * `fiscalYearSummary` read at most 19 rows instead of grouping every project of the year, and can
 * never be stale. `budget_summary_rebuild()` recomputes it from the projects (after a bulk load).
 */
export class BudgetSummary1764900000012 implements MigrationInterface {
  name = 'BudgetSummary1764900000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE budget_summary (
        organization_id uuid NOT NULL,
        fiscal_year int NOT NULL,
        approved numeric(16,2) NOT NULL DEFAULT 0,
        disbursed numeric(16,2) NOT NULL DEFAULT 0,
        project_count int NOT NULL DEFAULT 0,
        completed_count int NOT NULL DEFAULT 0,
        delayed_count int NOT NULL DEFAULT 0,
        accumulated numeric(16,2) NOT NULL DEFAULT 0,
        PRIMARY KEY (fiscal_year, organization_id)
      )`);
    await q.query(APPLY_V1);
    await q.query(`
      CREATE FUNCTION budget_summary_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Rows in key order (fiscal year, organization): two transactions moving figures between the
        -- same two rows in opposite directions cannot deadlock.
        IF TG_OP = 'UPDATE' AND (NEW.fiscal_year, NEW.owner_organization_id) < (OLD.fiscal_year, OLD.owner_organization_id) THEN
          PERFORM budget_summary_apply(NEW, 1);
          PERFORM budget_summary_apply(OLD, -1);
          RETURN NULL;
        END IF;
        IF TG_OP IN ('UPDATE', 'DELETE') THEN PERFORM budget_summary_apply(OLD, -1); END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN PERFORM budget_summary_apply(NEW, 1); END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER budget_summary AFTER INSERT OR DELETE OR UPDATE OF owner_organization_id, fiscal_year, status, approved_budget, disbursed, delayed, funding_source ON project FOR EACH ROW EXECUTE FUNCTION budget_summary_trigger()`,
    );
    await q.query(REBUILD_V1);
    await q.query('SELECT budget_summary_rebuild()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER budget_summary ON project');
    await q.query('DROP FUNCTION budget_summary_rebuild()');
    await q.query('DROP FUNCTION budget_summary_trigger()');
    await q.query('DROP FUNCTION budget_summary_apply(project, int)');
    await q.query('DROP TABLE budget_summary');
  }
}
