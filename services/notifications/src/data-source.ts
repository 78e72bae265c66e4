import { serviceDatabase } from '@pcc/db';
import { service } from './service';
import { entities } from './store/entities';
import { migrations } from './store/migrations';

/** This service's database: its connection config (all that migrate and seed need) and DataSource. */
export const { databaseConfigSchema, dataSourceFor } = serviceDatabase(service, entities, migrations);
