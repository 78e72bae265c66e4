import type { AgreementResolvers } from '../generated/resolvers-types';

export const Agreement: AgreementResolvers = {
  signatories: (agreement, _args, { loaders }) => loaders.signatoriesByAgreement.load(agreement.id),
  targets: (agreement) => agreement.targets,
  meeting: (agreement, _args, { loaders, meetings }) =>
    agreement.meetingId && meetings.mayRead() ? loaders.meetingById.load(agreement.meetingId) : null,
};
