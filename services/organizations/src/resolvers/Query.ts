import type { QueryResolvers } from '../generated/resolvers-types';

/** Reads of the registry are open to every role (personal data is filtered on the Member type); meetings to staff. */
export const Query: QueryResolvers = {
  organizations: (_parent, { filter, first, after }, { organizations }) => organizations.list(filter, { first, after }),
  organization: (_parent, { id }, { loaders }) => loaders.organizationById.load(id),
  organizationByCode: (_parent, { code }, { organizations }) => organizations.byCode(code),
  members: (_parent, { filter, first, after }, { members }) => members.list(filter, { first, after }),
  agreements: (_parent, { filter, first, after }, { agreements }) => agreements.list(filter, { first, after }),
  agreement: (_parent, { id }, { agreements }) => agreements.byId(id),
  meetings: (_parent, { filter, first, after }, { meetings }) => meetings.list(filter, { first, after }),
  meeting: (_parent, { id }, { meetings }) => meetings.byId(id),
  followUpActions: (_parent, { filter, first, after }, { actions }) => actions.list(filter, { first, after }),
};
