import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CreateOutboxParked1764900000000 } from './parked-migration';
import { OutboxNotifyWindow1767100000000 } from './notify-window-migration';
import { CreateAggregateVersion1764900000001 } from './version-migration';
import { FIRST_NOTIFY_BODY } from './notify-function';

/**
 * The `outbox` and `inbox` tables every service database has. Services list this migration in
 * their own migrations array (see `eventsMigrations`), so the tables are created, reviewed and
 * reverted like any other schema change.
 *
 * outbox: a queue, not a log — the relay deletes rows once Kafka has acknowledged them (Kafka is
 * the log). `seq` gives the commit-ordered sequence the relay follows; the statement-level trigger
 * NOTIFYs `pcc_outbox` when the outbox was empty, which PostgreSQL delivers only when the
 * writing transaction commits.
 *
 * inbox: one row per (consumer group, event id) handled, written in the same transaction as the
 * handler's effect, so a redelivered event is recognised and skipped.
 */
export class CreateOutboxAndInbox1764115200000 implements MigrationInterface {
  name = 'CreateOutboxAndInbox1764115200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        seq         bigserial PRIMARY KEY,
        id          uuid NOT NULL UNIQUE,
        topic       text NOT NULL,
        key         text NOT NULL,
        type        text NOT NULL,
        source      text NOT NULL,
        time        timestamptz NOT NULL,
        payload     jsonb NOT NULL,
        traceparent text,
        created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    // The relay's "is an earlier event of this key still waiting?" check.
    await q.query('CREATE INDEX outbox_key_seq ON outbox (key, seq)');
    // NOTIFY takes a database-wide lock held through commit, which serialises every notifying
    // commit. So a write wakes the relay only when it finds the outbox otherwise empty (else the
    // relay is busy already) and no other open transaction is about to wake it (the advisory
    // try-lock, held to the end of that transaction, never waits). A write that skipped its
    // NOTIFY is picked up by the relay's quick polling after any activity.
    await q.query(`CREATE FUNCTION pcc_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS ${FIRST_NOTIFY_BODY}`);
    await q.query(`
      CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
      REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION pcc_outbox_notify()`);
    await q.query(`
      CREATE TABLE inbox (
        consumer   text NOT NULL,
        event_id   uuid NOT NULL,
        topic      text NOT NULL,
        type       text NOT NULL,
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inbox');
    await q.query('DROP TRIGGER outbox_notify ON outbox');
    await q.query('DROP FUNCTION pcc_outbox_notify()');
    await q.query('DROP TABLE outbox');
  }
}

/** The migrations of this package, to spread into a service's migrations list. */
export const eventsMigrations = [
  CreateOutboxAndInbox1764115200000,
  CreateOutboxParked1764900000000,
  CreateAggregateVersion1764900000001,
  OutboxNotifyWindow1767100000000,
];
