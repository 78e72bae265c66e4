/**
 * What the server wrote to its write-ahead log over a measured phase (`pg_stat_wal`, PostgreSQL 14+),
 * and how many checkpoints began. Divided by the cases written, WAL bytes and full-page images say
 * how many index and table pages a write touches: a figure that, unlike cases/s, does not move with
 * the machine's speed. The counters are the server's: the benchmark must be the only writer. Busy
 * backends report them about once a second, so each snapshot lags by up to a second of writes, about
 * equally at both ends of a phase of steady load.
 */
import type { Client } from 'pg';

export interface WalSnapshot {
  records: number;
  fullPageImages: number;
  bytes: number;
  checkpoints: number;
}

export async function walSnapshot(db: Client): Promise<WalSnapshot> {
  const { rows } = await db.query<{ records: string; fpi: string; bytes: string; checkpoints: string }>(
    `SELECT w.wal_records AS records, w.wal_fpi AS fpi, w.wal_bytes AS bytes,
            b.checkpoints_timed + b.checkpoints_req AS checkpoints
     FROM pg_stat_wal w, pg_stat_bgwriter b`,
  );
  const row = rows[0]!;
  return {
    records: Number(row.records),
    fullPageImages: Number(row.fpi),
    bytes: Number(row.bytes),
    checkpoints: Number(row.checkpoints),
  };
}

/** WAL per unit of work between two snapshots (`units`: the cases written, say). */
export function walPer(before: WalSnapshot, after: WalSnapshot, units: number) {
  const per = (n: number) => Math.round((n / Math.max(1, units)) * 10) / 10;
  return {
    'WAL records': per(after.records - before.records),
    'full-page images': per(after.fullPageImages - before.fullPageImages),
    'WAL KiB': Math.round(((after.bytes - before.bytes) / 1024 / Math.max(1, units)) * 10) / 10,
    'checkpoints begun (in all)': after.checkpoints - before.checkpoints,
  };
}
