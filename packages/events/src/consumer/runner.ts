import {
  Partitioners,
  type Consumer,
  type EachBatchPayload,
  type Kafka,
  type KafkaMessage,
  type Producer,
} from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { SpanKind } from '@opentelemetry/api';
import { contextOf, inSpan, linksTo } from '@pcc/telemetry';
import type { EventCatalogue } from '../catalogue/define';
import { fromKafkaMessage } from '../cloudevents';
import type { DomainEvent } from '../envelope';
import { groupLag, type PartitionLag } from '../tools/lag';
import { sendToDeadLetter } from './dead-letter';
import { OffsetCommits } from './offset-commits';
import type { Subscription } from './types';

export interface ConsumerSettings {
  kafka: Kafka;
  dataSource: DataSource;
  catalogue: EventCatalogue;
  /** Consumer group id; also the inbox's `consumer` column. */
  group: string;
  subscriptions: Subscription[];
  /** Attempts per message before it goes to the dead-letter topic. */
  maxAttempts?: number;
  retryDelayMs?: number;
  /** Messages handled in one database transaction when all goes well. */
  chunkSize?: number;
  /**
   * Partitions whose batches are handled at the same time, each in its own transaction (order per
   * partition, hence per key, is kept: kafkajs never runs two batches of one partition at once).
   */
  partitionsConsumedConcurrently?: number;
  /**
   * Handled offsets are committed at most this often, and this long after the last event at the
   * latest (see `OffsetCommits`); a crash redelivers at most this much, which the inbox absorbs.
   */
  commitIntervalMs?: number;
  fromBeginning?: boolean;
  onError?: (error: unknown, context: { topic: string; offset: string; attempt: number }) => void;
}

export interface ConsumerStats {
  handled: number;
  /** Redelivered events the inbox absorbed (no second effect). */
  duplicates: number;
  ignored: number;
  deadLettered: number;
  /** Failed attempts at handling one message (each retry counts). */
  failures: number;
  connected: boolean;
}

export type { PartitionLag } from '../tools/lag';

type Decoded = { message: KafkaMessage; event: DomainEvent } | { message: KafkaMessage; error: unknown };

/**
 * Runs a Kafka consumer group whose handlers are effectively-once: each event's effect and its
 * inbox row commit in one transaction, and an event already in the inbox is skipped. Messages are
 * handled in chunks of one transaction each for throughput; when a chunk fails, its messages are
 * retried one by one so a poison message is isolated, and after `maxAttempts` it goes to
 * `<topic>.dlq` with the error. An offset is resolved only after its message is handled or
 * dead-lettered, so a crash never skips a message.
 */
export class ConsumerRunner {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly maxAttempts: number;
  private readonly retryDelayMs: number;
  private readonly chunkSize: number;
  private readonly byTopic: Map<string, Subscription>;
  private readonly commits: OffsetCommits;
  /** The batches being handled now: stop() waits for them and commits what they handled. */
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  /** Set by stop(): a batch handles no further chunk, and one that starts now handles nothing. */
  private stopping = false;
  private connected = false;
  private readonly counters = { handled: 0, duplicates: 0, ignored: 0, deadLettered: 0, failures: 0 };

