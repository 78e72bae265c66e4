import { env } from './fields';

/**
 * Pieces of environment every process of the platform shares, spread into each service's own zod
 * object so the variable names and defaults are the same everywhere.
 */

/** PostgreSQL: one database per service on the server named by DATABASE_URL. */
export const databaseEnv = (database: string) => ({
  DATABASE_URL: env.url(`postgres://postgres@127.0.0.1:5432/${database}`, ['postgres', 'postgresql']),
  DATABASE_POOL_SIZE: env.int(10, 1, 200),
  DATABASE_STATEMENT_TIMEOUT_MS: env.int(15_000, 100, 600_000),
});

/** Kafka: the brokers, this process's client id and the partitions of the topics it creates. */
export const kafkaEnv = (clientId: string) => ({
  KAFKA_BROKERS: env.list('127.0.0.1:9092'),
  KAFKA_CLIENT_ID: env.string(clientId),
  /**
   * Consumer group of a subgraph's projections (default: its declaration's). A second platform on the
   * same broker (the console's browser tests) takes its own, so neither consumes the other's events.
   */
  KAFKA_CONSUMER_GROUP: env.string(undefined).optional(),
  KAFKA_TOPIC_PARTITIONS: env.int(6, 1, 1000),
  KAFKA_REPLICATION_FACTOR: env.int(1, 1, 10),
  /** How long history topics (and dead letters) keep events; -1: indefinitely. Reference data is compacted. */
  KAFKA_HISTORY_RETENTION_MS: env.int(-1, -1, Number.MAX_SAFE_INTEGER),
});

export const httpEnv = (port: number) => ({
  HOST: env.string('0.0.0.0'),
  PORT: env.port(port),
});

export const logEnv = () => ({
  LOG_LEVEL: env.oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
  NODE_ENV: env.oneOf(['development', 'test', 'production'] as const, 'development'),
});
