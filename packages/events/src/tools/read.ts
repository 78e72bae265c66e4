import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface ReadOptions {
  topics: readonly string[];
  /** Start at the first message at or after this time (Kafka's timestamp index); else at the earliest kept. */
  since?: Date;
  /** Keep reading new messages; else stop once every partition reached the end it had at the start. */
  follow: boolean;
  onMessage: (topic: string, partition: number, message: KafkaMessage) => Promise<void> | void;
}

/**
 * Reads topics once, for a command-line tool, in a throwaway consumer group that commits nothing
 * and is deleted afterwards (a tool run leaves no group behind). Returns `stop` and `done`, which
 * settles when the end is reached (or after `stop`).
 */
export async function readTopics(
  kafka: Kafka,
  options: ReadOptions,
): Promise<{ done: Promise<void>; stop: () => Promise<void> }> {
  const admin = kafka.admin();
  await admin.connect();
  const group = `pcc-events-cli-${randomUUID()}`;
  const ends = new Map<string, number>();
  const starts: Array<{ topic: string; partition: number; offset: string }> = [];
  for (const topic of options.topics) {
    const offsets = await admin.fetchTopicOffsets(topic);
    const byTime = options.since ? await admin.fetchTopicOffsetsByTimestamp(topic, options.since.getTime()) : [];
    for (const p of offsets) {
      const start = byTime.find((t) => t.partition === p.partition)?.offset ?? p.low;
      starts.push({ topic, partition: p.partition, offset: start });
      // Partitions with nothing to read from `start` are at their end already.
      if (Number(start) < Number(p.high)) ends.set(`${topic}/${p.partition}`, Number(p.high) - 1);
    }
  }
  const consumer = kafka.consumer({ groupId: group, allowAutoTopicCreation: false });
  let finished!: () => void;
  const done = new Promise<void>((resolve) => (finished = resolve));
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await consumer.disconnect();
    await admin.deleteGroups([group]).catch(() => undefined);
    await admin.disconnect();
    finished();
  };
  const reachEnd = () => {
    if (!options.follow && ends.size === 0) void stop();
  };
  if (!options.follow && ends.size === 0) {
    await admin.disconnect();
    return { done: Promise.resolve(), stop: async () => undefined };
  }
  await consumer.connect();
  await consumer.subscribe({ topics: [...options.topics], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition, message }) => {
      if (stopped) return;
      await options.onMessage(topic, partition, message);
      const key = `${topic}/${partition}`;
      const end = ends.get(key);
      if (end !== undefined && Number(message.offset) >= end) {
        ends.delete(key);
        reachEnd();
      }
    },
  });
  for (const start of starts) consumer.seek(start);
  return { done, stop };
}
