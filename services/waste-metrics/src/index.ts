/** Entry point: config, connect, migrate, relay, projections (organizations, MOU targets), listen. */
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { ConsumerRunner, createKafka, ensureTopics, OutboxRelay, platformCatalogue, TOPICS } from '@pcc/events';
import { organizationProjection } from '@pcc/organization-projection';
import { createLogger, InternalTokens, serve } from '@pcc/subgraph-kit';
import { configSchema } from './config';
import { dataSourceFor } from './data-source';
import { agreementTargets } from './events/agreement-targets';
import { createServer } from './server';

async function main(): Promise<void> {
  const config = loadConfigOrExit(configSchema);
  const log = createLogger('waste-metrics', config.LOG_LEVEL);
  const dataSource = dataSourceFor(config);
  await dataSource.initialize();
  if (config.MIGRATE_ON_START) await dataSource.runMigrations({ transaction: 'each' });

  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID }, (level, message, extra) => log.warn({ kafka: extra, level }, message));
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [TOPICS.wasteReport, TOPICS.organization, TOPICS.agreement], { partitions: config.KAFKA_TOPIC_PARTITIONS, replicationFactor: config.KAFKA_REPLICATION_FACTOR });
  await admin.disconnect();

  const relay = new OutboxRelay({ databaseUrl: config.DATABASE_URL, kafka, onError: (error) => log.warn({ err: error }, 'outbox relay: will retry') });
  relay.start();
  const consumer = new ConsumerRunner({
    kafka,
    dataSource,
    catalogue: platformCatalogue,
    group: 'pcc-waste-metrics',
    subscriptions: [organizationProjection, agreementTargets],
    onError: (error, where) => log.warn({ err: error, ...where }, 'event handler failed'),
  });
  await consumer.start();

  const { app } = await createServer({ dataSource, internalTokens: new InternalTokens(config.INTERNAL_JWT_SECRET), relay, consumer, logger: log });
  const address = await serve(app, { host: config.HOST, port: config.PORT, log, closers: [() => consumer.stop(), () => relay.stop(), () => dataSource.destroy()] });
  log.info({ address }, 'waste-metrics subgraph listening');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
