import type { DataSource } from 'typeorm';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import {
  ConsumerRunner,
  createKafka,
  ensureTopics,
  OutboxRelay,
  platformCatalogue,
  type Subscription,
} from '@pcc/events';
import type { Service } from '@pcc/config';
import { createLogger, InternalTokens, serve, type ReadinessCheck } from '@pcc/http';
import { publishServiceSchema } from './schema-publish';
import { responseCacheSettingsOf, type ResponseCacheConfig, type ResponseCacheSettings } from './response-cache';

/** The environment every subgraph process reads (each service's config schema includes these). */
export interface SubgraphProcessConfig extends ResponseCacheConfig {
  HOST: string;
  PORT: number;
  LOG_LEVEL: string;
  DATABASE_URL: string;
  KAFKA_BROKERS: string[];
  KAFKA_CLIENT_ID: string;
  KAFKA_CONSUMER_GROUP?: string | undefined;
  KAFKA_TOPIC_PARTITIONS: number;
  KAFKA_REPLICATION_FACTOR: number;
  KAFKA_HISTORY_RETENTION_MS: number;
  INTERNAL_JWT_SECRET: string;
  MIGRATE_ON_START: boolean;
  SCHEMA_PUBLISH: boolean;
  SUBGRAPH_URL?: string | undefined;
  SERVICE_VERSION?: string | undefined;
}

/** What `createServer` of a service receives from the runner. */
export interface RuntimeDeps {
  dataSource: DataSource;
  internalTokens: InternalTokens;
  relay: OutboxRelay;
  consumer?: ConsumerRunner;
  logger: Logger;
  responseCache: ResponseCacheSettings;
}

export interface SubgraphProcess {
  /** The service's declaration: its name, its topics (created if missing) and its consumer group. */
  service: Service;
  config: SubgraphProcessConfig;
  /** The service's `schema.graphql`: published to the schema registry once the process listens. */
  schemaFile: string;
  dataSource: DataSource;
  /** Consumer subscriptions (projections), each on a topic the service declares it consumes. */
  subscriptions?: Subscription[];
  createServer: (deps: RuntimeDeps) => Promise<{ app: FastifyInstance }>;
  /** Background work (e.g. a periodic job); returns how to stop it. */
  background?: (deps: { dataSource: DataSource; log: Logger }) => () => Promise<void>;
}

/**
 * The life of every subgraph process, the same in each service's `src/index.ts`: connect, migrate,
 * create topics, start the outbox relay and the consumers, listen; on SIGTERM stop in reverse order.
 */
export async function runSubgraph(process: SubgraphProcess): Promise<void> {
  const { service, config, dataSource } = process;
  // The declaration is what compose, the scripts and the docs read: a consumer it does not name is a bug.
  const undeclared = (process.subscriptions ?? []).filter((s) => !service.consumes.includes(s.topic));
  if (undeclared.length > 0)
    throw new Error(`${service.name} consumes ${undeclared.map((s) => s.topic).join(', ')} without declaring it`);
  const log = createLogger(service.name, config.LOG_LEVEL);
  await dataSource.initialize();
  if (config.MIGRATE_ON_START) await dataSource.runMigrations({ transaction: 'each' });

  const kafka = createKafka(
    { brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID },
    (level, message, extra) => log.warn({ kafka: extra, level }, message),
  );
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [...service.topics], {
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    historyRetentionMs: config.KAFKA_HISTORY_RETENTION_MS,
  });
  await admin.disconnect();

  const relay = new OutboxRelay({
    databaseUrl: config.DATABASE_URL,
    kafka,
    onError: (error) => log.warn({ err: brief(error) }, 'outbox relay: will retry'),
    // An event Kafka refused for its content: set aside so the rest flows; an operator must look.
    onParked: (event) =>
      log.error({ event }, 'outbox relay: Kafka refused an event; parked it (pcc-events parked list|redrive)'),
  });
  relay.start();
  let consumer: ConsumerRunner | undefined;
  if (process.subscriptions?.length) {
    consumer = new ConsumerRunner({
      kafka,
      dataSource,
      catalogue: platformCatalogue,
      group: config.KAFKA_CONSUMER_GROUP ?? service.consumerGroup,
      subscriptions: process.subscriptions,
      onError: (error, where) => log.warn({ err: brief(error), ...where }, 'event handler failed'),
    });
    await consumer.start();
  }
  const stopBackground = process.background?.({ dataSource, log });

  const { app } = await process.createServer({
    dataSource,
    internalTokens: new InternalTokens(config.INTERNAL_JWT_SECRET),
    relay,
    ...(consumer ? { consumer } : {}),
    logger: log,
    responseCache: responseCacheSettingsOf(config),
  });
  const address = await serve(app, {
    host: config.HOST,
    port: config.PORT,
    log,
    closers: [
      ...(stopBackground ? [stopBackground] : []),
      ...(consumer ? [() => consumer.stop()] : []),
      () => relay.stop(),
      () => dataSource.destroy(),
    ],
  });
  log.info({ address }, `${service.name} subgraph listening`);
  if (config.SCHEMA_PUBLISH) {
    // After listening: the registry may route the gateway here as soon as it accepts the schema.
    // A failed publication leaves the gateway on the last accepted schema; the service still serves it.
    await publishServiceSchema(kafka, service, config, process.schemaFile, {
      replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    }).then(
      (publication) => log.info({ version: publication.version, url: publication.url }, 'schema published'),
      (error) => log.error({ err: brief(error) }, 'schema not published: run npm run schema:publish'),
    );
  }
}

/** An error for a log line: name, message and code only (a pg error drags its whole client along). */
function brief(error: unknown): { name: string; message: string; code?: unknown } {
  return error instanceof Error
    ? { name: error.name, message: error.message, code: (error as { code?: unknown }).code }
    : { name: 'Error', message: String(error) };
}

/**
 * What a subgraph's `/readyz` gates on: its database, the one thing it cannot serve without. Its relay and
 * consumer are reported beside it (`subgraphEventsHealth`) but never make it unready: with the broker
 * away, writes still commit to the outbox and are published when it returns, and an unready subgraph on
 * every replica would take the whole service out of its load balancer for a fault it rides out.
 */
export function subgraphReadiness(deps: { dataSource: DataSource }): Record<string, ReadinessCheck> {
  return {
    database: async () => (await deps.dataSource.query<unknown[]>('SELECT 1')).length === 1,
  };
}

/** The relay's and the consumer's state, shown in `/readyz`'s body (`events`) without gating it. */
export function subgraphEventsHealth(deps: {
  relay?: OutboxRelay | undefined;
  consumer?: ConsumerRunner | undefined;
}): () => Record<string, unknown> {
  return () => {
    const relay = deps.relay?.stats();
    const consumer = deps.consumer?.stats();
    if (!relay && !consumer) return {};
    return {
      events: {
        ...(relay ? { relay: { publishing: relay.running && relay.consecutiveFailures < 3 } } : {}),
        ...(consumer ? { consumer: { connected: consumer.connected } } : {}),
      },
    };
  };
}

/** Entry points: run, and exit non-zero with the error if start-up fails. */
export function main(start: () => Promise<void>): void {
  start().catch((error) => {
    console.error(error);
    globalThis.process.exit(1);
  });
}
