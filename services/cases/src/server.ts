import { join } from 'node:path';
import { defineSubgraph, loadSchemaFile, type SubgraphDeps } from '@pcc/subgraph-kit';
import { createContext, type Context } from './context';
import { DEFAULT_SLA_HOURS, type SlaHours } from './domain/sla';
import { resolvers } from './resolvers';
import { service } from './service';

export const typeDefs = loadSchemaFile(join(__dirname, '..', 'schema.graphql'));

/** The cases subgraph's definition: its schema, resolvers and context (a next build extends it). */
export const casesSubgraph = {
  name: service.name,
  typeDefs,
  resolvers,
  context: (deps: SubgraphDeps & { sla?: SlaHours }) => createContext(deps.dataSource, deps.sla ?? DEFAULT_SLA_HOURS),
};

/** Builds the cases subgraph without listening and without I/O of its own. */
export const createServer = defineSubgraph<Context, SubgraphDeps & { sla?: SlaHours }>(casesSubgraph);

export { migrations } from './store/migrations';
export { entities } from './store/entities';
export { organizationProjection } from '@pcc/organization-projection';
export { reportSlaBreaches } from './providers/sla-watch';
export { seed } from './seed/seed';
