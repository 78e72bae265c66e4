import type { CaseResolvers } from '../generated/resolvers-types';

/** The field this subgraph adds to the cases' entity: linked projects the caller may see. */
export const Case: CaseResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  relatedProjects: (c, _args, { reader }) => reader.ofCase(c.id),
};
