import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cancellation's reason as a code from a fixed list: what the cancellation event carries instead of
 * the stated reason, which may name a person (PDPA). Cancellations before it have no code (null).
 */
export class CancellationReasonCode1765100000004 implements MigrationInterface {
  name = 'CancellationReasonCode1765100000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE project ADD COLUMN cancellation_reason_code text');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE project DROP COLUMN cancellation_reason_code');
  }
}
