import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { DocumentNode } from 'graphql';
import type { ConsumerRunner, OutboxRelay } from '@pcc/events';
import type { InternalTokens } from '@pcc/http';
import { subgraphEventsHealth, subgraphReadiness } from './run';
import { createSubgraphServer, type BaseContext, type SubgraphServer } from './server';
import { dataVersionOf, type ResponseCacheSettings } from './response-cache';

/** What every service's `createServer(deps)` takes: the database, the token verifier, optional runtime parts. */
export interface SubgraphDeps {
  dataSource: DataSource;
  internalTokens: InternalTokens;
  relay?: OutboxRelay;
  consumer?: ConsumerRunner;
  logger?: Logger;
  logLevel?: string;
  /** The whole-answer cache's settings (the runner passes the configuration's); none: no cache. */
  responseCache?: ResponseCacheSettings;
}

/**
 * Declares a subgraph once and returns its `createServer(deps)`: the schema, the resolvers, and how
 * a request's context is built from the deps. Readiness and metrics come from the deps the same way
 * in every service.
 */
export function defineSubgraph<TContext extends BaseContext, TDeps extends SubgraphDeps = SubgraphDeps>(definition: {
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  context: (deps: TDeps) => (base: BaseContext) => TContext;
}): (deps: TDeps) => Promise<SubgraphServer<TContext>> {
  return (deps) =>
    createSubgraphServer<TContext>({
      name: definition.name,
      typeDefs: definition.typeDefs,
      resolvers: definition.resolvers,
      internalTokens: deps.internalTokens,
      createContext: definition.context(deps),
      readiness: subgraphReadiness(deps),
      readinessDetails: subgraphEventsHealth(deps),
      ...(deps.relay ? { outboxLag: () => deps.relay!.lag() } : {}),
      relay: deps.relay,
      consumer: deps.consumer,
      ...(deps.logger ? { logger: deps.logger } : {}),
      ...(deps.logLevel ? { logLevel: deps.logLevel } : {}),
      ...(deps.responseCache
        ? { responseCache: { settings: deps.responseCache, version: dataVersionOf(deps.dataSource) } }
        : {}),
    });
}
