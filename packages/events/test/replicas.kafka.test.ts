import type { Admin } from 'kafkajs';
import type { TestDatabase } from '@pcc/db';
import { ConsumerRunner, ensureTopics, Outbox, OutboxRelay } from '../src';
import {
  appendCounted,
  countEffects,
  counterCatalogue,
  freshDatabase,
  outOfOrderKeys,
  recordEffect,
  testKafka,
  uniqueTopic,
  waitFor,
} from './fixtures';

/**
 * Replicas of a service's consumer: several instances in one consumer group on one database, as two pods
 * of a Deployment run. They split the partitions, and a rebalance while events flow (an instance leaves,
 * another joins) loses no event and applies none twice (the inbox absorbs what a new owner of a
 * partition receives again).
 */
describe('replicas of a consumer in one group (real PostgreSQL and Kafka)', () => {
  const kafka = testKafka('replicas-test');
  let admin: Admin;
  let db: TestDatabase;
  let topic: string;
  const running: Array<{ stop(): Promise<void> }> = [];
  const keyList = (from: number) =>
    Array.from({ length: 60 }, (_, i) => `00000000-0000-4000-8000-${String(from + i).padStart(12, '0')}`);
  const keys = keyList(0);
  const laterKeys = keyList(100);

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    topic = uniqueTopic('replicas');
    await ensureTopics(admin, [topic], { partitions: 6, replicationFactor: 1 });
    db = await freshDatabase('replicas');
  });
  afterAll(async () => {
    while (running.length) await running.pop()!.stop();
    await admin.disconnect();
    await db.drop();
  });

  async function startConsumer(): Promise<ConsumerRunner> {
    const consumer = new ConsumerRunner({
      kafka: testKafka('replica'),
      dataSource: db.dataSource,
      catalogue: counterCatalogue(topic),
      group: `replicas-${topic}`,
      subscriptions: [{ topic, handlers: { 'pcc.test.counted': recordEffect } }],
    });
    await consumer.start();
    running.push(consumer);
    return consumer;
  }
  const stop = async (consumer: ConsumerRunner) => {
    await consumer.stop();
    running.splice(running.indexOf(consumer), 1);
  };

  it('split the partitions, and lose and double nothing while one leaves and another joins', async () => {
    const relay = new OutboxRelay({ databaseUrl: db.url, kafka: testKafka('relay'), pollIntervalMs: 100 });
    relay.start();
    running.push(relay);
    const outbox = new Outbox(counterCatalogue(topic), '/services/test');
    const first = await startConsumer();
    const second = await startConsumer();

    // A first wave: both instances take part (three partitions each, 60 keys over six partitions).
    await appendCounted(db.dataSource, outbox, keys, 5);
    await waitFor(
      () => countEffects(db.dataSource),
      (c) => c.total >= 300,
      60_000,
    );
    expect(first.stats().handled).toBeGreaterThan(0);
    expect(second.stats().handled).toBeGreaterThan(0);
    expect(first.stats().handled + second.stats().handled).toBe(300);

    // A second wave written while the group rebalances twice: one instance leaves, a third joins.
    const writing = appendCounted(db.dataSource, outbox, laterKeys, 20, 10);
    await waitFor(
      () => countEffects(db.dataSource),
      (c) => c.total >= 400,
      60_000,
      20,
    );
    await stop(first);
    const third = await startConsumer();
    await writing;
    // A last wave once the group is stable with the second and third instance: the third owns some
    // of the six partitions by then, so it must apply some of it (the second wave may all have gone
    // to the second, on a busy machine, before the third was given any partition).
    await waitFor(
      async () => (await admin.describeGroups([`replicas-${topic}`])).groups[0]!,
      (group) => group.state === 'Stable' && group.members.length === 2,
      60_000,
    );
    const lastKeys = keyList(200);
    await appendCounted(db.dataSource, outbox, lastKeys, 2);
    const total = 300 + 60 * 20 + 60 * 2;
    const effects = await waitFor(
      () => countEffects(db.dataSource),
      (c) => c.total >= total,
      90_000,
    );
    expect(effects).toEqual({ total, distinct: total });
    expect(await outOfOrderKeys(db.dataSource)).toEqual([]);
    expect(third.stats().handled).toBeGreaterThan(0);
    // Every event applied by exactly one instance; a redelivered one only counted as a duplicate.
    const handled = [first, second, third].reduce((sum, c) => sum + c.stats().handled, 0);
    expect(handled).toBe(total);
    const duplicates = [first, second, third].reduce((sum, c) => sum + c.stats().duplicates, 0);
    console.log(`replicas: ${total} events, ${handled} applied once, ${duplicates} redeliveries absorbed, lost 0`);
  }, 240_000);
});
