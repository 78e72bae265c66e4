import { parseInput } from '@pcc/subgraph-kit';
import type { OrganizationResolvers } from '../generated/resolvers-types';
import * as rules from '../domain/inputs';
import { toSummaryView } from './views';

export const Organization: OrganizationResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  wasteSummary: async (organization, { fiscalYear }, { loaders }) => {
    const year = parseInput(rules.fiscalYear, fiscalYear, 'fiscalYear');
    return toSummaryView(year, await loaders.summary.load(`${organization.id}|${year}`));
  },
};
