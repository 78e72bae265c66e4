import { Client } from 'pg';
import {
  createTestDatabase,
  DataVersion1767000000000,
  readDataVersion,
  unversionedTables,
  type TestDatabase,
} from '../src';

/** The data version on a real PostgreSQL: what moves it, what does not, and once per transaction. */
describe('data version', () => {
  let db: TestDatabase;
  const version = async () => BigInt(await readDataVersion(db.dataSource));

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'db_data_version' });
    await db.dataSource.query('CREATE TABLE item (id int PRIMARY KEY, value int NOT NULL)');
    await db.dataSource.query('CREATE TABLE outbox (seq int PRIMARY KEY)');
    const runner = db.dataSource.createQueryRunner();
    await new DataVersion1767000000000().up(runner);
    await runner.release();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('is attached to every table but the bookkeeping ones', async () => {
    expect(await unversionedTables(db.dataSource)).toEqual([]);
    await db.dataSource.query('CREATE TABLE added_later (id int PRIMARY KEY)');
    expect(await unversionedTables(db.dataSource)).toEqual(['added_later']);
    await db.dataSource.query('DROP TABLE added_later');
  });

  it('moves by one per committed transaction that changes a table, however many rows and statements', async () => {
    const before = await version();
    await db.dataSource.transaction(async (tx) => {
      await tx.query('INSERT INTO item SELECT n, n FROM generate_series(1, 100) AS n');
      await tx.query('UPDATE item SET value = value + 1');
      // Not yet committed: another connection still reads the old version.
      const other = new Client({ connectionString: db.url });
      await other.connect();
      try {
        const { rows } = await other.query<{ v: string }>('SELECT sum(version)::text AS v FROM data_version');
        expect(BigInt(rows[0]!.v)).toBe(before);
      } finally {
        await other.end();
      }
    });
    expect(await version()).toBe(before + 1n);
    await db.dataSource.query('DELETE FROM item WHERE id = 1');
    expect(await version()).toBe(before + 2n);
    await db.dataSource.query('TRUNCATE item');
    expect(await version()).toBe(before + 3n);
  });

  it('does not move with a rolled-back change, nor with the relay’s bookkeeping', async () => {
    const before = await version();
    await expect(
      db.dataSource.transaction(async (tx) => {
        await tx.query('INSERT INTO item VALUES (500, 1)');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await db.dataSource.query('INSERT INTO outbox VALUES (1)');
    await db.dataSource.query('DELETE FROM outbox');
    expect(await version()).toBe(before);
  });
});
