import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createVersionTable, dropVersionTable } from '@pcc/db';

/**
 * A version per organization that every change to what its waste summaries are computed from bumps
 * in the change's own transaction: its reports, baseline and target, and its row of the organization
 * projection (name, active). The service keeps computed summaries in memory keyed by these versions
 * (store/kept-summaries.ts), and the province's summary by their total: a reader whose own write has
 * committed reads versions at least as new, so nothing older than its write is served.
 */
export class WasteVersions1764900000014 implements MigrationInterface {
  name = 'WasteVersions1764900000014';

  async up(q: QueryRunner): Promise<void> {
    await createVersionTable(q, 'waste_version');
    await q.query(`
      CREATE FUNCTION waste_version_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM waste_version_bump(ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD.organization_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.organization_id END]);
        RETURN NULL;
      END $$`);
    for (const table of ['waste_report', 'waste_baseline', 'waste_target'])
      await q.query(
        `CREATE TRIGGER waste_version AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION waste_version_trigger()`,
      );
    await q.query(`
      CREATE FUNCTION waste_version_organization_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM waste_version_bump(ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN OLD.id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.id END]);
        RETURN NULL;
      END $$`);
    await q.query(
      'CREATE TRIGGER waste_version AFTER INSERT OR UPDATE OR DELETE ON organization_projection FOR EACH ROW EXECUTE FUNCTION waste_version_organization_trigger()',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['organization_projection', 'waste_target', 'waste_baseline', 'waste_report'])
      await q.query(`DROP TRIGGER waste_version ON ${table}`);
    await q.query('DROP FUNCTION waste_version_organization_trigger()');
    await q.query('DROP FUNCTION waste_version_trigger()');
    await dropVersionTable(q, 'waste_version');
  }
}
