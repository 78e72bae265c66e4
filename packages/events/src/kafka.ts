import { ConfigResourceTypes, Kafka, logLevel, type KafkaConfig, type Admin } from 'kafkajs';
import { topicConfig } from './catalogue/retention';
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

export interface TopicOptions {
  partitions: number;
  replicationFactor: number;
  /** Retention of history topics and dead letters (ms; -1: indefinitely, the default). */
  historyRetentionMs?: number;
}

/**
 * Creates each topic and its dead-letter topic if missing, with its retention policy
 * (`topicConfig`), and brings existing ones to that policy (AlterConfigs): a topic is never left
 * at the broker's default of 7 days. Safe to call from every process at start-up.
 */
export async function ensureTopics(admin: Admin, topics: string[], options: TopicOptions): Promise<void> {
  const all = [...new Set(topics.flatMap((t) => [t, deadLetterTopic(t)]))];
  const wantedConfig = (topic: string) => topicConfig(topic, options.historyRetentionMs);
  const existing = new Set(await admin.listTopics());
  await retrying(async () => {
    // Listed again on every attempt: another service starting beside this one (they share the
    // registry's topics and their dead-letter topics) may have created some in between.
    const listed = new Set(await admin.listTopics());
    const missing = all.filter((t) => !listed.has(t));
    if (missing.length === 0) return;
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic,
        numPartitions: options.partitions,
        replicationFactor: options.replicationFactor,
        configEntries: Object.entries(wantedConfig(topic)).map(([name, value]) => ({ name, value })),
      })),
    });
  });
  // A topic another process is creating at this moment is listed (and createTopics answers "already
  // exists") before the broker serves it. A consumer subscribing next would then fail on
  // UNKNOWN_TOPIC_OR_PARTITION, which kafkajs does not retry: four services starting together on a
  // new broker crashed that way. Return only once every topic answers with its leaders.
  await retrying(() => admin.fetchTopicMetadata({ topics: all }));
  const present = all.filter((t) => existing.has(t));
  if (present.length === 0) return;
  const drifted = await topicsOffPolicy(admin, present, wantedConfig);
  if (drifted.length === 0) return;
  await retrying(() =>
    admin.alterConfigs({
      validateOnly: false,
      resources: drifted.map((topic) => ({
        type: ConfigResourceTypes.TOPIC,
        name: topic,
        configEntries: Object.entries(wantedConfig(topic)).map(([name, value]) => ({ name, value })),
      })),
    }),
  );
}

/** The topics whose configs differ from the policy on any key it sets. */
async function topicsOffPolicy(
  admin: Admin,
  topics: string[],
  wantedConfig: (topic: string) => Record<string, string>,
): Promise<string[]> {
  const described = await readTopicConfigs(admin, topics);
  return topics.filter((topic) =>
    Object.entries(wantedConfig(topic)).some(([name, value]) => described.get(topic)?.[name] !== value),
  );
}

/** Every topic's effective configs, as the broker reports them. */
export async function readTopicConfigs(admin: Admin, topics: string[]): Promise<Map<string, Record<string, string>>> {
  const { resources } = await admin.describeConfigs({
    includeSynonyms: false,
    resources: topics.map((name) => ({ type: ConfigResourceTypes.TOPIC, name })),
  });
  return new Map(
    resources.map((r) => [
      r.resourceName,
      Object.fromEntries(r.configEntries.map((e) => [e.configName, e.configValue])) as Record<string, string>,
    ]),
  );
}

/**
 * Retries what a broker that has just started refuses for now — leaders not elected yet, metadata of
 * a topic another service has just created (UNKNOWN_TOPIC_OR_PARTITION), a topic created by another
 * service in between (TOPIC_ALREADY_EXISTS, which the next attempt's listing settles) — for up to
 * a minute: a busy machine starting every service at once takes more than a few seconds.
 */
async function retrying<T>(action: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await action();
    } catch (error) {
      if (Date.now() >= deadline || !passing(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 3_000)));
    }
  }
}

/** A refusal the next attempt may not meet: retriable, or (among several) a topic that now exists. */
function passing(error: unknown): boolean {
  const { retriable, type, errors } = error as { retriable?: boolean; type?: string; errors?: unknown[] };
  if (retriable || type === 'TOPIC_ALREADY_EXISTS') return true;
  return Array.isArray(errors) && errors.length > 0 && errors.every(passing);
}
