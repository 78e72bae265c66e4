#!/usr/bin/env node
/**
 * The registry process (`pcc-registry`, `npm start` runs it): composes and checks every subgraph
 * publication and records the decisions on Kafka. SIGTERM/SIGINT stop it after the decision under way.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { env, kafkaEnv, loadConfigOrExit, logEnv } from '@pcc/config';
import { createKafka } from '@pcc/events';
import pino from 'pino';
import { Composer } from '../composer';
import { loadRegisteredOperations } from '../operations';
import { REGISTRY_TOPICS } from '../topics';

const configSchema = z.object({
  ...kafkaEnv('pcc-registry'),
  ...logEnv(),
  /** The subgraphs that must all have published before the first supergraph is composed. */
  REGISTRY_SUBGRAPHS: env.string('organizations,cases,planning,waste_metrics,notifications').transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
  /** Where the registered operations are: `bench/operations/*.graphql` and `apps/*\/persisted-documents.json`. */
  REGISTRY_OPERATIONS_ROOT: env.string(join(__dirname, '..', '..', '..', '..')),
});

async function main(): Promise<void> {
  const config = loadConfigOrExit(configSchema);
  const log = pino({
    level: config.LOG_LEVEL,
    base: { service: 'registry' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  const kafka = createKafka(
    { brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID },
    (level, message, extra) => log.warn({ kafka: extra, level }, message),
  );
  const composer = new Composer({
    kafka,
    topics: REGISTRY_TOPICS,
    subgraphs: config.REGISTRY_SUBGRAPHS,
    operations: () => loadRegisteredOperations(config.REGISTRY_OPERATIONS_ROOT),
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    log,
  });
  await composer.start();
  log.info({ supergraph: composer.current?.hash ?? null }, 'registry composing');
  const stop = () => {
    composer.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
