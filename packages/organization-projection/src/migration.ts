import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `organization_projection` table; services list this migration in their own migrations. */
export class CreateOrganizationProjection1764201700000 implements MigrationInterface {
  name = 'CreateOrganizationProjection1764201700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization_projection (
        id uuid PRIMARY KEY,
        code text NOT NULL UNIQUE,
        name_th text NOT NULL,
        name_en text NOT NULL,
        type text NOT NULL,
        district text NOT NULL,
        active boolean NOT NULL,
        established_on date,
        event_time timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE organization_projection');
  }
}
