import type { MemberResolvers } from '../generated/resolvers-types';

export const Member: MemberResolvers = {
  organization: (member, _args, { loaders }) =>
    member.organizationId ? loaders.organizationById.load(member.organizationId) : null,
  phone: async (member, _args, { members }) => ((await members.maySeeContact(member)) ? member.phone : null),
  email: async (member, _args, { members }) => ((await members.maySeeContact(member)) ? member.email : null),
};
