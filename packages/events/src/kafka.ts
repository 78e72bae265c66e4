import { Kafka, logLevel, type KafkaConfig, type Admin } from 'kafkajs';
import { deadLetterTopic } from './catalogue/topics';

/**
 * Size limits, set on purpose (see README, "Message sizes"). The broker's `message.max.bytes`
 * (infra/kafka/server.properties, docker-compose) is 4 MiB: above the largest event the catalogue's
 * bounds allow (a plan of 30 strategies × 50 approaches of 300 Thai characters, about 1.6 MB).
 * The relay sends at most 1 MiB of messages per request, so one batch never nears that limit; a
 * single larger event goes alone. A message Kafka still refuses is parked, never retried forever.
 */
export const MESSAGE_MAX_BYTES = 4 * 1024 * 1024;
export const MAX_BATCH_BYTES = 1024 * 1024;

export interface KafkaSettings {
  brokers: string[];
  clientId: string;
}

/**
 * One way to build a kafkajs client. Its logs go through `log` (JSON logger in services) at WARN
 * and above; kafkajs's own console logging is replaced so a broker restart does not spam stdout.
 */
export function createKafka(
  settings: KafkaSettings,
  log: (level: string, message: string, extra: object) => void = defaultLog,
): Kafka {
  const config: KafkaConfig = {
    clientId: settings.clientId,
    brokers: settings.brokers,
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: { initialRetryTime: 100, retries: 5, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ label, log: entry }) => {
        const { message, ...extra } = entry;
        log(label, String(message), extra);
      },
  };
  return new Kafka(config);
}

function defaultLog(level: string, message: string, extra: object): void {
  if (level === 'ERROR' || level === 'WARN')
    process.stderr.write(`${JSON.stringify({ level, msg: `kafka: ${message}`, ...extra })}\n`);
}

/**
 * Creates each topic and its dead-letter topic if missing (existing ones are left as they are).
 * Safe to call from every process at start-up.
 */
export async function ensureTopics(
  admin: Admin,
  topics: string[],
  options: { partitions: number; replicationFactor: number },
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const wanted = [...new Set(topics.flatMap((t) => [t, deadLetterTopic(t)]))].filter((t) => !existing.has(t));
  if (wanted.length === 0) return;
  // A broker that has just started may not have elected leaders yet: retry what is retriable.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: wanted.map((topic) => ({
          topic,
          numPartitions: options.partitions,
          replicationFactor: options.replicationFactor,
        })),
      });
      return;
    } catch (error) {
      if (attempt >= 5 || !(error as { retriable?: boolean }).retriable) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}
