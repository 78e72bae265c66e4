import { DataVersion1767000000000 } from '@pcc/db';
import { eventsMigrations } from '@pcc/events';
import { organizationProjectionMigrations } from '@pcc/organization-projection';
import { CreateNotifications1765100000000 } from './1765100000000-create-notifications';

/** In order: the outbox/inbox tables of @pcc/events, the organization projection, then this service's own. */
export const migrations = [
  ...eventsMigrations,
  ...organizationProjectionMigrations,
  CreateNotifications1765100000000,
  DataVersion1767000000000,
];
