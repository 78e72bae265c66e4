import { Pool, type PoolClient } from 'pg';
import { Partitioners, type Kafka, type Producer, type TopicMessages } from 'kafkajs';
import { ROOT_CONTEXT, SpanKind, trace } from '@opentelemetry/api';
import { contextOf, inSpan } from '@pcc/telemetry';
import { toKafkaMessage } from '../cloudevents';
import { CLAIM_BATCH_SQL, type OutboxRow } from './claim';

export interface RelaySettings {
  /** Connection string of the service's database (the one holding `outbox`). */
  databaseUrl: string;
  kafka: Kafka;
  batchSize?: number;
  /** Fallback poll when no NOTIFY arrives (lost connection, missed wake-up). */
  pollIntervalMs?: number;
  /** Backoff while Kafka or PostgreSQL is unavailable: doubles from min to max. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  onError?: (error: unknown) => void;
}

export interface RelayStats {
  published: number;
  /** Batches published (each one Kafka request and one DELETE). */
  batches: number;
  failures: number;
  /** Rounds failed in a row (Kafka or PostgreSQL away, or a batch Kafka refuses); 0 when healthy. */
  consecutiveFailures: number;
  running: boolean;
  lastError: string | null;
}

/**
 * Moves committed outbox rows to Kafka. Wakes on LISTEN `pcc_outbox`, polls as a fallback, claims
 * batches with FOR UPDATE SKIP LOCKED (so several relays can share one outbox), publishes with an
 * idempotent producer (acks from all replicas, one request in flight: order per partition survives
 * retries), and deletes the rows in the same transaction once Kafka acknowledged them. If the
 * commit fails after the send, the rows are sent again: delivery is at-least-once and consumers
 * deduplicate by event id.
 */
export class OutboxRelay {
  private readonly pool: Pool;
  private readonly producer: Producer;
  private readonly batchSize: number;
  private readonly pollIntervalMs: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private listener: PoolClient | null = null;
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wakeRequested = false;
  private wake: (() => void) | null = null;
  private producerConnected = false;
  private readonly counters = {
    published: 0,
    batches: 0,
    failures: 0,
    consecutiveFailures: 0,
    lastError: null as string | null,
  };

