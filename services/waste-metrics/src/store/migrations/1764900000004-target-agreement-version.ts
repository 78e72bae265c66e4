import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The version of the MOU a target came from: a late, older event of that MOU changes nothing. */
export class TargetAgreementVersion1764900000004 implements MigrationInterface {
  name = 'TargetAgreementVersion1764900000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE waste_target ADD COLUMN agreement_version bigint NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE waste_target DROP COLUMN agreement_version');
  }
}
