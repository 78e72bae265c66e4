import { randomUUID } from 'node:crypto';
import { createDataSource } from '@pcc/db';
import { createTestDatabase, type TestDatabase } from '@pcc/testing';
import type { DataSource } from 'typeorm';
import { entities, migrations, reportDelays, reportLapses } from '../src/server';

/**
 * Planning's two watches (delays, accumulated-funds lapses) run in every replica of the service, each on
 * its own timer and pool. Two instances sweeping the same projects at the same time do each project's
 * work once: one `project.delayed` per delayed project, one lapse (cancellation and its events) per
 * lapsed approval, whoever claimed it (SKIP LOCKED on the rows). Small batches make the two sweeps
 * interleave over many transactions instead of one taking all.
 */
describe('planning’s watches in two instances at once (real PostgreSQL)', () => {
  let db: TestDatabase;
  let other: DataSource;
  let plan: { id: string; strategy: string };
  const TODAY = '2025-07-01';

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'planning_replicas', migrations, entities });
    other = createDataSource({ url: db.url, applicationName: 'pcc-planning-second-instance', entities });
    await other.initialize();
    const [p] = await db.dataSource.query<[{ id: string }]>(
      `INSERT INTO development_plan (id, organization_id, title, first_fiscal_year, last_fiscal_year, status)
       VALUES ($1, $2, 'plan', 2566, 2570, 'PUBLISHED') RETURNING id`,
      [randomUUID(), randomUUID()],
    );
    const [s] = await db.dataSource.query<[{ id: string }]>(
      `INSERT INTO strategy (id, plan_id, code, title, position) VALUES ($1, $2, 'S1', 'Roads', 0) RETURNING id`,
      [randomUUID(), p.id],
    );
    plan = { id: p.id, strategy: s.id };
  });
  afterAll(async () => {
    await other?.destroy();
    await db?.drop();
  });

  /** `count` projects under way over 2025, at `progress` % (0: far behind on TODAY; 60: on time). */
  async function projects(prefix: string, count: number, progress: number, extra = { funding: 'ANNUAL_BUDGET' }) {
    await db.dataSource.query(
      `INSERT INTO project (id, code, title, objective, target, kpi, expected_result, owner_organization_id, fiscal_year, plan_id, strategy_id,
                            funding_source, budget, approved_budget, council_resolution_ref, council_resolution_date, planned_start, planned_end,
                            status, progress_percent, approved_at, contract_deadline)
       SELECT gen_random_uuid(), $1 || i, 't', 'o', 't', 'k', 'e', gen_random_uuid(), 2568, $2, $3, $4, 100000, 100000, 'CR-1', '2025-01-01',
              '2025-01-01', '2025-12-31', 'APPROVED', $5, now(), CASE WHEN $4 = 'ACCUMULATED_FUNDS' THEN DATE '2025-06-01' END
       FROM generate_series(1, $6) AS i`,
      [prefix, plan.id, plan.strategy, extra.funding, progress, count],
    );
  }

  const sweepBoth = <T>(sweep: (dataSource: DataSource) => Promise<T>) =>
    Promise.all([sweep(db.dataSource), sweep(other)]);

  it('reports every delayed project once, whichever instance judged it', async () => {
    const DELAYED = 150;
    await projects('D-', DELAYED, 0);
    await projects('ON-TIME-', 40, 60);
    const [a, b] = await sweepBoth((dataSource) => reportDelays(dataSource, TODAY, 7));
    expect(a + b).toBe(DELAYED);
    const [events] = await db.dataSource.query<[{ total: number; projects: number }]>(
      `SELECT count(*)::int AS total, count(DISTINCT key)::int AS projects FROM outbox WHERE type LIKE 'pcc.project.delayed%'`,
    );
    expect(events).toEqual({ total: DELAYED, projects: DELAYED });
    const [flags] = await db.dataSource.query<[{ delayed: number; reported: number }]>(
      `SELECT count(*) FILTER (WHERE delayed)::int AS delayed, count(*) FILTER (WHERE delay_reported_status IS NOT NULL)::int AS reported
       FROM project WHERE code LIKE 'D-%' OR code LIKE 'ON-TIME-%'`,
    );
    expect(flags).toEqual({ delayed: DELAYED, reported: DELAYED });
    // Sweeping again, from both instances, reports nothing more.
    expect(await sweepBoth((dataSource) => reportDelays(dataSource, TODAY, 7))).toEqual([0, 0]);
  });

  it('lapses every accumulated-funds approval without a contract once', async () => {
    const LAPSING = 90;
    await projects('L-', LAPSING, 60, { funding: 'ACCUMULATED_FUNDS' });
    const [a, b] = await sweepBoth((dataSource) => reportLapses(dataSource, TODAY, 7));
    expect(a + b).toBe(LAPSING);
    const [events] = await db.dataSource.query<[{ total: number; projects: number }]>(
      `SELECT count(*)::int AS total, count(DISTINCT key)::int AS projects FROM outbox WHERE type LIKE 'pcc.project.accumulated-funds-lapsed%'`,
    );
    expect(events).toEqual({ total: LAPSING, projects: LAPSING });
    const [cancelled] = await db.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM project WHERE code LIKE 'L-%' AND status = 'CANCELLED' AND funds_lapsed_on = $1`,
      [TODAY],
    );
    expect(cancelled.n).toBe(LAPSING);
    expect(await sweepBoth((dataSource) => reportLapses(dataSource, TODAY, 7))).toEqual([0, 0]);
  });
});
