/**
 * What the server wrote to its write-ahead log over a measured phase (`pg_stat_wal`, PostgreSQL 14+;
 * its test needs 15+), and how many checkpoints began. Divided by the cases written, the records say
 * how many rows and index entries a write changes, whatever the machine's speed. Full-page images
 * (and so KiB) are logged once per page and checkpoint, shared by every write to that page until the
 * next: per case they fall as more cases are written in the same seconds, so compare them only
 * between runs of similar rates. The counters are the server's: the benchmark must be the only writer. Busy
 * backends report them about once a second, so each snapshot lags by up to a second of writes, about
 * equally at both ends of a phase of steady load. Flushes are the WAL syncs to disk (`wal_sync`, by
 * backends and the WAL writer): a durable commit needs one unless another commit's flush already
 * covered it, so flushes per case below one is group commit at work. PostgreSQL counts none when
 * `fsync` is off or `wal_sync_method` is an `open_*` one (the writes themselves are then synchronous).
 */
import type { Client } from 'pg';

export interface WalSnapshot {
  records: number;
  fullPageImages: number;
  bytes: number;
  flushes: number;
  checkpoints: number;
}

export async function walSnapshot(db: Client): Promise<WalSnapshot> {
  // PostgreSQL 17 moved the checkpoint counters from pg_stat_bgwriter to pg_stat_checkpointer.
  const { rows: server } = await db.query<{ v: number }>(`SELECT current_setting('server_version_num')::int AS v`);
  const checkpoints =
    server[0]!.v >= 170000
      ? 'SELECT num_timed + num_requested FROM pg_stat_checkpointer'
      : 'SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter';
  const { rows } = await db.query<{
    records: string;
    fpi: string;
    bytes: string;
    flushes: string;
    checkpoints: string;
  }>(
    `SELECT wal_records AS records, wal_fpi AS fpi, wal_bytes AS bytes, wal_sync AS flushes, (${checkpoints}) AS checkpoints
       FROM pg_stat_wal`,
  );
  const row = rows[0]!;
  return {
    records: Number(row.records),
    fullPageImages: Number(row.fpi),
    bytes: Number(row.bytes),
    flushes: Number(row.flushes),
    checkpoints: Number(row.checkpoints),
  };
}

/** WAL per unit of work between two snapshots (`units`: the cases written, say). */
export function walPer(before: WalSnapshot, after: WalSnapshot, units: number) {
  const per = (n: number, decimals = 1) => {
    const scale = 10 ** decimals;
    return Math.round((n / Math.max(1, units)) * scale) / scale;
  };
  return {
    'WAL records': per(after.records - before.records),
    'full-page images': per(after.fullPageImages - before.fullPageImages),
    'WAL KiB': per((after.bytes - before.bytes) / 1024),
    // Two decimals: with group commit, a fraction of one per case.
    'WAL flushes': per(after.flushes - before.flushes, 2),
    'checkpoints begun (in all)': after.checkpoints - before.checkpoints,
  };
}
