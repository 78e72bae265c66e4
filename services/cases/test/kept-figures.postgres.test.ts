import { DEFAULT_RESPONSE_CACHE, InternalTokens, type Identity, type ResponseCacheSettings } from '@pcc/subgraph-kit';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import {
  createTestDatabase,
  expectNoGraphQLErrors,
  graphqlClient,
  IdentityFactory,
  waitFor,
  type GraphQLClient,
  type TestDatabase,
} from '@pcc/testing';
import { createServer, entities, migrations } from '../src/server';
import { CaseWorkflow } from '../src/providers/case-workflow';
import { DEFAULT_SLA_HOURS } from '../src/domain/sla';
import { caseScope } from '../src/providers/scope';
import { graphql } from './generated';

const SECRET = 'cases-test-internal-secret-0123456789abcdef';
const [LEAD, SUPPORT] = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
const OPEN = ['RECEIVED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'IN_MEDIATION', 'REOPENED'] as const;

const Totals = graphql(`
  query KeptTotals($organization: ID!, $overdue: Boolean) {
    open: cases(
      filter: {
        organization: $organization
        status: [RECEIVED, TRIAGED, ASSIGNED, IN_PROGRESS, IN_MEDIATION, REOPENED]
      }
      first: 1
    ) {
      totalCount
    }
    overdue: cases(filter: { organization: $organization, overdue: $overdue }, first: 1) {
      totalCount
    }
    _entities(representations: [{ __typename: "Organization", id: $organization }]) {
      ... on Organization {
        caseStats {
          open
          overdue
        }
        cases(first: 1) {
          totalCount
        }
      }
    }
  }
`);

/**
 * The totals and statistics the process keeps between changes (store/organization-figures.ts) are
 * never older than the caller's own completed write, nor than the clock: each read below follows a
 * change at once, with no wait, and the overdue figures move when a due time passes with no write at all.
 * The same again with the subgraph's whole-answer cache on (subgraph-kit's response-cache.ts): the
 * writes below go straight to the database, not through the subgraph, as another instance's would.
 */
describe.each<[string, ResponseCacheSettings | undefined]>([
  ['without', undefined],
  ['with', DEFAULT_RESPONSE_CACHE],
])('figures kept between changes (real PostgreSQL), %s the response cache', (_with, responseCache) => {
  const tokens = new InternalTokens(SECRET);
  const admin = IdentityFactory.admin();
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  let workflow: CaseWorkflow;

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'cases_kept', migrations, entities });
    await OrganizationFactory.insert(
      db.dataSource,
      ...[LEAD, SUPPORT].map((id, i) => ({
        id,
        code: `KEPT-${i + 1}`,
        nameTh: 'th',
        nameEn: 'en',
        type: 'SUBDISTRICT_MUNICIPALITY',
        establishedOn: null,
      })),
    );
    workflow = new CaseWorkflow(caseScope(db.dataSource, admin, DEFAULT_SLA_HOURS));
    server = await createServer({
      dataSource: db.dataSource,
      internalTokens: tokens,
      logLevel: 'silent',
      ...(responseCache ? { responseCache } : {}),
    });
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
  });
  afterAll(async () => {
    await server.app.close();
    await db.drop();
  });

  const read = async (organization: string) => {
    const data = expectNoGraphQLErrors(
      await client.execute({ document: Totals, variables: { organization, overdue: true }, as: admin }),
    );
    const entity = data._entities[0];
    if (!entity || !('caseStats' in entity)) throw new Error('no organization entity');
    if (!entity.caseStats || !entity.cases) throw new Error('the organization came without its case figures');
    return {
      open: data.open.totalCount,
      overdue: data.overdue.totalCount,
      statsOpen: entity.caseStats.open,
      statsOverdue: entity.caseStats.overdue,
      all: entity.cases.totalCount,
    };
  };
  const openAt = async (lead: string) => {
    const { case: c } = await workflow.open({
      kind: 'GRIEVANCE',
      category: 'ROAD',
      channel: 'PHONE',
      title: 'Pothole',
      description: 'd',
      location: { lat: 7.9, lng: 98.3 },
      reporter: { name: 'R', phone: '0812345678' },
    });
    await workflow.triage(c.id, { leadOrganizationId: lead, priority: 'NORMAL' });
    return c.id;
  };

  it('follows every write at once: new cases, status changes, a supporting organization joining', async () => {
    expect(await read(LEAD)).toEqual({ open: 0, overdue: 0, statsOpen: 0, statsOverdue: 0, all: 0 });
    const first = await openAt(LEAD);
    expect(await read(LEAD)).toEqual({ open: 1, overdue: 0, statsOpen: 1, statsOverdue: 0, all: 1 });
    // Read twice more: served from what the process keeps, still right.
    expect(await read(LEAD)).toEqual(await read(LEAD));
    const second = await openAt(LEAD);
    expect(await read(LEAD)).toMatchObject({ open: 2, statsOpen: 2, all: 2 });
    await workflow.accept(first);
    await workflow.start(first, null);
    await workflow.resolve(first, { resolution: 'Filled' });
    expect(await read(LEAD)).toMatchObject({ open: 1, statsOpen: 1, all: 2 });
    // Supporting a case puts it in the supporter's lists (its statistics count only what it leads).
    expect(await read(SUPPORT)).toMatchObject({ open: 0, all: 0 });
    await workflow.invite(second, SUPPORT, null);
    expect(await read(SUPPORT)).toMatchObject({ open: 1, all: 1, statsOpen: 0 });
    // And a status change of a case it supports moves its lists too.
    await workflow.accept(second);
    await workflow.start(second, null);
    await workflow.resolve(second, { resolution: 'Filled' });
    expect(await read(SUPPORT)).toMatchObject({ open: 0, all: 1 });
  });

  it('moves the overdue figures when a due time passes, with no write in between', async () => {
    const id = await openAt(LEAD);
    // Due in a moment (the SLA would give days): a direct change, as a migration or an operator might make.
    await db.dataSource.query(`UPDATE "case" SET due_at = now() + interval '1500 milliseconds' WHERE id = $1`, [id]);
    const before = await read(LEAD);
    const [{ status, due }] = await db.dataSource.query<[{ status: string; due: number }]>(
      'SELECT status, (extract(epoch FROM due_at) * 1000)::float8 AS due FROM "case" WHERE id = $1',
      [id],
    );
    expect(OPEN).toContain(status);
    // Nothing is written from here on: only the clock moves.
    const reads: Array<{ sentAt: number; overdue: number; statsOverdue: number }> = [];
    const after = await waitFor(
      async () => {
        const sentAt = Date.now();
        reads.push({ sentAt, ...(await read(LEAD)) });
        return reads[reads.length - 1]!;
      },
      // Both figures, which one request computes in two statements a moment apart: a read sent just
      // before the due time may see it pass between them (the check below holds reads sent after it).
      (now) => now.overdue === before.overdue + 1 && now.statsOverdue === before.statsOverdue + 1,
      10_000,
    );
    expect(after).toMatchObject({ overdue: before.overdue + 1, statsOverdue: before.statsOverdue + 1 });
    // No read sent after the due time was answered with the figures from before it.
    expect(
      reads.filter((r) => r.sentAt > due && (r.overdue === before.overdue || r.statsOverdue === before.statsOverdue)),
    ).toEqual([]);
  });
});
