import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Runs `text` as a named prepared statement on a connection of the data source's pool. PostgreSQL
 * parses it once per connection and, after a few runs, keeps one plan for it, where an unnamed
 * statement is parsed and planned on every run (0.2–0.3 ms for intake's, measured). For hot
 * statements whose text does not depend on their values. The name is the text's hash, so a
 * different text is a different statement, never a clash (pg refuses one name with two texts).
 * Logged through the data source's logger like any query; errors are the driver's (`DatabaseError`).
 */
export async function preparedQuery<T extends QueryResultRow>(
  dataSource: DataSource,
  text: string,
  values: unknown[],
): Promise<T[]> {
  dataSource.logger.logQuery(text, values);
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const name = `pcc_${createHash('sha256').update(text).digest('base64url').slice(0, 24)}`;
  const { rows } = await pool.query<T>({ name, text, values });
  return rows;
}
