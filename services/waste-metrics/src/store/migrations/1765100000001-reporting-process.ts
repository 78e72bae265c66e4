import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Waste reporting as a process: the PAO's review of each report revision (verified, or returned with
 * a reason that stays in this database), and the months flagged missing once their deadline passed
 * (one row per organization and month, so the flag and its event happen once).
 */
export class ReportingProcess1765100000001 implements MigrationInterface {
  name = 'ReportingProcess1765100000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE waste_report ADD COLUMN review_status text NOT NULL DEFAULT 'SUBMITTED'`);
    await q.query('ALTER TABLE waste_report ADD COLUMN reviewed_at timestamptz');
    await q.query('ALTER TABLE waste_report ADD COLUMN reviewed_by text');
    await q.query('ALTER TABLE waste_report ADD COLUMN return_reason text');
    await q.query(`
      CREATE TABLE waste_missing_report (
        organization_id uuid NOT NULL,
        month text NOT NULL,
        deadline timestamptz NOT NULL,
        flagged_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, month)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE waste_missing_report');
    for (const column of ['return_reason', 'reviewed_by', 'reviewed_at', 'review_status'])
      await q.query(`ALTER TABLE waste_report DROP COLUMN ${column}`);
  }
}
