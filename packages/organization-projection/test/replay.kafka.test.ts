import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  ConsumerRunner,
  EventCatalogue,
  eventsMigrations,
  organizationEvents,
  readTopicConfigs,
  Outbox,
  OutboxRelay,
  replayProjection,
  ReplayRefusedError,
  topicConfig,
  TOPICS,
} from '@pcc/events';
import { createTestDatabase, testKafka, uniqueTopic, waitFor, type TestDatabase } from '@pcc/testing';
import {
  ORGANIZATION_PROJECTION,
  organizationProjection,
  organizationProjectionMigrations,
  OrganizationProjection,
} from '../src';

/**
 * The organization projection rebuilt from Kafka alone: replayed from offset 0 it comes back
 * identical, and a consumer database created after the producer's outbox was emptied learns every
 * organization from the compacted registry topic. Real organization event types and schemas, on a
 * topic of this test's own with the registry's policy.
 */
describe('rebuilding the organization projection from Kafka (real Kafka and PostgreSQL)', () => {
  const kafka = testKafka('replay-test');
  const topic = uniqueTopic('registry');
  const catalogue = new EventCatalogue(
    organizationEvents.filter((d) => d.topic === TOPICS.organization).map((d) => ({ ...d, topic })),
  );
  const projection = { ...ORGANIZATION_PROJECTION, topics: [topic] };
  const subscription = { topic, handlers: organizationProjection.handlers };
  const actor = { sub: 'test', role: 'NETWORK_ADMIN' as const, org: null };
  let producer: TestDatabase;
  const consumers: TestDatabase[] = [];
  const running: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    // The registry's own policy (compacted), on this test's topic.
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: 3,
          configEntries: Object.entries(topicConfig(TOPICS.organization)).map(([name, value]) => ({ name, value })),
        },
      ],
    });
    await admin.disconnect();
    producer = await createTestDatabase({ prefix: 'replay_org', migrations: eventsMigrations });
  });
  afterAll(async () => {
    while (running.length) await running.pop()!.stop();
    for (const db of consumers) await db.drop();
    await producer.drop();
  });

  const consumerDatabase = async () => {
    const db = await createTestDatabase({
      prefix: 'replay_proj',
      migrations: [...eventsMigrations, ...organizationProjectionMigrations],
      entities: [OrganizationProjection],
    });
    consumers.push(db);
    return db;
  };
  const startConsumer = async (db: TestDatabase, group: string) => {
    const consumer = new ConsumerRunner({
      kafka: testKafka('replay-consumer'),
      dataSource: db.dataSource,
      catalogue,
      group,
      subscriptions: [subscription],
    });
    await consumer.start();
    return consumer;
  };
  const rows = (db: TestDatabase) =>
    db.dataSource.query<Array<Record<string, unknown>>>(
      'SELECT id, code, name_th, name_en, type, district, active, established_on::text, event_time, version FROM organization_projection ORDER BY id',
    );

  /** 19 organizations registered, renamed twice and some deactivated: 19 + 38 + 3 events. */
  async function publishRegistry(): Promise<void> {
    const outbox = new Outbox(catalogue, '/services/organizations');
    const snapshot = (id: string, n: number, name: string, active = true) => ({
      id,
      code: `R${n}-${topic.slice(-8)}`,
      nameTh: `ท ${name}`,
      nameEn: name,
      type: 'SUBDISTRICT_ADMINISTRATION',
      district: 'THALANG',
      active,
      establishedOn: '1995-05-01',
    });
    const ids = Array.from({ length: 19 }, () => randomUUID());
    await producer.dataSource.transaction((tx) =>
      outbox.append(
        tx,
        ...ids.map((id, n) => ({
          type: 'pcc.organization.registered',
          subject: id,
          data: { organization: snapshot(id, n, `Org ${n}`), actor },
        })),
      ),
    );
    for (const round of [1, 2])
      for (const [n, id] of ids.entries())
        await producer.dataSource.transaction((tx) =>
          outbox.append(tx, {
            type: 'pcc.organization.updated',
            subject: id,
            data: { organization: snapshot(id, n, `Org ${n} v${round + 1}`), changed: ['nameEn'], actor },
          }),
        );
    for (const n of [3, 7, 11])
      await producer.dataSource.transaction((tx) =>
        outbox.append(tx, {
          type: 'pcc.organization.deactivated',
          subject: ids[n]!,
          data: { organization: snapshot(ids[n]!, n, `Org ${n} v3`, false), actor },
        }),
      );
    const relay = new OutboxRelay({ databaseUrl: producer.url, kafka: testKafka('replay-relay'), pollIntervalMs: 200 });
    relay.start();
    running.push(relay);
    // The producer's outbox is emptied as Kafka acknowledges: from here on only the topic has the registry.
    await waitFor(
      () => producer.dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM outbox'),
      (r) => r[0]!.n === 0,
    );
  }

  it('rebuilds a projection from offset 0 identical to what it was', async () => {
    await publishRegistry();
    const db = await consumerDatabase();
    const group = `replay-${randomUUID()}`;
    let consumer = await startConsumer(db, group);
    const before = await waitFor(
      () => rows(db),
      (r) => r.length === 19 && r.every((o) => String(o.name_en).endsWith('v3')),
    );
    expect(before.filter((o) => o.active === false)).toHaveLength(3);

    const pool = new Pool({ connectionString: db.url, max: 1 });
    const admin = kafka.admin();
    await admin.connect();
    try {
      // A running consumer's offsets cannot move: refused, nothing emptied.
      await expect(replayProjection({ admin, pool, group, projection })).rejects.toBeInstanceOf(ReplayRefusedError);
      expect(await rows(db)).toHaveLength(19);

      await consumer.stop();
      const result = await replayProjection({ admin, pool, group, projection });
      expect(result).toMatchObject({ rowsRemoved: 19, inboxRowsRemoved: 60 });
      expect(await rows(db)).toEqual([]);
    } finally {
      await admin.disconnect();
      await pool.end();
    }

    consumer = await startConsumer(db, group);
    running.push(consumer);
    const rebuilt = await waitFor(
      () => rows(db),
      (r) => JSON.stringify(r) === JSON.stringify(before),
    );
    expect(rebuilt).toEqual(before);
  });

  it('gives a consumer database created after the outbox was emptied the whole registry', async () => {
    const [{ n }] = await producer.dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM outbox');
    expect(n).toBe(0);
    const admin = kafka.admin();
    await admin.connect();
    const configs = await readTopicConfigs(admin, [topic]);
    await admin.disconnect();
    expect(configs.get(topic)?.['cleanup.policy']).toBe('compact');
    const db = await consumerDatabase();
    running.push(await startConsumer(db, `fresh-${randomUUID()}`));
    const learned = await waitFor(
      () => rows(db),
      (r) => r.length === 19 && r.every((o) => String(o.name_en).endsWith('v3')),
    );
    expect(learned).toHaveLength(19);
    expect(learned.filter((o) => o.active === false)).toHaveLength(3);
  });
});
