/**
 * `npm run seed`: migrates, waits until the organization projection knows the network (the
 * service's consumer fills it from Kafka), then loads 24 months of reports for the 19 organizations.
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { runSeedCli } from '@pcc/db';
import { waitForOrganizations } from '@pcc/organization-projection';
import { databaseConfigSchema, dataSourceFor } from '../data-source';
import { seed } from './seed';

void runSeedCli(dataSourceFor(loadConfigOrExit(databaseConfigSchema), 'seed'), async (dataSource) => {
  await waitForOrganizations(dataSource, 19);
  return `seeded ${(await seed(dataSource)).reports} monthly waste reports`;
});
