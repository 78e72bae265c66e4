import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { createKafka } from '@pcc/events/bus';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import {
  clientErrorStatusPlugin,
  createFormatError,
  createHttpApp,
  createLogger,
  createMetrics,
  InternalTokens,
  InvalidTokenError,
  registerOperationalRoutes,
  stringifyResult,
  validTraceparent,
  type Identity,
  type Metrics,
} from '@pcc/http';
import { Authenticator } from './auth';
import { ChangeFeed, registerChangeStream } from './changes';
import { registerDevelopmentTokens } from './dev-tokens';
import { metricsPort, urlOverrides, type Config } from './config';
import { registerEventCatalogue } from './event-catalogue';
import { registerCsvExports } from './open-data/csv-exports';
import { createExecute } from './open-data/execute';
import { registerCaseFeed } from './open-data/geojson';
import { registerOpen311 } from './open-data/open311';
import { idePage, registerIde, wantsIde } from './ide';
import { costLimitPlugin } from './cost';
import { createFetchHistogram } from './fetch-metrics';
import { operationResolutionPlugin } from './operation-resolution';
import { RateLimits } from './rate-limits';
import { InternalTokenCache } from './internal-token-cache';
import { SubgraphFetcher } from './subgraph-fetcher';
import { SubgraphHealth } from './subgraph-health';
import { SubgraphSource, type GatewayContext } from './subgraph-source';
import { subgraphsOf } from './supergraph';
import { SupergraphSource, type SupergraphRegistryOptions } from './supergraph-registry';

export interface GatewayDeps {
  config: Config;
  /** The bootstrap supergraph (the committed file): served until the registry, if any, has a newer one. */
  supergraphSdl: string;
  /** The schema registry to follow; without it the gateway serves `supergraphSdl` only. */
  registry?: SupergraphRegistryOptions | undefined;
  /** How long start-up waits for the registry's current supergraph. */
  registryWaitMs?: number;
  logger?: Logger;
}

export interface GatewayServer {
  app: FastifyInstance;
  apollo: ApolloServer<GatewayContext>;
  metrics: Metrics;
  /** `/metrics` on a port of its own (not listening yet), when the config gives it one. */
  metricsApp?: FastifyInstance;
  log: Logger;
  /** Subgraphs by name, with the URL this gateway calls (of the bootstrap supergraph). */
  subgraphs: Array<{ name: string; url: string }>;
  /** The supergraph served now. */
  supergraph: SupergraphSource;
}

declare module 'fastify' {
  interface FastifyRequest {
    callerIdentity: Identity | null;
  }
}

const unauthenticated = (message: string) => ({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });

/**
 * The one GraphQL endpoint: Apollo Gateway over the committed supergraph, on Fastify. It
 * authenticates the caller, limits what a request may cost (depth, aliases, cost, body size,
 * per-subgraph timeouts), and forwards the identity to subgraphs as a signed internal token.
 * Returns the app without listening.
 */
