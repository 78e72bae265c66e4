import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals still waiting for their outside body's reply, oldest first (`referralsAwaitingReply`):
 * a partial index of the unreplied ones only, in the order the follow-up list reads them, so the list
 * stays a short index walk however many replied referrals pile up. Built CONCURRENTLY (outside a
 * transaction): referrals go on being recorded while it builds.
 */
export class ReferralsAwaitingReply1766100000000 implements MigrationInterface {
  name = 'ReferralsAwaitingReply1766100000000';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS case_external_referral_awaiting ON case_external_referral (forwarded_at, id) WHERE replied_at IS NULL',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX CONCURRENTLY IF EXISTS case_external_referral_awaiting');
  }
}
