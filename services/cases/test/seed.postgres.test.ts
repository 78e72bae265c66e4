import { OrganizationFactory } from '@pcc/organization-projection/testing';
import { createTestDatabase, type TestDatabase } from '@pcc/testing';
import { SUBDISTRICTS } from '../src/domain/areas';
import type { District } from '../src/domain/vocabulary';
import { entities, migrations, seed } from '../src/server';

/** The network's organizations by district: the PAO and every organization whose area is a tambon. */
function network(): Array<{ code: string; district: District }> {
  const byCode = new Map<string, District>([['PKT-PAO', 'MUEANG_PHUKET']]);
  for (const s of SUBDISTRICTS) for (const o of s.organizations) byCode.set(o.code, s.district);
  return [...byCode].map(([code, district]) => ({ code, district }));
}

describe('cases: the demo seed (real PostgreSQL)', () => {
  let db: TestDatabase;
  const count = async (sql: string) => (await db.dataSource.query<[{ n: number }]>(sql))[0].n;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'cases_seed', migrations, entities });
    await OrganizationFactory.insert(db.dataSource, ...network());
  });
  afterAll(async () => {
    await db.drop();
  });

  it('opens cases in real tambons: most routed on their own, a few waiting in the triage queue with a reason', async () => {
    expect(network()).toHaveLength(19);
    const result = await seed(db.dataSource, 80);
    expect(result.cases).toBe(80);
    expect(await count('SELECT count(*)::int AS n FROM "case"')).toBe(80);
    expect(await count('SELECT count(*)::int AS n FROM "case" WHERE subdistrict IS NOT NULL')).toBeGreaterThan(60);
    const routed = await count(
      "SELECT count(DISTINCT case_id)::int AS n FROM case_timeline WHERE action = 'routed' AND actor_role = 'SYSTEM'",
    );
    expect(routed).toBeGreaterThan(20);
    const queue = await db.dataSource.query<Array<{ routing_exception: string | null }>>(
      `SELECT routing_exception FROM "case" WHERE status = 'RECEIVED'`,
    );
    expect(queue.length).toBeGreaterThan(0);
    expect(queue.every((c) => c.routing_exception !== null)).toBe(true);
  });

  it('hands some cases to outside bodies, some already answered and some still waiting', async () => {
    const referrals = await db.dataSource.query<Array<{ external_body: string; replied: boolean }>>(
      'SELECT external_body, replied_at IS NOT NULL AS replied FROM case_external_referral',
    );
    expect(referrals.filter((r) => r.replied).length).toBeGreaterThan(0);
    expect(referrals.filter((r) => !r.replied).length).toBeGreaterThan(0);
    // Each referral is an event in the outbox, like any made through the API.
    expect(await count("SELECT count(*)::int AS n FROM outbox WHERE type = 'pcc.case.referred-to-external-body'")).toBe(
      referrals.length,
    );
  });

  it('does nothing the second time', async () => {
    const before = await count('SELECT count(*)::int AS n FROM case_external_referral');
    expect(await seed(db.dataSource, 80)).toEqual({ cases: 0, rules: 0, referrals: 0 });
    expect(await count('SELECT count(*)::int AS n FROM "case"')).toBe(80);
    expect(await count('SELECT count(*)::int AS n FROM case_external_referral')).toBe(before);
  });
});
