import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  projects: (_parent, { filter, first, after }, { reader }) => reader.list(filter, { first, after }),
  project: (_parent, { id }, { reader }) => reader.byId(id),
  developmentPlans: (_parent, { organizationId, fiscalYear }, { planReader }) =>
    planReader.list(organizationId, fiscalYear),
  developmentPlan: (_parent, { id }, { planReader }) => planReader.byId(id),
  fiscalYearSummary: (_parent, { fiscalYear }, { budget }) => budget.fiscalYearSummary(fiscalYear),
};
