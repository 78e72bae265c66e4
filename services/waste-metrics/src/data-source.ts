import { serviceDatabase } from '@pcc/db';
import { entities } from './store/entities';
import { migrations } from './store/migrations';

/** This service's database: its connection config (all that migrate and seed need) and DataSource. */
export const { databaseConfigSchema, dataSourceFor } = serviceDatabase(
  'pcc_waste',
  'pcc-waste-metrics',
  entities,
  migrations,
);
