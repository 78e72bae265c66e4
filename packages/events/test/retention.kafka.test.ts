import { ConfigResourceTypes, Partitioners, type Admin } from 'kafkajs';
import { deadLetterTopic, ensureTopics, platformCatalogue, readTopicConfigs, readTopics, TOPICS } from '../src';
import { testKafka, uniqueTopic, waitFor } from './fixtures';

/**
 * Retention on purpose, read back from the real broker: reference data compacted, history kept for
 * good (or as configured), and a topic found at the broker's default brought to the policy on start.
 */
describe('topic retention policies (real Kafka)', () => {
  const kafka = testKafka('retention-test');
  let admin: Admin;
  // The platform's own topics, shared with later tests on this broker: created as every process creates them.
  const options = { partitions: 6, replicationFactor: 1 };
  /** The broker applies a config change from its metadata log a moment after acknowledging it. */
  const configsOnceSettled = (topics: string[], settled: (configs: Map<string, Record<string, string>>) => boolean) =>
    waitFor(() => readTopicConfigs(admin, topics), settled, 10_000);

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin.disconnect();
  });

  it('creates the organization registry compacted, and every history topic (MOUs too) kept indefinitely', async () => {
    await ensureTopics(admin, platformCatalogue.topics(), options);
    const configs = await readTopicConfigs(admin, platformCatalogue.topics());
    const policy = (topic: string) => [configs.get(topic)?.['cleanup.policy'], configs.get(topic)?.['retention.ms']];

    expect(policy(TOPICS.organization)).toEqual(['compact', '-1']);
    for (const topic of [TOPICS.case, TOPICS.project, TOPICS.plan, TOPICS.wasteReport, TOPICS.member, TOPICS.agreement])
      expect(policy(topic)).toEqual(['delete', '-1']);
    const dlq = await readTopicConfigs(admin, [deadLetterTopic(TOPICS.organization)]);
    expect(dlq.get(deadLetterTopic(TOPICS.organization))?.['retention.ms']).toBe('-1');
  });

  it('brings topics left at the default (7 days, delete) to the policy on start', async () => {
    await ensureTopics(admin, [TOPICS.organization, TOPICS.case], options);
    // As a topic created before the policy existed, or changed by hand: the broker's defaults.
    await admin.alterConfigs({
      validateOnly: false,
      resources: [TOPICS.organization, TOPICS.case].map((name) => ({
        type: ConfigResourceTypes.TOPIC,
        name,
        configEntries: [{ name: 'retention.ms', value: String(7 * 24 * 3600 * 1000) }],
      })),
    });
    const before = await configsOnceSettled(
      [TOPICS.organization, TOPICS.case],
      (c) =>
        c.get(TOPICS.case)?.['retention.ms'] === '604800000' &&
        c.get(TOPICS.organization)?.['cleanup.policy'] === 'delete',
    );
    expect(before.get(TOPICS.organization)?.['cleanup.policy']).toBe('delete');
    expect(before.get(TOPICS.case)?.['retention.ms']).toBe('604800000');

    await ensureTopics(admin, [TOPICS.organization, TOPICS.case], options);

    const after = await configsOnceSettled(
      [TOPICS.organization, TOPICS.case],
      (c) =>
        c.get(TOPICS.case)?.['retention.ms'] === '-1' && c.get(TOPICS.organization)?.['cleanup.policy'] === 'compact',
    );
    expect(after.get(TOPICS.organization)?.['cleanup.policy']).toBe('compact');
    expect(after.get(TOPICS.case)?.['retention.ms']).toBe('-1');
  });

  it('keeps history for the configured time when KAFKA_HISTORY_RETENTION_MS says so', async () => {
    const ninetyDays = 90 * 24 * 3600 * 1000;
    await ensureTopics(admin, [TOPICS.project], { ...options, historyRetentionMs: ninetyDays });
    const configs = await configsOnceSettled([TOPICS.project, deadLetterTopic(TOPICS.project)], (c) =>
      [...c.values()].every((topic) => topic['retention.ms'] === String(ninetyDays)),
    );
    expect(configs.get(TOPICS.project)?.['retention.ms']).toBe(String(ninetyDays));
    expect(configs.get(deadLetterTopic(TOPICS.project))?.['retention.ms']).toBe(String(ninetyDays));
    // Back to the default, so later tests and processes see the platform's policy.
    await ensureTopics(admin, [TOPICS.project], options);
    const restored = await configsOnceSettled(
      [TOPICS.project],
      (c) => c.get(TOPICS.project)?.['retention.ms'] === '-1',
    );
    expect(restored.get(TOPICS.project)?.['retention.ms']).toBe('-1');
  });

  /**
   * Compaction itself, on the broker: a topic compacted as the registry is, with segments that close
   * after 100 ms and a cleaner that takes any dirty segment, loses the older snapshot of a key and
   * keeps the newest of every key. The broker's cleaner looks for work every 15 s
   * (`log.cleaner.backoff.ms`), so this takes 15–30 s.
   */
  it('keeps only the latest snapshot of each key once the cleaner has run', async () => {
    const topic = uniqueTopic('compaction');
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: 1,
          replicationFactor: 1,
          configEntries: Object.entries({
            'cleanup.policy': 'compact',
            'retention.ms': '-1',
            'segment.ms': '100',
            'min.cleanable.dirty.ratio': '0.01',
            'min.compaction.lag.ms': '0',
            'delete.retention.ms': '0',
          }).map(([name, value]) => ({ name, value })),
        },
      ],
    });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const snapshot = (key: string, version: number) => ({ key, value: JSON.stringify({ key, version }) });
    await producer.send({ topic, messages: [snapshot('KATHU', 1), snapshot('PATONG', 1), snapshot('KATHU', 2)] });
    const read = async () => {
      const seen: Array<{ key: string; version: number }> = [];
      const { done } = await readTopics(kafka, {
        topics: [topic],
        follow: false,
        onMessage: (_topic, _partition, message) => {
          seen.push(JSON.parse(message.value!.toString()) as { key: string; version: number });
        },
      });
      await done;
      return seen;
    };
    try {
      // Each probe appends a message to another key, which closes the segment once 100 ms passed
      // (the cleaner never touches the segment being written), then reads the topic from the start.
      let tick = 0;
      const kept = await waitFor(
        async () => {
          tick += 1;
          await producer.send({ topic, messages: [snapshot('TICK', tick)] });
          return read();
        },
        (seen) => seen.filter((s) => s.key === 'KATHU').length === 1,
        60_000,
        2_000,
      );
      expect(kept.filter((s) => s.key !== 'TICK')).toEqual([
        { key: 'PATONG', version: 1 },
        { key: 'KATHU', version: 2 },
      ]);
    } finally {
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    }
  }, 90_000);
});
