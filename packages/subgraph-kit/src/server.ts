import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import type { ConsumerRunner, OutboxRelay } from '@pcc/events';
import {
  clientErrorStatusPlugin,
  createFormatError,
  InvalidTokenError,
  type Identity,
  type InternalTokens,
  createHttpApp,
  createLogger,
  createMetrics,
  registerOperationalRoutes,
  stringifyResult,
  validTraceparent,
  type Metrics,
  type ReadinessCheck,
} from '@pcc/http';
import { AnswerValidity } from './answer-validity';
import { registerEventMetrics } from './event-metrics';
import { ResponseCache, type ResponseCacheSettings } from './response-cache';

/** What every subgraph's context starts from; services add their loaders and providers. */
export interface BaseContext {
  identity: Identity;
  requestId: string;
  log: Logger;
  /** Passed on to outbox events so an event can be traced to the request that caused it. */
  traceparent: string | undefined;
  /** Until when this request's answer stays true by the clock: resolvers that depend on it say so. */
  answer: AnswerValidity;
}

export interface SubgraphServerOptions<TContext extends BaseContext> {
  /** Service name, in logs and metrics. */
  name: string;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<TContext>;
  internalTokens: InternalTokens;
  createContext: (base: BaseContext) => TContext | Promise<TContext>;
  readiness?: Record<string, ReadinessCheck>;
  /** What `/readyz` shows beside its checks, without gating on it. */
  readinessDetails?: () => Record<string, unknown>;
  outboxLag?: () => Promise<{ pending: number; oldestAgeSeconds: number }>;
  /** The process's relay and consumer group: their counters and lag go to `/metrics`. */
  relay?: OutboxRelay | undefined;
  consumer?: ConsumerRunner | undefined;
  logger?: Logger;
  logLevel?: string;
  introspection?: boolean;
  plugins?: ApolloServerPlugin<TContext>[];
  /**
   * The whole-answer cache (response-cache.ts): its settings and how the data version its keys
   * hold is read. Without it (tests that do not ask for it), no answer is kept.
   */
  responseCache?: { settings: ResponseCacheSettings; version: () => Promise<string> } | undefined;
}

export interface SubgraphServer<TContext extends BaseContext = BaseContext> {
  app: FastifyInstance;
  apollo: ApolloServer<TContext>;
  metrics: Metrics;
  log: Logger;
}

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity | null;
  }
}

/**
 * What one request may ask of a subgraph, checked by the same library as the gateway (graphql-armor),
 * so a caller that reaches a subgraph without the gateway's estimate still cannot fan out. Above the
 * gateway's defaults (depth 12, 30 aliases, cost 20,000): its query plans add `_entities`, key fields
 * and `__typename` to what the client wrote, and must always pass (one more level of `_entities`
 * multiplies armor's cost, which grows with depth, by up to 5). Lists are capped at 100 a page
 * (pagination.ts) and nested lists are batched (one statement for all parents).
 */
export const SUBGRAPH_LIMITS = { maxDepth: 16, maxAliases: 50, maxCost: 100_000, maxTokens: 40_000 } as const;

const unauthenticated = (message: string) => ({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });

/**
 * Builds a Federation 2 subgraph: Apollo Server 5 with `buildSubgraphSchema`, on Fastify, with the
 * internal identity check, health and metrics routes and JSON logs. Returns the app without
 * listening, so tests can `inject` requests or listen on port 0.
 */
export async function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer<TContext>> {
  const log = options.logger ?? createLogger(options.name, options.logLevel ?? 'info');
  const app = createHttpApp({ log, bodyLimit: 1024 * 1024 });
  const metrics = createMetrics(options.name, options.outboxLag);
  registerEventMetrics(metrics.registry, { relay: options.relay, consumer: options.consumer });

  const protection = new ApolloArmor({
    maxDepth: { n: SUBGRAPH_LIMITS.maxDepth },
    maxAliases: { n: SUBGRAPH_LIMITS.maxAliases },
    costLimit: { maxCost: SUBGRAPH_LIMITS.maxCost },
    maxDirectives: { n: 50 },
    // As at the gateway: Apollo's parser limits tokens (parseOptions), armor's would turn it into a 500.
    maxTokens: { enabled: false },
    // Subgraphs are called by the gateway only: suggestions would help nobody but a prober.
    blockFieldSuggestion: { enabled: true },
  }).protect();
  const responseCache = options.responseCache?.settings.enabled
    ? new ResponseCache<TContext>(options.responseCache.settings, options.responseCache.version, metrics)
    : undefined;
  const apollo = new ApolloServer<TContext>({
    schema: buildSubgraphSchema([
      { typeDefs: options.typeDefs, resolvers: options.resolvers as GraphQLResolverMap<unknown> },
    ]),
    introspection: options.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: SUBGRAPH_LIMITS.maxTokens },
    stringifyResult,
    validationRules: protection.validationRules,
    formatError: createFormatError((error) => log.error({ err: error }, 'unexpected error in a resolver')),
    plugins: [
      ...protection.plugins,
      fastifyApolloDrainPlugin(app),
      // Field-level traces (ftv1) cost time on every request and nobody reads them here.
      ApolloServerPluginInlineTraceDisabled(),
      metrics.plugin,
      clientErrorStatusPlugin,
      ...(responseCache?.plugins() ?? []),
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();

  app.decorateRequest('identity', null);
  registerOperationalRoutes(app, metrics, options.readiness ?? {}, app, options.readinessDetails);

  await app.register(async (graphql) => {
    // No way around the gateway: every GraphQL request carries the gateway's signed identity.
    graphql.addHook('preHandler', async (request, reply) => {
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
      if (!token)
        return reply.code(401).send(unauthenticated('Missing internal token: call the platform through the gateway'));
      try {
        request.identity = await options.internalTokens.verify(token);
      } catch (error) {
        if (error instanceof InvalidTokenError)
          return reply.code(401).send(unauthenticated(`Internal token rejected: ${error.message}`));
        throw error;
      }
    });
    // After the identity check: a kept answer is only ever handed to the caller it was keyed by.
    responseCache?.register(graphql);
    await graphql.register(fastifyApollo(apollo), {
      context: async (request: FastifyRequest) => {
        const answer = new AnswerValidity();
        if (responseCache) request.answerValidity = answer;
        return options.createContext({
          identity: request.identity!,
          requestId: request.id,
          log: request.log as Logger,
          traceparent: validTraceparent(request.headers.traceparent),
          answer,
        });
      },
    });
  });
  return { app, apollo, metrics, log };
}
