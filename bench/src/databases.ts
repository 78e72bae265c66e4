import { Client } from 'pg';
import { createDataSource, migrate } from '@pcc/db';
import * as cases from '@pcc/cases';
import * as organizations from '@pcc/organizations';
import * as planning from '@pcc/planning';
import * as waste from '@pcc/waste-metrics';

/**
 * The benchmark's own databases, one per service like production, apart from the ones `npm start`
 * and the tests use, so a benchmark never clobbers demo data (nor the other way round).
 */
export const SERVICES = {
  organizations: { database: 'pcc_bench_organizations', module: organizations, port: 5001 },
  cases: { database: 'pcc_bench_cases', module: cases, port: 5002 },
  planning: { database: 'pcc_bench_planning', module: planning, port: 5003 },
  waste_metrics: { database: 'pcc_bench_waste', module: waste, port: 5004 },
} as const;
export type ServiceName = keyof typeof SERVICES;

const server = () =>
  (process.env.PCC_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(/\/[^/]*$/, '');
export const urlOf = (service: ServiceName): string => `${server()}/${SERVICES[service].database}`;

/** Connects to one service's bench database (a plain client: bulk loads want COPY, not an ORM). */
export async function connect(service: ServiceName): Promise<Client> {
  const client = new Client({ connectionString: urlOf(service), application_name: 'pcc-bench' });
  await client.connect();
  return client;
}

/** Drops and re-creates every bench database, then applies each service's migrations. */
export async function recreateDatabases(): Promise<void> {
  const admin = new Client({ connectionString: `${server()}/postgres` });
  await admin.connect();
  try {
    for (const { database } of Object.values(SERVICES)) {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${database}`);
    }
  } finally {
    await admin.end();
  }
  for (const name of Object.keys(SERVICES) as ServiceName[]) {
    const { module } = SERVICES[name];
    const dataSource = createDataSource({
      url: urlOf(name),
      applicationName: 'pcc-bench-migrate',
      poolSize: 2,
      statementTimeoutMs: 600_000,
      entities: module.entities,
      migrations: module.migrations,
    });
    await dataSource.initialize();
    await migrate(dataSource);
    await dataSource.destroy();
  }
}

/** Whether the bench databases hold a scale data set (how many cases), or null when they are missing. */
export async function seededCases(): Promise<number | null> {
  try {
    const client = await connect('cases');
    try {
      const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM "case"');
      return Number(rows[0]!.n);
    } finally {
      await client.end();
    }
  } catch {
    return null;
  }
}
