import { parseInput } from '@pcc/subgraph-kit';
import type { QueryResolvers } from '../generated/resolvers-types';
import * as rules from '../domain/inputs';
import { provinceSummary } from '../providers/province';

export const Query: QueryResolvers = {
  wasteReports: (_parent, { filter, first, after }, { reader }) => reader.list(filter, { first, after }),
  wasteReport: (_parent, { id }, { loaders }) => loaders.reportById.load(id),
  provinceWasteSummary: async (_parent, { fiscalYear }, { dataSource }) => {
    const year = parseInput(rules.fiscalYear, fiscalYear, 'fiscalYear');
    const summary = await provinceSummary(dataSource, year);
    return { ...summary, ranking: summary.ranking.map((r) => ({ ...r })) };
  },
};
