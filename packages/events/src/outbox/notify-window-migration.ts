import type { MigrationInterface, QueryRunner } from 'typeorm';
import { FIRST_NOTIFY_BODY } from './notify-function';

/**
 * The outbox trigger's "is an earlier row still waiting?" check looks only at the 1,000 sequence
 * numbers below the new rows. Unbounded, it was the costliest statement of public intake: the relay
 * deletes rows as fast as they come, and until autovacuum's next visit (up to a minute) their index
 * entries stay at the head of the primary key, which the check walked on every insert — 0.57 ms of
 * each intake's outbox INSERT under load (`pg_stat_statements`, BENCHMARKS.md), against 0.05 ms for
 * its other inserts. Any row older than the window that still waits means a relay far behind, which
 * is awake and working anyway; and the bounded check can only notify more often than the unbounded
 * one, never less, so no wake-up is lost.
 */
export class OutboxNotifyWindow1767100000000 implements MigrationInterface {
  name = 'OutboxNotifyWindow1767100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION pcc_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        first_new bigint := (SELECT min(seq) FROM inserted);
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM outbox WHERE seq < first_new AND seq >= first_new - 1000)
           AND pg_try_advisory_xact_lock(hashtext('pcc_outbox_notify')) THEN
          PERFORM pg_notify('pcc_outbox', '');
        END IF;
        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE OR REPLACE FUNCTION pcc_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS ${FIRST_NOTIFY_BODY}`,
    );
  }
}
