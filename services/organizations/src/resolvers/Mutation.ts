import type { MutationResolvers } from '../generated/resolvers-types';

/** Thin: each mutation hands its raw input to a provider, which authorizes, validates and writes. */
export const Mutation: MutationResolvers = {
  registerOrganization: (_parent, { input }, { organizations }) => organizations.register(input),
  updateOrganization: (_parent, { id, input }, { organizations }) => organizations.update(id, input),
  deactivateOrganization: (_parent, { id }, { organizations }) => organizations.deactivate(id),
  addMember: (_parent, { input }, { members }) => members.add(input),
  updateMember: (_parent, { id, input }, { members }) => members.update(id, input),
  removeMember: (_parent, { id }, { members }) => members.remove(id),
  signAgreement: (_parent, { input }, { agreements }) => agreements.sign(input),
  addAgreementSignatory: (_parent, { agreementId, organizationId }, { agreements }) =>
    agreements.addSignatory(agreementId, organizationId),
  recordMeeting: (_parent, { input }, { meetings }) => meetings.record(input),
  addResolution: (_parent, { meetingId, input }, { meetings }) => meetings.addResolution(meetingId, input),
  updateFollowUpActionStatus: (_parent, { id, status }, { actions }) => actions.updateStatus(id, status),
};
