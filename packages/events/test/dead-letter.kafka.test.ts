import type { Admin, KafkaMessage } from 'kafkajs';
import type { TestDatabase } from '@pcc/db';
import { ConsumerRunner, deadLetterTopic, ensureTopics, Outbox, OutboxRelay, type DomainEvent } from '../src';
import {
  countEffects,
  counterCatalogue,
  freshDatabase,
  recordEffect,
  testKafka,
  uniqueTopic,
  waitFor,
} from './fixtures';
import type { EntityManager } from 'typeorm';

describe('dead letters (real PostgreSQL and Kafka)', () => {
  const kafka = testKafka('dlq-test');
  let admin: Admin;
  let db: TestDatabase;
  let topic: string;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    topic = uniqueTopic('dlq');
    await ensureTopics(admin, [topic], { partitions: 1, replicationFactor: 1 });
    db = await freshDatabase('dlq');
  });
  afterAll(async () => {
    await admin.disconnect();
    await db.drop();
  });

  it('moves a message that always fails to <topic>.dlq with the error, and handles the ones after it', async () => {
    const key = '00000000-0000-4000-8000-000000000001';
    const outbox = new Outbox(counterCatalogue(topic), '/services/test');
    await db.dataSource.transaction((tx) =>
      outbox.append(
        tx,
        ...Array.from({ length: 10 }, (_, n) => ({ type: 'pcc.test.counted', subject: key, data: { key, n } })),
      ),
    );
    // And one message no schema accepts, written straight to Kafka, after the ten.
    const producer = kafka.producer();
    await producer.connect();

    const relay = new OutboxRelay({ databaseUrl: db.url, kafka: testKafka('relay'), pollIntervalMs: 200 });
    relay.start();
    await waitFor(
      async () => (await relay.lag()).pending,
      (n) => n === 0,
    );
    await producer.send({
      topic,
      messages: [
        {
          key,
          value: '{"key":"x","n":-1}',
          headers: {
            ce_specversion: '1.0',
            ce_id: '11111111-1111-4111-8111-111111111111',
            ce_type: 'pcc.test.counted',
            ce_source: '/x',
            ce_time: new Date().toISOString(),
            ce_subject: key,
          },
        },
        { key, value: 'not json at all', headers: { ce_specversion: '1.0' } },
      ],
    });
    await producer.disconnect();

    const poisoned = async (event: DomainEvent, tx: EntityManager) => {
      if ((event.data as { n: number }).n === 5) throw new Error('cannot handle n=5');
      await recordEffect(event, tx);
    };
    const errors: unknown[] = [];
    const consumer = new ConsumerRunner({
      kafka: testKafka('consumer'),
      dataSource: db.dataSource,
      catalogue: counterCatalogue(topic),
      group: `g-${topic}`,
      subscriptions: [{ topic, handlers: { 'pcc.test.counted': poisoned } }],
      retryDelayMs: 10,
      onError: (e) => errors.push(e),
    });
    const dead: KafkaMessage[] = [];
    const dlqReader = testKafka('dlq-reader').consumer({ groupId: `dlq-${topic}` });
    try {
      await consumer.start();
      await dlqReader.connect();
      await dlqReader.subscribe({ topic: deadLetterTopic(topic), fromBeginning: true });
      await dlqReader.run({ eachMessage: async ({ message }) => void dead.push(message) });

      const effects = await waitFor(
        () => countEffects(db.dataSource),
        (c) => c.total >= 9,
      );
      expect(effects.total).toBe(9);
      await waitFor(
        async () => dead.length,
        (n) => n >= 3,
      );
      expect(dead).toHaveLength(3);
      const [poison, invalid, malformed] = dead;
      expect(poison!.headers!.dlq_error!.toString()).toBe('Error: cannot handle n=5');
      expect(poison!.headers!.dlq_attempts!.toString()).toBe('3');
      expect(poison!.headers!.dlq_source_topic!.toString()).toBe(topic);
      expect(JSON.parse(poison!.value!.toString())).toEqual({ key, n: 5, version: 6 });
      expect(invalid!.headers!.dlq_error!.toString()).toMatch(
        /EventValidationError: invalid pcc.test.counted event: n:/,
      );
      expect(malformed!.headers!.dlq_error!.toString()).toMatch(/MalformedMessageError/);
      expect(consumer.stats().deadLettered).toBe(3);
      expect(errors).toHaveLength(3); // the three attempts at n=5
      const handled: Array<{ n: number }> = await db.dataSource.query('SELECT n FROM effect ORDER BY seq');
      expect(handled.map((r) => r.n)).toEqual([0, 1, 2, 3, 4, 6, 7, 8, 9]);
    } finally {
      await dlqReader.disconnect();
      await consumer.stop();
      await relay.stop();
    }
  });

  it('retries a message whose handler hits a database outage instead of dead-lettering it', async () => {
    const transientTopic = uniqueTopic('transient');
    await ensureTopics(admin, [transientTopic], { partitions: 1, replicationFactor: 1 });
    const key = '00000000-0000-4000-8000-000000000002';
    const outbox = new Outbox(counterCatalogue(transientTopic), '/services/test');
    await db.dataSource.query('DELETE FROM effect');
    await db.dataSource.transaction((tx) =>
      outbox.append(tx, ...[0, 1, 2].map((n) => ({ type: 'pcc.test.counted', subject: key, data: { key, n } }))),
    );
    const relay = new OutboxRelay({ databaseUrl: db.url, kafka: testKafka('relay'), pollIntervalMs: 200 });
    relay.start();
    let outages = 4; // more than maxAttempts: an ordinary error would be dead-lettered by now
    const flaky = async (event: DomainEvent, tx: EntityManager) => {
      if ((event.data as { n: number }).n === 1 && outages-- > 0)
        throw Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
      await recordEffect(event, tx);
    };
    const consumer = new ConsumerRunner({
      kafka: testKafka('consumer'),
      dataSource: db.dataSource,
      catalogue: counterCatalogue(transientTopic),
      group: `g-${transientTopic}`,
      subscriptions: [{ topic: transientTopic, handlers: { 'pcc.test.counted': flaky } }],
      retryDelayMs: 10,
    });
    try {
      await consumer.start();
      const effects = await waitFor(
        () => countEffects(db.dataSource),
        (c) => c.total >= 3,
        60_000,
      );
      expect(effects).toEqual({ total: 3, distinct: 3 });
      expect(outages).toBeLessThan(0);
      expect(consumer.stats().deadLettered).toBe(0);
      const handled: Array<{ n: number }> = await db.dataSource.query('SELECT n FROM effect ORDER BY seq');
      expect(handled.map((r) => r.n)).toEqual([0, 1, 2]);
    } finally {
      await consumer.stop();
      await relay.stop();
    }
  });
});
