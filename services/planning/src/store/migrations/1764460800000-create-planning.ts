import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Plans, strategies, approaches, projects with partners, progress reports, case links and the case projection. */
export class CreatePlanning1764460800000 implements MigrationInterface {
  name = 'CreatePlanning1764460800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE development_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        title text NOT NULL,
        first_fiscal_year int NOT NULL,
        last_fiscal_year int NOT NULL,
        status text NOT NULL CHECK (status IN ('DRAFT', 'PUBLISHED')),
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (last_fiscal_year BETWEEN first_fiscal_year AND first_fiscal_year + 4)
      )`);
    await q.query(
      'CREATE INDEX development_plan_organization ON development_plan (organization_id, first_fiscal_year)',
    );
    await q.query(`
      CREATE TABLE strategy (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES development_plan (id) ON DELETE CASCADE,
        code text NOT NULL,
        title text NOT NULL,
        position int NOT NULL,
        UNIQUE (plan_id, code)
      )`);
    await q.query(`
      CREATE TABLE development_approach (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        strategy_id uuid NOT NULL REFERENCES strategy (id) ON DELETE CASCADE,
        code text NOT NULL,
        title text NOT NULL,
        position int NOT NULL,
        UNIQUE (strategy_id, code)
      )`);
    // Amounts: numeric(14,2) THB. The CHECKs restate the domain rules as the last line of defence.
    await q.query(`
      CREATE TABLE project (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        title text NOT NULL,
        objective text NOT NULL,
        target text NOT NULL,
        kpi text NOT NULL,
        expected_result text NOT NULL,
        owner_organization_id uuid NOT NULL,
        fiscal_year int NOT NULL,
        plan_id uuid NOT NULL REFERENCES development_plan (id),
        strategy_id uuid NOT NULL REFERENCES strategy (id),
        approach_id uuid REFERENCES development_approach (id),
        funding_source text NOT NULL CHECK (funding_source IN ('ANNUAL_BUDGET', 'ACCUMULATED_FUNDS', 'SUBSIDY', 'JOINT')),
        budget numeric(14,2) NOT NULL CHECK (budget >= 0),
        approved_budget numeric(14,2) CHECK (approved_budget > 0),
        disbursed numeric(14,2) NOT NULL DEFAULT 0 CHECK (disbursed >= 0 AND disbursed <= coalesce(approved_budget, 0)),
        council_resolution_ref text,
        council_resolution_date date,
        planned_start date NOT NULL,
        planned_end date NOT NULL CHECK (planned_end >= planned_start),
        status text NOT NULL CHECK (status IN ('PROPOSED', 'APPROVED', 'PROCURING', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
        cancellation_reason text,
        progress_percent int NOT NULL DEFAULT 0 CHECK (progress_percent BETWEEN 0 AND 100),
        delayed boolean NOT NULL DEFAULT false,
        delay_reason text,
        delay_reported_status text,
        coordination_status text NOT NULL DEFAULT 'NOT_SUBMITTED' CHECK (coordination_status IN ('NOT_SUBMITTED', 'SUBMITTED', 'ACCEPTED', 'DECLINED')),
        coordination_note text,
        coordination_submitted_at timestamptz,
        coordination_decided_at timestamptz,
        approved_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'COMPLETED' OR progress_percent = 100),
        CHECK (funding_source <> 'ACCUMULATED_FUNDS' OR approved_at IS NULL OR (council_resolution_ref IS NOT NULL AND council_resolution_date IS NOT NULL))
      )`);
    await q.query('CREATE INDEX project_owner_year ON project (owner_organization_id, fiscal_year, status)');
    await q.query('CREATE INDEX project_year_status ON project (fiscal_year, status)');
    await q.query('CREATE INDEX project_newest ON project (created_at DESC, id DESC)');
    await q.query('CREATE INDEX project_owner_newest ON project (owner_organization_id, created_at DESC, id DESC)');
    await q.query(
      "CREATE INDEX project_under_way ON project (planned_end) WHERE status IN ('APPROVED', 'PROCURING', 'IN_PROGRESS')",
    );
    await q.query(`
      CREATE TABLE project_partner (
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        PRIMARY KEY (project_id, organization_id)
      )`);
    await q.query('CREATE INDEX project_partner_organization ON project_partner (organization_id)');
    await q.query(`
      CREATE TABLE project_counter (
        organization_id uuid NOT NULL,
        fiscal_year int NOT NULL,
        last int NOT NULL,
        PRIMARY KEY (organization_id, fiscal_year)
      )`);
    await q.query(`
      CREATE TABLE progress_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        reported_on date NOT NULL,
        percent int NOT NULL CHECK (percent BETWEEN 0 AND 100),
        amount_disbursed numeric(14,2) NOT NULL CHECK (amount_disbursed >= 0),
        note text,
        reported_by text NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX progress_report_project ON progress_report (project_id, reported_at)');
    await q.query(`
      CREATE TABLE case_projection (
        id uuid PRIMARY KEY,
        tracking_code text NOT NULL,
        status text NOT NULL,
        organization_ids uuid[] NOT NULL,
        event_time timestamptz NOT NULL
      )`);
    await q.query(`
      CREATE TABLE project_case (
        project_id uuid NOT NULL REFERENCES project (id) ON DELETE CASCADE,
        case_id uuid NOT NULL REFERENCES case_projection (id),
        linked_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, case_id)
      )`);
    await q.query('CREATE INDEX project_case_case ON project_case (case_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'project_case',
      'case_projection',
      'progress_report',
      'project_counter',
      'project_partner',
      'project',
      'development_approach',
      'strategy',
      'development_plan',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
