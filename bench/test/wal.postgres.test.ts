import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@pcc/testing';
import { walPer, walSnapshot } from '../src/wal';

/** The intake profile's WAL figures, read from a real server while this test writes. */
describe('WAL per unit of work', () => {
  let db: TestDatabase;
  let client: Client;
  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'bench_wal' });
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query('CREATE TABLE written (id int PRIMARY KEY, body text NOT NULL)');
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('counts the records and bytes that writes add between two snapshots, per unit', async () => {
    const before = await walSnapshot(client);
    // 100 rows of 1 KiB each: at least 100 records and 100 KiB of WAL (other sessions may add more).
    await client.query(`INSERT INTO written SELECT n, repeat('x', 1024) FROM generate_series(1, 100) AS n`);
    // A backend reports its statistics at most once a second: this one now, when the call ends.
    await client.query('SELECT pg_stat_force_next_flush()');
    const after = await walSnapshot(client);
    expect(after.records - before.records).toBeGreaterThanOrEqual(100);
    expect(after.bytes - before.bytes).toBeGreaterThanOrEqual(100 * 1024);
    const per = walPer(before, after, 100);
    expect(per['WAL records']).toBeGreaterThanOrEqual(1);
    expect(per['WAL KiB']).toBeGreaterThanOrEqual(1);
    expect(per['checkpoints begun (in all)']).toBeGreaterThanOrEqual(0);
  });
});
