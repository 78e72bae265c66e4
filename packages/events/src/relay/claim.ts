/**
 * The relay's claim query. It locks the oldest waiting rows that no other relay holds
 * (`SKIP LOCKED`), then keeps only rows whose key has no earlier row outside this batch: if another
 * relay is still publishing an earlier event of the same aggregate, the later one waits for the next
 * round. That is what keeps per-key order with several relays running.
 *
 * Why commit order is safe: writers of one aggregate serialise on the aggregate's own row lock, so
 * its outbox rows get increasing `seq` values in commit order.
 */
export const CLAIM_BATCH_SQL = `
  WITH batch AS (
    SELECT seq FROM outbox ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
  )
  SELECT o.seq, o.id, o.topic, o.key, o.type, o.source, o.time, o.payload, o.traceparent
  FROM outbox o
  JOIN batch b ON b.seq = o.seq
  WHERE NOT EXISTS (
    SELECT 1 FROM outbox earlier
    WHERE earlier.key = o.key AND earlier.seq < o.seq AND earlier.seq NOT IN (SELECT seq FROM batch)
  )
  ORDER BY o.seq`;

export interface OutboxRow {
  seq: string;
  id: string;
  topic: string;
  key: string;
  type: string;
  source: string;
  time: Date;
  payload: unknown;
  traceparent: string | null;
}
