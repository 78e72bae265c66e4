import { defineService } from '@pcc/config';
import { TOPICS } from '@pcc/events';

/** The organizations service, declared once; its config, scripts, compose and the bench derive from this. */
export const service = defineService({
  name: 'organizations',
  database: 'pcc_organizations',
  port: 4001,
  publishes: [TOPICS.organization, TOPICS.member, TOPICS.agreement, TOPICS.meeting],
  consumes: [],
});
