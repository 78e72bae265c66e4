/** `npm run seed`: migrates, then loads the demo registry (idempotent). */
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { databaseConfigSchema, dataSourceFor } from '../data-source';
import { seed } from './seed';

async function main(): Promise<void> {
  const dataSource = dataSourceFor(loadConfigOrExit(databaseConfigSchema), 'pcc-organizations-seed');
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const result = await seed(dataSource);
    console.log(`seeded ${result.organizations} organizations and ${result.agreements} agreement(s)`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
