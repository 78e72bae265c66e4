import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@pcc/testing';
import { entities, migrations, reportLapses, seed } from '../src/server';
import { LAPSING } from '../src/seed/seed';

const CODES = [
  'PKT-PAO',
  'PKT-CITY',
  'RATSADA',
  'WICHIT',
  'CHALONG',
  'RAWAI',
  'KARON',
  'KO-KAEO',
  'KATHU',
  'PATONG',
  'KAMALA',
  'THEP-KRASATTRI-M',
  'THEP-KRASATTRI-S',
  'SI-SUNTHON',
  'CHOENG-THALE-M',
  'CHOENG-THALE-S',
  'PA-KHLOK',
  'SAKHU',
  'MAI-KHAO',
];

/** `npm run seed`'s data, through the same providers as the API, on a real database. */
/** What the seed left behind, counted in one query. */
interface SeedFacts {
  plans: number;
  owners: number;
  years: number[];
  statuses: string[];
  joint: number;
  accumulated: number;
  delayed: number;
  coordination: string[];
  unbalanced: number;
}

describe('planning demo data (real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'planning_seed', migrations, entities });
    for (const code of CODES) {
      await db.dataSource.query(
        `INSERT INTO organization_projection (id, code, name_th, name_en, type, district, active, established_on, event_time) VALUES ($1, $2, $2, $2, 'TOWN_MUNICIPALITY', 'KATHU', true, '2000-01-01', now())`,
        [randomUUID(), code],
      );
    }
  });
  afterAll(() => db.drop());

  it('gives every organization a published plan and a few hundred projects of FY2561–FY2562 at every stage; a second run adds nothing', async () => {
    const first = await seed(db.dataSource);
    expect(first.plans).toBe(19);
    expect(first.projects).toBeGreaterThanOrEqual(200);
    expect(first.projects).toBeLessThanOrEqual(500);
    const [facts] = await db.dataSource.query<[SeedFacts]>(`
      SELECT (SELECT count(*)::int FROM development_plan WHERE status = 'PUBLISHED') AS plans,
             (SELECT count(DISTINCT owner_organization_id)::int FROM project) AS owners,
             (SELECT array_agg(DISTINCT fiscal_year ORDER BY fiscal_year) FROM project) AS years,
             (SELECT array_agg(DISTINCT status ORDER BY status) FROM project) AS statuses,
             (SELECT count(*)::int FROM project WHERE funding_source = 'JOINT' AND EXISTS (SELECT 1 FROM project_partner pp WHERE pp.project_id = project.id)) AS joint,
             (SELECT count(*)::int FROM project WHERE funding_source = 'ACCUMULATED_FUNDS' AND approved_at IS NOT NULL AND council_resolution_ref IS NOT NULL) AS accumulated,
             (SELECT count(*)::int FROM project WHERE delayed) AS delayed,
             (SELECT array_agg(DISTINCT coordination_status ORDER BY coordination_status) FROM project) AS coordination,
             (SELECT count(*)::int FROM project p WHERE disbursed <> (SELECT coalesce(sum(amount_disbursed), 0) FROM progress_report r WHERE r.project_id = p.id)) AS unbalanced`);
    expect(facts).toMatchObject({
      plans: 19,
      owners: 19,
      years: [2561, 2562],
      statuses: ['APPROVED', 'CANCELLED', 'COMPLETED', 'IN_PROGRESS', 'PROCURING', 'PROPOSED'],
      coordination: ['ACCEPTED', 'DECLINED', 'NOT_SUBMITTED', 'SUBMITTED'],
      unbalanced: 0,
    });
    expect(facts.joint).toBeGreaterThanOrEqual(10);
    expect(facts.accumulated).toBeGreaterThan(0);
    expect(facts.delayed).toBeGreaterThan(0);
    const [{ events }] = await db.dataSource.query<[{ events: number }]>(
      "SELECT count(*)::int AS events FROM outbox WHERE type = 'pcc.project.proposed'",
    );
    expect(events).toBe(first.projects);
    expect(await seed(db.dataSource)).toEqual({ plans: 0, projects: 0 });
  }, 180_000); // a few thousand transactions, twice: over a minute on a loaded 2-core machine

  it('leaves exactly its few demo approvals without a contract: the first lapse watch cancels those and keeps every other project', async () => {
    const open = `SELECT id FROM project WHERE funding_source = 'ACCUMULATED_FUNDS' AND status IN ('APPROVED', 'PROCURING', 'IN_PROGRESS')`;
    const before: Array<{ id: string }> = await db.dataSource.query(open);
    const uncontracted: Array<{ id: string }> = await db.dataSource.query(
      `${open} AND contract_signed_on IS NULL ORDER BY id`,
    );
    expect(uncontracted).toHaveLength(LAPSING);
    expect(before.length).toBeGreaterThan(LAPSING);
    const [{ early }] = await db.dataSource.query<[{ early: number }]>(
      `SELECT count(*)::int AS early FROM project WHERE contract_signed_on < council_resolution_date OR contract_signed_on > contract_deadline`,
    );
    expect(early).toBe(0);
    expect(await reportLapses(db.dataSource)).toBe(LAPSING);
    const lapsed: Array<{ id: string }> = await db.dataSource.query(
      `SELECT id FROM project WHERE funds_lapsed_on IS NOT NULL AND status = 'CANCELLED' ORDER BY id`,
    );
    expect(lapsed).toEqual(uncontracted);
    expect(await db.dataSource.query(open)).toHaveLength(before.length - LAPSING);
    expect(await reportLapses(db.dataSource)).toBe(0);
  }, 60_000);
});
