import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Monthly reports with their revisions, baselines, targets and the at-risk state per fiscal year. */
export class CreateWaste1764374400000 implements MigrationInterface {
  name = 'CreateWaste1764374400000';

  async up(q: QueryRunner): Promise<void> {
    const t = (name: string) => `${name} numeric(12,3) NOT NULL CHECK (${name} >= 0)`;
    await q.query(`
      CREATE TABLE waste_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        fiscal_year int NOT NULL,
        revision int NOT NULL CHECK (revision > 0),
        latest boolean NOT NULL,
        ${['general', 'organic', 'recyclable', 'hazardous', 'incinerated', 'landfilled', 'recycled', 'composted', 'total_tonnes'].map(t).join(',\n        ')},
        reporter_sub text NOT NULL,
        reporter_name text NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now(),
        note text,
        UNIQUE (organization_id, month, revision)
      )`);
    // Exactly one latest revision per organization and month; the summaries read only these.
    await q.query('CREATE UNIQUE INDEX waste_report_latest ON waste_report (organization_id, month) WHERE latest');
    await q.query('CREATE INDEX waste_report_year ON waste_report (fiscal_year, organization_id) WHERE latest');
    await q.query(`
      CREATE TABLE waste_baseline (
        organization_id uuid PRIMARY KEY,
        fiscal_year int,
        tonnes numeric(14,3),
        source text NOT NULL CHECK (source IN ('ADMIN', 'AGREEMENT')),
        set_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((fiscal_year IS NULL) <> (tonnes IS NULL))
      )`);
    await q.query(`
      CREATE TABLE waste_target (
        organization_id uuid PRIMARY KEY,
        reduction_percent numeric(6,2) NOT NULL,
        agreement_id uuid NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE waste_risk_state (
        organization_id uuid NOT NULL,
        fiscal_year int NOT NULL,
        at_risk boolean NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, fiscal_year)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['waste_risk_state', 'waste_target', 'waste_baseline', 'waste_report'])
      await q.query(`DROP TABLE ${table}`);
  }
}