export async function createGatewayServer(deps: GatewayDeps): Promise<GatewayServer> {
  const { config } = deps;
  const log = deps.logger ?? createLogger('gateway', config.LOG_LEVEL);
  const overrides = urlOverrides(config);
  // `*_URL` replace the committed supergraph's local URLs; a subgraph that published another URL to
  // the registry is called where it said.
  const bootstrapUrls = new Map(subgraphsOf(deps.supergraphSdl).map(({ name, url }) => [name, url]));
  const urlOf = (name: string, url: string): string =>
    bootstrapUrls.get(name) === url ? (overrides[name] ?? url) : url;
  const subgraphs = [...bootstrapUrls].map(([name, url]) => ({ name, url: urlOf(name, url) }));
  const internalTokens = new InternalTokenCache(new InternalTokens(config.INTERNAL_JWT_SECRET));
  const authenticator = new Authenticator({
    secret: config.JWT_SECRET,
    jwksUrl: config.JWT_JWKS_URL,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    maxLifetimeSeconds: config.JWT_MAX_LIFETIME_SECONDS,
    clockToleranceSeconds: config.JWT_CLOCK_TOLERANCE_SECONDS,
  });

  const app = createHttpApp({ log, bodyLimit: config.BODY_LIMIT_BYTES });
  const metrics = createMetrics('gateway');
  const fetches = createFetchHistogram(metrics.registry);
  const supergraph = new SupergraphSource(deps.supergraphSdl, {
    registry: deps.registry,
    log,
    metrics: metrics.registry,
    ...(deps.registryWaitMs === undefined ? {} : { waitMs: deps.registryWaitMs }),
  });

  const fetcher = new SubgraphFetcher(config.SUBGRAPH_TIMEOUT_MS);
  // Apollo Gateway reports anonymous usage metrics to Apollo every hour, after probing the AWS, GCP,
  // Azure and Alibaba metadata endpoints, unless this is set (read by its constructor, which has no
  // option for it): a province's platform sends nothing to a third party it has no agreement with.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    buildService: ({ name, url }) =>
      new SubgraphSource({
        name,
        url: urlOf(name, url!),
        tokens: internalTokens,
        fetcher,
        onFetch: (outcome, seconds) => fetches.observe({ subgraph: name, outcome }, seconds),
      }),
  });
  const armor = new ApolloArmor({
    maxDepth: { n: config.MAX_DEPTH },
    maxAliases: { n: config.MAX_ALIASES },
    // Cost: costLimitPlugin, which reads the page sizes from the request's variables (armor's rule
    // counts a list's size only when `first` is a literal).
    costLimit: { enabled: false },
    maxDirectives: { n: 50 },
    // Token limit: Apollo's own parser does it (parseOptions below); armor's version throws from a
    // plugin hook, which turns a plain syntax error into a 500.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: config.NODE_ENV === 'production' },
  });
  const protection = armor.protect();
  const rateLimits = await RateLimits.create({
    store: config.RATE_LIMIT_STORE,
    redisUrl: config.REDIS_URL,
    prefix: config.RATE_LIMIT_PREFIX,
    windowSeconds: config.RATE_LIMIT_WINDOW_SECONDS,
    intakePerClient: config.RATE_LIMIT_INTAKE,
    reporterPerClient: config.RATE_LIMIT_REPORTER,
    perTrackingCode: config.RATE_LIMIT_TRACKING_CODE,
  });
  app.addHook('onClose', () => rateLimits.close());
  app.addHook('onClose', () => fetcher.close());
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.NODE_ENV !== 'production',
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: 10_000 },
    stringifyResult,
    formatError: createFormatError((error) => log.error({ err: error }, 'unexpected error')),
    validationRules: protection.validationRules,
    plugins: [
      operationResolutionPlugin,
      costLimitPlugin(config.MAX_COST),
      rateLimits.plugin,
      ...protection.plugins,
      fastifyApolloDrainPlugin(app),
      ApolloServerPluginLandingPageDisabled(),
      // The gateway is no subgraph: without this, Apollo Server loads its inline-trace plugin (and the
      // usage-reporting protobuf, megabytes of heap) only for the plugin to find that out.
      ApolloServerPluginInlineTraceDisabled(),
      metrics.plugin,
      clientErrorStatusPlugin,
    ],
  });
  await apollo.start();

  const metricsApp = metricsPort(config) === undefined ? undefined : createHttpApp({ log, bodyLimit: 1024 });
  if (metricsApp) app.addHook('onClose', () => metricsApp.close());
  // Readiness is the gateway's own: a supergraph loaded (apollo.start() resolved). A subgraph that is
  // down fails only its part of answers; its state is reported apart, beside /metrics.
  registerOperationalRoutes(app, metrics, { supergraph: async () => true }, metricsApp, () => {
    const { hash, source, changedAt } = supergraph.current;
    return { supergraph: { hash, source, changedAt: changedAt.toISOString() } };
  });
  const subgraphHealth = new SubgraphHealth(
    subgraphs.map(({ name }) => name),
    (name) => {
      const active = supergraph.current.subgraphs.find((s) => s.name === name);
      return active && urlOf(name, active.url);
    },
  );
  subgraphHealth.registerMetric(metrics.registry);
  subgraphHealth.registerRoute(metricsApp ?? app);
  registerIde(app);
  registerEventCatalogue(app);
  // Open311, the public case map and CSV exports: views of the GraphQL contract, run as the caller.
  const execute = createExecute(apollo);
  registerOpen311(app, execute, authenticator);
  registerCaseFeed(app, execute, config.FEED_CASE_LIMIT);
  registerCsvExports(app, execute, authenticator, config.EXPORT_ROW_LIMIT);
  if (config.CHANGES_STREAM) {
    const kafka = createKafka(
      { brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID },
      (level, message, extra) => log.warn({ kafka: level, ...extra }, message),
    );
    registerChangeStream(app, new ChangeFeed(kafka, log), authenticator);
  }
  if (config.NODE_ENV !== 'production' && !config.JWT_JWKS_URL) registerDevelopmentTokens(app, config.JWT_SECRET);
  app.decorateRequest('callerIdentity', null);

  await app.register(async (graphql) => {
    graphql.addHook('preHandler', async (request, reply) => {
      if (request.method === 'GET' && wantsIde(request.headers.accept, request.query))
        return reply.type('text/html').send(idePage);
      try {
        request.callerIdentity = await authenticator.identify(request.headers.authorization);
      } catch (error) {
        if (error instanceof InvalidTokenError) return reply.code(401).send(unauthenticated(error.message));
        throw error;
      }
    });
    await graphql.register(fastifyApollo(apollo), {
      context: async (request: FastifyRequest): Promise<GatewayContext> => ({
        identity: request.callerIdentity!,
        requestId: request.id,
        traceparent: validTraceparent(request.headers.traceparent),
        receivedAt: performance.now(),
        client: request.ip,
      }),
    });
  });
  return { app, apollo, metrics, ...(metricsApp ? { metricsApp } : {}), log, subgraphs, supergraph };
}
