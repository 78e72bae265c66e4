import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases and everything hanging off them. Indexes follow the `cases` filters and the statistics
 * query, for a million rows: status/lead/due for dashboards, category+time+place for duplicates,
 * trigram on title for text search.
 */
export class CreateCases1764288000000 implements MigrationInterface {
  name = 'CreateCases1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await q.query(`CREATE TABLE tracking_sequence (fiscal_year int PRIMARY KEY, last_value int NOT NULL)`);
    await q.query(`
      CREATE TABLE "case" (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tracking_code text NOT NULL UNIQUE,
        fiscal_year int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('GRIEVANCE','CONFLICT')),
        category text NOT NULL,
        channel text NOT NULL,
        title text NOT NULL,
        description text NOT NULL,
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
        address text,
        district text,
        attachment_urls text[] NOT NULL DEFAULT '{}',
        reporter_name text NOT NULL,
        reporter_phone text,
        reporter_email text,
        reporter_secret_hash text NOT NULL,
        priority text NOT NULL,
        status text NOT NULL,
        lead_org_id uuid,
        due_at timestamptz,
        sla_breached_for timestamptz,
        resolution text,
        outcome text,
        referred_to text,
        rating int CHECK (rating BETWEEN 1 AND 5),
        rating_comment text,
        reopen_count int NOT NULL DEFAULT 0,
        duplicate_of uuid REFERENCES "case" (id),
        opened_at timestamptz NOT NULL,
        resolved_at timestamptz,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX case_list ON "case" (opened_at DESC, id DESC)`);
    await q.query(`CREATE INDEX case_lead_status ON "case" (lead_org_id, status, opened_at DESC)`);
    await q.query(`CREATE INDEX case_status ON "case" (status, opened_at DESC)`);
    await q.query(
      `CREATE INDEX case_overdue ON "case" (due_at) WHERE status IN ('RECEIVED','TRIAGED','ASSIGNED','IN_PROGRESS','IN_MEDIATION','REOPENED')`,
    );
    await q.query(`CREATE INDEX case_nearby ON "case" (category, lat, lng, opened_at)`);
    await q.query(`CREATE INDEX case_district ON "case" (district, opened_at DESC)`);
    await q.query(`CREATE INDEX case_title_trgm ON "case" USING gin (title gin_trgm_ops)`);
    await q.query(`CREATE INDEX case_resolved ON "case" (lead_org_id, resolved_at) WHERE resolved_at IS NOT NULL`);
    await q.query(`
      CREATE TABLE case_supporting_organization (
        case_id uuid NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, organization_id)
      )`);
    await q.query('CREATE INDEX case_supporting_by_org ON case_supporting_organization (organization_id)');
    await q.query(`
      CREATE TABLE case_timeline (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_sub text NOT NULL,
        actor_role text NOT NULL,
        actor_org text,
        action text NOT NULL,
        from_status text,
        to_status text,
        note text,
        data jsonb NOT NULL DEFAULT '{}'
      )`);
    await q.query('CREATE INDEX case_timeline_case ON case_timeline (case_id, id)');
    await q.query(`
      CREATE TABLE case_party (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
        name text NOT NULL,
        role text NOT NULL,
        contact text
      )`);
    await q.query('CREATE INDEX case_party_case ON case_party (case_id)');
    await q.query(`
      CREATE TABLE mediation_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
        held_at timestamptz NOT NULL,
        mediator text NOT NULL,
        attendees text[] NOT NULL,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX mediation_session_case ON mediation_session (case_id, held_at)');
    await q.query(`
      CREATE TABLE routing_rule (
        district text NOT NULL,
        category text NOT NULL,
        organization_id uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (district, category)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'routing_rule',
      'mediation_session',
      'case_party',
      'case_timeline',
      'case_supporting_organization',
      '"case"',
      'tracking_sequence',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
