import { defineService } from '@pcc/config';
import { TOPICS } from '@pcc/events';
import { ORGANIZATION_PROJECTION } from '@pcc/organization-projection/declaration';

/** The waste-metrics service, declared once; its config, scripts, compose and the bench derive from this. */
export const service = defineService({
  name: 'waste-metrics',
  database: 'pcc_waste',
  port: 4004,
  publishes: [TOPICS.wasteReport],
  consumes: [TOPICS.organization, TOPICS.agreement],
  projections: {
    organizations: ORGANIZATION_PROJECTION,
  },
});
