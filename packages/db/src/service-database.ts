import { z } from 'zod';
import { databaseEnv } from '@pcc/config';
import type { DataSourceOptions } from 'typeorm';
import { createDataSource } from './data-source';

/**
 * One service's database, declared once: the config schema of its connection (all that `migrate`
 * and `seed` need) and the DataSource factory with its entities and migrations.
 */
export function serviceDatabase(
  database: string,
  applicationName: string,
  entities: DataSourceOptions['entities'],
  migrations: DataSourceOptions['migrations'],
) {
  const databaseConfigSchema = z.object(databaseEnv(database));
  type DatabaseConfig = z.infer<typeof databaseConfigSchema>;
  const dataSourceFor = (config: DatabaseConfig, name = applicationName) =>
    createDataSource({
      url: config.DATABASE_URL,
      applicationName: name,
      poolSize: config.DATABASE_POOL_SIZE,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      entities,
      migrations,
    });
  return { databaseConfigSchema, dataSourceFor };
}
