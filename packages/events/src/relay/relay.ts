import { Pool, type PoolClient } from 'pg';
import { Partitioners, type Kafka, type Message, type Producer, type TopicMessages } from 'kafkajs';
import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import { inSpan, linksTo } from '@pcc/telemetry';
import { toKafkaMessage } from '../cloudevents';
import { MAX_BATCH_BYTES } from '../kafka';
import { CLAIM_BATCH_SQL, type OutboxRow } from './claim';
import { parkRow } from './parked';

export interface RelaySettings {
  /** Connection string of the service's database (the one holding `outbox`). */
  databaseUrl: string;
  kafka: Kafka;
  batchSize?: number;
  /** Bytes of messages per Kafka request (a single larger message still goes, alone). */
  maxBatchBytes?: number;
  /** Fallback poll when no NOTIFY arrives (lost connection, missed wake-up). */
  pollIntervalMs?: number;
  /** Backoff while Kafka or PostgreSQL is unavailable: doubles from min to max. */
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * After this many rows deleted, the relay vacuums the outbox itself (0: never; autovacuum only).
   * The rows it deletes leave index entries at the head of the primary key, which its claim walks
   * (`ORDER BY seq`) until vacuum removes them — and autovacuum visits a database at most once a
   * minute. Vacuuming a queue that holds a few live rows takes milliseconds.
   */
  vacuumEveryRows?: number;
  onError?: (error: unknown) => void;
  /** An event Kafka refused for its content was moved to `outbox_parked`, committed (log it loudly). */
  onParked?: (event: ParkedNotice) => void;
}

/** What the relay tells of a row it parked. */
export interface ParkedNotice {
  id: string;
  type: string;
  topic: string;
  key: string;
  bytes: number;
  reason: string;
}

export interface RelayStats {
  published: number;
  /** Batches published (each one Kafka request and one DELETE). */
  batches: number;
  failures: number;
  /** Events Kafka refused for their content, moved to `outbox_parked`. */
  parked: number;
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
  private readonly maxBatchBytes: number;
  private readonly pollIntervalMs: number;
  private readonly minBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly vacuumEveryRows: number;
  private deletedSinceVacuum = 0;
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
    parked: 0,
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
    this.maxBatchBytes = settings.maxBatchBytes ?? MAX_BATCH_BYTES;
    this.pollIntervalMs = settings.pollIntervalMs ?? 500;
    this.minBackoffMs = settings.minBackoffMs ?? 200;
    this.maxBackoffMs = settings.maxBackoffMs ?? 5_000;
    this.vacuumEveryRows = settings.vacuumEveryRows ?? DEFAULT_VACUUM_EVERY_ROWS;
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
        await this.vacuumAfter(published);
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

  /** Vacuums the outbox once enough rows were deleted since the last time (see `vacuumEveryRows`). */
  private async vacuumAfter(deleted: number): Promise<void> {
    if (this.vacuumEveryRows <= 0) return;
    this.deletedSinceVacuum += deleted;
    if (this.deletedSinceVacuum < this.vacuumEveryRows) return;
    this.deletedSinceVacuum = 0;
    // Outside any transaction (VACUUM cannot run in one); SKIP_LOCKED: never wait behind a lock.
    // A failure is reported and changes nothing else: autovacuum still comes.
    await this.pool.query('VACUUM (SKIP_LOCKED) outbox').catch((error: unknown) => this.report(error));
  }

  private async publishBatch(): Promise<number> {
    const client = await this.pool.connect();
    // The server may end the connection while the batch is at Kafka (PostgreSQL restarting): with no
    // query running, the client emits 'error', which unheard would crash the process. The next query on
    // it fails instead, the round is retried, and the pool drops the broken client on release.
    const onError = (error: Error) => this.report(error);
    client.on('error', onError);
    try {
      // The relay's commit (deleting what Kafka acknowledged) need not wait for its WAL flush: if the
      // server crashes before the flush, the rows come back and are published again, which consumers
      // absorb by event id. Not waiting leaves the disk's flushes to the writers' own commits.
      // Both in one round trip (the simple protocol runs them in order, as one message).
      await client.query('BEGIN; SET LOCAL synchronous_commit = off');
      const { rows: claimed } = await client.query<OutboxRow>(CLAIM_BATCH_SQL, [this.batchSize]);
      if (claimed.length === 0) {
        await client.query('COMMIT');
        return 0;
      }
      // Bounded in bytes as well as in rows: the rows after the cut stay locked until this commit
      // and come in the next batch, still in `seq` order.
      const batch = fitInBytes(claimed.map(toOutgoing), this.maxBatchBytes);
      // One span per batch, linked to the context each row was written in (a batch mixes requests);
      // the kafkajs instrumentation's send spans are its children.
      const links = linksTo(batch.map(({ row }) => row.traceparent));
      const published = await inSpan(
        'outbox publish',
        { kind: SpanKind.INTERNAL, links, attributes: { 'messaging.batch.message_count': batch.length } },
        ROOT_CONTEXT,
        async () => {
          const parked: ParkedNotice[] = [];
          const sent = await this.sendOrSplit(client, batch, parked);
          await client.query('DELETE FROM outbox WHERE seq = ANY($1::bigint[])', [sent.map((o) => o.row.seq)]);
          await client.query('COMMIT');
          // Told once committed: a rollback puts the row back in the outbox, parked it was not.
          for (const notice of parked) {
            this.counters.parked += 1;
            this.settings.onParked?.(notice);
          }
          return sent.length;
        },
      );
      this.counters.published += published;
      this.counters.batches += 1;
      return batch.length;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      // The producer may be in a bad state after a broker loss; reconnect on the next round.
      if (this.producerConnected) {
        await this.producer.disconnect().catch(() => undefined);
        this.producerConnected = false;
      }
      throw error;
    } finally {
      client.off('error', onError);
      client.release();
    }
  }

