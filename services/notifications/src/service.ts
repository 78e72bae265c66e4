import { defineService } from '@pcc/config';
import { TOPICS } from '@pcc/events';
import { ORGANIZATION_PROJECTION } from '@pcc/organization-projection/declaration';

/** The notifications service, declared once; its config, scripts, compose and the bench derive from this. */
export const service = defineService({
  name: 'notifications',
  database: 'pcc_notifications',
  port: 4005,
  publishes: [],
  consumes: [TOPICS.organization, TOPICS.case, TOPICS.project, TOPICS.wasteReport],
  projections: {
    organizations: ORGANIZATION_PROJECTION,
  },
});
