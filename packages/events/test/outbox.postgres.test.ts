import { Client } from 'pg';
import { SqlParameters, type TestDatabase } from '@pcc/db';
import { Outbox } from '../src';
import { deferred } from '@pcc/testing';
import { counterCatalogue, freshDatabase, waitFor } from './fixtures';

describe('outbox (real PostgreSQL)', () => {
  let db: TestDatabase;
  const outbox = new Outbox(counterCatalogue('pcc.test.outbox'), '/services/test');
  const key = '00000000-0000-4000-8000-000000000009';
  const count = async () => (await db.dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM outbox'))[0].n;

  beforeAll(async () => {
    db = await freshDatabase('outbox');
  });
  afterAll(async () => db.drop());

  it('commits events with the transaction', async () => {
    const [event] = await db.dataSource.transaction((tx) =>
      outbox.append(tx, { type: 'pcc.test.counted', subject: key, data: { key, n: 1 } }),
    );
    const rows = await db.dataSource.query<unknown[]>('SELECT id, topic, key, type, source, payload FROM outbox');
    expect(rows).toEqual([
      {
        id: event!.id,
        topic: 'pcc.test.outbox',
        key,
        type: 'pcc.test.counted',
        source: '/services/test',
        payload: { key, n: 1, version: 1 },
      },
    ]);
    await db.dataSource.query('DELETE FROM outbox');
  });

  it('numbers each key’s events 1, 2, … in commit order, also with concurrent writers', async () => {
    const k = '00000000-0000-4000-8000-0000000000aa';
    const other = '00000000-0000-4000-8000-0000000000bb';
    const append = (n: number, subject = k) => ({ type: 'pcc.test.counted', subject, data: { key: subject, n } });
    const release = deferred();
    const appended = deferred();
    // The first writer appends and stays open; the second must wait for its commit, then come after it.
    const first = db.dataSource.transaction(async (tx) => {
      await outbox.append(tx, append(1));
      appended.resolve();
      await release.promise;
    });
    await appended.promise;
    const second = db.dataSource.transaction((tx) => outbox.append(tx, append(2), append(3, other), append(4)));
    const waiting = await waitFor(
      async () =>
        (
          await db.dataSource.query<[{ n: number }]>(
            `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype IN ('transactionid', 'tuple')`,
          )
        )[0].n,
      (n) => n > 0,
    );
    expect(waiting).toBeGreaterThan(0);
    release.resolve();
    await Promise.all([first, second]);
    const rows = await db.dataSource.query<Array<{ key: string; n: number; version: number }>>(
      `SELECT key, (payload->>'n')::int AS n, (payload->>'version')::int AS version FROM outbox WHERE key = ANY($1) ORDER BY seq`,
      [[k, other]],
    );
    expect(rows).toEqual([
      { key: k, n: 1, version: 1 },
      { key: k, n: 2, version: 2 },
      { key: other, n: 3, version: 1 },
      { key: k, n: 4, version: 3 },
    ]);
    await db.dataSource.query('DELETE FROM outbox');
  });

  it('hands back the events it wrote, each with the version it was given', async () => {
    const k = '00000000-0000-4000-8000-0000000000cc';
    const other = '00000000-0000-4000-8000-0000000000dd';
    const events = await db.dataSource.transaction((tx) =>
      outbox.append(
        tx,
        { type: 'pcc.test.counted', subject: k, data: { key: k, n: 1 } },
        { type: 'pcc.test.counted', subject: other, data: { key: other, n: 2 } },
        { type: 'pcc.test.counted', subject: k, data: { key: k, n: 3 } },
      ),
    );
    expect(events.map((e) => [e.subject, e.data])).toEqual([
      [k, { key: k, n: 1, version: 1 }],
      [other, { key: other, n: 2, version: 1 }],
      [k, { key: k, n: 3, version: 2 }],
    ]);
    const stored = await db.dataSource.query<Array<{ id: string; payload: unknown }>>(
      'SELECT id, payload FROM outbox WHERE key = ANY($1) ORDER BY seq',
      [[k, other]],
    );
    expect(stored).toEqual(events.map((e) => ({ id: e.id, payload: e.data })));
    await db.dataSource.query('DELETE FROM outbox');
  });

  it('writes events as part of the caller’s own statement, which commits or fails as one', async () => {
    const k = '00000000-0000-4000-8000-0000000000ee';
    const write = (n: number | null) => {
      const parameters = new SqlParameters();
      const insertion = outbox.insertion(parameters, [
        { type: 'pcc.test.counted', subject: k, data: { key: k, n: 5 } },
      ]);
      return db.dataSource.query<Array<{ version: string }>>(
        `WITH ${insertion.sql}, change AS (INSERT INTO effect (key, n) VALUES ('in-statement', ${parameters.add(n)}))
         SELECT version FROM ${insertion.name}`,
        parameters.values,
      );
    };
    expect(await write(1)).toEqual([{ version: '1' }]);
    // The change beside the events fails (n is NOT NULL): no event, no version taken.
    await expect(write(null)).rejects.toThrow(/null value/);
    expect(await write(2)).toEqual([{ version: '2' }]);
    const rows = await db.dataSource.query<Array<{ version: number }>>(
      `SELECT (payload->>'version')::int AS version FROM outbox WHERE key = $1 ORDER BY seq`,
      [k],
    );
    expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
    expect(await db.dataSource.query(`SELECT n FROM effect WHERE key = 'in-statement' ORDER BY n`)).toEqual([
      { n: 1 },
      { n: 2 },
    ]);
    await db.dataSource.query(`DELETE FROM effect WHERE key = 'in-statement'`);
    await db.dataSource.query('DELETE FROM outbox');
  });

  it('leaves no event behind when the business transaction rolls back', async () => {
    await expect(
      db.dataSource.transaction(async (tx) => {
        await tx.query(`INSERT INTO effect (key, n) VALUES ('k', 1)`);
        await outbox.append(tx, { type: 'pcc.test.counted', subject: key, data: { key, n: 2 } });
        throw new Error('business rule failed after the event was appended');
      }),
    ).rejects.toThrow('business rule failed');
    expect(await count()).toBe(0);
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM effect')).toEqual([{ n: 0 }]);
  });

  it('refuses an invalid payload and so fails the whole transaction', async () => {
    await expect(
      db.dataSource.transaction(async (tx) => {
        await tx.query(`INSERT INTO effect (key, n) VALUES ('k', 1)`);
        await outbox.append(tx, { type: 'pcc.test.counted', subject: key, data: { key, n: -1 } });
      }),
    ).rejects.toThrow(/invalid pcc.test.counted event/);
    expect(await count()).toBe(0);
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM effect')).toEqual([{ n: 0 }]);
  });

  it('refuses to write outside a transaction', async () => {
    await expect(
      outbox.append(db.dataSource.manager, { type: 'pcc.test.counted', subject: key, data: { key, n: 3 } }),
    ).rejects.toThrow(/open transaction/);
    expect(await count()).toBe(0);
  });

  it('wakes listeners when a transaction with events commits, not before', async () => {
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    const notes: string[] = [];
    listener.on('notification', (n) => notes.push(n.channel));
    await listener.query('LISTEN pcc_outbox');
    try {
      await db.dataSource.transaction(async (tx) => {
        await outbox.append(tx, { type: 'pcc.test.counted', subject: key, data: { key, n: 4 } });
        // A round trip on the listening connection instead of a pause: a session takes in pending
        // notifications between commands, so one sent before this commit would have arrived by now.
        await listener.query('SELECT 1');
        expect(notes).toEqual([]);
      });
      expect(
        await waitFor(
          () => notes,
          (n) => n.length > 0,
          10_000,
        ),
      ).toEqual(['pcc_outbox']);
    } finally {
      await listener.end();
    }
  });

  it('wakes listeners only when no earlier row of the 1,000 numbers below waits (never less often than when the outbox is empty)', async () => {
    const listener = new Client({ connectionString: db.url });
    await listener.connect();
    const notes: string[] = [];
    listener.on('notification', (n) => notes.push(n.channel));
    await listener.query('LISTEN pcc_outbox');
    const append = (n: number) =>
      db.dataSource.transaction((tx) =>
        outbox.append(tx, { type: 'pcc.test.counted', subject: key, data: { key, n } }),
      );
    // Two round trips on the listening connection: a notification sent by a finished commit has arrived by then.
    const settled = async () => {
      await listener.query('SELECT 1');
      await listener.query('SELECT 1');
    };
    try {
      await db.dataSource.query('DELETE FROM outbox');
      await append(10);
      await waitFor(
        () => notes,
        (n) => n.length === 1,
        10_000,
      );
      // A row just below still waits: the relay is busy with it already, no wake-up.
      await append(11);
      await settled();
      expect(notes).toEqual(['pcc_outbox']);
      // The waiting rows are now more than 1,000 numbers below: a relay that far behind is awake, and
      // the check no longer walks down to them; it wakes the relay once more, which costs nothing.
      await db.dataSource.query(
        `SELECT setval(pg_get_serial_sequence('outbox', 'seq'), nextval(pg_get_serial_sequence('outbox', 'seq')) + 2000)`,
      );
      await append(12);
      expect(
        await waitFor(
          () => notes,
          (n) => n.length === 2,
          10_000,
        ),
      ).toEqual(['pcc_outbox', 'pcc_outbox']);
      expect(await count()).toBe(3);
    } finally {
      await listener.end();
      await db.dataSource.query('DELETE FROM outbox');
    }
  });
});
