import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface Following {
  /** Resolves once every message the topic held when following began has been handed over. */
  caughtUp: Promise<void>;
  stop: () => Promise<void>;
}

/**
 * Reads a one-partition topic from its beginning and keeps reading, handing each message over in
 * order. Each follower is a group of its own that commits nothing: every start reads the whole
 * (compacted) state again, and followers never share or steal each other's messages.
 */
export async function followTopic(
  kafka: Kafka,
  topic: string,
  groupPrefix: string,
  onMessage: (message: KafkaMessage) => Promise<void> | void,
): Promise<Following> {
  const admin = kafka.admin();
  await admin.connect();
  let end: bigint;
  try {
    end = BigInt((await admin.fetchTopicOffsets(topic)).find((p) => p.partition === 0)?.high ?? '0');
  } finally {
    await admin.disconnect();
  }
  let markCaughtUp!: () => void;
  const caughtUp = new Promise<void>((resolve) => (markCaughtUp = resolve));
  if (end === 0n) markCaughtUp();
  const consumer = kafka.consumer({ groupId: `${groupPrefix}-${randomUUID()}`, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ message }) => {
      await onMessage(message);
      if (BigInt(message.offset) + 1n >= end) markCaughtUp();
    },
  });
  return { caughtUp, stop: () => consumer.disconnect() };
}
