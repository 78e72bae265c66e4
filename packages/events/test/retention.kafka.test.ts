import { ConfigResourceTypes, type Admin } from 'kafkajs';
import { deadLetterTopic, ensureTopics, platformCatalogue, readTopicConfigs, TOPICS } from '../src';
import { testKafka, waitFor } from './fixtures';

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

  it('creates the organization registry and MOUs compacted, and every history topic kept indefinitely', async () => {
    await ensureTopics(admin, platformCatalogue.topics(), options);
    const configs = await readTopicConfigs(admin, platformCatalogue.topics());
    const policy = (topic: string) => [configs.get(topic)?.['cleanup.policy'], configs.get(topic)?.['retention.ms']];

    expect(policy(TOPICS.organization)).toEqual(['compact', '-1']);
    expect(policy(TOPICS.agreement)).toEqual(['compact', '-1']);
    for (const topic of [TOPICS.case, TOPICS.project, TOPICS.plan, TOPICS.wasteReport, TOPICS.member])
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
});
