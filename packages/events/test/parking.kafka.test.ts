import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { ConfigResourceTypes, type Admin } from 'kafkajs';
import type { TestDatabase } from '@pcc/db';
import { EventTap } from '@pcc/testing';
import { defineEvent, EventCatalogue, listParked, Outbox, OutboxRelay, redriveParked } from '../src';
import { freshDatabase, testKafka, uniqueTopic, waitFor } from './fixtures';
import { Pool } from 'pg';

const cli = join(__dirname, '..', 'dist', 'cli', 'pcc-events.js');
const run = promisify(execFile);

/**
 * A message Kafka refuses for its size must not stop the relay: it is parked with the reason, every
 * event after it is published, and it can be re-driven. The topic's `max.message.bytes` stands in
 * for the broker's limit (20 kB here), so the test needs no broker restart.
 */
describe('the relay parks what Kafka refuses (real PostgreSQL and Kafka)', () => {
  const kafka = testKafka('parking-test');
  let admin: Admin;
  let db: TestDatabase;
  let topic: string;
  let relay: OutboxRelay;
  let tap: EventTap;
  const parkedSeen: Array<{ id: string; reason: string }> = [];

  const catalogue = (t: string) =>
    new EventCatalogue([
      defineEvent({
        type: 'pcc.test.padded',
        topic: t,
        description: 'test event with padding',
        schema: z.object({ key: z.string(), n: z.number().int(), pad: z.string() }),
      }),
    ]);
  const seen = (key: string) =>
    tap.messages
      .filter((m) => m.key === key)
      .map((m) => (m.value as { n: number }).n)
      .sort((a, b) => a - b);

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    topic = uniqueTopic('parking');
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 3, configEntries: [{ name: 'max.message.bytes', value: '20000' }] }],
    });
    db = await freshDatabase('parking');
    tap = await EventTap.open([topic]);
  });
  afterAll(async () => {
    await relay.stop();
    await tap.close();
    await admin.disconnect();
    await db.drop();
  });

  it('parks the oversized event, publishes every other one in small batches, and re-drives it', async () => {
    const outbox = new Outbox(catalogue(topic), '/services/test');
    const keys = ['00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-00000000000b'];
    // 20 events of 1 kB per key; the 11th of the first key is 30 kB, over the topic's limit.
    await db.dataSource.transaction((tx) =>
      outbox.append(
        tx,
        ...Array.from({ length: 20 }, (_, n) =>
          keys.map((key) => ({
            type: 'pcc.test.padded',
            subject: key,
            data: { key, n, pad: 'ก'.repeat(key === keys[0] && n === 10 ? 10_000 : 330) },
          })),
        ).flat(),
      ),
    );
    relay = new OutboxRelay({
      databaseUrl: db.url,
      kafka: testKafka('parking-relay'),
      pollIntervalMs: 100,
      maxBackoffMs: 500,
      maxBatchBytes: 8_000,
      onParked: (event) => parkedSeen.push(event),
    });
    relay.start();

    const all = Array.from({ length: 20 }, (_, n) => n);
    await waitFor(
      () => seen(keys[0]!).length + seen(keys[1]!).length,
      (n) => n >= 39,
      30_000,
    );
    expect(seen(keys[0]!)).toEqual(all.filter((n) => n !== 10));
    expect(seen(keys[1]!)).toEqual(all);
    const [{ n: waiting }] = await db.dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM outbox');
    expect(waiting).toBe(0);
    // Batches bounded in bytes: 39 messages of ~1.1 kB at 8 kB a request take several requests.
    expect(relay.stats().batches).toBeGreaterThanOrEqual(6);
    expect(relay.stats().parked).toBe(1);
    expect(parkedSeen).toHaveLength(1);
    expect(parkedSeen[0]!.reason).toMatch(/^MESSAGE_TOO_LARGE/);

    const { stdout: listed } = await run(process.execPath, [
      cli,
      'parked',
      'list',
      '--service',
      'test',
      '--database-url',
      db.url,
    ]);
    const [row] = listed
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; reason: string; bytes: number });
    expect(row!.id).toBe(parkedSeen[0]!.id);
    expect(row!.reason).toMatch(/^MESSAGE_TOO_LARGE/);
    expect(row!.bytes).toBeGreaterThan(30_000);

    // Still too large: re-driven, refused, parked again; nothing is lost and nothing blocks.
    const pool = new Pool({ connectionString: db.url, max: 1 });
    try {
      expect(await redriveParked(pool)).toEqual([row!.id]);
      await waitFor(
        () => relay.stats().parked,
        (n) => n === 2,
        20_000,
      );
      expect((await listParked(pool)).map((p) => p.id)).toEqual([row!.id]);
    } finally {
      await pool.end();
    }

    // Limit raised: the operator re-drives it through the command, and it is published.
    await admin.alterConfigs({
      validateOnly: false,
      resources: [
        {
          type: ConfigResourceTypes.TOPIC,
          name: topic,
          configEntries: [{ name: 'max.message.bytes', value: '1048576' }],
        },
      ],
    });
    const { stdout: redriven } = await run(process.execPath, [
      cli,
      'parked',
      'redrive',
      '--service',
      'test',
      '--database-url',
      db.url,
      '--id',
      row!.id,
    ]);
    expect(JSON.parse(redriven)).toEqual({ redriven: [row!.id] });
    await waitFor(
      () => seen(keys[0]!),
      (ns) => ns.includes(10),
      20_000,
    );
    const [{ n: parkedLeft }] = await db.dataSource.query<[{ n: number }]>(
      'SELECT count(*)::int AS n FROM outbox_parked',
    );
    expect(parkedLeft).toBe(0);
  });
});
