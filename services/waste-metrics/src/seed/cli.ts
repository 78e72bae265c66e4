/**
 * `npm run seed`: migrates, waits until the organization projection knows the network (the
 * service's consumer fills it from Kafka), then loads 24 months of reports for the 19 organizations.
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { databaseConfigSchema, dataSourceFor } from '../data-source';
import { seed } from './seed';

async function main(): Promise<void> {
  const dataSource = dataSourceFor(loadConfigOrExit(databaseConfigSchema), 'pcc-waste-metrics-seed');
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const deadline = Date.now() + 120_000;
    for (;;) {
      const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM organization_projection WHERE active');
      if (n >= 19) break;
      if (Date.now() > deadline) throw new Error(`only ${n} organizations known after 2 minutes: is the waste-metrics service running and Kafka up?`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const result = await seed(dataSource);
    console.log(`seeded ${result.reports} monthly waste reports`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
