/**
 * `npm run seed:scale -- --cases 1000000 [--projects 20000] [--waste-years 10]`: the bench databases at
 * province scale, fast. The registry is seeded through its own service code (19 organizations and the
 * waste MOU, with their events in the outbox for the other services' projections); cases, projects and
 * waste reports are generated and streamed in with `COPY … FROM STDIN`, secondary indexes dropped
 * during the load and rebuilt once after it, then ANALYZE. Deterministic: the same flags give the
 * same data.
 */
import 'reflect-metadata';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createDataSource, seededRandom } from '@pcc/db';
import * as organizations from '@pcc/organizations';
import { connect, recreateDatabases, SERVICES, urlOf, type ServiceName } from './databases';
import { caseRows, projectRows, wasteRows, type Organization } from './scale-data';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
}

/** Streams rows (already in COPY text format) into a table, with its secondary indexes rebuilt after. */
async function copyInto(client: Client, table: string, columns: string[], rows: Iterable<string>): Promise<void> {
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = 'public' AND i.tablename = $1
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [table.replaceAll('"', '')],
  );
  for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
  const batches = function* () {
    let batch: string[] = [];
    for (const row of rows) {
      batch.push(row);
      if (batch.length === 5_000) {
        yield `${batch.join('\n')}\n`;
        batch = [];
      }
    }
    if (batch.length) yield `${batch.join('\n')}\n`;
  };
  await pipeline(Readable.from(batches()), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
  for (const index of indexes) await client.query(index.definition);
}

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  console.log(`${label}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

export interface ScaleOptions {
  cases: number;
  projects: number;
  wasteYears: number;
}

export async function seedScale({ cases: caseCount, projects: projectCount, wasteYears }: ScaleOptions): Promise<void> {
  const random = seededRandom(2569);
  await timed('databases re-created and migrated', recreateDatabases);

  const registry = createDataSource({
    url: urlOf('organizations'),
    applicationName: 'pcc-bench-seed',
    poolSize: 2,
    entities: organizations.entities,
    migrations: organizations.migrations,
  });
  await registry.initialize();
  await timed('registry seeded (19 organizations, the waste MOU)', () => organizations.seed(registry));
  const orgs: Organization[] = await registry.query(
    'SELECT id, code, name_th, name_en, type, district, established_on, created_at FROM organization ORDER BY code',
  );
  await registry.destroy();

  // Each service's projection starts from the registry as its consumer would build it; the events in
  // the registry's outbox replay the same snapshots when the services start (older events change nothing).
  for (const name of ['cases', 'planning', 'waste_metrics'] as ServiceName[]) {
    const client = await connect(name);
    for (const o of orgs) {
      await client.query(
        `INSERT INTO organization_projection (id, code, name_th, name_en, type, district, active, established_on, event_time) VALUES ($1, $2, $3, $4, $5, $6, true, $7, $8)`,
        [o.id, o.code, o.name_th, o.name_en, o.type, o.district, o.established_on, o.created_at],
      );
    }
    await client.end();
  }

  const casesDb = await connect('cases');
  await timed(`${caseCount.toLocaleString('en')} cases copied and indexed`, async () => {
    const { rows, columns, sequences } = caseRows(orgs, caseCount, random);
    // The statistics and version triggers would run once per row: off for the load, then one
    // rebuild of the statistics (the versions start at 0, before any service has cached a thing).
    await casesDb.query('ALTER TABLE "case" DISABLE TRIGGER USER');
    await copyInto(casesDb, '"case"', columns, rows);
    await casesDb.query('ALTER TABLE "case" ENABLE TRIGGER USER');
    await casesDb.query('SELECT case_stats_rebuild()');
    for (const [fiscalYear, last] of sequences()) {
      await casesDb.query(`CREATE SEQUENCE IF NOT EXISTS case_tracking_${fiscalYear} MINVALUE 1`);
      await casesDb.query('SELECT setval($1::regclass, $2)', [`case_tracking_${fiscalYear}`, last]);
    }
  });
  await timed('cases vacuumed and analysed', () => casesDb.query('VACUUM ANALYZE'));
  await casesDb.end();

  const planningDb = await connect('planning');
  await timed(`${projectCount.toLocaleString('en')} projects copied and indexed`, async () => {
    const { plans, rows, columns, counters } = projectRows(orgs, projectCount, random);
    for (const plan of plans) {
      await planningDb.query(
        `INSERT INTO development_plan (id, organization_id, title, first_fiscal_year, last_fiscal_year, status, published_at) VALUES ($1, $2, $3, $4, $5, 'PUBLISHED', now())`,
        [plan.id, plan.organizationId, plan.title, plan.first, plan.last],
      );
      await planningDb.query('INSERT INTO strategy (id, plan_id, code, title, position) VALUES ($1, $2, $3, $4, 0)', [
        plan.strategyId,
        plan.id,
        'S1',
        'Infrastructure',
      ]);
    }
    // The budget figures' trigger would run once per row: off for the load, then one rebuild.
    await planningDb.query('ALTER TABLE project DISABLE TRIGGER USER');
    await copyInto(planningDb, 'project', columns, rows);
    await planningDb.query('ALTER TABLE project ENABLE TRIGGER USER');
    await planningDb.query('SELECT budget_summary_rebuild()');
    for (const [key, last] of counters())
      await planningDb.query('INSERT INTO project_counter (organization_id, fiscal_year, last) VALUES ($1, $2, $3)', [
        ...key.split('|'),
        last,
      ]);
  });
  await planningDb.query('VACUUM ANALYZE');
  await planningDb.end();

  const wasteDb = await connect('waste_metrics');
  await timed(`${wasteYears} years of monthly waste reports copied`, async () => {
    const { rows, columns } = wasteRows(orgs, wasteYears, random);
    await copyInto(wasteDb, 'waste_report', columns, rows);
  });
  await wasteDb.query('VACUUM ANALYZE');
  await wasteDb.end();
  console.log(
    `bench databases ready: ${Object.values(SERVICES)
      .map((s) => s.database)
      .join(', ')}`,
  );
}

if (require.main === module) {
  seedScale({
    cases: flag('cases', 1_000_000),
    projects: flag('projects', 20_000),
    wasteYears: flag('waste-years', 10),
  }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
