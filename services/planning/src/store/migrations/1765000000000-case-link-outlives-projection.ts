import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A project's link to a case no longer needs the case's row in `case_projection`: the link is checked
 * when it is made, and the projection may be emptied and rebuilt from Kafka (`events:replay`) while
 * the links stay.
 */
export class CaseLinkOutlivesProjection1765000000000 implements MigrationInterface {
  name = 'CaseLinkOutlivesProjection1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE project_case DROP CONSTRAINT project_case_case_id_fkey');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE project_case ADD CONSTRAINT project_case_case_id_fkey FOREIGN KEY (case_id) REFERENCES case_projection (id)',
    );
  }
}
