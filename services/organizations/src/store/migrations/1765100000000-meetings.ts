import type { MigrationInterface, QueryRunner } from 'typeorm';

const SUBJECTS_BEFORE = "'WASTE_MANAGEMENT','DEVELOPMENT_COORDINATION','DISASTER_RESPONSE','OTHER'";
const SUBJECTS = `${SUBJECTS_BEFORE},'JOINT_PROJECT','PUBLIC_HEALTH','ENVIRONMENT','INFRASTRUCTURE','TOURISM','EDUCATION','DATA_SHARING'`;

/**
 * The network's meetings (workshops, working-group meetings, signings): who attended, agenda,
 * materials, resolutions and the follow-up actions they assign to organizations. Agreements get a
 * term, obligations, more subjects, and the meeting they were signed at. Constraints on the existing
 * `agreement` table are added NOT VALID: its rows satisfy them (new columns are null, the subjects
 * only widen), and no scan holds its lock.
 */
export class Meetings1765100000000 implements MigrationInterface {
  name = 'Meetings1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE meeting (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('WORKSHOP','WORKING_GROUP_MEETING','SIGNING')),
        held_on date NOT NULL,
        place text NOT NULL,
        agenda jsonb NOT NULL DEFAULT '[]',
        materials jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX meeting_held_on ON meeting (held_on DESC, id DESC)');
    await q.query(`
      CREATE TABLE meeting_organization (
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE RESTRICT,
        PRIMARY KEY (meeting_id, organization_id)
      )`);
    // No foreign key to member: a member who leaves the working group is deleted, and the record of
    // who attended stays (the id, which events carried; the name is gone with the member).
    await q.query(`
      CREATE TABLE meeting_member (
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        member_id uuid NOT NULL,
        PRIMARY KEY (meeting_id, member_id)
      )`);
    await q.query(`
      CREATE TABLE resolution (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        number int NOT NULL CHECK (number BETWEEN 1 AND 100),
        text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (meeting_id, number)
      )`);
    await q.query(`
      CREATE TABLE follow_up_action (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
        resolution_id uuid NOT NULL REFERENCES resolution (id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organization (id) ON DELETE RESTRICT,
        description text NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','IN_PROGRESS','DONE','CANCELLED')),
        overdue_reported_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX follow_up_action_resolution ON follow_up_action (resolution_id)');
    await q.query('CREATE INDEX follow_up_action_organization ON follow_up_action (organization_id, due_on, id)');
    // What the overdue watch scans: open actions not yet reported, by due date.
    await q.query(
      `CREATE INDEX follow_up_action_unreported ON follow_up_action (due_on) WHERE status IN ('OPEN','IN_PROGRESS') AND overdue_reported_on IS NULL`,
    );
    await q.query(
      `ALTER TABLE agreement ADD COLUMN valid_from date, ADD COLUMN valid_until date, ADD COLUMN obligations jsonb NOT NULL DEFAULT '[]', ADD COLUMN meeting_id uuid`,
    );
    await q.query(
      'ALTER TABLE agreement ADD CONSTRAINT agreement_meeting_fkey FOREIGN KEY (meeting_id) REFERENCES meeting (id) ON DELETE SET NULL NOT VALID',
    );
    await q.query(
      'ALTER TABLE agreement ADD CONSTRAINT agreement_term_check CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from) NOT VALID',
    );
    await q.query('ALTER TABLE agreement DROP CONSTRAINT agreement_subject_check');
    await q.query(
      `ALTER TABLE agreement ADD CONSTRAINT agreement_subject_check CHECK (subject IN (${SUBJECTS})) NOT VALID`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE agreement SET subject = 'OTHER' WHERE subject NOT IN (${SUBJECTS_BEFORE})`);
    await q.query('ALTER TABLE agreement DROP CONSTRAINT agreement_subject_check');
    await q.query(
      `ALTER TABLE agreement ADD CONSTRAINT agreement_subject_check CHECK (subject IN (${SUBJECTS_BEFORE})) NOT VALID`,
    );
    await q.query('ALTER TABLE agreement DROP CONSTRAINT agreement_term_check');
    await q.query('ALTER TABLE agreement DROP CONSTRAINT agreement_meeting_fkey');
    await q.query(
      'ALTER TABLE agreement DROP COLUMN valid_from, DROP COLUMN valid_until, DROP COLUMN obligations, DROP COLUMN meeting_id',
    );
    await q.query('DROP TABLE follow_up_action');
    await q.query('DROP TABLE resolution');
    await q.query('DROP TABLE meeting_member');
    await q.query('DROP TABLE meeting_organization');
    await q.query('DROP TABLE meeting');
  }
}
