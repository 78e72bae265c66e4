import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLY_V2, REBUILD_V2 } from './1765100000000-cancelled-spending-stays';

const BUDGETED = "ARRAY['APPROVED','PROCURING','IN_PROGRESS','COMPLETED']";

/**
 * Joint PAO–LGO projects: each partner's cost share (basis points of the project's cost, on the
 * project row so the trigger reads every share from OLD and NEW) counts in that partner's budget
 * figures — approved and disbursed split by the shares, to the satang (the owner keeps the rest) —
 * instead of the whole amount on the owner. The project itself is counted once, by its owner.
 */
export class JointCostShares1765100000003 implements MigrationInterface {
  name = 'JointCostShares1765100000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE project ADD COLUMN cost_shares jsonb NOT NULL DEFAULT '{}'`);
    await q.query(`
      CREATE OR REPLACE FUNCTION budget_summary_add(org uuid, fy int, approved numeric, disbursed numeric, projects int,
                                                    completed int, delayed int, accumulated numeric) RETURNS void LANGUAGE sql AS $$
        INSERT INTO budget_summary AS b (organization_id, fiscal_year, approved, disbursed, project_count, completed_count, delayed_count, accumulated)
        VALUES (org, fy, approved, disbursed, projects, completed, delayed, accumulated)
        ON CONFLICT (fiscal_year, organization_id) DO UPDATE SET
          approved = b.approved + EXCLUDED.approved, disbursed = b.disbursed + EXCLUDED.disbursed,
          project_count = b.project_count + EXCLUDED.project_count, completed_count = b.completed_count + EXCLUDED.completed_count,
          delayed_count = b.delayed_count + EXCLUDED.delayed_count, accumulated = b.accumulated + EXCLUDED.accumulated;
      $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION budget_summary_apply(p project, sign int) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        budgeted boolean := p.status = ANY(${BUDGETED});
        amount numeric := CASE WHEN p.status = ANY(${BUDGETED}) THEN coalesce(p.approved_budget, 0) ELSE p.disbursed END;
        accumulated boolean := p.funding_source = 'ACCUMULATED_FUNDS';
        rest_amount numeric := amount;
        rest_disbursed numeric := p.disbursed;
        share record;
        part_amount numeric;
        part_disbursed numeric;
      BEGIN
        IF NOT budgeted AND NOT (p.status = 'CANCELLED' AND p.disbursed <> 0) THEN RETURN; END IF;
        -- Partners in key order, like the owner's row below: no two transactions lock them crosswise.
        FOR share IN SELECT key::uuid AS org, value::numeric AS points FROM jsonb_each_text(p.cost_shares) ORDER BY key LOOP
          part_amount := round(amount * share.points / 10000, 2);
          part_disbursed := round(p.disbursed * share.points / 10000, 2);
          rest_amount := rest_amount - part_amount;
          rest_disbursed := rest_disbursed - part_disbursed;
          PERFORM budget_summary_add(share.org, p.fiscal_year, sign * part_amount, sign * part_disbursed, 0, 0, 0,
                                     CASE WHEN accumulated THEN sign * part_amount ELSE 0 END);
        END LOOP;
        PERFORM budget_summary_add(p.owner_organization_id, p.fiscal_year, sign * rest_amount, sign * rest_disbursed,
                                   CASE WHEN budgeted THEN sign ELSE 0 END, CASE WHEN p.status = 'COMPLETED' THEN sign ELSE 0 END,
                                   CASE WHEN budgeted AND p.delayed THEN sign ELSE 0 END,
                                   CASE WHEN accumulated THEN sign * rest_amount ELSE 0 END);
      END $$`);
    await q.query(`
      CREATE OR REPLACE FUNCTION budget_summary_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      DECLARE p project;
      BEGIN
        DELETE FROM budget_summary;
        FOR p IN SELECT * FROM project WHERE status = ANY(${BUDGETED}) OR (status = 'CANCELLED' AND disbursed <> 0) LOOP
          PERFORM budget_summary_apply(p, 1);
        END LOOP;
      END $$`);
    await q.query('DROP TRIGGER budget_summary ON project');
    await q.query(
      `CREATE TRIGGER budget_summary AFTER INSERT OR DELETE OR UPDATE OF owner_organization_id, fiscal_year, status, approved_budget, disbursed, delayed, funding_source, cost_shares ON project FOR EACH ROW EXECUTE FUNCTION budget_summary_trigger()`,
    );
    await q.query('SELECT budget_summary_rebuild()');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER budget_summary ON project');
    await q.query(
      `CREATE TRIGGER budget_summary AFTER INSERT OR DELETE OR UPDATE OF owner_organization_id, fiscal_year, status, approved_budget, disbursed, delayed, funding_source ON project FOR EACH ROW EXECUTE FUNCTION budget_summary_trigger()`,
    );
    await q.query(APPLY_V2);
    await q.query('DROP FUNCTION budget_summary_rebuild()');
    await q.query(REBUILD_V2);
    await q.query('DROP FUNCTION budget_summary_add(uuid, int, numeric, numeric, int, int, int, numeric)');
    await q.query('ALTER TABLE project DROP COLUMN cost_shares');
    await q.query('SELECT budget_summary_rebuild()');
  }
}
