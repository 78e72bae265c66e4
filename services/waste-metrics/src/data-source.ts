import { z } from 'zod';
import { databaseEnv } from '@pcc/config';
import { createDataSource } from '@pcc/db';
import { entities } from './store/entities';
import { migrations } from './store/migrations';

/** The database part of the config: all that `migrate` and `seed` need. */
export const databaseConfigSchema = z.object(databaseEnv('pcc_waste'));
type DatabaseConfig = z.infer<typeof databaseConfigSchema>;

/** This service's DataSource, from its config. */
export const dataSourceFor = (config: DatabaseConfig, applicationName = 'pcc-waste-metrics') =>
  createDataSource({
    url: config.DATABASE_URL,
    applicationName,
    poolSize: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    entities,
    migrations,
  });
