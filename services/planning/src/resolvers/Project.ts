import { fromSatang } from '../domain/money';
import type { ProjectResolvers } from '../generated/resolvers-types';

/** A project's fields; references to other entities go through the per-request loaders. */
export const Project: ProjectResolvers = {
  __resolveReference: (reference, { reader }) => reader.byId(reference.id),
  owner: (p) => ({ id: p.ownerOrganizationId }),
  partners: async (p, _args, { loaders }) =>
    (await loaders.partnersByProject.load(p.id)).map((r) => ({ id: r.organization_id })),
  strategy: async (p, _args, { loaders }) => (await loaders.strategyById.load(p.strategyId))!,
  approach: (p, _args, { loaders }) => (p.approachId ? loaders.approachById.load(p.approachId) : null),
  councilResolution: (p) =>
    p.councilResolutionRef && p.councilResolutionDate
      ? { reference: p.councilResolutionRef, date: p.councilResolutionDate }
      : null,
  accumulatedFundsLapsedOn: (p) => p.fundsLapsedOn,
  costShares: (p) =>
    Object.entries(p.costShares)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([id, points]) => ({ organization: { id }, percent: fromSatang(BigInt(points)) })),
  progressReports: (p, _args, { loaders }) => loaders.progressByProject.load(p.id),
  cancellationReason: async (p, _args, { reader }) =>
    (await reader.readsOfficialsWords(p)) ? p.cancellationReason : null,
  coordination: async (p, _args, { reader }) => ({
    status: p.coordinationStatus,
    submittedAt: p.coordinationSubmittedAt,
    decidedAt: p.coordinationDecidedAt,
    note: (await reader.readsOfficialsWords(p)) ? p.coordinationNote : null,
  }),
  relatedCases: async (p, _args, { loaders }) =>
    (await loaders.casesByProject.load(p.id)).map((r) => ({ id: r.case_id })),
};
