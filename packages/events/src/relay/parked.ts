import type { Pool, PoolClient } from 'pg';
import type { OutboxRow } from './claim';

/** A row Kafka refused, as `pcc-events parked list` shows it (no payload: it may be large). */
export interface ParkedEvent {
  id: string;
  type: string;
  topic: string;
  key: string;
  bytes: number;
  reason: string;
  parkedAt: Date;
}

/**
 * Moves one claimed outbox row to `outbox_parked` with Kafka's reason, in the relay's transaction:
 * it commits with the deletion of the rows published around it.
 */
export async function parkRow(client: PoolClient, row: OutboxRow, bytes: number, reason: string): Promise<void> {
  await client.query(
    `WITH moved AS (DELETE FROM outbox WHERE seq = $1 RETURNING *)
     INSERT INTO outbox_parked (id, seq, topic, key, type, source, time, payload, traceparent, created_at, reason, bytes)
     SELECT id, seq, topic, key, type, source, time, payload, traceparent, created_at, $2, $3 FROM moved`,
    [row.seq, reason, bytes],
  );
}

export async function listParked(pool: Pool): Promise<ParkedEvent[]> {
  const { rows } = await pool.query<ParkedEvent>(
    `SELECT id, type, topic, key, bytes, reason, parked_at AS "parkedAt" FROM outbox_parked ORDER BY seq`,
  );
  return rows;
}

/**
 * Puts parked rows back into the outbox (all, or the given ids), where the relay publishes them
 * after whatever is waiting: a re-driven event comes later than it was written, and consumers
 * that order by the aggregate's version place it where it belongs. Returns the ids moved.
 */
export async function redriveParked(pool: Pool, ids?: readonly string[]): Promise<string[]> {
  const { rows } = await pool.query<{ id: string }>(
    `WITH moved AS (
       DELETE FROM outbox_parked WHERE $1::uuid[] IS NULL OR id = ANY($1::uuid[]) RETURNING *
     )
     INSERT INTO outbox (id, topic, key, type, source, time, payload, traceparent)
     SELECT id, topic, key, type, source, time, payload, traceparent FROM moved ORDER BY seq
     RETURNING id`,
    [ids ?? null],
  );
  return rows.map((r) => r.id);
}
