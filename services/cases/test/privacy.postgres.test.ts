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
import { CaseWorkflow } from '../src/providers/case-workflow';
import { DEFAULT_SLA_HOURS } from '../src/domain/sla';
import { caseScope } from '../src/providers/scope';
import { isSensitive } from '../src/domain/privacy';

const SECRET = 'cases-privacy-internal-secret-0123456789abcdef';
const EXACT = { lat: 7.896123, lng: 98.296789 };

/** Every field that can hold personal data or a place, for every kind of caller (PDPA policy, README). */
const FIELDS = `id title location { lat lng address district } description reporter { name phone email }
  attachmentUrls resolution referredTo parties { name contact } mediationSessions { mediator attendees } timeline { note }`;

interface CaseView {
  title: string | null;
  location: { lat: number; lng: number; address: string | null; district: string | null } | null;
  description: string | null;
  reporter: { name: string; phone: string | null; email: string | null } | null;
  attachmentUrls: string[];
  resolution: string | null;
  referredTo: string | null;
  parties: Array<{ name: string; contact: string | null }>;
  mediationSessions: unknown[];
  timeline: Array<{ note: string | null }>;
}

/** What a caller sees, reduced to: which title, which place, and whether any personal data shows. */
const seen = (c: CaseView) => ({
  title: c.title,
  location: c.location,
  resolution: c.resolution,
  personal:
    c.description !== null ||
    c.reporter !== null ||
    c.attachmentUrls.length > 0 ||
    c.referredTo !== null ||
    c.parties.length > 0 ||
    c.mediationSessions.length > 0 ||
    c.timeline.some((t) => t.note !== null),
});

