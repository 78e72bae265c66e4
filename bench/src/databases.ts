import { Client } from 'pg';
import type { Service } from '@pcc/config';
import { createDataSource, migrate } from '@pcc/db';
import * as cases from '@pcc/cases';
import { service as casesService } from '@pcc/cases/service';
import * as organizations from '@pcc/organizations';
import { service as organizationsService } from '@pcc/organizations/service';
import * as planning from '@pcc/planning';
import { service as planningService } from '@pcc/planning/service';
import * as waste from '@pcc/waste-metrics';
import { service as wasteService } from '@pcc/waste-metrics/service';

/**
 * A service on the bench, from its declaration: its own database (`pcc_bench_…`) and a port 1000
 * above its own, apart from the ones `npm start` and the tests use, so a benchmark never clobbers
 * demo data (nor the other way round).
 */
const onBench = <M>(service: Service, module: M) => ({
  service,
  module,
  database: service.database.replace(/^pcc_/, 'pcc_bench_'),
  port: service.port + 1000,
});

/** The services by their name in the supergraph. */
export const SERVICES = {
  organizations: onBench(organizationsService, organizations),
  cases: onBench(casesService, cases),
  planning: onBench(planningService, planning),
  waste_metrics: onBench(wasteService, waste),
};
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
