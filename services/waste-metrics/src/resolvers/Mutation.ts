import type { MutationResolvers } from '../generated/resolvers-types';

/** Thin: raw input goes to the report manager, which authorizes, validates and writes. */
export const Mutation: MutationResolvers = {
  submitWasteReport: (_parent, { input }, { reports }) => reports.submit(input),
  correctWasteReport: (_parent, { input }, { reports }) => reports.correct(input),
  setWasteBaseline: async (_parent, { organizationId, fiscalYear, tonnes }, { reports }) => {
    const baseline = await reports.setBaseline(organizationId, fiscalYear, tonnes);
    return { organization: { id: baseline.organizationId }, fiscalYear: baseline.fiscalYear, tonnes: baseline.tonnes };
  },
  importWasteReports: (_parent, { organizationId, csv }, { imports }) => imports.forOrganization(organizationId, csv),
  verifyWasteReport: (_parent, { id }, { review }) => review.verify(id),
  returnWasteReport: (_parent, { id, reason }, { review }) => review.returnToOrganization(id, reason),
};
