import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@pcc/testing';
import { entities, migrations } from '../src/server';
import { budgetSummaries } from '../src/store/budget-figures';

const [A, B] = [randomUUID(), randomUUID()];
const YEARS = [2568, 2569];

/**
 * budgetSummary and fiscalYearSummary read figures the database keeps in the same transaction as each
 * change to a project (migration BudgetSummary). Proof that they can never be stale: after inserts,
 * approvals, disbursements, delays, completion, cancellation, moves between organizations and fiscal
 * years and deletions, they equal a grouping of the projects themselves.
 */
describe('budget figures kept by the database (real PostgreSQL)', () => {
  let db: TestDatabase;
  let plan: { id: string; strategy: string };
  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'budget_summary', migrations, entities });
    const [p] = await db.dataSource.query<[{ id: string }]>(
      `INSERT INTO development_plan (id, organization_id, title, first_fiscal_year, last_fiscal_year, status) VALUES ($1, $2, 'plan', 2566, 2570, 'PUBLISHED') RETURNING id`,
      [randomUUID(), A],
    );
    const [s] = await db.dataSource.query<[{ id: string }]>(
      `INSERT INTO strategy (id, plan_id, code, title, position) VALUES ($1, $2, 'S1', 'Roads', 0) RETURNING id`,
      [randomUUID(), p.id],
    );
    plan = { id: p.id, strategy: s.id };
  });
  afterAll(() => db.drop());

  let n = 0;
  async function insert(
    owner: string,
    year: number,
    status: string,
    approved: number | null,
    funding = 'ANNUAL_BUDGET',
  ) {
    n += 1;
    const [{ id }] = await db.dataSource.query<[{ id: string }]>(
      `INSERT INTO project (id, code, title, objective, target, kpi, expected_result, owner_organization_id, fiscal_year, plan_id, strategy_id,
                            funding_source, budget, approved_budget, council_resolution_ref, council_resolution_date, planned_start, planned_end, status, progress_percent, approved_at)
       VALUES ($1, $2, 't', 'o', 't', 'k', 'e', $3, $4, $5, $6, $7, 100000, $8, 'CR-1', '2025-01-01', '2025-01-01', '2025-12-31', $9,
               CASE WHEN $9 = 'COMPLETED' THEN 100 ELSE 0 END, CASE WHEN $8::numeric IS NULL THEN NULL ELSE now() END) RETURNING id`,
      [randomUUID(), `P-${n}`, owner, year, plan.id, plan.strategy, funding, approved, status],
    );
    return id;
  }

  /** The figures grouped from the projects, as the service computed them before it kept them. */
  async function recomputed(year: number) {
    const rows = await db.dataSource.query<
      Array<{
        organization_id: string;
        approved: string;
        disbursed: string;
        n: number;
        done: number;
        late: number;
        acc: string;
      }>
    >(
      `WITH counted AS (
         SELECT *, status <> 'CANCELLED' AS budgeted, CASE WHEN status = 'CANCELLED' THEN disbursed ELSE approved_budget END AS amount
         FROM project WHERE fiscal_year = $1
           AND (status IN ('APPROVED', 'PROCURING', 'IN_PROGRESS', 'COMPLETED') OR (status = 'CANCELLED' AND disbursed > 0))),
       parts AS (
         SELECT c.id, s.key::uuid AS org, round(c.amount * s.value::numeric / 10000, 2) AS amount,
                round(c.disbursed * s.value::numeric / 10000, 2) AS disbursed, c.funding_source
         FROM counted c CROSS JOIN jsonb_each_text(c.cost_shares) s),
       shares AS (
         SELECT c.owner_organization_id AS org, c.amount - coalesce((SELECT sum(amount) FROM parts WHERE parts.id = c.id), 0) AS amount,
                c.disbursed - coalesce((SELECT sum(disbursed) FROM parts WHERE parts.id = c.id), 0) AS disbursed,
                CASE WHEN c.budgeted THEN 1 ELSE 0 END AS n, CASE WHEN c.status = 'COMPLETED' THEN 1 ELSE 0 END AS done,
                CASE WHEN c.delayed AND c.budgeted THEN 1 ELSE 0 END AS late, c.funding_source
         FROM counted c
         UNION ALL SELECT org, amount, disbursed, 0, 0, 0, funding_source FROM parts)
       SELECT org AS organization_id, round(sum(amount), 2)::text AS approved, round(sum(disbursed), 2)::text AS disbursed,
              sum(n)::int AS n, sum(done)::int AS done, sum(late)::int AS late,
              round(coalesce(sum(amount) FILTER (WHERE funding_source = 'ACCUMULATED_FUNDS'), 0), 2)::text AS acc
       FROM shares GROUP BY org ORDER BY 1`,
      [year],
    );
    return rows.map((r) => [r.organization_id, r.approved, r.disbursed, r.n, r.done, r.late, r.acc]);
  }
  async function kept(year: number) {
    const figures = await budgetSummaries(db.dataSource.manager, [A, B].sort(), year);
    return [...figures]
      .sort(([x], [y]) => (x < y ? -1 : 1))
      .map(([id, s]) => [
        id,
        s.approved,
        s.disbursed,
        s.projectCount,
        s.completedCount,
        s.delayedCount,
        s.accumulatedFundsApproved,
      ]);
  }
  const expectEqual = async () => {
    for (const year of YEARS) expect(await kept(year)).toEqual(await recomputed(year));
  };

  it('equals a grouping of the projects after every kind of change', async () => {
    const proposed = await insert(A, 2569, 'PROPOSED', null);
    const running = await insert(A, 2569, 'IN_PROGRESS', 250000.5);
    const accumulated = await insert(A, 2569, 'APPROVED', 1200000, 'ACCUMULATED_FUNDS');
    const other = await insert(B, 2569, 'COMPLETED', 80000);
    const spent = await insert(B, 2569, 'IN_PROGRESS', 60000, 'ACCUMULATED_FUNDS');
    await insert(B, 2568, 'PROCURING', 40000.25);
    await expectEqual();
    expect(await kept(2569)).toContainEqual([A, '1450000.50', '0.00', 2, 0, 0, '1200000.00']);

    await db.dataSource.query(
      `UPDATE project SET status = 'APPROVED', approved_budget = 90000, approved_at = now() WHERE id = $1`,
      [proposed],
    );
    await db.dataSource.query('UPDATE project SET disbursed = 100000.5, delayed = true WHERE id = $1', [running]);
    await db.dataSource.query(`UPDATE project SET status = 'CANCELLED' WHERE id = $1`, [accumulated]);
    // Spent before its cancellation: the money stays (approved = disbursed), the project is not counted.
    await db.dataSource.query(`UPDATE project SET disbursed = 30000.25, delayed = true WHERE id = $1`, [spent]);
    await db.dataSource.query(`UPDATE project SET status = 'CANCELLED' WHERE id = $1`, [spent]);
    await db.dataSource.query('UPDATE project SET owner_organization_id = $1, fiscal_year = 2568 WHERE id = $2', [
      A,
      other,
    ]);
    await expectEqual();
    expect(await kept(2569)).toContainEqual([B, '30000.25', '30000.25', 0, 0, 0, '30000.25']);
    // Its disbursement corrected after the cancellation: the figures follow.
    await db.dataSource.query('UPDATE project SET disbursed = 10000 WHERE id = $1', [spent]);
    await db.dataSource.query('DELETE FROM project WHERE id = $1', [running]);
    await expectEqual();
    // A joint project: the partner's 40 % share counts in its figures, to the satang; the owner keeps the rest.
    const joint = await insert(A, 2569, 'IN_PROGRESS', 1000000.01, 'JOINT');
    await db.dataSource.query(`UPDATE project SET cost_shares = jsonb_build_object($1::text, 4000) WHERE id = $2`, [
      B,
      joint,
    ]);
    await db.dataSource.query('UPDATE project SET disbursed = 333333.33 WHERE id = $1', [joint]);
    await expectEqual();
    const withShares = await kept(2569);
    await db.dataSource.query(`UPDATE project SET cost_shares = '{}' WHERE id = $1`, [joint]);
    const withoutShares = await kept(2569);
    const figure = (rows: unknown[][], id: string) => rows.find((r) => r[0] === id)!;
    // 400000.00 approved and 133333.33 disbursed move from the owner to the partner.
    expect(Number(figure(withoutShares, A)[1]) - Number(figure(withShares, A)[1])).toBeCloseTo(400000, 2);
    expect(Number(figure(withShares, B)[2]) - Number(figure(withoutShares, B)[2])).toBeCloseTo(133333.33, 2);
    await db.dataSource.query(
      `UPDATE project SET cost_shares = jsonb_build_object($1::text, 2550), owner_organization_id = $2 WHERE id = $3`,
      [A, B, joint],
    );
    await expectEqual();
    await db.dataSource.query(`UPDATE project SET status = 'CANCELLED' WHERE id = $1`, [joint]);
    await expectEqual();
    // A rebuild from scratch (what a bulk load runs) gives the same figures.
    const before = await Promise.all(YEARS.map(kept));
    await db.dataSource.query('SELECT budget_summary_rebuild()');
    expect(await Promise.all(YEARS.map(kept))).toEqual(before);
  });

  it('lets opposite moves between two organizations run at the same time without a deadlock', async () => {
    const [one, two] = [await insert(A, 2569, 'IN_PROGRESS', 1000), await insert(B, 2569, 'IN_PROGRESS', 2000)];
    const move = (id: string, to: string) =>
      db.dataSource.query('UPDATE project SET owner_organization_id = $1 WHERE id = $2', [to, id]);
    for (let i = 0; i < 200; i += 1) await Promise.all([move(one, i % 2 ? A : B), move(two, i % 2 ? B : A)]);
    await expectEqual();
  });
});