  constructor(private readonly settings: RelaySettings) {
    // One connection listens, one publishes, one answers lag() for metrics without queueing behind a batch.
    this.pool = new Pool({
      connectionString: settings.databaseUrl,
      max: 3,
      application_name: 'outbox-relay',
      connectionTimeoutMillis: 5_000,
    });
    // A dropped idle connection must not crash the process; the loop reconnects on next use.
    this.pool.on('error', (error) => this.report(error));
    this.producer = settings.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    this.batchSize = settings.batchSize ?? 500;
    this.pollIntervalMs = settings.pollIntervalMs ?? 500;
    this.minBackoffMs = settings.minBackoffMs ?? 200;
    this.maxBackoffMs = settings.maxBackoffMs ?? 5_000;
  }

  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.run();
  }

  /** Finishes the batch in flight, then releases every connection. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
    if (this.listener) {
      this.listener.release(true);
      this.listener = null;
    }
    if (this.producerConnected) await this.producer.disconnect().catch(() => undefined);
    this.producerConnected = false;
    await this.pool.end();
  }

  stats(): RelayStats {
    return { ...this.counters, running: this.loop !== null && !this.stopping };
  }

  /** Events committed but not yet on Kafka, and the age of the oldest (seconds): the relay's lag. */
  async lag(): Promise<{ pending: number; oldestAgeSeconds: number }> {
    const { rows } = await this.pool.query<{ pending: string; age: number | null }>(
      `SELECT count(*) AS pending, EXTRACT(EPOCH FROM now() - min(created_at))::float8 AS age FROM outbox`,
    );
    return { pending: Number(rows[0]?.pending ?? 0), oldestAgeSeconds: rows[0]?.age ?? 0 };
  }

  private async run(): Promise<void> {
    let backoff = this.minBackoffMs;
    let idle = QUICK_POLL_MS;
    while (!this.stopping) {
      try {
        await this.ensureConnected();
        this.wakeRequested = false;
        const published = await this.publishBatch();
        backoff = this.minBackoffMs;
        this.counters.consecutiveFailures = 0;
        // The outbox trigger NOTIFYs only when it finds the outbox empty, and it decides at insert
        // time: a row inserted while this batch was in flight may commit without a wake-up. So
        // after activity the relay polls quickly, doubling the pause while it finds nothing, up
        // to the poll interval; a NOTIFY ends any pause.
        if (published > 0) idle = QUICK_POLL_MS;
        else {
          await this.sleep(idle, true);
          idle = Math.min(idle * 2, this.pollIntervalMs);
        }
      } catch (error) {
        this.counters.failures += 1;
        this.counters.consecutiveFailures += 1;
        this.report(error);
        await this.sleep(backoff, false);
        backoff = Math.min(backoff * 2, this.maxBackoffMs);
      }
    }
  }

  private async ensureConnected(): Promise<void> {
    if (!this.producerConnected) {
      await this.producer.connect();
      this.producerConnected = true;
    }
    if (!this.listener) {
      const client = await this.pool.connect();
      try {
        await client.query('LISTEN pcc_outbox');
      } catch (error) {
        client.release(true);
        throw error;
      }
      client.on('notification', () => this.requestWake());
      client.on('error', (error) => {
        // The LISTEN connection died: forget it; the next round opens a new one. An error on a
        // connection stop() has already released (the server ending it) needs nothing more:
        // releasing it twice throws, out of any caller's reach.
        this.report(error);
        if (this.listener !== client) return;
        this.listener = null;
        client.release(true);
      });
      this.listener = client;
    }
  }

  private async publishBatch(): Promise<number> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<OutboxRow>(CLAIM_BATCH_SQL, [this.batchSize]);
      if (rows.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      // One span per batch, linked to the context each row was written in (a batch mixes requests);
      // the kafkajs instrumentation's send spans are its children.
      const links = rows
        .map((row) => trace.getSpanContext(contextOf(row.traceparent ?? undefined)))
        .filter((context) => context !== undefined)
        .map((context) => ({ context }));
      await inSpan(
        'outbox publish',
        { kind: SpanKind.INTERNAL, links, attributes: { 'messaging.batch.message_count': rows.length } },
        ROOT_CONTEXT,
        async () => {
          await this.producer.sendBatch({ topicMessages: groupByTopic(rows), acks: -1 });
          await client.query('DELETE FROM outbox WHERE seq = ANY($1::bigint[])', [rows.map((r) => r.seq)]);
          await client.query('COMMIT');
        },
      );
      this.counters.published += rows.length;
      this.counters.batches += 1;
      return rows.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // The producer may be in a bad state after a broker loss; reconnect on the next round.
      if (this.producerConnected) {
        await this.producer.disconnect().catch(() => undefined);
        this.producerConnected = false;
      }
      throw error;
    } finally {
      client.release();
    }
  }

  private requestWake(): void {
    this.wakeRequested = true;
    this.wake?.();
  }

  /** Sleeps up to `ms`; a NOTIFY (when `wakeable`) or stop() ends the sleep early. */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (this.stopping || (wakeable && this.wakeRequested)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = () => {
        if (wakeable || this.stopping) done();
      };
    });
  }

  private report(error: unknown): void {
    this.counters.lastError = error instanceof Error ? error.message : String(error);
    this.settings.onError?.(error);
  }
}

const QUICK_POLL_MS = 5;

/** Keeps the outbox order within each topic; kafkajs keeps it within each partition. */
function groupByTopic(rows: OutboxRow[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const row of rows) {
    let entry = byTopic.get(row.topic);
    if (!entry) {
      entry = { topic: row.topic, messages: [] };
      byTopic.set(row.topic, entry);
    }
    entry.messages.push(
      toKafkaMessage({
        id: row.id,
        type: row.type,
        source: row.source,
        subject: row.key,
        time: row.time.toISOString(),
        data: row.payload,
        traceparent: row.traceparent ?? undefined,
      }),
    );
  }
  return [...byTopic.values()];
}
