import { QueryCounter } from '@pcc/db';
import { InternalTokens, type Identity } from '@pcc/subgraph-kit';
import { createTestDatabase, type TestDatabase } from '@pcc/testing';
import { createServer, entities, migrations } from '../src/server';
import { projectionScope } from '@pcc/organization-projection';
import { CaseWorkflow } from '../src/providers/case-workflow';
import { DEFAULT_SLA_HOURS } from '../src/domain/sla';

const SECRET = 'cases-test-internal-secret-0123456789abcdef';

/** The federation contract on its own: `_entities` for cases and for the Organization fields, batched. */
describe('cases subgraph entities (real PostgreSQL)', () => {
  const counter = new QueryCounter();
  const tokens = new InternalTokens(SECRET);
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  const orgIds = Array.from({ length: 19 }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'cases', migrations, entities, logger: counter });
    for (const [i, id] of orgIds.entries()) {
      await db.dataSource.query(
        `INSERT INTO organization_projection (id, code, name_th, name_en, type, district, active, event_time) VALUES ($1, $2, 'th', 'en', 'SUBDISTRICT_MUNICIPALITY', 'KATHU', true, now())`,
        [id, `ORG-${i + 1}`],
      );
    }
    const workflow = new CaseWorkflow({
      ...projectionScope(db.dataSource, { sub: 'admin', role: 'NETWORK_ADMIN', org: null }),
      sla: DEFAULT_SLA_HOURS,
    });
    for (const [i, id] of orgIds.entries()) {
      const { case: c } = await workflow.open({
        kind: 'GRIEVANCE',
        category: 'ROAD',
        channel: 'PHONE',
        title: `Case ${i}`,
        description: 'd',
        location: { lat: 7.9, lng: 98.3 },
        reporter: { name: 'R', phone: '0812345678' },
      });
      await workflow.triage(c.id, { leadOrganizationId: id, priority: 'NORMAL' });
    }
    server = await createServer({ dataSource: db.dataSource, internalTokens: tokens, logLevel: 'silent' });
  });
  afterAll(async () => {
    await server.app.close();
    await db.drop();
  });

  async function post(
    query: string,
    variables: Record<string, unknown>,
    identity: Identity = { sub: 'a', role: 'ANALYST', org: null },
  ) {
    const response = await server.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokens.sign(identity)}` },
      payload: { query, variables },
    });
    return response.json() as { data?: { _entities: Array<Record<string, unknown>> }; errors?: unknown[] };
  }

  it('gives the case statistics of 19 organizations with one SQL query', async () => {
    counter.reset();
    const body = await post(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id caseStats { open overdue } } } }',
      {
        r: orgIds.map((id) => ({ __typename: 'Organization', id })),
      },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities).toHaveLength(19);
    expect(body.data!._entities.every((e) => (e.caseStats as { open: number }).open === 1)).toBe(true);
    expect(counter.statements).toHaveLength(1);
  });

  it('resolves 19 case references with one SQL query', async () => {
    const ids: Array<{ id: string }> = await db.dataSource.query('SELECT id FROM "case"');
    counter.reset();
    const body = await post(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Case { id trackingCode status } } }',
      { r: ids.map(({ id }) => ({ __typename: 'Case', id })) },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities.map((e) => e.id)).toEqual(ids.map((i) => i.id));
    expect(counter.statements).toHaveLength(1);
  });
});
