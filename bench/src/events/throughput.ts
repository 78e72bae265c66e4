/**
 * `npm run bench:events`: events through outbox → relay → Kafka → consumer on this machine.
 *
 * 1. Sustained throughput: a writer appends N events (default 50,000; BENCH_EVENTS) in
 *    transactions of 100 while the relay and the consumer run; the rate is events handled by the
 *    consumer divided by the time from the first commit to the last effect.
 * 2. Latency at fixed rates (default 1,000, 500 and 250 events/s for 15 s each; BENCH_RATES,
 *    BENCH_SECONDS): one event per transaction, open loop; latency = effect time (consumer
 *    transaction) minus the event's time (set just before its INSERT).
 *
 * Prints a table and rewrites the "events" section of BENCHMARKS.md. Not a test: nothing asserts.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { createTestDatabase } from '@pcc/db';
import {
  ConsumerRunner,
  createKafka,
  defineEvent,
  ensureTopics,
  EventCatalogue,
  eventsMigrations,
  OutboxRelay,
  type DomainEvent,
} from '@pcc/events';
import { describeMachine } from '../machine';
import { percentile, writeBenchmarkSection } from '../benchmarks-file';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 50_000);
const RATES = (process.env.BENCH_RATES ?? '1000,500,250').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const KEYS = 200;
const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

class CreateBenchEffects1700000000002 implements MigrationInterface {
  name = 'CreateBenchEffects1700000000002';
  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE effect (id uuid PRIMARY KEY, phase text NOT NULL, committed_at timestamptz, handled_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
    );
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE effect');
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForEffects(dataSource: DataSource, phase: string, count: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM effect WHERE phase = $1', [
      phase,
    ]);
    if (row.n >= count) return;
    if (Date.now() > deadline) throw new Error(`only ${row.n} of ${count} ${phase} events handled in time`);
    await sleep(100);
  }
}

async function main(): Promise<void> {
  const topic = `pcc.bench.events.${Date.now()}`;
  const catalogue = new EventCatalogue([
    defineEvent({
      type: 'pcc.bench.ticked',
      topic,
      description: 'benchmark event',
      schema: z.object({ phase: z.string(), i: z.number().int() }),
    }),
  ]);
  const kafka = createKafka({ brokers, clientId: 'pcc-bench' });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [topic], { partitions: 6, replicationFactor: 1 });
  const db = await createTestDatabase({
    prefix: 'bench',
    migrations: [...eventsMigrations, CreateBenchEffects1700000000002],
    poolSize: 10,
  });
  const relay = new OutboxRelay({ databaseUrl: db.url, kafka, batchSize: 1_000 });
  const handler = async (event: DomainEvent, tx: EntityManager) => {
    const data = event.data as { phase: string };
    // Commit time of the writer's transaction = the outbox row's created_at (clock_timestamp at insert).
    await tx.query('INSERT INTO effect (id, phase, committed_at) VALUES ($1, $2, $3)', [
      event.id,
      data.phase,
      event.time,
    ]);
  };
  const consumer = new ConsumerRunner({
    kafka,
    dataSource: db.dataSource,
    catalogue,
    group: `bench-${topic}`,
    subscriptions: [{ topic, handlers: { 'pcc.bench.ticked': handler } }],
    chunkSize: 500,
  });
  try {
    relay.start();
    await consumer.start();
    await sleep(1_000);

    // The writer runs in its own thread with its own pool, as a service's request handlers would:
    // it must not share an event loop or connections with the consumer (that would be measured).
    const writer = (phase: string, rate = 0) =>
      new Promise<{ sent: number; startedAt: number; finishedAt: number }>((resolve, reject) => {
        const worker = new Worker(join(__dirname, 'writer.js'), {
          workerData: { url: db.url, topic, phase, total: TOTAL, rate, seconds: SECONDS, keys: KEYS },
        });
        worker.once('message', resolve);
        worker.once('error', reject);
      });

    // 1. sustained throughput
    const throughputRun = await writer('throughput');
    await waitForEffects(db.dataSource, 'throughput', TOTAL, 300_000);
    const finished = Date.now();
    const throughput = (TOTAL / (finished - throughputRun.startedAt)) * 1000;
    const writeRate = (TOTAL / (throughputRun.finishedAt - throughputRun.startedAt)) * 1000;
    const perTransaction = 100;

    // 2. latency at fixed rates, open loop: a new transaction starts on schedule whether or not
    //    the earlier ones have finished. One phase per rate.
    const latency: Array<{ rate: number; achieved: number; events: number; p50: number; p99: number; max: number }> =
      [];
    for (const rate of RATES) {
      const phase = `latency-${rate}`;
      const run = await writer(phase, rate);
      await waitForEffects(db.dataSource, phase, run.sent, 180_000);
      const rows: Array<{ ms: number }> = await db.dataSource.query(
        `SELECT EXTRACT(EPOCH FROM handled_at - committed_at) * 1000 AS ms FROM effect WHERE phase = $1 ORDER BY 1`,
        [phase],
      );
      const ms = rows.map((r) => Number(r.ms));
      latency.push({
        rate,
        achieved: Math.round((run.sent / (run.finishedAt - run.startedAt)) * 1000),
        events: run.sent,
        p50: Number(percentile(ms, 50).toFixed(1)),
        p99: Number(percentile(ms, 99).toFixed(1)),
        max: Number(percentile(ms, 100).toFixed(1)),
      });
      await sleep(2_000);
    }
    const figures = {
      events: TOTAL,
      throughputPerSecond: Math.round(throughput),
      writerPerSecond: Math.round(writeRate),
      latency,
    };
    const [pg] = await db.dataSource.query<[{ server_version: string }]>('SHOW server_version');
    const machine = describeMachine({
      postgres: pg.server_version,
      kafka: process.env.PCC_KAFKA_VERSION ?? 'see infra/kafka/pom.xml',
      brokers: brokers.join(','),
    });
    console.table([
      { measure: 'sustained events/s', value: figures.throughputPerSecond },
      { measure: 'writer events/s', value: figures.writerPerSecond },
    ]);
    console.table(latency);
    console.log(JSON.stringify({ machine, figures }, null, 2));
    writeBenchmarkSection(
      join(__dirname, '..', '..', '..', 'BENCHMARKS.md'),
      'events',
      `## Events: outbox → relay → Kafka → consumer

Run with \`npm run bench:events\` (${figures.events.toLocaleString('en')} events, ${KEYS} keys, 6 partitions, one relay, one consumer,
writer transactions of ${perTransaction} events; latency phase: one event per transaction at a fixed rate).

| measure | result | target |
|---|---|---|
| sustained events/s, first commit → last effect | **${figures.throughputPerSecond}** | ≥ 5,000 |
| writer events/s (outbox appends alone) | ${figures.writerPerSecond} | — |

Commit → handled latency at fixed rates (one event per transaction, open loop, ${SECONDS} s each):

| offered rate | achieved | events | p50 | p99 | max | target |
|---|---|---|---|---|---|---|
${latency.map((l) => `| ${l.rate}/s | ${l.achieved}/s | ${l.events} | ${l.p50} ms | **${l.p99} ms** | ${l.max} ms | ${l.rate === 1000 ? 'p99 < 100 ms' : '—'} |`).join('\n')}

What limits it: everything runs on the same 2 cores — PostgreSQL, the Kafka broker (JVM), the
writer thread, and the relay and consumer in the main thread. At 1,000 single-event transactions a
second the cores are saturated (top shows no idle time): the writer falls behind its schedule and
events queue before they are committed, which is what the latency measures. Below saturation the
path itself is fast: the relay wakes on NOTIFY (or its 5 ms quick poll after activity), publishes
with acks from the broker, and the consumer handles chunks in one transaction each. Throughput is
bounded the same way: about one database round trip per event in the consumer's handler.

Machine: ${Object.entries(machine)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ')}.`,
    );
  } finally {
    await consumer.stop().catch(() => undefined);
    await relay.stop().catch(() => undefined);
    await admin.deleteTopics({ topics: [topic, `${topic}.dlq`] }).catch(() => undefined);
    await admin.disconnect();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
