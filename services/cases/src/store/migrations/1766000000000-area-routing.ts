import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Routing by tambon: a case's tambon (DOPA code) and, for a case left in the triage queue, why it was
 * not routed on its own; and the cases handed to bodies outside the network (waterworks, electricity,
 * highways, police, the provincial office), each followed until the body replies.
 */
export class AreaRouting1766000000000 implements MigrationInterface {
  name = 'AreaRouting1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE "case" ADD COLUMN subdistrict text');
    await q.query('ALTER TABLE "case" ADD COLUMN routing_exception text');
    await q.query(`
      CREATE TABLE case_external_referral (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES "case" (id) ON DELETE CASCADE,
        external_body text NOT NULL,
        reference text,
        note text,
        forwarded_at timestamptz NOT NULL,
        forwarded_by_role text NOT NULL,
        forwarded_by_org text,
        reply text,
        replied_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query('CREATE INDEX case_external_referral_case ON case_external_referral (case_id, forwarded_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE case_external_referral');
    await q.query('ALTER TABLE "case" DROP COLUMN routing_exception');
    await q.query('ALTER TABLE "case" DROP COLUMN subdistrict');
  }
}
