import type { KafkaMessage, Producer, IHeaders } from 'kafkajs';
import { deadLetterTopic } from '../catalogue/topics';

/**
 * Sends a message that could not be handled to `<topic>.dlq`: same key, value and headers, plus
 * `dlq_*` headers saying where it came from and why it failed, so it can be inspected and replayed.
 */
export async function sendToDeadLetter(
  producer: Producer,
  origin: { topic: string; partition: number; message: KafkaMessage; group: string },
  error: unknown,
  attempts: number,
): Promise<void> {
  const headers: IHeaders = { ...(origin.message.headers ?? {}) };
  headers.dlq_error =
    error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 4_000) : String(error).slice(0, 4_000);
  headers.dlq_source_topic = origin.topic;
  headers.dlq_source_partition = String(origin.partition);
  headers.dlq_source_offset = origin.message.offset;
  headers.dlq_consumer_group = origin.group;
  headers.dlq_attempts = String(attempts);
  headers.dlq_failed_at = new Date().toISOString();
  await producer.send({
    topic: deadLetterTopic(origin.topic),
    acks: -1,
    messages: [{ key: origin.message.key, value: origin.message.value, headers }],
  });
}