  /**
   * Sends the batch; if Kafka refuses it for its content, sends each half on its own (in order),
   * down to the one message it refuses, which is parked. Returns what Kafka acknowledged. Any
   * other error (Kafka away, a timeout) fails the round, and the whole batch is tried again. Rows
   * parked are added to `parked` (in the round's transaction, not yet committed).
   */
  private async sendOrSplit(client: PoolClient, batch: Outgoing[], parked: ParkedNotice[]): Promise<Outgoing[]> {
    try {
      await this.producer.sendBatch({ topicMessages: groupByTopic(batch), acks: -1 });
      return batch;
    } catch (error) {
      const reason = contentRefusal(error);
      if (reason === null) throw error;
      if (batch.length > 1) {
        const half = Math.ceil(batch.length / 2);
        return [
          ...(await this.sendOrSplit(client, batch.slice(0, half), parked)),
          ...(await this.sendOrSplit(client, batch.slice(half), parked)),
        ];
      }
      const [{ row, bytes }] = batch as [Outgoing];
      await parkRow(client, row, bytes, reason);
      parked.push({ id: row.id, type: row.type, topic: row.topic, key: row.key, bytes, reason });
      return [];
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
/** Measured with the public intake (BENCHMARKS.md): the claim's cost stays flat instead of growing for a minute. */
const DEFAULT_VACUUM_EVERY_ROWS = 5_000;

interface Outgoing {
  row: OutboxRow;
  message: Message;
  /** Key, value and headers: what counts against Kafka's `message.max.bytes`, near enough. */
  bytes: number;
}

function toOutgoing(row: OutboxRow): Outgoing {
  const message = toKafkaMessage({
    id: row.id,
    type: row.type,
    source: row.source,
    subject: row.key,
    time: row.time.toISOString(),
    data: row.payload,
    traceparent: row.traceparent ?? undefined,
  });
  const headers = Object.entries(message.headers ?? {}).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(String(value)),
    0,
  );
  const bytes = Buffer.byteLength(String(message.key)) + Buffer.byteLength(String(message.value)) + headers;
  return { row, message, bytes };
}

/** The longest prefix within `maxBytes`; at least one message, however large. */
function fitInBytes(all: Outgoing[], maxBytes: number): Outgoing[] {
  let total = 0;
  let count = 0;
  for (const outgoing of all) {
    if (count > 0 && total + outgoing.bytes > maxBytes) break;
    total += outgoing.bytes;
    count += 1;
  }
  return all.slice(0, count);
}

/**
 * Kafka's errors that refuse a message for what it is (retrying the same bytes cannot succeed),
 * found on the error or its causes (kafkajs wraps them); null for anything else.
 */
const CONTENT_REFUSALS = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'CORRUPT_MESSAGE']);
function contentRefusal(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    const type = (e as Error & { type?: unknown }).type;
    if (typeof type === 'string' && CONTENT_REFUSALS.has(type)) return `${type}: ${e.message}`;
  }
  return null;
}

/** Keeps the outbox order within each topic; kafkajs keeps it within each partition. */
function groupByTopic(batch: Outgoing[]): TopicMessages[] {
  const byTopic = new Map<string, TopicMessages>();
  for (const { row, message } of batch) {
    let entry = byTopic.get(row.topic);
    if (!entry) {
      entry = { topic: row.topic, messages: [] };
      byTopic.set(row.topic, entry);
    }
    entry.messages.push(message);
  }
  return [...byTopic.values()];
}