describe('cases: personal data and places per caller (real PostgreSQL)', () => {
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  const tokens = new InternalTokens(SECRET);
  const opened: Record<'ordinary' | 'sensitive', { id: string; trackingCode: string; reporterSecret: string }> = {
    ordinary: { id: '', trackingCode: '', reporterSecret: '' },
    sensitive: { id: '', trackingCode: '', reporterSecret: '' },
  };

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'cases_privacy', migrations, entities });
    const [lead, support] = await OrganizationFactory.insert(
      db.dataSource,
      { code: 'LEAD' },
      { code: 'SUPPORT' },
      { code: 'OTHER' },
    );
    const admin = new CaseWorkflow(caseScope(db.dataSource, IdentityFactory.admin(), DEFAULT_SLA_HOURS));
    for (const [which, category, title] of [
      ['ordinary', 'ROAD', 'Pothole in front of house 12'],
      ['sensitive', 'LAND_DISPUTE', 'Neighbour moved the boundary posts of plot 45'],
    ] as const) {
      const result = await admin.open({
        kind: 'GRIEVANCE',
        category,
        channel: 'PHONE',
        title,
        description: 'Khun Somchai at 12/3 Moo 4 says…',
        location: { ...EXACT, address: '12/3 Moo 4, Patong', district: 'KATHU' },
        attachmentUrls: ['https://files.example/photo.jpg'],
        reporter: { name: 'Somchai Jaidee', phone: '0812345678', email: 'somchai@example.com' },
        parties: [{ name: 'Somsri', role: 'neighbour', contact: '0899999999' }],
      });
      opened[which] = { id: result.case.id, trackingCode: result.trackingCode, reporterSecret: result.reporterSecret };
      await admin.triage(result.case.id, { leadOrganizationId: lead!.id, priority: 'NORMAL' });
      await admin.invite(result.case.id, support!.id, 'please help');
      await admin.accept(result.case.id);
      await admin.start(result.case.id, 'visited Khun Somchai');
      await admin.resolve(result.case.id, { resolution: 'Agreed with Khun Somchai on a new fence' });
    }
    server = await createServer({ dataSource: db.dataSource, internalTokens: tokens, logLevel: 'silent' });
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
  });
  afterAll(async () => {
    await server.app.close();
    await db.drop();
  });

  const byId = async (which: keyof typeof opened, as: Identity) =>
    expectNoGraphQLErrors(
      await client.execute<{ case: CaseView }>({
        document: `query ($id: ID!) { case(id: $id) { ${FIELDS} } }`,
        variables: { id: opened[which].id },
        as,
      }),
    ).case;

  const titles = {
    ordinary: 'Pothole in front of house 12',
    sensitive: 'Neighbour moved the boundary posts of plot 45',
  };
  const exact = { ...EXACT, address: '12/3 Moo 4, Patong', district: 'KATHU' };
  const coarse = { lat: 7.896, lng: 98.297, address: null, district: 'KATHU' };
  const resolution = 'Agreed with Khun Somchai on a new fence';

  const callers: Record<string, Identity> = {
    NETWORK_ADMIN: IdentityFactory.admin(),
    'the lead officer': IdentityFactory.officer('LEAD'),
    'a supporting officer': IdentityFactory.officer('SUPPORT'),
    'another organization’s officer': IdentityFactory.officer('OTHER'),
    ANALYST: IdentityFactory.analyst(),
    PUBLIC: IdentityFactory.public(),
  };
  const working = ['NETWORK_ADMIN', 'the lead officer', 'a supporting officer'];
  const rows = Object.keys(callers).flatMap((who) =>
    (['ordinary', 'sensitive'] as const).map((which) => {
      const full = working.includes(who);
      const expected = full
        ? { title: titles[which], location: exact, resolution, personal: true }
        : which === 'ordinary'
          ? { title: titles[which], location: coarse, resolution: null, personal: false }
          : { title: null, location: null, resolution: null, personal: false };
      return [who, which, expected] as const;
    }),
  );

  it.each(rows)('%s reading the %s case sees only what the policy allows', async (who, which, expected) => {
    expect(seen(await byId(which, callers[who]!))).toEqual(expected);
  });

  it.each(['ordinary', 'sensitive'] as const)(
    'shows the reporter following the %s case by its code and secret its title, place and resolution',
    async (which) => {
      const follow = (reporterSecret: string | null) =>
        client.execute<{ caseByTrackingCode: CaseView | null }>({
          document: `query ($code: String!, $secret: String) { caseByTrackingCode(code: $code, reporterSecret: $secret) { ${FIELDS} } }`,
          variables: { code: opened[which].trackingCode, secret: reporterSecret },
          as: IdentityFactory.public(),
        });
      const own = expectNoGraphQLErrors(await follow(opened[which].reporterSecret)).caseByTrackingCode!;
      expect(seen(own)).toEqual({ title: titles[which], location: exact, resolution, personal: false });
      // The code alone is what anyone may know: the public view.
      const anyone = expectNoGraphQLErrors(await follow(null)).caseByTrackingCode!;
      expect(seen(anyone).resolution).toBeNull();
      expect(errorCodes(await follow('not-the-secret-of-this-case'))).toEqual(['FORBIDDEN']);
    },
  );

  it('finds a sensitive case by its title words for network admins only', async () => {
    const search = async (as: Identity) =>
      expectNoGraphQLErrors(
        await client.execute<{ cases: { totalCount: number } }>({
          document: 'query { cases(filter: { text: "boundary posts" }) { totalCount } }',
          as,
        }),
      ).cases.totalCount;
    expect(await search(IdentityFactory.admin())).toBe(1);
    expect(await search(IdentityFactory.public())).toBe(0);
    expect(await search(IdentityFactory.analyst())).toBe(0);
  });

  it('looks for duplicates (cases near a place) for staff only', async () => {
    const near = (as: Identity) =>
      client.execute({
        document: 'query ($id: ID!) { possibleDuplicates(caseId: $id) { id } }',
        variables: { id: opened.ordinary.id },
        as,
      });
    expect(errorCodes(await near(IdentityFactory.admin()))).toEqual([]);
    expect(errorCodes(await near(IdentityFactory.public()))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await near(IdentityFactory.analyst()))).toEqual(['FORBIDDEN']);
  });

  it.each([
    ['GRIEVANCE', 'LAND_DISPUTE', true],
    ['GRIEVANCE', 'SOCIAL_WELFARE', true],
    ['CONFLICT', 'PUBLIC_NUISANCE', true],
    ['GRIEVANCE', 'ROAD', false],
    ['GRIEVANCE', 'WASTE', false],
  ] as const)('counts a %s about %s as sensitive: %s', (kind, category, expected) => {
    expect(isSensitive({ kind, category })).toBe(expected);
  });
});
