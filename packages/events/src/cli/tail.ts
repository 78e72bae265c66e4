/**
 * `npm run events:tail`: an analyst's view of the event streams. Subscribes to every platform
 * topic in its own consumer group, validates each event against its schema, and prints one JSON
 * line per event. Started by `npm start` so a developer sees every event the platform publishes.
 */
import { z } from 'zod';
import { kafkaEnv, loadConfigOrExit, env } from '@pcc/config';
import { platformCatalogue } from '../catalogue';
import { fromKafkaMessage } from '../cloudevents';
import { createKafka, ensureTopics } from '../kafka';

const config = loadConfigOrExit(
  z.object({
    ...kafkaEnv('pcc-event-tail'),
    EVENT_TAIL_GROUP: env.string('pcc-event-tail'),
    EVENT_TAIL_FROM_BEGINNING: env.bool(false),
  }),
);

async function main(): Promise<void> {
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: config.KAFKA_CLIENT_ID });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, platformCatalogue.topics(), {
    partitions: config.KAFKA_TOPIC_PARTITIONS,
    replicationFactor: config.KAFKA_REPLICATION_FACTOR,
    historyRetentionMs: config.KAFKA_HISTORY_RETENTION_MS,
  });
  await admin.disconnect();

  const consumer = kafka.consumer({ groupId: config.EVENT_TAIL_GROUP });
  await consumer.connect();
  await consumer.subscribe({ topics: platformCatalogue.topics(), fromBeginning: config.EVENT_TAIL_FROM_BEGINNING });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      let line: Record<string, unknown>;
      try {
        const event = fromKafkaMessage(message);
        platformCatalogue.parse(event.type, event.data);
        line = {
          topic,
          partition,
          offset: message.offset,
          id: event.id,
          type: event.type,
          subject: event.subject,
          time: event.time,
          data: event.data,
        };
      } catch (error) {
        line = {
          topic,
          partition,
          offset: message.offset,
          invalid: error instanceof Error ? error.message : String(error),
        };
      }
      process.stdout.write(`${JSON.stringify(line)}\n`);
    },
  });
  console.error(`event tail: listening to ${platformCatalogue.topics().join(', ')}`);

  const stop = async () => {
    await consumer.disconnect();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(`event tail failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
