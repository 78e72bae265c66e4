import type { QueryResolvers } from '../generated/resolvers-types';
import { CATEGORIES, EXTERNAL_BODIES, SUBDISTRICTS } from '../domain/areas';

export const Query: QueryResolvers = {
  cases: (_parent, { filter, first, after }, { reader }) => reader.list(filter, { first, after }),
  case: (_parent, { id }, { loaders }) => loaders.caseById.load(id),
  caseByTrackingCode: (_parent, { code, reporterSecret }, { reader }) => reader.byTrackingCode(code, reporterSecret),
  possibleDuplicates: (_parent, { caseId }, { reader }) => reader.possibleDuplicates(caseId),
  routingRules: async (_parent, _args, { reader }) =>
    (await reader.routingRules()).map((r) => ({
      district: r.district as never,
      category: r.category as never,
      organization: { id: r.organizationId },
    })),
  subdistricts: () => [...SUBDISTRICTS],
  externalBodies: () => [...EXTERNAL_BODIES],
  caseCategories: () => [...CATEGORIES],
  referralsAwaitingReply: (_parent, { first, after }, { reader }) => reader.awaitingReply({ first, after }),
};
