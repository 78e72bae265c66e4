import type { MemberResolvers } from '../generated/resolvers-types';
import { maySeeMemberContact } from '../domain/privacy';
import type { Context } from '../context';
import type { MemberEntity } from '../store/entities';

async function contactVisible(member: MemberEntity, { identity, loaders }: Context): Promise<boolean> {
  if (identity.role === 'NETWORK_ADMIN') return true;
  const organization = member.organizationId ? await loaders.organizationById.load(member.organizationId) : null;
  return maySeeMemberContact(identity, organization?.code ?? null);
}

export const Member: MemberResolvers = {
  organization: (member, _args, { loaders }) =>
    member.organizationId ? loaders.organizationById.load(member.organizationId) : null,
  phone: async (member, _args, context) => ((await contactVisible(member, context)) ? member.phone : null),
  email: async (member, _args, context) => ((await contactVisible(member, context)) ? member.email : null),
};
