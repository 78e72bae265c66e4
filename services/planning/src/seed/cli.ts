/**
 * `npm run seed`: migrates, waits until the organization projection knows the network (the
 * service's consumer fills it from Kafka), then loads the plans and projects of FY2561–FY2562.
 */
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { runSeedCli } from '@pcc/db';
import { waitForOrganizations } from '@pcc/organization-projection';
import { databaseConfigSchema, dataSourceFor } from '../data-source';
import { seed } from './seed';

void runSeedCli(dataSourceFor(loadConfigOrExit(databaseConfigSchema), 'seed'), async (dataSource) => {
  await waitForOrganizations(dataSource, 19);
  const { plans, projects } = await seed(dataSource);
  return `seeded ${plans} development plans and ${projects} projects`;
});