  constructor(private readonly settings: ConsumerSettings) {
    this.consumer = settings.kafka.consumer({ groupId: settings.group, allowAutoTopicCreation: false });
    this.producer = settings.kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.maxAttempts = settings.maxAttempts ?? 3;
    this.retryDelayMs = settings.retryDelayMs ?? 200;
    this.chunkSize = settings.chunkSize ?? 200;
    this.byTopic = new Map(settings.subscriptions.map((s) => [s.topic, s]));
    this.commits = new OffsetCommits(this.consumer, settings.commitIntervalMs ?? 1_000, (error) =>
      settings.onError?.(error, { topic: '(offset commit)', offset: '-', attempt: 0 }),
    );
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => {
      this.connected = true;
      this.commits.assigned(e.payload.memberAssignment);
    });
    this.consumer.on(this.consumer.events.CRASH, (e) => {
      this.connected = false;
      if (!e.payload.restart) this.commits.abandon();
      settings.onError?.(e.payload.error, { topic: '(consumer)', offset: '-', attempt: 0 });
    });
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topics: [...this.byTopic.keys()],
      fromBeginning: this.settings.fromBeginning ?? true,
    });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently ?? 1,
      eachBatchAutoResolve: false,
      // Offsets are committed by `OffsetCommits`, not after every batch.
      autoCommit: false,
      eachBatch: (payload) => this.track(this.handleBatch(payload)),
    });
    this.running = true;
    this.connected = true;
  }

  async stop(): Promise<void> {
    this.connected = false;
    this.stopping = true;
    if (this.running) {
      // No more fetches; the batches being handled stop after their current chunk, and what they
      // handled is committed while the group still runs (kafkajs ignores a commit once the consumer
      // has stopped). What is not committed is read again by the next consumer and absorbed by its inbox.
      this.running = false;
      try {
        this.consumer.pause([...this.byTopic.keys()].map((topic) => ({ topic })));
      } catch (error) {
        // The consumer crashed and has no group now: nothing to pause.
        this.settings.onError?.(error, { topic: '(consumer)', offset: '-', attempt: 0 });
      }
      while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
    }
    await this.commits.close();
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  /** The consumer group id. */
  get group(): string {
    return this.settings.group;
  }

  stats(): ConsumerStats {
    return { ...this.counters, connected: this.connected };
  }

  /** The group's lag per partition of its topics (two admin requests per topic; for metrics scrapes). */
  async lag(): Promise<PartitionLag[]> {
    const admin = this.settings.kafka.admin();
    await admin.connect();
    try {
      return await groupLag(admin, this.settings.group, [...this.byTopic.keys()]);
    } finally {
      await admin.disconnect();
    }
  }

  private track(work: Promise<void>): Promise<void> {
    this.inFlight.add(work);
    const forget = () => this.inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const resolve = (offset: string) => {
      payload.resolveOffset(offset);
      this.commits.handled(batch.topic, batch.partition, offset);
    };
    const decoded = batch.messages.map((message) => this.decode(batch.topic, message));
    for (let start = 0; start < decoded.length; start += this.chunkSize) {
      if (this.stopping || !payload.isRunning() || payload.isStale()) return;
      const chunk = decoded.slice(start, start + this.chunkSize);
      const valid = chunk.every((d) => 'event' in d);
      if (!valid || !(await this.tryChunk(batch.topic, chunk))) {
        for (const item of chunk) {
          await this.handleOne(batch.topic, batch.partition, item);
          resolve(item.message.offset);
          await payload.heartbeat();
        }
      }
      resolve(chunk[chunk.length - 1]!.message.offset);
      await payload.heartbeat();
    }
  }

  private decode(topic: string, message: KafkaMessage): Decoded {
    try {
      const event = fromKafkaMessage(message);
      const subscription = this.byTopic.get(topic);
      // Validate only what this consumer handles: a newer event type it does not know is not its concern.
      // A tolerant reader: fields a newer producer added are dropped, not refused (see README, "Evolving events").
      if (subscription?.handlers[event.type] || subscription?.batchHandlers?.[event.type])
        event.data = this.settings.catalogue.read(event.type, event.data);
      return { message, event };
    } catch (error) {
      return { message, error };
    }
  }

  /** All messages of the chunk in one transaction; false if anything failed (nothing committed). */
  private async tryChunk(topic: string, chunk: Array<{ message: KafkaMessage; event: DomainEvent }>): Promise<boolean> {
    try {
      const outcome = await this.settings.dataSource.transaction((tx) =>
        this.apply(
          topic,
          chunk.map((c) => c.event),
          tx,
        ),
      );
      this.count(outcome);
      return true;
    } catch {
      return false;
    }
  }

  private async handleOne(topic: string, partition: number, item: Decoded): Promise<void> {
    let lastError: unknown = 'error' in item ? item.error : undefined;
    // A malformed or invalid message will never succeed: straight to the dead-letter topic.
    const attempts = 'event' in item ? this.maxAttempts : 0;
    for (let attempt = 1; attempt <= attempts && 'event' in item; attempt += 1) {
      try {
        const outcome = await this.settings.dataSource.transaction((tx) => this.apply(topic, [item.event], tx));
        this.count(outcome);
        return;
      } catch (error) {
        // The database being away is not the message's fault: give the batch back to kafkajs
        // (offset not resolved), which retries it with backoff, instead of dead-lettering.
        if (isTransient(error)) throw error;
        lastError = error;
        this.counters.failures += 1;
        this.settings.onError?.(error, { topic, offset: item.message.offset, attempt });
        if (attempt < attempts) await delay(this.retryDelayMs * attempt);
      }
    }
    // If even the dead-letter send fails, this throws: the batch is retried, the offset is not committed.
    await sendToDeadLetter(
      this.producer,
      { topic, partition, message: item.message, group: this.settings.group },
      lastError,
      attempts,
    );
    this.counters.deadLettered += 1;
  }

  /**
   * Records the events in the inbox with one statement, then runs the handler of each event that
   * was not there yet (in order, once even if it appears twice in the chunk).
   */
  private async apply(topic: string, events: DomainEvent[], tx: EntityManager): Promise<Outcome> {
    const subscription = this.byTopic.get(topic);
    const handlers = subscription?.handlers ?? {};
    const batchHandlers = subscription?.batchHandlers ?? {};
    const handled = events.filter((e) => handlers[e.type] || batchHandlers[e.type]);
    const outcome: Outcome = { handled: 0, duplicates: 0, ignored: events.length - handled.length };
    if (handled.length === 0) return outcome;
    const inserted: Array<{ event_id: string }> = await tx.query(
      `INSERT INTO inbox (consumer, event_id, topic, type)
       SELECT $1, id, $3, type FROM unnest($2::uuid[], $4::text[]) AS e(id, type)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [this.settings.group, handled.map((e) => e.id), topic, handled.map((e) => e.type)],
    );
    const fresh = new Set(inserted.map((r) => r.event_id));
    // In order, each once even if it appears twice in the chunk.
    const toHandle = handled.filter((event) => fresh.delete(event.id.toLowerCase()));
    outcome.duplicates = handled.length - toHandle.length;
    const attributes = (event: DomainEvent) => ({
      'messaging.system': 'kafka',
      'messaging.destination.name': topic,
      'messaging.consumer.group.name': this.settings.group,
      'messaging.message.id': event.id,
      'cloudevents.event_type': event.type,
      'cloudevents.event_subject': event.subject,
    });
    for (let i = 0; i < toHandle.length;) {
      const event = toHandle[i]!;
      const batch = batchHandlers[event.type];
      let next = i + 1;
      if (batch) {
        // A run: the consecutive events whose types share this handler (one type, or several that a
        // projection treats alike, as a case's snapshot in every case event).
        while (next < toHandle.length && batchHandlers[toHandle[next]!.type] === batch) next += 1;
        const run = toHandle.slice(i, next);
        // One span for the run: a child of its first event's context, linked to every event's (a run
        // mixes requests), as the relay's batches are.
        const links = linksTo(run.map((e) => e.traceparent));
        await inSpan(
          `process ${event.type}`,
          {
            kind: SpanKind.CONSUMER,
            links,
            attributes: { ...attributes(event), 'messaging.batch.message_count': run.length },
          },
          contextOf(event.traceparent),
          () => batch(run, tx),
        );
      } else {
        // A child of the context the event was written in: the trace of the request that caused it.
        await inSpan(
          `process ${event.type}`,
          { kind: SpanKind.CONSUMER, attributes: attributes(event) },
          contextOf(event.traceparent),
          () => handlers[event.type]!(event, tx),
        );
      }
      outcome.handled += next - i;
      i = next;
    }
    return outcome;
  }

  private count(outcome: Outcome): void {
    this.counters.handled += outcome.handled;
    this.counters.duplicates += outcome.duplicates;
    this.counters.ignored += outcome.ignored;
  }
}

type Outcome = { handled: number; duplicates: number; ignored: number };

/** Connection-level failures (PostgreSQL down, restarting, out of connections): retry, never dead-letter. */
export function isTransient(error: unknown): boolean {
  const raw = (error as { code?: unknown } | null)?.code;
  // Node's and pg's error codes are strings; anything else is no code we retry on.
  const code = typeof raw === 'string' ? raw : '';
  const message = error instanceof Error ? error.message : String(error);
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '53300', '40001', '40P01'].includes(
      code,
    ) ||
    code.startsWith('08') ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  );
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
