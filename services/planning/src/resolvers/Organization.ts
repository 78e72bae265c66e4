import { parseInput } from '@pcc/subgraph-kit';
import type { OrganizationResolvers } from '../generated/resolvers-types';
import * as rules from '../domain/inputs';

/** The fields this subgraph adds to the organizations' entity. */
export const Organization: OrganizationResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  // Batched: the projects of every organization in the answer in a few statements.
  projects: (organization, { fiscalYear, status, first, after }, { reader }) =>
    reader.ofOrganization.load({
      parent: organization.id,
      args: { filter: { fiscalYear, status }, page: { first, after } },
    }),
  budgetSummary: (organization, { fiscalYear }, { loaders }) =>
    loaders.budgetSummary.load(`${organization.id}|${parseInput(rules.fiscalYear, fiscalYear, 'fiscalYear')}`),
  accumulatedFunds: (organization, _args, { accumulatedFunds }) => accumulatedFunds.of(organization.id),
};
