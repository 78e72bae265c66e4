import type { MutationResolvers } from '../generated/resolvers-types';

/** Thin: each mutation hands its raw input to the workflow, which authorizes, validates and writes. */
export const Mutation: MutationResolvers = {
  openCase: (_parent, { input }, { workflow }) => workflow.open(input),
  triageCase: (_parent, { id, input }, { workflow }) => workflow.triage(id, input),
  acceptCase: (_parent, { id }, { workflow }) => workflow.accept(id),
  startWork: (_parent, { id, note }, { workflow }) => workflow.start(id, note),
  startMediation: (_parent, { id }, { workflow }) => workflow.startMediation(id),
  recordMediationSession: (_parent, { id, input }, { workflow }) => workflow.recordMediationSession(id, input),
  addParty: (_parent, { id, input }, { workflow }) => workflow.addParty(id, input),
  resolveCase: (_parent, { id, input }, { workflow }) => workflow.resolve(id, input),
  closeCase: (_parent, { id }, { workflow }) => workflow.close(id),
  rejectCase: (_parent, { id, reason }, { workflow }) => workflow.reject(id, reason),
  reopenCase: (_parent, { id, reason }, { workflow }) => workflow.reopen(id, reason),
  forwardCase: (_parent, { id, organizationId, note }, { workflow }) => workflow.forward(id, organizationId, note),
  inviteSupportingOrganization: (_parent, { id, organizationId, note }, { workflow }) =>
    workflow.invite(id, organizationId, note),
  addCaseNote: (_parent, { id, note }, { workflow }) => workflow.addNote(id, note),
  referCaseToExternalBody: (_parent, { id, input }, { workflow }) => workflow.referToExternalBody(id, input),
  recordExternalReply: (_parent, { referralId, input }, { workflow }) =>
    workflow.recordExternalReply(referralId, input),
  markDuplicate: (_parent, { id, originalId }, { workflow }) => workflow.markDuplicate(id, originalId),
  addCaseInformation: (_parent, { trackingCode, reporterSecret, text }, { workflow }) =>
    workflow.addInformation(trackingCode, reporterSecret, text),
  rateCase: (_parent, { trackingCode, reporterSecret, rating, comment }, { workflow }) =>
    workflow.rate(trackingCode, reporterSecret, rating, comment),
  reporterReopenCase: (_parent, { trackingCode, reporterSecret, reason }, { workflow }) =>
    workflow.reporterReopen(trackingCode, reporterSecret, reason),
  setRoutingRule: async (_parent, { district, category, organizationId }, { workflow }) => {
    const rule = await workflow.setRoutingRule(district, category, organizationId);
    return { district, category, organization: { id: rule.organizationId } };
  },
};
