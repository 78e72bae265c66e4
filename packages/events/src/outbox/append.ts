import type { EntityManager } from 'typeorm';
import { activeTraceparent } from '@pcc/telemetry';
import type { EventCatalogue } from '../catalogue/define';
import { newEvent, type DomainEvent } from '../envelope';
import { nextVersions } from './version';

export interface NewEvent<T = unknown> {
  type: string;
  subject: string;
  data: T;
  traceparent?: string | undefined;
}

/**
 * Writes events to the outbox through the caller's transaction (`manager` must be the
 * transactional EntityManager), so they commit or roll back with the state change they describe.
 * Each payload is validated against the catalogue first: an invalid event is a bug and fails the
 * whole transaction rather than reaching Kafka. Each event gets its aggregate's next `version`
 * (see `aggregate_version`), which consumers order by.
 */
export class Outbox {
  constructor(
    private readonly catalogue: EventCatalogue,
    private readonly source: string,
  ) {}

  async append(manager: EntityManager, ...events: NewEvent[]): Promise<DomainEvent[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.append needs the EntityManager of an open transaction');
    }
    // The active span (the request's or the consuming event's) is the event's cause; the caller's
    // `traceparent` is the fallback for a process that runs no OpenTelemetry SDK.
    const active = activeTraceparent();
    const parsed = events.map((e) => ({ ...e, data: this.catalogue.parse(e.type, e.data) as Record<string, unknown> }));
    if (parsed.length === 0) return [];
    const versions = await nextVersions(
      manager,
      parsed.map((e) => e.subject),
    );
    const envelopes = parsed.map((e, i) => {
      const definition = this.catalogue.get(e.type);
      const data = { ...e.data, version: versions[i] };
      const traceparent = active ?? e.traceparent;
      return { topic: definition!.topic, event: newEvent({ ...e, data, traceparent, source: this.source }) };
    });
    const values: unknown[] = [];
    const rows = envelopes.map(({ topic, event }, i) => {
      const n = i * 8;
      values.push(
        event.id,
        topic,
        event.subject,
        event.type,
        event.source,
        event.time,
        JSON.stringify(event.data),
        event.traceparent ?? null,
      );
      return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5}, $${n + 6}, $${n + 7}, $${n + 8})`;
    });
    await manager.query(
      `INSERT INTO outbox (id, topic, key, type, source, time, payload, traceparent) VALUES ${rows.join(', ')}`,
      values,
    );
    return envelopes.map((e) => e.event);
  }
}
