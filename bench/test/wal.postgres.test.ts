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

  it('counts the WAL flushes that durable commits make, when the server syncs with fsync-like calls', async () => {
    const { rows } = await client.query<{ fsync: string; method: string }>(
      `SELECT current_setting('fsync') AS fsync, current_setting('wal_sync_method') AS method`,
    );
    const counted = rows[0]!.fsync === 'on' && !rows[0]!.method.startsWith('open_');
    await client.query('SET synchronous_commit = on');
    const before = await walSnapshot(client);
    // 20 transactions, each committed durably: this backend flushes the WAL for each one unless the WAL
    // writer's own flush got there first, which it cannot do for all 20.
    for (let n = 1001; n <= 1020; n++) await client.query(`INSERT INTO written VALUES ($1, 'x')`, [n]);
    await client.query('SELECT pg_stat_force_next_flush()');
    const after = await walSnapshot(client);
    const per = walPer(before, after, 20);
    if (counted) {
      expect(after.flushes - before.flushes).toBeGreaterThanOrEqual(1);
      expect(per['WAL flushes']).toBeGreaterThan(0);
    } else {
      expect(after.flushes - before.flushes).toBe(0);
    }
  });
});
