/**
 * `npm run bench:events`: events through outbox → relay → Kafka → consumer on this machine.
 *
 * 1. Sustained throughput, once per consumer variant (a handler call per event, one partition at a
 *    time; a batch handler, six partitions at a time): a writer appends N events (default 50,000;
 *    BENCH_EVENTS) in transactions of 100 while the relay and the consumer run; the rate is events
 *    handled by the consumer divided by the time from the first commit to the last effect.
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
  // One topic per consumer variant: each consumer group reads only its own variant's events.
  const stamp = Date.now();
  const variants = [
    {
      name: 'one handler call per event, one partition at a time',
      topic: `pcc.bench.events.${stamp}.one`,
      batched: false,
      concurrency: 1,
    },
    {
      name: 'batch handler, six partitions at a time',
      topic: `pcc.bench.events.${stamp}.batch`,
      batched: true,
      concurrency: 6,
    },
  ];
  const catalogue = new EventCatalogue([
    defineEvent({
      type: 'pcc.bench.ticked',
      topic: variants[0]!.topic,
      description: 'benchmark event',
      schema: z.object({ phase: z.string(), i: z.number().int() }),
    }),
  ]);
  const kafka = createKafka({ brokers, clientId: 'pcc-bench' });
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(
    admin,
    variants.map((v) => v.topic),
    { partitions: 6, replicationFactor: 1 },
  );
  const db = await createTestDatabase({
    prefix: 'bench',
    migrations: [...eventsMigrations, CreateBenchEffects1700000000002],
    poolSize: 10,
  });
  const relay = new OutboxRelay({ databaseUrl: db.url, kafka, batchSize: 1_000 });
  // Commit time of the writer's transaction = the outbox row's created_at (clock_timestamp at insert).
  const handler = async (event: DomainEvent, tx: EntityManager) => {
    const data = event.data as { phase: string };
    await tx.query('INSERT INTO effect (id, phase, committed_at) VALUES ($1, $2, $3)', [
      event.id,
      data.phase,
      event.time,
    ]);
  };
  const batchHandler = async (events: DomainEvent[], tx: EntityManager) => {
    await tx.query(
      'INSERT INTO effect (id, phase, committed_at) SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[])',
      [events.map((e) => e.id), events.map((e) => (e.data as { phase: string }).phase), events.map((e) => e.time)],
    );
  };
  const consumerOf = (variant: (typeof variants)[number]) =>
    new ConsumerRunner({
      kafka,
      dataSource: db.dataSource,
      catalogue,
      group: `bench-${variant.topic}`,
      subscriptions: [
        variant.batched
          ? { topic: variant.topic, handlers: {}, batchHandlers: { 'pcc.bench.ticked': batchHandler } }
          : { topic: variant.topic, handlers: { 'pcc.bench.ticked': handler } },
      ],
      chunkSize: 500,
      partitionsConsumedConcurrently: variant.concurrency,
    });
  const consumers: ConsumerRunner[] = [];
  try {
    relay.start();

    // The writer runs in its own thread with its own pool, as a service's request handlers would:
    // it must not share an event loop or connections with the consumer (that would be measured).
    const writer = (topic: string, phase: string, rate = 0) =>
      new Promise<{ sent: number; startedAt: number; finishedAt: number }>((resolve, reject) => {
        const worker = new Worker(join(__dirname, 'writer.js'), {
          workerData: { url: db.url, topic, phase, total: TOTAL, rate, seconds: SECONDS, keys: KEYS },
        });
        worker.once('message', resolve);
        worker.once('error', reject);
      });

    // 1. sustained throughput, once per consumer variant
    const throughput: Array<{ variant: string; perSecond: number; writerPerSecond: number }> = [];
    for (const [index, variant] of variants.entries()) {
      const consumer = consumerOf(variant);
      consumers.push(consumer);
      await consumer.start();
      await sleep(1_000);
      const phase = `throughput-${index}`;
      const run = await writer(variant.topic, phase);
      await waitForEffects(db.dataSource, phase, TOTAL, 300_000);
      throughput.push({
        variant: variant.name,
        perSecond: Math.round((TOTAL / (Date.now() - run.startedAt)) * 1000),
        writerPerSecond: Math.round((TOTAL / (run.finishedAt - run.startedAt)) * 1000),
      });
    }
    const latencyVariant = variants.at(-1)!;

    // 2. latency at fixed rates, open loop: a new transaction starts on schedule whether or not
    //    the earlier ones have finished. One phase per rate.
    const latency: Array<{ rate: number; achieved: number; events: number; p50: number; p99: number; max: number }> =
      [];
    for (const rate of RATES) {
      const phase = `latency-${rate}`;
      const run = await writer(latencyVariant.topic, phase, rate);
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
    const figures = { events: TOTAL, throughput, latency };
    const [pg] = await db.dataSource.query<[{ server_version: string }]>('SHOW server_version');
    const machine = describeMachine({
      postgres: pg.server_version,
      kafka: process.env.PCC_KAFKA_VERSION ?? 'see infra/kafka/pom.xml',
      brokers: brokers.join(','),
    });
    console.table(throughput);
    console.table(latency);
    console.log(JSON.stringify({ machine, figures }, null, 2));
    writeBenchmarkSection(
      join(__dirname, '..', '..', '..', 'BENCHMARKS.md'),
      'events',
      `## Events: outbox → relay → Kafka → consumer

Run with \`npm run bench:events\` (${figures.events.toLocaleString('en')} events per consumer variant, ${KEYS} keys, 6 partitions, one relay,
writer transactions of 100 events; latency phase: one event per transaction at a fixed rate, through the
batch-handler consumer).

| consumer | sustained events/s, first commit → last effect | writer events/s (outbox appends alone) | target |
|---|---|---|---|
${throughput.map((t) => `| ${t.variant} | **${t.perSecond}** | ${t.writerPerSecond} | ≥ 10,000 |`).join('\n')}

Commit → handled latency at fixed rates (one event per transaction, open loop, ${SECONDS} s each):

| offered rate | achieved | events | p50 | p99 | max | target |
|---|---|---|---|---|---|---|
${latency.map((l) => `| ${l.rate}/s | ${l.achieved}/s | ${l.events} | ${l.p50} ms | **${l.p99} ms** | ${l.max} ms | ${l.rate === 1000 ? 'p99 ≤ 100 ms' : '—'} |`).join('\n')}

Everything — PostgreSQL, the Kafka broker (JVM), the writer thread, the relay and the consumer — shares the
same 2 cores. What each step changed, and where the time goes, is in the section on performance under real
traffic below.

Machine: ${Object.entries(machine)
        .map(([k, v]) => `${k} ${v}`)
        .join('; ')}.`,
    );
  } finally {
    for (const consumer of consumers) await consumer.stop().catch(() => undefined);
    await relay.stop().catch(() => undefined);
    await admin.deleteTopics({ topics: variants.flatMap((v) => [v.topic, `${v.topic}.dlq`]) }).catch(() => undefined);
    await admin.disconnect();
    await db.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
