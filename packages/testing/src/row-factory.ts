import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

export interface RowFactory<T extends ObjectLiteral> {
  /** A row: the defaults for the n-th row built, with `overrides` on top. */
  build(overrides?: Partial<T>): T;
  /** Builds one row per `overrides` and inserts them through the entity's repository. */
  insert(dataSource: DataSource, ...overrides: Array<Partial<T>>): Promise<T[]>;
}

/**
 * A small factory for rows a test needs but does not test (immich's factories): the columns and
 * their types come from the TypeORM entity, the defaults from the caller.
 */
export function defineRowFactory<T extends ObjectLiteral>(
  entity: EntityTarget<T>,
  defaults: (n: number) => T,
): RowFactory<T> {
  let n = 0;
  const build = (overrides: Partial<T> = {}): T => ({ ...defaults(++n), ...overrides });
  return {
    build,
    async insert(dataSource, ...overrides) {
      const rows = (overrides.length ? overrides : [{}]).map(build);
      await dataSource.getRepository(entity).insert(rows);
      return rows;
    },
  };
}
