import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import type { SqlParameters } from './sql-parameters';

/**
 * `INSERT INTO <table> (<columns>) VALUES (<placeholders>)` for one entity, from TypeORM's mapping
 * of it (column names, value conversion), for a statement built of parts (see `SqlParameters`).
 * Columns the entity leaves undefined take their defaults; add `RETURNING` for those the caller needs.
 */
export function insertStatement<T extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  entity: T,
  parameters: SqlParameters,
): string {
  const metadata = dataSource.getMetadata(target);
  const { driver } = dataSource;
  const columns: string[] = [];
  const values: string[] = [];
  for (const column of metadata.columns) {
    const value: unknown = column.getEntityValue(entity);
    if (value === undefined) continue;
    columns.push(driver.escape(column.databaseName));
    values.push(parameters.add(driver.preparePersistentValue(value, column)));
  }
  return `INSERT INTO ${driver.escape(metadata.tablePath)} (${columns.join(', ')}) VALUES (${values.join(', ')})`;
}
