import { createDataSource } from '@pcc/db';
import { createTestDatabase, type TestDatabase } from '@pcc/testing';
import type { DataSource } from 'typeorm';
import { entities, migrations, reportSlaBreaches } from '../src/server';

/**
 * The SLA watch runs in every replica of the cases service, each on its own timer and its own pool. Two
 * instances sweeping the same overdue cases at the same time report each case once per due time: one
 * `case.sla-breached` event and one timeline entry, whoever claimed it (SKIP LOCKED on the rows).
 */
describe('the SLA watch in two instances at once (real PostgreSQL)', () => {
  let db: TestDatabase;
  let other: DataSource;
  const OVERDUE = 120;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'sla_replicas', migrations, entities });
    other = createDataSource({ url: db.url, applicationName: 'pcc-cases-second-instance', entities });
    await other.initialize();
    await db.dataSource.query(
      `INSERT INTO "case" (tracking_code, fiscal_year, kind, category, channel, title, description, lat, lng, reporter_name, reporter_secret_hash, priority, status, due_at, opened_at)
       SELECT 'PCC-2569-' || lpad(i::text, 6, '0'), 2569, 'GRIEVANCE', 'WASTE', 'WEB', 't', 'd', 7.9, 98.3, 'r', 'h', 'NORMAL', 'ASSIGNED',
              now() - interval '2 hours' - make_interval(mins => i), now() - interval '100 hours'
       FROM generate_series(1, $1) AS i`,
      [OVERDUE],
    );
  });
  afterAll(async () => {
    await other?.destroy();
    await db?.drop();
  });

  it('reports every overdue case once, whichever instance claimed it', async () => {
    // Small batches, so the two sweeps interleave over many transactions instead of one taking all.
    const sweep = async (dataSource: DataSource) => {
      let reported = 0;
      for (;;) {
        const n = await reportSlaBreaches(dataSource, new Date(), 7);
        if (n === 0) return reported;
        reported += n;
      }
    };
    const [a, b] = await Promise.all([sweep(db.dataSource), sweep(other)]);
    expect(a + b).toBe(OVERDUE);
    const [events] = await db.dataSource.query<[{ total: number; cases: number }]>(
      `SELECT count(*)::int AS total, count(DISTINCT key)::int AS cases FROM outbox WHERE type = 'pcc.case.sla-breached'`,
    );
    expect(events).toEqual({ total: OVERDUE, cases: OVERDUE });
    const [unreported] = await db.dataSource.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM "case" WHERE sla_breached_for IS DISTINCT FROM due_at`,
    );
    expect(unreported.n).toBe(0);
    // Sweeping again, from either instance, reports nothing more.
    expect(await Promise.all([sweep(db.dataSource), sweep(other)])).toEqual([0, 0]);
  });
});
