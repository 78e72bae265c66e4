import type { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = "('RECEIVED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'IN_MEDIATION', 'REOPENED')";

/**
 * Indexes for an organization's case lists, newest first, as the dashboards read them at a million
 * cases. Without them the planner had two bad choices: walk every open case of the province by due
 * date and sort (660 ms for one organization's first page), or a bitmap over every case of a category
 * with a heap visit per row to filter the organization (1.8 s to count one organization's waste
 * cases). With them a page is a short index walk and a count an index-only scan of that
 * organization's entries. Built CONCURRENTLY (outside a transaction): writes go on while they build.
 */
export class OrganizationListIndexes1764900000010 implements MigrationInterface {
  name = 'OrganizationListIndexes1764900000010';
  transaction = false;

  async up(q: QueryRunner): Promise<void> {
    // Every case an organization leads, newest first (lists with any other filter).
    await q.query(
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS case_lead_newest ON "case" (lead_org_id, opened_at DESC, id DESC)',
    );
    // Its open cases, newest first; due_at included so the overdue filter is answered from the index.
    await q.query(
      `CREATE INDEX CONCURRENTLY IF NOT EXISTS case_lead_open_newest ON "case" (lead_org_id, opened_at DESC, id DESC) INCLUDE (due_at) WHERE status IN ${OPEN}`,
    );
    // Its cases of one category, newest first.
    await q.query(
      'CREATE INDEX CONCURRENTLY IF NOT EXISTS case_lead_category_newest ON "case" (lead_org_id, category, opened_at DESC, id DESC)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['case_lead_category_newest', 'case_lead_open_newest', 'case_lead_newest'])
      await q.query(`DROP INDEX CONCURRENTLY IF EXISTS ${index}`);
  }
}
