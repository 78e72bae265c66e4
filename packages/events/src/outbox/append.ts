import type { EntityManager } from 'typeorm';
import { SqlParameters } from '@pcc/db/sql-parameters';
import { activeTraceparent } from '@pcc/telemetry';
import type { EventCatalogue } from '../catalogue/define';
import { newEvent, type DomainEvent } from '../envelope';

export interface NewEvent<T = unknown> {
  type: string;
  subject: string;
  data: T;
  traceparent?: string | undefined;
}

/**
 * Writes events to the outbox with the state change they describe, so they commit or roll back
 * together. Each payload is validated against the catalogue first: an invalid event is a bug and
 * fails the whole change rather than reaching Kafka. Each event gets its aggregate's next `version`
 * (see `aggregate_version`), which consumers order by.
 */
export class Outbox {
  constructor(
    private readonly catalogue: EventCatalogue,
    private readonly source: string,
  ) {}

  /** Appends the events in the caller's transaction (`manager` must be its EntityManager), in one round trip. */
  async append(manager: EntityManager, ...events: NewEvent[]): Promise<DomainEvent[]> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.append needs the EntityManager of an open transaction');
    }
    const parameters = new SqlParameters();
    const insertion = this.insertion(parameters, events);
    if (insertion.events.length === 0) return [];
    const rows = await manager.query<Array<{ id: string; version: string }>>(
      `WITH ${insertion.sql} SELECT id, version FROM ${insertion.name}`,
      parameters.values,
    );
    const versions = new Map(rows.map((r) => [r.id, Number(r.version)]));
    return insertion.events.map((e) => ({ ...e, data: { ...(e.data as object), version: versions.get(e.id) } }));
  }

  /**
   * The events as two data-modifying CTEs for the caller's own statement, so that a change and its
   * events are one statement and one round trip: `<name>_versions` increments each subject's version
   * once per event, and `<name>` inserts the rows, each payload with its version, returning `id` and
   * `version`. The statement is atomic on its own; put it in the change's transaction if the change
   * takes more than one. Returns the events without their versions (those are the database's).
   */
  insertion(
    parameters: SqlParameters,
    events: readonly NewEvent[],
    name = 'outbox_rows',
  ): { sql: string; name: string; events: DomainEvent[] } {
    // The active span (the request's or the consuming event's) is the event's cause; the caller's
    // `traceparent` is the fallback for a process that runs no OpenTelemetry SDK.
    const active = activeTraceparent();
    const envelopes = events.map((e) => {
      const data = this.catalogue.parse(e.type, e.data);
      const traceparent = active ?? e.traceparent;
      return {
        topic: this.catalogue.get(e.type)!.topic,
        event: newEvent({ ...e, data, traceparent, source: this.source }),
      };
    });
    const rows = parameters.add(
      JSON.stringify(
        envelopes.map(({ topic, event }, n) => ({
          n,
          id: event.id,
          topic,
          key: event.subject,
          type: event.type,
          source: event.source,
          time: event.time,
          payload: event.data,
          traceparent: event.traceparent ?? null,
        })),
      ),
    );
    // Keys are locked in sorted order, so two writers of the same keys cannot deadlock on them; the
    // versions are taken before the rows get their `seq`, so one aggregate's rows are in version
    // order. Within a subject, events get increasing versions in the order given.
    const sql = `${name}_versions AS (
        INSERT INTO aggregate_version AS a (key, version)
        SELECT key, count(*) FROM jsonb_to_recordset(${rows}::jsonb) AS e(key text) GROUP BY key ORDER BY key
        ON CONFLICT (key) DO UPDATE SET version = a.version + EXCLUDED.version
        RETURNING key, version
      ),
      ${name} AS (
        INSERT INTO outbox (id, topic, key, type, source, time, payload, traceparent)
        SELECT e.id, e.topic, e.key, e.type, e.source, e.time,
               e.payload || jsonb_build_object('version',
                 v.version - count(*) OVER (PARTITION BY e.key) + row_number() OVER (PARTITION BY e.key ORDER BY e.n)),
               e.traceparent
        FROM jsonb_to_recordset(${rows}::jsonb)
          AS e(n int, id uuid, topic text, key text, type text, source text, time timestamptz, payload jsonb, traceparent text)
        JOIN ${name}_versions v ON v.key = e.key
        ORDER BY e.n
        RETURNING id, (payload->>'version')::bigint AS version
      )`;
    return { sql, name, events: envelopes.map((e) => e.event) };
  }
}
