import { AppError } from '@pcc/subgraph-kit';
import { createTestDatabase, IdentityFactory, waitFor, type TestDatabase } from '@pcc/testing';
import { entities, migrations } from '../src/server';
import { CaseWorkflow } from '../src/providers/case-workflow';
import { DEFAULT_SLA_HOURS } from '../src/domain/sla';
import { caseScope } from '../src/providers/scope';

/** Two opposite `markDuplicate` calls racing: A duplicate of B and B duplicate of A cannot both win. */
describe('markDuplicate under concurrency (real PostgreSQL)', () => {
  let db: TestDatabase;
  let workflow: CaseWorkflow;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'cases_dup', migrations, entities });
    workflow = new CaseWorkflow(caseScope(db.dataSource, IdentityFactory.admin(), DEFAULT_SLA_HOURS));
  });
  afterAll(() => db.drop());

  const openCase = async (title: string) =>
    (
      await workflow.open({
        kind: 'GRIEVANCE',
        category: 'ROAD',
        channel: 'PHONE',
        title,
        description: 'd',
        location: { lat: 7.9, lng: 98.3 },
        reporter: { name: 'R', phone: '0812345678' },
      })
    ).case.id;

  /** Transactions of this database waiting for a row lock. */
  const waitingOnLocks = async () =>
    (
      await db.dataSource.query<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )
    )[0]!.n;

  it.each([1, 2, 3])('lets exactly one of two opposite calls win (round %i)', async () => {
    const [a, b] = [await openCase('Case A'), await openCase('Case B')];
    // Both calls start while another transaction holds both rows, so they run side by side when it lets go.
    const holder = db.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('SELECT id FROM "case" WHERE id = ANY($1::uuid[]) FOR UPDATE', [[a, b]]);
    const outcomes = Promise.allSettled([workflow.markDuplicate(a, b), workflow.markDuplicate(b, a)]);
    expect(await waitFor(waitingOnLocks, (n) => n >= 2)).toBeGreaterThanOrEqual(2);
    await holder.commitTransaction();
    await holder.release();

    const settled = await outcomes;
    expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    // The loser is told why (its original is now a duplicate itself), not aborted as a deadlock.
    const refusal = settled.find((s) => s.status === 'rejected')!.reason as unknown;
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe('BAD_USER_INPUT');
    const rows = await db.dataSource.query<Array<{ id: string; duplicate_of: string | null }>>(
      'SELECT id, duplicate_of FROM "case" WHERE id = ANY($1::uuid[])',
      [[a, b]],
    );
    // One original, one duplicate of it: never a cycle.
    expect(rows.filter((r) => r.duplicate_of !== null)).toHaveLength(1);
  });
});
