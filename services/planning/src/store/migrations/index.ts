import { eventsMigrations } from '@pcc/events';
import { CreateOrganizationProjection1764201700000 } from '@pcc/organization-projection';
import { CreatePlanning1764460800000 } from './1764460800000-create-planning';

/** In order: the outbox/inbox tables of @pcc/events, the organization projection, then this service's own. */
export const migrations = [...eventsMigrations, CreateOrganizationProjection1764201700000, CreatePlanning1764460800000];
