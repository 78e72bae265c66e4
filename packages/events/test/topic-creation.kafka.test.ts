import { kafkaBrokers } from '@pcc/testing';
import { createKafka, ensureTopics } from '../src';
import { uniqueTopic } from './fixtures';

/**
 * Services starting together on a new broker, as `npm run bench` and a fresh cluster start them:
 * each creates the topics it publishes and consumes (the same ones, in part), then subscribes its
 * consumer at once. Before `ensureTopics` waited for every topic to answer, a service that found a
 * topic being created by another subscribed too early, and kafkajs gave up on the broker's
 * UNKNOWN_TOPIC_OR_PARTITION: planning exited that way at the start of a benchmark on a new broker.
 */
describe('topics created by services starting together (real Kafka)', () => {
  const options = { partitions: 3, replicationFactor: 1 };

  /** One service: its own client (as its own process has), its topics, then its consumer. */
  async function startService(name: string, topics: string[]): Promise<void> {
    // The platform's client settings (few retries), as every service builds it; its logs are not the test's.
    const kafka = createKafka({ brokers: kafkaBrokers(), clientId: name }, () => undefined);
    const admin = kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, topics, options);
    } finally {
      await admin.disconnect();
    }
    const consumer = kafka.consumer({ groupId: uniqueTopic(`${name}-group`) });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics, fromBeginning: true });
    } finally {
      await consumer.disconnect();
    }
  }

  it('lets every service subscribe as soon as its topics are ensured, in every round', async () => {
    const failures: string[] = [];
    // Six services needing one to six of the same new topics: without the wait, 9 to 14 of ten
    // rounds' 60 starts failed; five rounds make a pass by luck all but impossible.
    for (let round = 1; round <= 5; round += 1) {
      const shared = ['registry', 'members', 'cases', 'plans', 'projects', 'waste'].map(uniqueTopic);
      const results = await Promise.allSettled(
        ['organizations', 'cases', 'planning', 'waste-metrics', 'notifications', 'registry'].map((name, i) =>
          startService(name, shared.slice(0, 1 + i)),
        ),
      );
      for (const result of results)
        if (result.status === 'rejected')
          failures.push(`round ${round}: ${(result.reason as { type?: string }).type ?? String(result.reason)}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
