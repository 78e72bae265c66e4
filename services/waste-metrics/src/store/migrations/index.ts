import { eventsMigrations } from '@pcc/events';
import { CreateOrganizationProjection1764201700000 } from '@pcc/organization-projection';
import { CreateWaste1764374400000 } from './1764374400000-create-waste';

/** In order: the outbox/inbox tables of @pcc/events, the organization projection, then this service's own. */
export const migrations = [...eventsMigrations, CreateOrganizationProjection1764201700000, CreateWaste1764374400000];
