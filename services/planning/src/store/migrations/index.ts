import { eventsMigrations } from '@pcc/events';
import { organizationProjectionMigrations } from '@pcc/organization-projection';
import { CreatePlanning1764460800000 } from './1764460800000-create-planning';
import { CaseProjectionVersion1764900000003 } from './1764900000003-case-projection-version';
import { CaseLinkOutlivesProjection1765000000000 } from './1765000000000-case-link-outlives-projection';

/** In order: the outbox/inbox tables of @pcc/events, the organization projection, then this service's own. */
export const migrations = [
  ...eventsMigrations,
  ...organizationProjectionMigrations,
  CreatePlanning1764460800000,
  CaseProjectionVersion1764900000003,
  CaseLinkOutlivesProjection1765000000000,
];
