import { z } from 'zod';
import { databaseEnv, taskClientId, type Service } from '@pcc/config';
import type { DataSourceOptions } from 'typeorm';
import { createDataSource } from './data-source';

/**
 * One service's database, from its declaration: the config schema of its connection (all that
 * `migrate` and `seed` need) and the DataSource factory with its entities and migrations. A one-off
 * `task` (`migrate`, `seed`) connects under its own `application_name`.
 */
export function serviceDatabase(
  service: Pick<Service, 'database' | 'clientId'>,
  entities: DataSourceOptions['entities'],
  migrations: DataSourceOptions['migrations'],
) {
  const databaseConfigSchema = z.object(databaseEnv(service.database));
  type DatabaseConfig = z.infer<typeof databaseConfigSchema>;
  const dataSourceFor = (config: DatabaseConfig, task?: string) =>
    createDataSource({
      url: config.DATABASE_URL,
      applicationName: task ? taskClientId(service, task) : service.clientId,
      poolSize: config.DATABASE_POOL_SIZE,
      statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
      entities,
      migrations,
    });
  return { databaseConfigSchema, dataSourceFor };
}
