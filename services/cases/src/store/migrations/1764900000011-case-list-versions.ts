import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createVersionTable, dropVersionTable } from '@pcc/db';

/**
 * A version per organization that every change to its cases bumps in the change's own transaction:
 * a case it leads (inserted, changed, deleted, moved to or from it) or supports, and a supporting
 * organization joining or leaving a case. The service keeps computed counts and statistics per
 * organization in memory keyed by this version (VersionedCache in @pcc/subgraph-kit): a reader whose
 * own write has committed reads a version at least as new, so nothing older than its write is served.
 * An organization without a row is at version 0.
 *
 * The bumps take the same row locks the statistics trigger already takes for the lead organization,
 * in id order (createVersionTable), so two transactions touching the same organizations cannot deadlock.
 */
export class CaseListVersions1764900000011 implements MigrationInterface {
  name = 'CaseListVersions1764900000011';

  async up(q: QueryRunner): Promise<void> {
    await createVersionTable(q, 'case_list_version');
    await q.query(`
      CREATE FUNCTION case_list_case_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;
      BEGIN
        PERFORM case_list_version_bump(
          ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD.lead_org_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.lead_org_id END]
          || ARRAY(SELECT organization_id FROM case_supporting_organization WHERE case_id = changed));
        RETURN NULL;
      END $$`);
    await q.query(
      'CREATE TRIGGER case_list_version AFTER INSERT OR UPDATE OR DELETE ON "case" FOR EACH ROW EXECUTE FUNCTION case_list_case_trigger()',
    );
    await q.query(`
      CREATE FUNCTION case_list_supporting_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM case_list_version_bump(ARRAY[CASE WHEN TG_OP = 'INSERT' THEN NEW.organization_id ELSE OLD.organization_id END]);
        RETURN NULL;
      END $$`);
    await q.query(
      'CREATE TRIGGER case_list_version AFTER INSERT OR DELETE ON case_supporting_organization FOR EACH ROW EXECUTE FUNCTION case_list_supporting_trigger()',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TRIGGER case_list_version ON case_supporting_organization');
    await q.query('DROP TRIGGER case_list_version ON "case"');
    await q.query('DROP FUNCTION case_list_supporting_trigger()');
    await q.query('DROP FUNCTION case_list_case_trigger()');
    await dropVersionTable(q, 'case_list_version');
  }
}
