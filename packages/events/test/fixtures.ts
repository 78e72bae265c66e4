import { z } from 'zod';
import type { MigrationInterface, QueryRunner, EntityManager, DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@pcc/testing';
import { defineEvent, EventCatalogue, eventsMigrations, Outbox, type DomainEvent, type NewEvent } from '../src';

/**
 * Test-only event types on a per-test topic: `n` is the event's position within its key. `recounted`
 * carries the same data under a second type, for consumers that treat two types alike.
 */
export function counterCatalogue(topic: string): EventCatalogue {
  const schema = z.object({ key: z.string(), n: z.number().int().nonnegative() });
  return new EventCatalogue([
    defineEvent({ type: 'pcc.test.counted', topic, description: 'test event', schema }),
    defineEvent({ type: 'pcc.test.recounted', topic, description: 'test event of a second type', schema }),
  ]);
}

/** The effects table: one row per handled event, in handling order, so tests count effects, not messages. */
class CreateEffects1700000000001 implements MigrationInterface {
  name = 'CreateEffects1700000000001';
  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE TABLE effect (seq bigserial PRIMARY KEY, key text NOT NULL, n int NOT NULL)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE effect');
  }
}

export const freshDatabase = (prefix: string): Promise<TestDatabase> =>
  createTestDatabase({ prefix, migrations: [...eventsMigrations, CreateEffects1700000000001] });

export { testKafka, uniqueTopic, waitFor } from '@pcc/testing';

export async function recordEffect(event: DomainEvent, tx: EntityManager): Promise<void> {
  const data = event.data as { key: string; n: number };
  await tx.query('INSERT INTO effect (key, n) VALUES ($1, $2)', [data.key, data.n]);
}

/**
 * Appends `perKey` events for each key, in order, `perTransaction` events per transaction; each of
 * the type `typeOf` gives its position (`counted`, or `recounted`).
 */
export async function appendCounted(
  dataSource: DataSource,
  outbox: Outbox,
  keys: string[],
  perKey: number,
  perTransaction = 20,
  typeOf: (n: number) => string = () => 'pcc.test.counted',
): Promise<void> {
  const events: NewEvent[] = [];
  for (let n = 0; n < perKey; n += 1)
    for (const key of keys) events.push({ type: typeOf(n), subject: key, data: { key, n } });
  for (let i = 0; i < events.length; i += perTransaction) {
    await dataSource.transaction((tx) => outbox.append(tx, ...events.slice(i, i + perTransaction)));
  }
}

export async function countEffects(dataSource: DataSource): Promise<{ total: number; distinct: number }> {
  const [row] = await dataSource.query<[{ total: number; distinct: number }]>(
    'SELECT count(*)::int AS total, count(DISTINCT (key, n))::int AS "distinct" FROM effect',
  );
  return row;
}

/** Every key's effects were applied in the order of n. */
export async function outOfOrderKeys(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ key: string }> = await dataSource.query(`
    SELECT key FROM (SELECT key, n, lag(n) OVER (PARTITION BY key ORDER BY seq) AS previous FROM effect) t
    WHERE previous IS NOT NULL AND n <= previous GROUP BY key`);
  return rows.map((r) => r.key);
}
