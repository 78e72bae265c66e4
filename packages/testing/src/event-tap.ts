import type { Consumer, KafkaMessage } from 'kafkajs';
import { testKafka } from './kafka';
import { waitFor } from './wait';

export interface TappedMessage {
  topic: string;
  key: string | null;
  headers: Record<string, string>;
  value: unknown;
  raw: KafkaMessage;
}

/**
 * Listens to topics from their current end (its own consumer group) and keeps what arrives, so a
 * test can do something and then wait for the event it should cause.
 */
export class EventTap {
  readonly messages: TappedMessage[] = [];
  private consumer: Consumer | null = null;

  static async open(topics: string[]): Promise<EventTap> {
    const tap = new EventTap();
    await tap.start(topics);
    return tap;
  }

  private async start(topics: string[]): Promise<void> {
    const kafka = testKafka('event-tap');
    const consumer = kafka.consumer({ groupId: `tap-${Date.now()}-${Math.random().toString(16).slice(2)}` });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: false });
    let joined!: () => void;
    const ready = new Promise<void>((resolve) => (joined = resolve));
    consumer.on(consumer.events.GROUP_JOIN, () => joined());
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers = Object.fromEntries(
          Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(Array.isArray(v) ? v[0] : v)]),
        );
        let value: unknown = message.value?.toString('utf8');
        try {
          value = JSON.parse(String(value));
        } catch {
          // not JSON: keep the text
        }
        this.messages.push({ topic, key: message.key?.toString('utf8') ?? null, headers, value, raw: message });
      },
    });
    await ready;
    // With fromBeginning false a new group starts at the end once its offsets are fetched; wait
    // until every partition has a position so nothing produced after open() is missed.
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const topic of topics) {
        const ends = await admin.fetchTopicOffsets(topic);
        for (const end of ends) this.consumer.seek({ topic, partition: end.partition, offset: end.offset });
        // Committed too: a rejoin (the broker restarted before any message came) resumes here instead of
        // at the end of the topic, which would skip what was published meanwhile.
        await this.consumer.commitOffsets(ends.map((end) => ({ topic, partition: end.partition, offset: end.offset })));
      }
    } finally {
      await admin.disconnect();
    }
  }

  /** Resolves with the first message matching `predicate`, or throws after `timeoutMs`. */
  async waitFor(predicate: (m: TappedMessage) => boolean, timeoutMs = 20_000): Promise<TappedMessage> {
    const found = await waitFor(
      () => this.messages.find(predicate),
      (m) => m !== undefined,
      timeoutMs,
    );
    if (!found)
      throw new Error(
        `no matching event within ${timeoutMs} ms (saw ${this.messages.length}: ${this.messages.map((m) => m.headers.ce_type).join(', ')})`,
      );
    return found;
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = null;
  }
}
