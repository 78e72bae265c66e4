import { parseInput } from '@pcc/subgraph-kit';
import type { QueryResolvers } from '../generated/resolvers-types';
import * as rules from '../domain/inputs';
import { fiscalYearSummary } from '../providers/budget-figures';
import { visiblePlans } from '../providers/plan-reader';

export const Query: QueryResolvers = {
  projects: (_parent, { filter, first, after }, { reader }) => reader.list(filter, { first, after }),
  project: async (_parent, { id }, { loaders, canSee }) => {
    const project = await loaders.projectById.load(id);
    return project && (await canSee(project)) ? project : null;
  },
  developmentPlans: (_parent, { organizationId, fiscalYear }, context) =>
    visiblePlans(context, {
      organizationId:
        organizationId === null || organizationId === undefined
          ? null
          : parseInput(rules.id, organizationId, 'organizationId'),
      fiscalYear:
        fiscalYear === null || fiscalYear === undefined ? null : parseInput(rules.fiscalYear, fiscalYear, 'fiscalYear'),
    }),
  developmentPlan: async (_parent, { id }, context) =>
    rules.id.safeParse(id).success ? ((await visiblePlans(context, { id }))[0] ?? null) : null,
  fiscalYearSummary: (_parent, { fiscalYear }, { dataSource }) =>
    fiscalYearSummary(dataSource.manager, parseInput(rules.fiscalYear, fiscalYear, 'fiscalYear')),
};
