/**
 * `npm run seed`: migrates, waits until the organization projection knows the network (the
 * service's consumer fills it from Kafka), then loads the routing table and the demo cases.
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { runSeedCli } from '@pcc/db';
import { waitForOrganizations } from '@pcc/organization-projection';
import { databaseConfigSchema, dataSourceFor } from '../data-source';
import { seed } from './seed';

void runSeedCli(dataSourceFor(loadConfigOrExit(databaseConfigSchema), 'seed'), async (dataSource) => {
  await waitForOrganizations(dataSource, 19);
  const result = await seed(dataSource);
  return `seeded ${result.rules} routing rules, ${result.cases} cases and ${result.referrals} referrals to outside bodies`;
});
