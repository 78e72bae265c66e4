import { Counter, Gauge, type Registry } from 'prom-client';
import type { ConsumerRunner, OutboxRelay } from '@pcc/events';

/**
 * The relay's and the consumer group's figures on `/metrics`, read from their `stats()` on each
 * scrape (nothing to update on the hot path), and the group's lag per topic and partition
 * (committed offset against the high watermark, asked of Kafka on the scrape).
 */
export function registerEventMetrics(
  registry: Registry,
  parts: { relay?: OutboxRelay | undefined; consumer?: ConsumerRunner | undefined },
): void {
  const { relay, consumer } = parts;
  const fromStats = <K extends string>(name: string, help: string, read: () => number, labels: Record<K, string>) =>
    new Counter<K>({
      name,
      help,
      labelNames: Object.keys(labels) as K[],
      registers: [registry],
      collect() {
        // The runner keeps the running total; a counter here just shows it.
        this.reset();
        this.inc(labels, read());
      },
    });
  if (relay) {
    fromStats(
      'pcc_relay_published_events_total',
      'Events the outbox relay published',
      () => relay.stats().published,
      {},
    );
    fromStats('pcc_relay_batches_total', 'Batches the outbox relay published', () => relay.stats().batches, {});
    fromStats('pcc_relay_failures_total', 'Relay rounds that failed (will retry)', () => relay.stats().failures, {});
    fromStats(
      'pcc_relay_parked_events_total',
      'Events Kafka refused for their content, moved to outbox_parked',
      () => relay.stats().parked,
      {},
    );
  }
  if (consumer) {
    const group = { group: consumer.group };
    const stats = () => consumer.stats();
    fromStats(
      'pcc_consumer_handled_events_total',
      'Events handled by the consumer group',
      () => stats().handled,
      group,
    );
    fromStats(
      'pcc_consumer_duplicate_events_total',
      'Redelivered events the inbox absorbed',
      () => stats().duplicates,
      group,
    );
    fromStats(
      'pcc_consumer_dead_lettered_events_total',
      'Events sent to a dead-letter topic',
      () => stats().deadLettered,
      group,
    );
    fromStats('pcc_consumer_failures_total', 'Failed attempts at handling an event', () => stats().failures, group);
    new Gauge({
      name: 'pcc_consumer_lag_messages',
      help: 'Messages not yet consumed by the group, per topic and partition',
      labelNames: ['group', 'topic', 'partition'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        const lag = await consumer.lag().catch(() => []);
        for (const p of lag) this.set({ ...group, topic: p.topic, partition: String(p.partition) }, p.lag);
      },
    });
  }
}
