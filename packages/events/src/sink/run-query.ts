import { DuckDBInstance } from '@duckdb/node-api';

/**
 * Runs DuckDB SQL in a throwaway in-memory database (the sink's Parquet files are read with
 * `read_parquet`), one plain object per row. No extension is fetched: Parquet and JSON are built in.
 */
export async function runDuckDbQuery(sql: string): Promise<Array<Record<string, unknown>>> {
  const instance = await DuckDBInstance.create(':memory:', { autoinstall_known_extensions: 'false' });
  const connection = await instance.connect();
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson();
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
