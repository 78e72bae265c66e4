import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, type DataSourceSettings } from './data-source';

export interface TestDatabase {
  /** Connection string of the new database. */
  url: string;
  name: string;
  /** Initialized and migrated. */
  dataSource: DataSource;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** The maintenance database on the same server as `url`, where CREATE/DROP DATABASE run. */
export function adminUrlFor(url: string): string {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  return admin.toString();
}

async function withAdmin<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: adminUrlFor(url) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates a uniquely named database on the server of DATABASE_URL (default: the machine's
 * PostgreSQL), runs the given migrations, and hands back a ready DataSource. Each test file gets
 * its own, so files never see each other's rows and can run in any order.
 */
export async function createTestDatabase(
  settings: Omit<DataSourceSettings, 'url' | 'applicationName'> & { prefix: string; serverUrl?: string },
): Promise<TestDatabase> {
  const serverUrl = settings.serverUrl ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `pcc_test_${settings.prefix.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const dataSource = createDataSource({ ...settings, url: url.toString(), applicationName: `test-${settings.prefix}` });
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return {
    url: url.toString(),
    name,
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}
