export { createDataSource, type DataSourceSettings } from './data-source';
export { runMigrationCli, migrate } from './migrate';
export { createTestDatabase, adminUrlFor, type TestDatabase } from './test-database';
export { QueryCounter } from './query-counter';
export { newId } from './ids';
export { serviceDatabase } from './service-database';
export { runSeedCli } from './seed-cli';
export { seededRandom } from './seeded-random';
export {
  createVersionTable,
  dropVersionTable,
  readVersions,
  versionBumpInPlpgsql,
  type VersionsRead,
} from './versions';
export { lintMigrations, migrationSql, type MigrationViolation } from './migration-lint';
export {
  DataVersion1767000000000,
  UNVERSIONED_TABLES,
  attachDataVersion,
  readDataVersion,
  unversionedTables,
} from './data-version';
export { SqlParameters } from './sql-parameters';
export { insertStatement } from './insert-statement';
export { preparedQuery } from './prepared-query';
