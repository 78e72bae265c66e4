import type { CaseResolvers } from '../generated/resolvers-types';

/** The field this subgraph adds to the cases' entity: linked projects the caller may see. */
export const Case: CaseResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  relatedProjects: async (c, _args, { loaders, canSee }) => {
    const projects = await loaders.projectsByCase.load(c.id);
    const visible = await Promise.all(projects.map(canSee));
    return projects.filter((_p, i) => visible[i]);
  },
};
