/** `npm run seed`: migrates, then loads the demo registry (idempotent). */
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { runSeedCli } from '@pcc/db';
import { databaseConfigSchema, dataSourceFor } from '../data-source';
import { seed } from './seed';

void runSeedCli(dataSourceFor(loadConfigOrExit(databaseConfigSchema), 'seed'), async (dataSource) => {
  const result = await seed(dataSource);
  return `seeded ${result.organizations} organizations, ${result.meetings} meeting(s) and ${result.agreements} agreement(s)`;
});
