import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { DomainEvent } from '../envelope';

/** One event as the sink keeps it. `day` is the event's UTC day (`ce_time`), its Parquet partition. */
export interface SinkRow {
  topic: string;
  partition: number;
  offset: string;
  event: DomainEvent;
}

/**
 * The sink's DuckDB database (`<folder>/sink.duckdb`) and the Parquet files made from it
 * (`<folder>/parquet/topic=<topic>/day=<yyyy-mm-dd>/events.parquet`).
 *
 * Exactly once per event id: `events` has `ce_id` as its primary key, so a redelivered event (a
 * restart, a relay that sent a batch twice, a re-driven dead letter) adds nothing. A batch's rows and
 * the partitions they touch (`dirty`) commit in one DuckDB transaction; each dirty partition's file is
 * then rewritten whole from the table (written aside, then renamed, so a reader never sees half a
 * file) and unmarked. A crash in between leaves the partition marked, and the next start rewrites it.
 */
export class SinkStore {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly folder: string,
  ) {}

  static async open(folder: string): Promise<SinkStore> {
    mkdirSync(join(folder, 'parquet'), { recursive: true });
    // No extension is ever fetched at run time: Parquet and JSON are built into the bindings.
    const instance = await DuckDBInstance.create(join(folder, 'sink.duckdb'), {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    const connection = await instance.connect();
    await connection.run(`
      CREATE TABLE IF NOT EXISTS events (
        ce_id UUID PRIMARY KEY, topic VARCHAR NOT NULL, kafka_partition INTEGER NOT NULL, kafka_offset BIGINT NOT NULL,
        type VARCHAR NOT NULL, source VARCHAR NOT NULL, subject VARCHAR NOT NULL, time TIMESTAMPTZ NOT NULL,
        day DATE NOT NULL, data JSON NOT NULL)`);
    await connection.run('CREATE TABLE IF NOT EXISTS dirty (topic VARCHAR, day DATE, PRIMARY KEY (topic, day))');
    await connection.run("SET TimeZone = 'UTC'");
    return new SinkStore(instance, connection, folder);
  }

  /** Adds the rows not seen before (by `ce_id`) and marks their partitions; returns how many were new. */
  async add(rows: readonly SinkRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const c = this.connection;
    await c.run('BEGIN TRANSACTION');
    try {
      let added = 0;
      for (const { topic, partition, offset, event } of rows) {
        const result = await c.run(
          `INSERT INTO events VALUES ($1::UUID, $2, $3, $4, $5, $6, $7, $8::TIMESTAMPTZ, CAST(timezone('UTC', $8::TIMESTAMPTZ) AS DATE), $9::JSON)
           ON CONFLICT DO NOTHING`,
          [
            event.id,
            topic,
            partition,
            BigInt(offset),
            event.type,
            event.source,
            event.subject,
            event.time,
            JSON.stringify(event.data),
          ],
        );
        const inserted = Number(result.rowsChanged);
        added += inserted;
        if (inserted > 0)
          await c.run(
            `INSERT INTO dirty VALUES ($1, CAST(timezone('UTC', $2::TIMESTAMPTZ) AS DATE)) ON CONFLICT DO NOTHING`,
            [topic, event.time],
          );
      }
      await c.run('COMMIT');
      return added;
    } catch (error) {
      await c.run('ROLLBACK');
      throw error;
    }
  }

  /** Rewrites the Parquet file of every partition marked dirty; returns how many were written. */
  async flush(): Promise<number> {
    const dirty = (
      await this.connection.runAndReadAll("SELECT topic, strftime(day, '%Y-%m-%d') AS day FROM dirty ORDER BY 1, 2")
    ).getRowObjectsJS() as Array<{ topic: string; day: string }>;
    for (const { topic, day } of dirty) {
      const folder = join(this.folder, 'parquet', `topic=${topic}`, `day=${day}`);
      mkdirSync(folder, { recursive: true });
      const file = join(folder, 'events.parquet');
      const aside = `${file}.writing`;
      rmSync(aside, { force: true });
      await this.connection.run(
        `COPY (SELECT ce_id::VARCHAR AS ce_id, type, source, subject, time, data, kafka_partition, kafka_offset
               FROM events WHERE topic = ${literal(topic)} AND day = DATE ${literal(day)} ORDER BY time, kafka_partition, kafka_offset)
         TO ${literal(aside)} (FORMAT parquet, COMPRESSION zstd)`,
      );
      renameSync(aside, file);
      await this.connection.run('DELETE FROM dirty WHERE topic = $1 AND day = $2::DATE', [topic, day]);
    }
    return dirty.length;
  }

  /** Events kept, per topic. */
  async counts(): Promise<Record<string, number>> {
    const rows = (
      await this.connection.runAndReadAll('SELECT topic, count(*)::INTEGER AS n FROM events GROUP BY topic')
    ).getRowObjectsJS() as Array<{ topic: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.topic, r.n]));
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** A SQL string literal (COPY takes no parameters). */
const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;
