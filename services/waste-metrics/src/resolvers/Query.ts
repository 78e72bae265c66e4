import type { QueryResolvers } from '../generated/resolvers-types';

export const Query: QueryResolvers = {
  wasteReports: (_parent, { filter, first, after }, { reader }) => reader.list(filter, { first, after }),
  wasteReport: (_parent, { id }, { loaders }) => loaders.reportById.load(id),
  provinceWasteSummary: async (_parent, { fiscalYear }, { reader }) => {
    const summary = await reader.provinceSummary(fiscalYear);
    const perResident = reader.perResident(summary);
    return {
      ...summary,
      ranking: summary.ranking.map((r) => ({ ...r })),
      rankingPerResident: perResident.ranking,
      populationSource: perResident.source,
    };
  },
  missingWasteReports: async (_parent, { organizationId }, { reader }) =>
    (await reader.missing(organizationId)).map((m) => ({ ...m, organization: { id: m.organizationId } })),
};
