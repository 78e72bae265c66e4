import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accumulated funds (จ่ายขาดเงินสะสม): each organization's latest report of its balance and the
 * figures its reserves are computed from; on a project, the purpose approved, the deadline to sign its
 * contract, the contract, and the day the approval lapsed. The project's new CHECK is added NOT VALID:
 * its columns are new (null on every row), and no scan holds the table's lock.
 */
export class AccumulatedFunds1765100000002 implements MigrationInterface {
  name = 'AccumulatedFunds1765100000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE accumulated_funds_report (
        organization_id uuid PRIMARY KEY,
        reported_on date NOT NULL,
        balance numeric(16,2) NOT NULL CHECK (balance >= 0),
        monthly_personnel_cost numeric(16,2) NOT NULL CHECK (monthly_personnel_cost >= 0),
        annual_budget numeric(16,2) NOT NULL CHECK (annual_budget >= 0),
        reported_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      'ALTER TABLE project ADD COLUMN accumulated_funds_purpose text, ADD COLUMN contract_deadline date, ADD COLUMN contract_signed_on date, ADD COLUMN funds_lapsed_on date',
    );
    await q.query(
      `ALTER TABLE project ADD CONSTRAINT project_accumulated_funds_purpose_check CHECK (accumulated_funds_purpose IN ('COMMUNITY_AND_SOCIAL_SERVICES','REVENUE_GENERATING','PUBLIC_HARDSHIP_RELIEF','OTHER')) NOT VALID`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE project DROP CONSTRAINT project_accumulated_funds_purpose_check');
    await q.query(
      'ALTER TABLE project DROP COLUMN accumulated_funds_purpose, DROP COLUMN contract_deadline, DROP COLUMN contract_signed_on, DROP COLUMN funds_lapsed_on',
    );
    await q.query('DROP TABLE accumulated_funds_report');
  }
}
