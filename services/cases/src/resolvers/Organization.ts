import type { OrganizationResolvers } from '../generated/resolvers-types';

const EMPTY = { open: 0, overdue: 0, resolvedLast30Days: 0, medianResolutionHours: null, averageRating: null };

/** The fields this subgraph adds to the organizations' entity. */
export const Organization: OrganizationResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  // Batched: the cases of every organization in the answer (under a list of cases, say) in a few statements.
  cases: (organization, { filter, first, after }, { reader }) =>
    reader.ofOrganization.load({ parent: organization.id, args: { filter, page: { first, after } } }),
  caseStats: async (organization, _args, { loaders }) => {
    const stats = await loaders.statsByOrganization.load(organization.id);
    return stats
      ? {
          open: stats.open,
          overdue: stats.overdue,
          resolvedLast30Days: stats.resolvedLast30Days,
          medianResolutionHours: stats.medianResolutionHours,
          averageRating: stats.averageRating,
        }
      : EMPTY;
  },
};
