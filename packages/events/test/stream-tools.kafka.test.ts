import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { KafkaMessage } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import type { TestDatabase } from '@pcc/db';
import {
  ConsumerRunner,
  ensureTopics,
  groupLag,
  listDeadLetters,
  Outbox,
  OutboxRelay,
  readTopics,
  redriveDeadLetters,
  type DomainEvent,
} from '../src';
import {
  appendCounted,
  countEffects,
  counterCatalogue,
  freshDatabase,
  recordEffect,
  testKafka,
  uniqueTopic,
  waitFor,
} from './fixtures';

/** The operators' tools on the real broker: dead letters listed and re-driven after a fix, lag, the CLI. */
describe('stream tools (real Kafka and PostgreSQL)', () => {
  const kafka = testKafka('stream-tools');
  let db: TestDatabase;
  const topic = uniqueTopic('tools');
  const group = `tools-${topic}`;
  const running: Array<{ stop(): Promise<void> }> = [];

  beforeAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [topic], { partitions: 2, replicationFactor: 1 });
    await admin.disconnect();
    db = await freshDatabase('tools');
  });
  afterAll(async () => {
    while (running.length) await running.pop()!.stop();
    await db.drop();
  });

  it('lists a dead letter, re-drives it with its original headers after the fix, and the lag drains', async () => {
    let fixed = false;
    const handler = async (event: DomainEvent, tx: EntityManager) => {
      if (!fixed && (event.data as { n: number }).n === 2) throw new Error('a bug for n=2');
      await recordEffect(event, tx);
    };
    const relay = new OutboxRelay({ databaseUrl: db.url, kafka: testKafka('tools-relay'), pollIntervalMs: 200 });
    relay.start();
    running.push(relay);
    await appendCounted(db.dataSource, new Outbox(counterCatalogue(topic), '/services/test'), ['k1', 'k2'], 4);
    const consumer = new ConsumerRunner({
      kafka: testKafka('tools-consumer'),
      dataSource: db.dataSource,
      catalogue: counterCatalogue(topic),
      group,
      maxAttempts: 2,
      retryDelayMs: 10,
      subscriptions: [{ topic, handlers: { 'pcc.test.counted': handler } }],
    });
    await consumer.start();
    running.push(consumer);

    await waitFor(
      () => consumer.stats().deadLettered,
      (n) => n === 2,
    );
    const letters = await listDeadLetters(kafka, [topic]);
    expect(letters.map((l) => [l.sourceTopic, l.consumerGroup, l.attempts, l.type])).toEqual([
      [topic, group, 2, 'pcc.test.counted'],
      [topic, group, 2, 'pcc.test.counted'],
    ]);
    expect(letters[0]!.error).toContain('a bug for n=2');
    expect((await countEffects(db.dataSource)).total).toBe(6);

    fixed = true;
    const one = letters[0]!.id!;
    expect((await redriveDeadLetters(kafka, topic, [one])).map((l) => l.id)).toEqual([one]);
    await waitFor(
      () => countEffects(db.dataSource),
      (c) => c.total === 7,
    );
    const rest = await redriveDeadLetters(kafka, topic);
    expect(rest).toHaveLength(2); // both dead letters: the first again, which the inbox skips
    const effects = await waitFor(
      () => countEffects(db.dataSource),
      (c) => c.total === 8,
    );
    expect(effects).toEqual({ total: 8, distinct: 8 });

    // On the topic, a re-driven message is the original: same id and headers, none of the dlq_* ones.
    const seen: KafkaMessage[] = [];
    const reading = await readTopics(kafka, {
      topics: [topic],
      follow: false,
      onMessage: (_t, _p, m) => void seen.push(m),
    });
    await reading.done;
    const copies = seen.filter((m) => m.headers?.ce_id?.toString() === one);
    expect(copies).toHaveLength(3);
    expect(Object.keys(copies[2]!.headers!).sort()).toEqual(Object.keys(copies[0]!.headers!).sort());
    expect(Object.keys(copies[2]!.headers!).some((h) => h.startsWith('dlq_'))).toBe(false);

    const admin = kafka.admin();
    await admin.connect();
    const lag = await waitFor(
      () => groupLag(admin, group),
      (l) => l.length > 0 && l.every((p) => p.lag === 0),
    );
    await admin.disconnect();
    expect(lag.every((p) => p.lag === 0)).toBe(true);
  }, 180_000);

  it('pcc-events: help for every subcommand, usage errors with exit 64, tail filtered by type as JSON lines', () => {
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [join(__dirname, '..', 'dist', 'cli', 'pcc-events.js'), ...args], {
        encoding: 'utf8',
        timeout: 60_000,
        env: { ...process.env },
      });
    const help = cli('--help');
    expect(help.status).toBe(0);
    for (const command of ['tail', 'replay', 'sink', 'query', 'dlq', 'lag', 'parked']) {
      expect(help.stdout).toContain(`  ${command}`);
      const own = cli(command, '--help');
      expect(own.status).toBe(0);
      expect(own.stdout).toContain(`pcc-events ${command}`);
    }
    expect(cli('nonsense').status).toBe(64);
    expect(cli('tail', '--format', 'xml').status).toBe(64);
    expect(cli('replay', '--group', 'g').status).toBe(64);

    const tail = cli('tail', '--topic', topic, '--since', '1h', '--type', 'pcc.test.*');
    expect(tail.status).toBe(0);
    const lines = tail.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string; subject: string });
    expect(lines.length).toBeGreaterThanOrEqual(8);
    expect(new Set(lines.map((l) => l.type))).toEqual(new Set(['pcc.test.counted']));
    const bySubject = cli('tail', '--topic', topic, '--since', '1h', '--subject', 'k1', '--format', 'table');
    expect(
      bySubject.stdout
        .trim()
        .split('\n')
        .slice(1)
        .every((l) => l.includes(' k1 ')),
    ).toBe(true);
    expect(cli('tail', '--topic', topic, '--type', 'pcc.other.*').stdout).toBe('');
  }, 180_000);
});
