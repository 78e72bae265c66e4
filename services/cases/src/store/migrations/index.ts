import { eventsMigrations } from '@pcc/events';
import { CreateOrganizationProjection1764201700000 } from '@pcc/organization-projection';
import { CreateCases1764288000000 } from './1764288000000-create-cases';

/** In order: the outbox/inbox tables of @pcc/events, the organization projection, then this service's own. */
export const migrations = [...eventsMigrations, CreateOrganizationProjection1764201700000, CreateCases1764288000000];
