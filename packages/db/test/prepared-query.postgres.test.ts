import { createTestDatabase, preparedQuery, QueryCounter, type TestDatabase } from '../src';

/** Hot statements prepared once per connection, named by their text. */
describe('preparedQuery', () => {
  let db: TestDatabase;
  const counter = new QueryCounter();

  beforeAll(async () => {
    // One connection, so that what one call prepared is visible to the next.
    db = await createTestDatabase({ prefix: 'db_prepared', poolSize: 1, logger: counter });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('answers as a plain query, is logged, and is prepared once on its connection for every run', async () => {
    const text = 'SELECT $1::int + 1 AS next, $2::text AS label';
    counter.reset();
    expect(await preparedQuery(db.dataSource, text, [1, 'a'])).toEqual([{ next: 2, label: 'a' }]);
    expect(await preparedQuery(db.dataSource, text, [41, 'b'])).toEqual([{ next: 42, label: 'b' }]);
    expect(counter.queries).toEqual([text, text]);
    const prepared = await db.dataSource.query<Array<{ statement: string }>>(
      `SELECT statement FROM pg_prepared_statements WHERE name LIKE 'pcc\\_%'`,
    );
    expect(prepared).toEqual([{ statement: text }]);
  });

  it('names each text apart, so two statements never clash on one connection', async () => {
    expect(await preparedQuery(db.dataSource, 'SELECT $1::int * 2 AS doubled', [4])).toEqual([{ doubled: 8 }]);
    expect(await preparedQuery(db.dataSource, 'SELECT $1::int * 3 AS tripled', [4])).toEqual([{ tripled: 12 }]);
    const names = await db.dataSource.query<Array<{ name: string }>>(
      `SELECT name FROM pg_prepared_statements WHERE name LIKE 'pcc\\_%'`,
    );
    expect(new Set(names.map((n) => n.name)).size).toBe(3);
  });

  it('fails with the database’s error for bad values, and the statement still serves the next call', async () => {
    const text = 'SELECT 10 / $1::int AS quotient';
    await expect(preparedQuery(db.dataSource, text, [0])).rejects.toMatchObject({ code: '22012' });
    expect(await preparedQuery(db.dataSource, text, [5])).toEqual([{ quotient: 2 }]);
  });
});
