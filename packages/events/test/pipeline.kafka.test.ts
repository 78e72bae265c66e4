import type { Admin } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import type { TestDatabase } from '@pcc/db';
import { ConsumerRunner, ensureTopics, groupLag, Outbox, OutboxRelay, type DomainEvent } from '../src';
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
import { brokerIsOurs, startBroker, stopBroker } from '@pcc/testing';

/**
 * The whole path on real parts: outbox (PostgreSQL) → relay → Kafka → consumer runner → effect
 * table in PostgreSQL. Each test has its own topic, database and consumer group.
 */
describe('outbox → relay → Kafka → consumer (real PostgreSQL and Kafka)', () => {
  const kafka = testKafka('pipeline-test');
  let admin: Admin;
  let db: TestDatabase;
  let topic: string;
  const running: Array<{ stop(): Promise<void> }> = [];

  const keyList = (n: number) =>
    Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const keys = keyList(20);
  const manyKeys = keyList(100);
  /** The size of each run the batch handler was given, and the types each run held. */
  const batchCalls: number[] = [];
  const batchTypes: Array<Set<string>> = [];
  const recordEffects = async (events: DomainEvent[], tx: EntityManager) => {
    batchCalls.push(events.length);
    batchTypes.push(new Set(events.map((e) => e.type)));
    const data = events.map((e) => e.data as { key: string; n: number });
    await tx.query('INSERT INTO effect (key, n) SELECT * FROM unnest($1::text[], $2::int[])', [
      data.map((d) => d.key),
      data.map((d) => d.n),
    ]);
  };

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin.disconnect();
  });
  beforeEach(async () => {
    batchCalls.length = 0;
    batchTypes.length = 0;
    topic = uniqueTopic('pipeline');
    await ensureTopics(admin, [topic], { partitions: 6, replicationFactor: 1 });
    db = await freshDatabase('pipeline');
  });
  afterEach(async () => {
    while (running.length) await running.pop()!.stop();
    await db.drop();
  });

  function startRelay(batchSize = 500, vacuumEveryRows?: number): OutboxRelay {
    const relay = new OutboxRelay({
      databaseUrl: db.url,
      kafka: testKafka('relay'),
      pollIntervalMs: 200,
      maxBackoffMs: 1_000,
      batchSize,
      ...(vacuumEveryRows === undefined ? {} : { vacuumEveryRows }),
    });
    relay.start();
    running.push(relay);
    return relay;
  }
  async function startConsumer(
    group = `g-${topic}`,
    options: {
      batched?: boolean | 'both types';
      partitionsConsumedConcurrently?: number;
      commitIntervalMs?: number;
    } = {},
  ): Promise<ConsumerRunner> {
    const consumer = new ConsumerRunner({
      kafka: testKafka('consumer'),
      dataSource: db.dataSource,
      catalogue: counterCatalogue(topic),
      group,
      subscriptions: [
        options.batched
          ? {
              topic,
              handlers: {},
              batchHandlers:
                options.batched === 'both types'
                  ? { 'pcc.test.counted': recordEffects, 'pcc.test.recounted': recordEffects }
                  : { 'pcc.test.counted': recordEffects },
            }
          : { topic, handlers: { 'pcc.test.counted': recordEffect } },
      ],
      ...(options.partitionsConsumedConcurrently
        ? { partitionsConsumedConcurrently: options.partitionsConsumedConcurrently }
        : {}),
      ...(options.commitIntervalMs ? { commitIntervalMs: options.commitIntervalMs } : {}),
    });
    await consumer.start();
    running.push(consumer);
    return consumer;
  }

  /** Waits for `total` effects, then checks each event had exactly one and every key kept its order. */
  async function expectDeliveredInOrder(total: number): Promise<void> {
    const effects = await waitFor(
      () => countEffects(db.dataSource),
      (c) => c.total >= total,
      60_000,
    );
    expect(effects).toEqual({ total, distinct: total });
    expect(await outOfOrderKeys(db.dataSource)).toEqual([]);
  }

  it('delivers 1,000 events over 20 keys, every one, in order per key', async () => {
    const outbox = new Outbox(counterCatalogue(topic), '/services/test');
    await appendCounted(db.dataSource, outbox, keys, 50);
    startRelay();
    await startConsumer();
    await expectDeliveredInOrder(1000);
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM outbox')).toEqual([{ n: 0 }]);
  });

  it('vacuums the outbox itself after every so many rows it deleted, so its claim never walks a minute of dead rows', async () => {
    const outbox = new Outbox(counterCatalogue(topic), '/services/test');
    const vacuums = async () =>
      (
        await db.dataSource.query<[{ n: number }]>(
          `SELECT vacuum_count::int AS n FROM pg_stat_user_tables WHERE relname = 'outbox'`,
        )
      )[0].n;
    expect(await vacuums()).toBe(0);
    await appendCounted(db.dataSource, outbox, keys, 15);
    const relay = startRelay(50, 100);
    await waitFor(
      () => relay.stats().published,
      (n) => n >= 300,
      60_000,
    );
    // 300 rows deleted in batches of 50: a vacuum after the 100th, 200th and 300th (the statistics
    // reach pg_stat_user_tables within a second or so).
    expect(await waitFor(vacuums, (n) => n >= 3, 10_000)).toBe(3);
    expect(relay.stats().lastError).toBeNull();
  });

  it('hands runs of one type to a batch handler, six partitions at a time: every event once, in order per key', async () => {
    const outbox = new Outbox(counterCatalogue(topic), '/services/test');
    await appendCounted(db.dataSource, outbox, manyKeys, 20, 100);
    startRelay();
    const consumer = await startConsumer(`g-batched-${topic}`, { batched: true, partitionsConsumedConcurrently: 6 });
    await expectDeliveredInOrder(2000);
    // Fewer handler calls than events: runs were handled together.
    expect(batchCalls.length).toBeLessThan(2000);
    expect(batchCalls.reduce((sum, n) => sum + n, 0)).toBe(2000);
    expect(consumer.stats()).toMatchObject({ handled: 2000, duplicates: 0 });
  });

  it('hands consecutive events of two types that share a batch handler to it as one run', async () => {
    const outbox = new Outbox(counterCatalogue(topic), '/services/test');
    // Per key, the types alternate: counted, recounted, counted, ... (as a case's events do).
    await appendCounted(db.dataSource, outbox, manyKeys, 10, 100, (n) =>
      n % 2 ? 'pcc.test.recounted' : 'pcc.test.counted',
    );
    startRelay();
    const consumer = await startConsumer(`g-both-${topic}`, { batched: 'both types' });
    await expectDeliveredInOrder(1000);
    // Runs mixed the two types: a handler per type would have had every run of one type only.
    expect(batchTypes.some((types) => types.size === 2)).toBe(true);
    expect(batchCalls.length).toBeLessThan(1000);
    expect(consumer.stats()).toMatchObject({ handled: 1000, duplicates: 0 });
  });

  (brokerIsOurs ? it : it.skip)(
    'keeps every write while the broker is down and delivers all 500 once it is back',
    async () => {
      const outbox = new Outbox(counterCatalogue(topic), '/services/test');
      const relay = startRelay();
      await startConsumer();
      stopBroker();
      try {
        // Writes do not depend on Kafka: all 500 commit while it is away.
        await appendCounted(db.dataSource, outbox, keys, 25, 5);
        const waiting = await relay.lag();
        expect(waiting.pending).toBe(500);
        expect((await countEffects(db.dataSource)).total).toBe(0);
      } finally {
        startBroker();
      }
      const effects = await waitFor(
        () => countEffects(db.dataSource),
        (c) => c.total >= 500,
        90_000,
      );
      expect(effects).toEqual({ total: 500, distinct: 500 });
      expect(await outOfOrderKeys(db.dataSource)).toEqual([]);
    },
    // A broker stop and start plus the 90 s wait for delivery: more than Jest's default minute.
    180_000,
  );

  it('applies an event once when its offsets are replayed', async () => {
    const outbox = new Outbox(counterCatalogue(topic), '/services/test');
    await appendCounted(db.dataSource, outbox, keys.slice(0, 5), 20);
    startRelay();
    const group = `g-replay-${topic}`;
    const first = await startConsumer(group);
    await waitFor(
      () => countEffects(db.dataSource),
      (c) => c.total >= 100,
    );
    await first.stop();
    running.splice(running.indexOf(first), 1);

    await admin.resetOffsets({ groupId: group, topic, earliest: true });
    const second = await startConsumer(group);
    const seen = await waitFor(
      async () => second.stats(),
      (s) => s.duplicates >= 100,
    );
    expect(seen.duplicates).toBe(100);
    expect(seen.handled).toBe(0);
    expect(await countEffects(db.dataSource)).toEqual({ total: 100, distinct: 100 });
  });

  describe('offset commits: at most once per interval, not after every batch as kafkajs auto-commit', () => {
    const key = keys[0]!;
    /** One event, sent alone and handled before this returns: a fetched batch of its own. */
    async function oneEvent(expectedTotal: number): Promise<void> {
      await appendCounted(db.dataSource, new Outbox(counterCatalogue(topic), '/services/test'), [key], 1);
      const effects = await waitFor(
        () => countEffects(db.dataSource),
        (c) => c.total >= expectedTotal,
      );
      expect(effects.total).toBe(expectedTotal);
    }
    /** The group's committed offset on the one partition the key's events go to. */
    const committed = async (group: string) => {
      const [entry] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
      return Math.max(...entry!.partitions.map((p) => Number(p.offset)));
    };

    it('commits at once after a quiet interval, then not again within it, and what is pending on stop', async () => {
      startRelay();
      const group = `g-commits-${topic}`;
      const consumer = await startConsumer(group, { commitIntervalMs: 600_000 });
      await oneEvent(1);
      expect(
        await waitFor(
          () => committed(group),
          (offset) => offset === 1,
        ),
      ).toBe(1);
      // Nine more, each in a batch of its own: auto-commit would have committed after each.
      for (let n = 2; n <= 10; n += 1) await oneEvent(n);
      expect(await committed(group)).toBe(1);
      await consumer.stop();
      running.splice(running.indexOf(consumer), 1);
      expect(await committed(group)).toBe(10);

      // Started again, the group reads on from there: nothing handled twice, nothing skipped.
      const again = await startConsumer(group, { commitIntervalMs: 600_000 });
      await oneEvent(11);
      expect(again.stats()).toMatchObject({ handled: 1, duplicates: 0 });
    });

    it('commits within the interval after the last event when nothing follows, so the lag settles at zero', async () => {
      startRelay();
      const group = `g-commits-${topic}`;
      await startConsumer(group, { commitIntervalMs: 500 });
      await appendCounted(db.dataSource, new Outbox(counterCatalogue(topic), '/services/test'), [key], 5, 1);
      await oneEvent(6);
      const lag = await waitFor(
        () => groupLag(admin, group),
        (l) => l.length > 0 && l.every((p) => p.lag === 0),
        10_000,
      );
      expect(lag.every((p) => p.lag === 0)).toBe(true);
      expect(await committed(group)).toBe(6);
    });
  });

  it('lets two relays share one outbox: every event published, none twice', async () => {
    const outbox = new Outbox(counterCatalogue(topic), '/services/test');
    const ids = new Map<string, number>();
    let received = 0;
    const spy = testKafka('spy').consumer({ groupId: `spy-${topic}` });
    await spy.connect();
    await spy.subscribe({ topic, fromBeginning: true });
    await spy.run({
      eachMessage: async ({ message }) => {
        const id = message.headers!.ce_id!.toString();
        received += 1;
        ids.set(id, (ids.get(id) ?? 0) + 1);
      },
    });
    try {
      // Both relays connected and idle first, batches smaller than the number of keys: each batch
      // holds keys the other relay's batch does not, so both really publish (a relay skips a key
      // while the other holds an earlier event of it).
      const a = startRelay(10);
      const b = startRelay(10);
      await waitFor(
        async () =>
          (
            await db.dataSource.query<[{ n: number }]>(
              `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query = 'LISTEN pcc_outbox' AND datname = current_database()`,
            )
          )[0].n,
        (n) => n === 2,
      );
      await appendCounted(db.dataSource, outbox, manyKeys, 10, 50);
      await waitFor(
        async () => ids.size,
        (n) => n >= 1000,
        60_000,
      );
      // Stop both relays, so nothing more reaches the topic, then read it to its end: a duplicate
      // either relay sent is in the topic's offsets and so is counted, however late it came.
      for (const relay of [a, b]) {
        await relay.stop();
        running.splice(running.indexOf(relay), 1);
      }
      const end = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
      expect(
        await waitFor(
          () => received,
          (n) => n >= end,
          30_000,
        ),
      ).toBe(end);
      expect(ids.size).toBe(1000);
      expect([...ids.values()].filter((count) => count > 1)).toEqual([]);
      expect(a.stats().published + b.stats().published).toBe(1000);
      expect(a.stats().published).toBeGreaterThan(0);
      expect(b.stats().published).toBeGreaterThan(0);
    } finally {
      await spy.disconnect();
    }
    // Order per key also holds with two relays.
    await startConsumer();
    await waitFor(
      () => countEffects(db.dataSource),
      (c) => c.total >= 1000,
      60_000,
    );
    expect(await outOfOrderKeys(db.dataSource)).toEqual([]);
  });
});
