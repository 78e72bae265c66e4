import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The case's version last applied: the case projection orders a case's events by it, not by time. */
export class CaseProjectionVersion1764900000003 implements MigrationInterface {
  name = 'CaseProjectionVersion1764900000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_projection ADD COLUMN version bigint NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE case_projection DROP COLUMN version');
  }
}
