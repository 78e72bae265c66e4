import { Partitioners, type IHeaders, type Kafka, type KafkaMessage } from 'kafkajs';
import { deadLetterTopic } from '../catalogue/topics';
import { readTopics } from './read';

/** A dead-lettered message as `pcc-events dlq list` shows it: where it came from and why it failed. */
export interface DeadLetter {
  dlqTopic: string;
  dlqPartition: number;
  dlqOffset: string;
  id: string | null;
  type: string | null;
  subject: string | null;
  sourceTopic: string | null;
  sourcePartition: number | null;
  sourceOffset: string | null;
  consumerGroup: string | null;
  attempts: number | null;
  failedAt: string | null;
  error: string | null;
  bytes: number;
}

const header = (headers: IHeaders | undefined, name: string): string | null => {
  const value = headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? null : first.toString();
};

function describe(dlqTopic: string, partition: number, message: KafkaMessage): DeadLetter {
  const h = message.headers;
  const number = (name: string) => (header(h, name) === null ? null : Number(header(h, name)));
  return {
    dlqTopic,
    dlqPartition: partition,
    dlqOffset: message.offset,
    id: header(h, 'ce_id'),
    type: header(h, 'ce_type'),
    subject: header(h, 'ce_subject'),
    sourceTopic: header(h, 'dlq_source_topic'),
    sourcePartition: number('dlq_source_partition'),
    sourceOffset: header(h, 'dlq_source_offset'),
    consumerGroup: header(h, 'dlq_consumer_group'),
    attempts: number('dlq_attempts'),
    failedAt: header(h, 'dlq_failed_at'),
    error: header(h, 'dlq_error'),
    bytes: message.value?.length ?? 0,
  };
}

/** Every message kept in the dead-letter topics of `topics`. */
export async function listDeadLetters(kafka: Kafka, topics: readonly string[]): Promise<DeadLetter[]> {
  const found: DeadLetter[] = [];
  const reading = await readTopics(kafka, {
    topics: topics.map(deadLetterTopic),
    follow: false,
    onMessage: (topic, partition, message) => void found.push(describe(topic, partition, message)),
  });
  await reading.done;
  return found;
}

/**
 * Sends dead-lettered messages back to the topic they came from, after a fix: same key, value and
 * original headers (`ce_id` included, so consumers that did handle it skip it), without the `dlq_*`
 * headers. `ids` limits it to those events. Returns what was sent.
 */
export async function redriveDeadLetters(kafka: Kafka, topic: string, ids?: readonly string[]): Promise<DeadLetter[]> {
  const wanted = ids?.length ? new Set(ids.map((id) => id.toLowerCase())) : undefined;
  const picked: Array<{ letter: DeadLetter; message: KafkaMessage }> = [];
  const reading = await readTopics(kafka, {
    topics: [deadLetterTopic(topic)],
    follow: false,
    onMessage: (dlq, partition, message) => {
      const letter = describe(dlq, partition, message);
      if (!wanted || (letter.id && wanted.has(letter.id.toLowerCase()))) picked.push({ letter, message });
    },
  });
  await reading.done;
  if (picked.length === 0) return [];
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    await producer.send({
      topic,
      acks: -1,
      messages: picked.map(({ message }) => {
        const headers: IHeaders = {};
        for (const [name, value] of Object.entries(message.headers ?? {}))
          if (!name.startsWith('dlq_')) headers[name] = value;
        return { key: message.key, value: message.value, headers };
      }),
    });
  } finally {
    await producer.disconnect();
  }
  return picked.map((p) => p.letter);
}
