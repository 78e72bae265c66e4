import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The organization's version last applied: the projection orders an organization's events by it. */
export class AddOrganizationProjectionVersion1764900000002 implements MigrationInterface {
  name = 'AddOrganizationProjectionVersion1764900000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE organization_projection ADD COLUMN version bigint NOT NULL DEFAULT 0');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE organization_projection DROP COLUMN version');
  }
}
