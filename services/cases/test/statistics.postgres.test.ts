import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@pcc/testing';
import { entities, migrations } from '../src/server';
import { createLoaders } from '../src/store/loaders';
import { OrganizationFigures } from '../src/store/organization-figures';
import { ensureTrackingSequence, nextTrackingNumber } from '../src/store/tracking-numbers';

const [A, B] = [randomUUID(), randomUUID()];

/**
 * caseStats reads counters the database keeps in the same transaction as each change. Proof that they
 * can never be stale: after inserts, moves between organizations, status changes, ratings and
 * deletions, they equal a full recomputation from the cases themselves.
 */
describe('case statistics (real PostgreSQL)', () => {
  let db: TestDatabase;
  // One for the whole file, as a process keeps it: every read after a change must see the change.
  let figures: OrganizationFigures;
  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'case_stats', migrations, entities });
    figures = new OrganizationFigures(db.dataSource);
  });
  afterAll(() => db.drop());

  let n = 0;
  async function insert(
    lead: string | null,
    status: string,
    openedHoursAgo: number,
    resolvedAfterHours: number | null,
    rating: number | null,
  ): Promise<string> {
    n += 1;
    const [{ id }] = await db.dataSource.query<[{ id: string }]>(
      `INSERT INTO "case" (tracking_code, fiscal_year, kind, category, channel, title, description, lat, lng, reporter_name, reporter_secret_hash, priority, status, lead_org_id, due_at, opened_at, resolved_at, rating)
       VALUES ($1, 2569, 'GRIEVANCE', 'WASTE', 'WEB', 't', 'd', 7.9, 98.3, 'r', 'h', 'NORMAL', $2, $3, now() - make_interval(hours => $4) + interval '24 hours', now() - make_interval(hours => $4),
               CASE WHEN $5::int IS NULL THEN NULL ELSE now() - make_interval(hours => $4) + make_interval(hours => $5::int) END, $6) RETURNING id`,
      [`PCC-2569-${String(n).padStart(6, '0')}`, status, lead, openedHoursAgo, resolvedAfterHours, rating],
    );
    return id;
  }
  interface StatisticsRow {
    open: number;
    overdue: number;
    resolved30: number;
    median: number | null;
    rating: number | null;
  }
  /** The statistics recomputed from scratch, the slow way the loader used to read them. */
  async function recomputed(org: string) {
    const [row] = await db.dataSource.query<[StatisticsRow]>(
      `SELECT count(*) FILTER (WHERE status IN ('RECEIVED','TRIAGED','ASSIGNED','IN_PROGRESS','IN_MEDIATION','REOPENED'))::int AS open,
              count(*) FILTER (WHERE status IN ('RECEIVED','TRIAGED','ASSIGNED','IN_PROGRESS','IN_MEDIATION','REOPENED') AND due_at < now())::int AS overdue,
              count(*) FILTER (WHERE resolved_at > now() - interval '30 days')::int AS resolved30,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY floor(extract(epoch FROM resolved_at - opened_at) / 3600)) FILTER (WHERE resolved_at IS NOT NULL) AS median,
              avg(rating)::float8 AS rating
       FROM "case" WHERE lead_org_id = $1`,
      [org],
    );
    return {
      open: row.open,
      overdue: row.overdue,
      resolvedLast30Days: row.resolved30,
      medianResolutionHours: row.median === null ? null : Number(Number(row.median).toFixed(1)),
      averageRating: row.rating === null ? null : Number(Number(row.rating).toFixed(2)),
    };
  }
  const read = async (org: string) => {
    const stats = await createLoaders(db.dataSource, figures).statsByOrganization.load(org);
    return (
      stats && {
        open: stats.open,
        overdue: stats.overdue,
        resolvedLast30Days: stats.resolvedLast30Days,
        medianResolutionHours: stats.medianResolutionHours,
        averageRating: stats.averageRating,
      }
    );
  };

  it('equals a recomputation after every kind of change', async () => {
    const opened = await insert(A, 'IN_PROGRESS', 48, null, null); // open and overdue
    await insert(A, 'TRIAGED', 2, null, null); // open, not yet due
    await insert(A, 'RESOLVED', 100, 10, 5);
    await insert(A, 'CLOSED', 2000, 30, 3);
    await insert(A, 'CLOSED', 900, 21, null);
    await insert(null, 'RECEIVED', 1, null, null); // no lead: no organization's figure
    const moved = await insert(B, 'ASSIGNED', 5, null, null);
    expect(await read(A)).toEqual(await recomputed(A));
    expect(await read(A)).toMatchObject({
      open: 2,
      overdue: 1,
      resolvedLast30Days: 1,
      medianResolutionHours: 21,
      averageRating: 4,
    });

    await db.dataSource.query(
      `UPDATE "case" SET status = 'RESOLVED', resolved_at = opened_at + interval '50 hours', rating = 1 WHERE id = $1`,
      [opened],
    );
    await db.dataSource.query('UPDATE "case" SET lead_org_id = $1 WHERE id = $2', [A, moved]);
    expect(await read(A)).toEqual(await recomputed(A));
    expect(await read(A)).toMatchObject({ open: 2, medianResolutionHours: 25.5, averageRating: 3 });
    expect(await read(B)).toEqual({ ...(await recomputed(B)), medianResolutionHours: null, averageRating: null });

    await db.dataSource.query(`DELETE FROM "case" WHERE id = $1`, [opened]);
    expect(await read(A)).toEqual(await recomputed(A));
    // A rebuild from scratch (what a bulk load runs) gives the same figures.
    const before = await read(A);
    await db.dataSource.query('SELECT case_stats_rebuild()');
    expect(await read(A)).toEqual(before);
  });

  it('lets opposite moves of cases between two organizations run at the same time without a deadlock', async () => {
    const [one, two] = [await insert(A, 'IN_PROGRESS', 5, null, null), await insert(B, 'IN_PROGRESS', 5, null, null)];
    const move = (id: string, to: string) =>
      db.dataSource.transaction(async (tx) => {
        await tx.query('SELECT 1 FROM "case" WHERE id = $1 FOR UPDATE', [id]);
        await tx.query('UPDATE "case" SET lead_org_id = $1 WHERE id = $2', [to, id]);
      });
    for (let i = 0; i < 400; i += 1) await Promise.all([move(one, i % 2 ? A : B), move(two, i % 2 ? B : A)]);
    expect(await read(A)).toEqual(await recomputed(A));
    expect(await read(B)).toEqual(await recomputed(B));
  });

  it('numbers intakes from a sequence per fiscal year, each number once, more at once than the pool has connections', async () => {
    await ensureTrackingSequence(db.dataSource, 2571);
    const numbers = await Promise.all(
      Array.from({ length: 30 }, async () => (await nextTrackingNumber(db.dataSource, 2571)).sequence),
    );
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    await ensureTrackingSequence(db.dataSource, 2572);
    expect(await nextTrackingNumber(db.dataSource, 2572)).toEqual({ sequence: 1, activeLeadId: null });
  });
});
