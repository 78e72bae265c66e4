import { TOPICS, type ProjectionDeclaration } from '@pcc/events';

/** The projection as a service declares it (`projections.organizations`), for `events:replay`. */
export const ORGANIZATION_PROJECTION: ProjectionDeclaration = {
  topics: [TOPICS.organization],
  tables: ['organization_projection'],
};
