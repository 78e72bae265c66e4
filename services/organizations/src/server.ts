import { join } from 'node:path';
import { defineSubgraph, loadSchemaFile } from '@pcc/subgraph-kit';
import { createContext, type Context } from './context';
import { resolvers } from './resolvers';
import { service } from './service';

export const typeDefs = loadSchemaFile(join(__dirname, '..', 'schema.graphql'));

/** Builds the organizations subgraph without listening and without I/O of its own. */
export const createServer = defineSubgraph<Context>({
  name: service.name,
  typeDefs,
  resolvers,
  context: (deps) => createContext(deps.dataSource),
});

export { migrations } from './store/migrations';
export { entities } from './store/entities';
export { seed } from './seed/seed';
export { reportOverdueActions } from './providers/follow-up-actions';
