import { InternalTokens, type Identity } from '@pcc/subgraph-kit';
import { OrganizationFactory } from '@pcc/organization-projection/testing';
import {
  createTestDatabase,
  errorCodes,
  expectNoGraphQLErrors,
  graphqlClient,
  IdentityFactory,
  type GraphQLClient,
  type TestDatabase,
} from '@pcc/testing';
import { createServer, entities, migrations } from '../src/server';

const SECRET = 'cases-referrals-internal-secret-0123456789abcdef';

interface Page {
  referralsAwaitingReply: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { id: string; externalBody: { code: string }; case: { id: string } } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const AWAITING = `query ($first: Int, $after: String) { referralsAwaitingReply(first: $first, after: $after) {
  totalCount edges { cursor node { id externalBody { code } case { id } } } pageInfo { hasNextPage endCursor } } }`;

describe('cases: referrals still waiting for their reply (real PostgreSQL)', () => {
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  const tokens = new InternalTokens(SECRET);
  const orgs: Record<string, string> = {};
  /** The referrals by a name for each, in the order they were forwarded (oldest first). */
  const referrals: Record<string, { id: string; caseId: string }> = {};

  const open = async (subdistrict?: string) => {
    const answer = await client.execute<{ openCase: { case: { id: string } } }>({
      document: `mutation ($input: OpenCaseInput!) { openCase(input: $input) { case { id } } }`,
      variables: {
        input: {
          kind: 'GRIEVANCE',
          category: 'ROAD',
          channel: 'WEB',
          title: 'Potholes on the hill road',
          description: 'Deep enough to throw a motorbike',
          location: { lat: 7.8961, lng: 98.2969, ...(subdistrict ? { subdistrict } : {}) },
          reporter: { name: 'Reporter', phone: '0812345678' },
        },
      },
      as: IdentityFactory.public(),
    });
    return expectNoGraphQLErrors(answer).openCase.case.id;
  };
  const refer = async (caseId: string, externalBody: string, as: Identity, daysAgo: number) => {
    const answer = await client.execute<{ referCaseToExternalBody: { externalReferrals: Array<{ id: string }> } }>({
      document: `mutation ($id: ID!, $body: String!) { referCaseToExternalBody(id: $id, input: { externalBody: $body }) {
        externalReferrals { id } } }`,
      variables: { id: caseId, body: externalBody },
      as,
    });
    const id = expectNoGraphQLErrors(answer).referCaseToExternalBody.externalReferrals.at(-1)!.id;
    // When each was forwarded, set apart by days so that "oldest first" has something to order
    // (in milliseconds, as the service writes its times).
    await db.dataSource.query(
      `UPDATE case_external_referral SET forwarded_at = date_trunc('milliseconds', now() - make_interval(days => $2))
       WHERE id = $1`,
      [id, daysAgo],
    );
    return { id, caseId };
  };
  const reply = (referralId: string, as: Identity) =>
    client.execute<{ recordExternalReply: { id: string } }>({
      document: `mutation ($id: ID!) { recordExternalReply(referralId: $id, input: { reply: "Repaired" }) { id } }`,
      variables: { id: referralId },
      as,
    });
  const awaiting = (as: Identity, variables: Record<string, unknown> = {}) =>
    client.execute<Page>({ document: AWAITING, variables, as });
  const bodies = (page: Page) => page.referralsAwaitingReply.edges.map((e) => e.node.externalBody.code);

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'cases_referrals', migrations, entities });
    for (const row of await OrganizationFactory.insert(
      db.dataSource,
      { code: 'PATONG', district: 'KATHU' },
      { code: 'KATHU', district: 'KATHU' },
    ))
      orgs[row.code] = row.id;
    server = await createServer({ dataSource: db.dataSource, internalTokens: tokens, logLevel: 'silent' });
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });

    // Two cases Patong leads (routed by their tambon), one the centre gave Kathu at triage.
    const [patongA, patongB, kathu] = [await open('830202'), await open('830202'), await open()];
    expectNoGraphQLErrors(
      await client.execute({
        document: `mutation ($id: ID!, $lead: ID!) { triageCase(id: $id, input: { leadOrganizationId: $lead, priority: NORMAL }) { id } }`,
        variables: { id: kathu, lead: orgs.KATHU },
        as: IdentityFactory.admin(),
      }),
    );
    const patong = IdentityFactory.officer('PATONG');
    referrals.doh = await refer(patongA, 'DOH', IdentityFactory.admin(), 10);
    referrals.rtp = await refer(kathu, 'RTP', IdentityFactory.officer('KATHU'), 8);
    referrals.pwa = await refer(patongB, 'PWA', patong, 6);
    referrals.pea = await refer(patongA, 'PEA', patong, 4);
    expectNoGraphQLErrors(await reply(referrals.pwa.id, patong));
  });
  afterAll(async () => {
    await server.app.close();
    await db.drop();
  });

  it('lists every unanswered referral to a network admin, oldest first, with its case', async () => {
    const page = expectNoGraphQLErrors(await awaiting(IdentityFactory.admin()));
    expect(bodies(page)).toEqual(['DOH', 'RTP', 'PEA']);
    expect(page.referralsAwaitingReply.totalCount).toBe(3);
    expect(page.referralsAwaitingReply.edges[1]!.node).toMatchObject({
      id: referrals.rtp!.id,
      case: { id: referrals.rtp!.caseId },
    });
    expect(page.referralsAwaitingReply.pageInfo.hasNextPage).toBe(false);
  });

  it('pages through them with the cursor, each once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 5; pages++) {
      const page: Page = expectNoGraphQLErrors(await awaiting(IdentityFactory.admin(), { first: 2, after }));
      seen.push(...bodies(page));
      expect(page.referralsAwaitingReply.totalCount).toBe(3);
      if (!page.referralsAwaitingReply.pageInfo.hasNextPage) break;
      after = page.referralsAwaitingReply.pageInfo.endCursor;
    }
    expect(seen).toEqual(['DOH', 'RTP', 'PEA']);
  });

  it('shows an officer those of the cases their organization leads only', async () => {
    const patong = expectNoGraphQLErrors(await awaiting(IdentityFactory.officer('PATONG')));
    expect(bodies(patong)).toEqual(['DOH', 'PEA']);
    expect(patong.referralsAwaitingReply.totalCount).toBe(2);
    expect(bodies(expectNoGraphQLErrors(await awaiting(IdentityFactory.officer('KATHU'))))).toEqual(['RTP']);
  });

  it('drops a referral from the list once its reply is recorded', async () => {
    expectNoGraphQLErrors(await reply(referrals.doh!.id, IdentityFactory.officer('PATONG')));
    expect(bodies(expectNoGraphQLErrors(await awaiting(IdentityFactory.admin())))).toEqual(['RTP', 'PEA']);
  });

  it('refuses analysts and the public, and a page size or cursor it did not give out', async () => {
    expect(errorCodes(await awaiting(IdentityFactory.analyst()))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await awaiting(IdentityFactory.public()))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await awaiting(IdentityFactory.admin(), { first: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await awaiting(IdentityFactory.admin(), { after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
  });
});
