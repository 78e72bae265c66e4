import { defineService } from '@pcc/config';
import { TOPICS } from '@pcc/events';
import { ORGANIZATION_PROJECTION } from '@pcc/organization-projection/declaration';

/** The planning service, declared once; its config, scripts, compose and the bench derive from this. */
export const service = defineService({
  name: 'planning',
  database: 'pcc_planning',
  port: 4003,
  publishes: [TOPICS.project, TOPICS.plan, TOPICS.accumulatedFunds],
  consumes: [TOPICS.organization, TOPICS.case],
  projections: {
    organizations: ORGANIZATION_PROJECTION,
    cases: { topics: [TOPICS.case], tables: ['case_projection'] },
  },
});
