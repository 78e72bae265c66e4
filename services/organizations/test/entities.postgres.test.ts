import { QueryCounter } from '@pcc/db';
import { InternalTokens, type Identity } from '@pcc/subgraph-kit';
import {
  createTestDatabase,
  errorCodes,
  expectNoGraphQLErrors,
  graphqlClient,
  IdentityFactory,
  type GraphQLClient,
  type TestDatabase,
} from '@pcc/testing';
import { createServer, entities, migrations, seed } from '../src/server';
import { graphql } from './generated';

const SECRET = 'organizations-test-internal-secret-0123456789';

/** The federation contract of this subgraph on its own: `_entities`, batched, plus the token gate. */
describe('organizations subgraph (real PostgreSQL)', () => {
  const counter = new QueryCounter();
  const tokens = new InternalTokens(SECRET);
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  const analyst = IdentityFactory.analyst('t');

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'orgs', migrations, entities, logger: counter });
    await seed(db.dataSource);
    server = await createServer({ dataSource: db.dataSource, internalTokens: tokens, logLevel: 'silent' });
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
  });
  afterAll(async () => {
    await server.app.close();
    await db.drop();
  });

  it('resolves all 19 organizations through _entities with one SQL query', async () => {
    const ids: Array<{ id: string; code: string }> = await db.dataSource.query(
      'SELECT id, code FROM organization ORDER BY code',
    );
    expect(ids).toHaveLength(19);
    counter.reset();
    const data = expectNoGraphQLErrors(
      await client.execute({
        document: graphql(`
          query OrganizationReferences($representations: [_Any!]!) {
            _entities(representations: $representations) {
              ... on Organization {
                id
                code
                nameEn
              }
            }
          }
        `),
        variables: { representations: [...ids].reverse().map(({ id }) => ({ __typename: 'Organization', id })) },
        as: analyst,
      }),
    );
    // Same order as the representations, each one resolved.
    expect(data._entities.map((e) => (e && 'code' in e ? e.code : e))).toEqual([...ids].reverse().map((i) => i.code));
    expect(counter.statements).toHaveLength(1);
    expect(counter.statements[0]).toMatch(/FROM "organization"/);
  });

  it('returns null for a representation that matches nothing, without a failing query', async () => {
    const data = expectNoGraphQLErrors(
      await client.execute({
        document: graphql(`
          query MissingOrganizationReferences($r: [_Any!]!) {
            _entities(representations: $r) {
              ... on Organization {
                id
              }
            }
          }
        `),
        variables: {
          r: [
            { __typename: 'Organization', id: '00000000-0000-4000-8000-000000000000' },
            { __typename: 'Organization', id: 'not-a-uuid' },
          ],
        },
        as: analyst,
      }),
    );
    expect(data._entities).toEqual([null, null]);
  });

  it('exposes its SDL with the Organization key for composition', async () => {
    const data = expectNoGraphQLErrors(
      await client.execute({
        document: graphql(`
          query ServiceSdl {
            _service {
              sdl
            }
          }
        `),
        as: analyst,
      }),
    );
    expect(data._service.sdl).toMatch(/type Organization\s+@key\(fields: "id"\)/);
  });

  const OrganizationCount = graphql(`
    query OrganizationCount {
      organizations {
        totalCount
      }
    }
  `);

  it('refuses GraphQL without the internal token, but answers health checks', async () => {
    const response = await client.execute({ document: OrganizationCount });
    expect(response.status).toBe(401);
    expect(errorCodes(response)[0]).toBe('UNAUTHENTICATED');
    expect((await server.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    const ready = await server.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: true } });
    const metrics = await server.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('pcc_graphql_operation_duration_seconds');
  });

  it('refuses a token signed with another key or expired', async () => {
    const forged = await new InternalTokens('some-other-secret-that-is-long-enough-000').sign({
      sub: 'x',
      role: 'NETWORK_ADMIN',
      org: null,
    });
    // Expired beyond the 30 s of clock skew subgraphs tolerate.
    const expired = await new InternalTokens(SECRET, -60).sign({ sub: 'x', role: 'NETWORK_ADMIN', org: null });
    for (const token of [forged, expired, 'not.a.jwt']) {
      const response = await graphqlClient(server.app, { sign: () => token }).execute({
        document: OrganizationCount,
        as: analyst,
      });
      expect(response.status).toBe(401);
      expect(errorCodes(response)[0]).toBe('UNAUTHENTICATED');
    }
  });

  it('lets the officers of an organization that left the network change nothing of it', async () => {
    const [{ id, code }] = await db.dataSource.query<[{ id: string; code: string }]>(
      'SELECT id, code FROM organization ORDER BY code LIMIT 1',
    );
    await db.dataSource.query('UPDATE organization SET active = false WHERE id = $1', [id]);
    try {
      const update = (as: Identity) =>
        client.execute({
          document: 'mutation ($id: ID!) { updateOrganization(id: $id, input: { nameEn: "Renamed" }) { id } }',
          variables: { id },
          as,
        });
      const addMember = (as: Identity) =>
        client.execute({
          document:
            'mutation ($org: ID!) { addMember(input: { fullName: "Somchai Jaidee", groupRole: "member", category: LGO_EXECUTIVE, organizationId: $org }) { id } }',
          variables: { org: id },
          as,
        });
      const officer = IdentityFactory.officer(code);
      expect(errorCodes(await update(officer))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await addMember(officer))).toEqual(['FORBIDDEN']);
    } finally {
      await db.dataSource.query('UPDATE organization SET active = true WHERE id = $1', [id]);
    }
  });

  it('seeds idempotently: a second run creates nothing and emits nothing', async () => {
    const before = await db.dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM outbox');
    expect(await seed(db.dataSource)).toEqual({ organizations: 0, agreements: 0, meetings: 0 });
    expect(await db.dataSource.query('SELECT count(*)::int AS n FROM outbox')).toEqual(before);
    // The first run emitted 19 registrations, the demo meetings (2 records, 2 resolutions, 15 actions done)
    // and the MOU (no relay runs here, so they wait in the outbox).
    expect(before[0].n).toBe(39);
    const [mou] = await db.dataSource.query<Array<{ targets: unknown; signatories: number }>>(
      `SELECT targets, (SELECT count(*)::int FROM agreement_signatory s WHERE s.agreement_id = a.id) AS signatories FROM agreement a`,
    );
    expect(mou).toEqual({
      targets: [{ metric: 'WASTE_REDUCTION', value: '5.00', unit: 'PERCENT', baselineFiscalYear: 2560 }],
      signatories: 19,
    });
  });

  it('publishes member events with ids, never the names of the working group’s people', async () => {
    const [{ id }] = await db.dataSource.query<[{ id: string }]>('SELECT id FROM organization ORDER BY code LIMIT 1');
    const added = expectNoGraphQLErrors(
      await client.execute<{ addMember: { id: string } }>({
        document:
          'mutation ($org: ID!) { addMember(input: { fullName: "Somsri Rakdee", title: "Village head", groupRole: "citizen representative", category: CITIZEN_REPRESENTATIVE, organizationId: $org }) { id } }',
        variables: { org: id },
        as: IdentityFactory.admin(),
      }),
    ).addMember;
    expectNoGraphQLErrors(
      await client.execute({
        document: 'mutation ($id: ID!) { updateMember(id: $id, input: { fullName: "Somsri Rakdee-Jaidee" }) { id } }',
        variables: { id: added.id },
        as: IdentityFactory.admin(),
      }),
    );
    const events = await db.dataSource.query<Array<{ type: string; payload: { member: Record<string, unknown> } }>>(
      `SELECT type, payload FROM outbox WHERE type IN ('pcc.member.added', 'pcc.member.updated') ORDER BY time`,
    );
    expect(events.map((e) => e.type)).toEqual(['pcc.member.added', 'pcc.member.updated']);
    for (const event of events) {
      expect(event.payload.member).toMatchObject({ id: added.id, organizationId: id });
      expect(event.payload.member).not.toHaveProperty('fullName');
      expect(JSON.stringify(event.payload)).not.toMatch(/Somsri|Rakdee/);
    }
  });

  it('reads the members of 19 organizations in three statements, each organization its own page', async () => {
    const ids: Array<{ id: string }> = await db.dataSource.query('SELECT id FROM organization ORDER BY code');
    const [first, second] = [ids[5]!.id, ids[6]!.id];
    for (const [organizationId, name] of [
      [first, 'Kanya'],
      [first, 'Anan'],
      [second, 'Wichai'],
    ] as const)
      await db.dataSource.query(
        `INSERT INTO member (organization_id, full_name, group_role, category) VALUES ($1, $2, 'member', 'LGO_EXECUTIVE')`,
        [organizationId, name],
      );
    counter.reset();
    const data = expectNoGraphQLErrors(
      await client.execute({
        document: graphql(`
          query OrganizationMembers($r: [_Any!]!) {
            _entities(representations: $r) {
              ... on Organization {
                id
                members(first: 1) {
                  totalCount
                  edges {
                    node {
                      fullName
                    }
                  }
                  pageInfo {
                    hasNextPage
                  }
                }
              }
            }
          }
        `),
        variables: { r: ids.map(({ id }) => ({ __typename: 'Organization', id })) },
        as: analyst,
      }),
    );
    const members = data._entities.map((e) => (e && 'members' in e ? e.members : null));
    expect(members[5]).toEqual({
      totalCount: 2,
      edges: [{ node: { fullName: 'Anan' } }],
      pageInfo: { hasNextPage: true },
    });
    expect(members[6]).toMatchObject({ totalCount: 1, edges: [{ node: { fullName: 'Wichai' } }] });
    expect(members[7]).toMatchObject({ totalCount: 0, edges: [] });
    // The organizations (one), their members' pages (one) and the members' rows (one).
    expect(counter.statements.length).toBeLessThanOrEqual(3);
  });
});
