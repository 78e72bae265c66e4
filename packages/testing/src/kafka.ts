import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

/** The brokers tests use: KAFKA_BROKERS (set by scripts/test.sh) or the project's own broker. */
export const kafkaBrokers = (): string[] => (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

/** A quiet client with generous retries: tests must survive a broker restart. */
export const testKafka = (clientId: string): Kafka =>
  new Kafka({
    clientId,
    brokers: kafkaBrokers(),
    logLevel: logLevel.NOTHING,
    retry: { retries: 8, initialRetryTime: 100 },
  });

/** A topic name no other test uses. */
export const uniqueTopic = (name: string): string => `pcc.test.${name}.${randomUUID().slice(0, 8)}`;
