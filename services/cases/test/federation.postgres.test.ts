import { QueryCounter } from '@pcc/db';
import { InternalTokens, type Identity } from '@pcc/subgraph-kit';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import {
  createTestDatabase,
  expectNoGraphQLErrors,
  graphqlClient,
  IdentityFactory,
  type GraphQLClient,
  type TestDatabase,
} from '@pcc/testing';
import { createServer, entities, migrations } from '../src/server';
import { CaseWorkflow } from '../src/providers/case-workflow';
import { DEFAULT_SLA_HOURS } from '../src/domain/sla';
import { caseScope } from '../src/providers/scope';
import { graphql } from './generated';

const SECRET = 'cases-test-internal-secret-0123456789abcdef';

/** The federation contract on its own: `_entities` for cases and for the Organization fields, batched. */
describe('cases subgraph entities (real PostgreSQL)', () => {
  const counter = new QueryCounter();
  const tokens = new InternalTokens(SECRET);
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  const orgIds = Array.from({ length: 19 }, (_, i) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`);

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'cases', migrations, entities, logger: counter });
    await OrganizationFactory.insert(
      db.dataSource,
      ...orgIds.map((id, i) => ({
        id,
        code: `ORG-${i + 1}`,
        nameTh: 'th',
        nameEn: 'en',
        type: 'SUBDISTRICT_MUNICIPALITY',
        establishedOn: null,
      })),
    );
    const workflow = new CaseWorkflow(caseScope(db.dataSource, IdentityFactory.admin(), DEFAULT_SLA_HOURS));
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
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
  });
  afterAll(async () => {
    await server.app.close();
    await db.drop();
  });

  it('gives the case statistics of 19 organizations with one SQL query', async () => {
    counter.reset();
    const data = expectNoGraphQLErrors(
      await client.execute({
        document: graphql(`
          query OrganizationCaseStats($r: [_Any!]!) {
            _entities(representations: $r) {
              ... on Organization {
                id
                caseStats {
                  open
                  overdue
                }
              }
            }
          }
        `),
        variables: { r: orgIds.map((id) => ({ __typename: 'Organization', id })) },
        as: IdentityFactory.analyst('a'),
      }),
    );
    expect(data._entities).toHaveLength(19);
    expect(data._entities.every((e) => e !== null && 'caseStats' in e && e.caseStats?.open === 1)).toBe(true);
    expect(counter.statements).toHaveLength(1);
  });

  it('resolves 19 case references with one SQL query', async () => {
    const ids: Array<{ id: string }> = await db.dataSource.query('SELECT id FROM "case"');
    counter.reset();
    const data = expectNoGraphQLErrors(
      await client.execute({
        document: graphql(`
          query CaseReferences($r: [_Any!]!) {
            _entities(representations: $r) {
              ... on Case {
                id
                trackingCode
                status
              }
            }
          }
        `),
        variables: { r: ids.map(({ id }) => ({ __typename: 'Case', id })) },
        as: IdentityFactory.analyst('a'),
      }),
    );
    expect(data._entities.map((e) => (e && 'id' in e ? e.id : e))).toEqual(ids.map((i) => i.id));
    expect(counter.statements).toHaveLength(1);
  });

  it('reads Organization.cases of 19 organizations, under a list of cases, in a fixed number of statements', async () => {
    counter.reset();
    const data = expectNoGraphQLErrors(
      await client.execute({
        document: graphql(`
          query NestedOrganizationCases {
            cases(first: 100) {
              edges {
                node {
                  leadOrganization {
                    cases(first: 5) {
                      totalCount
                      edges {
                        node {
                          id
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        `),
        as: IdentityFactory.analyst('a'),
      }),
    );
    expect(data.cases.edges).toHaveLength(19);
    for (const { node } of data.cases.edges) {
      expect(node.leadOrganization!.cases?.totalCount).toBe(1);
      expect(node.leadOrganization!.cases?.edges).toHaveLength(1);
    }
    // The top list (count, page) and, for all 19 organizations at once: their versions, the totals
    // not kept yet (one count per branch), one page per branch and one load.
    expect(counter.statements.length).toBeLessThanOrEqual(8);
  });

  it('pages each organization’s cases of the batch with its own cursor', async () => {
    const page = async (after: string | null) =>
      expectNoGraphQLErrors(
        await client.execute({
          document: graphql(`
            query OrganizationCasePages($r: [_Any!]!, $after: String) {
              _entities(representations: $r) {
                ... on Organization {
                  cases(first: 1, after: $after) {
                    totalCount
                    edges {
                      node {
                        id
                      }
                    }
                    pageInfo {
                      hasNextPage
                      endCursor
                    }
                  }
                }
              }
            }
          `),
          variables: { r: orgIds.slice(0, 3).map((id) => ({ __typename: 'Organization', id })), after },
          as: IdentityFactory.analyst('a'),
        }),
      )._entities;
    const first = await page(null);
    expect(first.map((e) => (e && 'cases' in e ? e.cases?.edges.length : -1))).toEqual([1, 1, 1]);
    const cursor = first[0] && 'cases' in first[0] ? (first[0].cases?.pageInfo.endCursor ?? null) : null;
    const next = await page(cursor);
    expect(next[0] && 'cases' in next[0] ? next[0].cases : null).toMatchObject({ totalCount: 1, edges: [] });
  });
});
