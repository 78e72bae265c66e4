import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The registry: organizations, working-group members, agreements and their signatories. */
export class CreateRegistry1764201600000 implements MigrationInterface {
  name = 'CreateRegistry1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{1,31}$'),
        name_th text NOT NULL,
        name_en text NOT NULL,
        type text NOT NULL CHECK (type IN ('PROVINCIAL_ADMINISTRATION','CITY_MUNICIPALITY','TOWN_MUNICIPALITY','SUBDISTRICT_MUNICIPALITY','SUBDISTRICT_ADMINISTRATION')),
        district text NOT NULL CHECK (district IN ('MUEANG_PHUKET','KATHU','THALANG')),
        lat double precision CHECK (lat BETWEEN -90 AND 90),
        lng double precision CHECK (lng BETWEEN -180 AND 180),
        contact_address text,
        contact_phone text,
        contact_email text,
        contact_website text,
        active boolean NOT NULL DEFAULT true,
        established_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organization_names ON organization (lower(name_en), name_th)`);
    await q.query(`
      CREATE TABLE member (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid REFERENCES organization (id) ON DELETE RESTRICT,
        full_name text NOT NULL,
        title text,
        group_role text NOT NULL,
        category text NOT NULL CHECK (category IN ('LGO_EXECUTIVE','GOVERNMENT_OFFICIAL','CITIZEN_REPRESENTATIVE','OTHER_STAKEHOLDER')),
        term_start date,
        term_end date,
        phone text,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (term_end IS NULL OR term_start IS NULL OR term_end >= term_start)
      )`);
    await q.query('CREATE INDEX member_organization ON member (organization_id)');
    await q.query(`
      CREATE TABLE agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        subject text NOT NULL CHECK (subject IN ('WASTE_MANAGEMENT','DEVELOPMENT_COORDINATION','DISASTER_RESPONSE','OTHER')),
        signed_on date NOT NULL,
        targets jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE agreement_signatory (
        agreement_id uuid NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE RESTRICT,
        PRIMARY KEY (agreement_id, organization_id)
      )`);
    await q.query('CREATE INDEX agreement_signatory_organization ON agreement_signatory (organization_id)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE agreement_signatory');
    await q.query('DROP TABLE agreement');
    await q.query('DROP TABLE member');
    await q.query('DROP TABLE organization');
  }
}
