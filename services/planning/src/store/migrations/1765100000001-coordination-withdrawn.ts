import type { MigrationInterface, QueryRunner } from 'typeorm';

const CHECK = 'project_coordination_status_check';

/**
 * Coordination gains WITHDRAWN: a project cancelled while its coordination was SUBMITTED takes it
 * back, so no coordination stays undecided. The new CHECK allows every value the old one did, so every
 * existing row satisfies it: it is added NOT VALID (no scan of the table under its lock) and enforced
 * on every write from here on.
 */
export class CoordinationWithdrawn1765100000001 implements MigrationInterface {
  name = 'CoordinationWithdrawn1765100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE project DROP CONSTRAINT ${CHECK}`);
    await q.query(
      `ALTER TABLE project ADD CONSTRAINT ${CHECK} CHECK (coordination_status IN ('NOT_SUBMITTED', 'SUBMITTED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')) NOT VALID`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE project SET coordination_status = 'DECLINED' WHERE coordination_status = 'WITHDRAWN'`);
    await q.query(`ALTER TABLE project DROP CONSTRAINT ${CHECK}`);
    await q.query(
      `ALTER TABLE project ADD CONSTRAINT ${CHECK} CHECK (coordination_status IN ('NOT_SUBMITTED', 'SUBMITTED', 'ACCEPTED', 'DECLINED')) NOT VALID`,
    );
  }
}
