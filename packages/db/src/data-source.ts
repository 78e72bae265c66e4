import 'reflect-metadata';
import { DataSource, type DataSourceOptions, type Logger } from 'typeorm';

/** What every service tells the factory; the values come from its config (`databaseEnv`). */
export interface DataSourceSettings {
  url: string;
  applicationName: string;
  poolSize?: number;
  statementTimeoutMs?: number;
  entities?: DataSourceOptions['entities'];
  /** Migration classes, in the order they were written (their names carry a timestamp). */
  migrations?: DataSourceOptions['migrations'];
  /** Optional TypeORM logger, e.g. a QueryCounter in tests. */
  logger?: Logger;
}

/**
 * Builds (does not connect) a TypeORM DataSource on `pg`. Schema changes come only from
 * migrations: `synchronize` is off everywhere, so every environment has the reviewed schema.
 */
export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url: settings.url,
    applicationName: settings.applicationName,
    poolSize: settings.poolSize ?? 10,
    entities: settings.entities ?? [],
    migrations: settings.migrations ?? [],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: settings.logger ? ['query'] : false,
    ...(settings.logger ? { logger: settings.logger } : {}),
    extra: {
      // Passed to every pg client of the pool: a runaway query is cancelled by the server.
      statement_timeout: settings.statementTimeoutMs ?? 15_000,
      application_name: settings.applicationName,
    },
  });
}
