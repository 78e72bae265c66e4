import { defineService } from '@pcc/config';
import { TOPICS } from '@pcc/events';
import { ORGANIZATION_PROJECTION } from '@pcc/organization-projection/declaration';

/** The cases service, declared once; its config, scripts, compose and the bench derive from this. */
export const service = defineService({
  name: 'cases',
  database: 'pcc_cases',
  port: 4002,
  publishes: [TOPICS.case],
  consumes: [TOPICS.organization],
  projections: {
    organizations: ORGANIZATION_PROJECTION,
  },
});
