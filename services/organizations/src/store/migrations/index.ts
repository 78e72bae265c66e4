import { DataVersion1767000000000 } from '@pcc/db';
import { eventsMigrations } from '@pcc/events';
import { CreateRegistry1764201600000 } from './1764201600000-create-registry';
import { Meetings1765100000000 } from './1765100000000-meetings';

/** In order: the outbox/inbox tables of @pcc/events, then this service's own. */
export const migrations = [
  ...eventsMigrations,
  CreateRegistry1764201600000,
  Meetings1765100000000,
  DataVersion1767000000000,
];
