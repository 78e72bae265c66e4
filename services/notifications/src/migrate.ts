/** `npm run migrate [-- down]`: applies (or reverts the last of) this service's migrations. */
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { runMigrationCli } from '@pcc/db';
import { databaseConfigSchema, dataSourceFor } from './data-source';

void runMigrationCli(dataSourceFor(loadConfigOrExit(databaseConfigSchema), 'migrate'));
