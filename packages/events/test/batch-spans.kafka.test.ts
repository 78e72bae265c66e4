// The SDK first, before anything that traces (as `@pcc/telemetry/register` is in a real process).
import { recordSpansInMemory } from '@pcc/telemetry/sdk';
import { randomBytes } from 'node:crypto';
import { SpanKind } from '@opentelemetry/api';
import type { Admin } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import { stopTelemetry } from '@pcc/telemetry';
import type { TestDatabase } from '@pcc/db';
import { ConsumerRunner, ensureTopics, Outbox, OutboxRelay, type DomainEvent, type NewEvent } from '../src';
import { countEffects, counterCatalogue, freshDatabase, testKafka, uniqueTopic, waitFor } from './fixtures';

const spans = recordSpansInMemory('pcc-events-test');

/**
 * A run of events handed to one batch handler is one span: it must still lead from every event to the
 * request that wrote it (real PostgreSQL and Kafka, spans kept in memory).
 */
describe('the span of a batch handler run (real PostgreSQL and Kafka)', () => {
  const kafka = testKafka('batch-spans-test');
  let admin: Admin;
  let db: TestDatabase;
  const running: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    db = await freshDatabase('batch_spans');
  });
  afterAll(async () => {
    while (running.length) await running.pop()!.stop();
    await admin.disconnect();
    await db?.drop();
    await stopTelemetry();
  });

  it('is a child of its first event’s context and linked to every event’s', async () => {
    const topic = uniqueTopic('batch-spans');
    // One partition: the run holds every event, in order.
    await ensureTopics(admin, [topic], { partitions: 1, replicationFactor: 1 });
    const catalogue = counterCatalogue(topic);
    // Each event written by its own request (trace); the types alternate.
    const traces = Array.from({ length: 6 }, () => randomBytes(16).toString('hex'));
    const events: NewEvent[] = traces.map((traceId, n) => ({
      type: n % 2 ? 'pcc.test.recounted' : 'pcc.test.counted',
      subject: 'key-1',
      data: { key: 'key-1', n },
      traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
    }));
    await db.dataSource.transaction((tx) => new Outbox(catalogue, '/services/test').append(tx, ...events));
    const runs: number[] = [];
    const record = async (run: DomainEvent[], tx: EntityManager) => {
      runs.push(run.length);
      await tx.query('INSERT INTO effect (key, n) SELECT $1, unnest($2::int[])', [
        'key-1',
        run.map((e) => (e.data as { n: number }).n),
      ]);
    };
    const relay = new OutboxRelay({ databaseUrl: db.url, kafka: testKafka('relay'), pollIntervalMs: 200 });
    relay.start();
    running.push(relay);
    const consumer = new ConsumerRunner({
      kafka: testKafka('consumer'),
      dataSource: db.dataSource,
      catalogue,
      group: `g-${topic}`,
      subscriptions: [
        { topic, handlers: {}, batchHandlers: { 'pcc.test.counted': record, 'pcc.test.recounted': record } },
      ],
    });
    await consumer.start();
    running.push(consumer);
    await waitFor(
      () => countEffects(db.dataSource),
      (c) => c.total >= 6,
      60_000,
    );
    // The relay published the six in one batch, so the consumer got them as one run.
    expect(runs).toEqual([6]);
    const consumed = spans
      .getFinishedSpans()
      .filter((s) => s.kind === SpanKind.CONSUMER && s.attributes['messaging.destination.name'] === topic);
    expect(consumed).toHaveLength(1);
    expect(consumed[0]!.spanContext().traceId).toBe(traces[0]);
    expect(consumed[0]!.links.map((l) => l.context.traceId)).toEqual(traces);
  });
});
