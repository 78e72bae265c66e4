import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { createSubgraphServer, loadSchemaFile, type InternalTokens, type SubgraphServer } from '@pcc/subgraph-kit';
import type { OutboxRelay } from '@pcc/events';
import { createContext, type Context } from './context';
import { resolvers } from './resolvers';

export interface ServerDeps {
  dataSource: DataSource;
  internalTokens: InternalTokens;
  /** When given, `/readyz` and `/metrics` report on it. */
  relay?: OutboxRelay;
  logger?: Logger;
  logLevel?: string;
}

export const typeDefs = loadSchemaFile(join(__dirname, '..', 'schema.graphql'));

/** Builds the organizations subgraph without listening and without I/O of its own. */
export function createServer(deps: ServerDeps): Promise<SubgraphServer<Context>> {
  return createSubgraphServer<Context>({
    name: 'organizations',
    typeDefs,
    resolvers,
    internalTokens: deps.internalTokens,
    createContext: createContext(deps.dataSource),
    readiness: {
      database: async () => (await deps.dataSource.query('SELECT 1')).length === 1,
      ...(deps.relay ? { relay: async () => deps.relay!.stats().running && deps.relay!.stats().consecutiveFailures < 3 } : {}),
    },
    ...(deps.relay ? { outboxLag: () => deps.relay!.lag() } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.logLevel ? { logLevel: deps.logLevel } : {}),
  });
}

export { migrations } from './store/migrations';
export { entities } from './store/entities';
export { seed } from './seed/seed';
