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

const SECRET = 'cases-routing-internal-secret-0123456789abcdef';
const PATONG_BEACH = { lat: 7.8961, lng: 98.2969 };

interface Opened {
  openCase: {
    trackingCode: string;
    reporterSecret: string;
    case: {
      id: string;
      status: string;
      routingException: string | null;
      leadOrganization: { id: string } | null;
      location: { district: string | null; subdistrict: { code: string } | null };
    };
  };
}

const OPEN = `mutation ($input: OpenCaseInput!) { openCase(input: $input) { trackingCode reporterSecret
  case { id status routingException leadOrganization { id } location { district subdistrict { code } } } } }`;

describe('cases: routing by tambon and outside bodies (real PostgreSQL)', () => {
  let db: TestDatabase;
  let server: Awaited<ReturnType<typeof createServer>>;
  let client: GraphQLClient<Identity>;
  const tokens = new InternalTokens(SECRET);
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'cases_routing', migrations, entities });
    const rows = await OrganizationFactory.insert(
      db.dataSource,
      { code: 'PATONG', district: 'KATHU' },
      { code: 'PKT-CITY', district: 'MUEANG_PHUKET' },
      { code: 'MAI-KHAO', district: 'THALANG', active: false },
      { code: 'THEP-KRASATTRI-M', district: 'THALANG' },
      { code: 'KATHU', district: 'KATHU' },
    );
    for (const row of rows) ids[row.code] = row.id;
    server = await createServer({ dataSource: db.dataSource, internalTokens: tokens, logLevel: 'silent' });
    client = graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
  });
  afterAll(async () => {
    await server.app.close();
    await db.drop();
  });

  const report = (location: Record<string, unknown>, category = 'WASTE', kind = 'GRIEVANCE') =>
    client.execute<Opened>({
      document: OPEN,
      variables: {
        input: {
          kind,
          category,
          channel: 'WEB',
          title: 'Bins not collected for three days',
          description: 'Behind the market',
          location: { ...PATONG_BEACH, ...location },
          reporter: { name: 'Reporter', phone: '0812345678' },
        },
      },
      as: IdentityFactory.public(),
    });
  const eventsOf = (caseId: string) =>
    db.dataSource.query<
      Array<{
        type: string;
        actor: { role: string };
        lead: string | null;
        snapshot: { status: string; leadOrganizationId: string | null };
        version: number;
      }>
    >(
      `SELECT type, payload->'actor' AS actor, payload->>'leadOrganizationId' AS lead, payload->'case' AS snapshot,
        (payload->>'version')::int AS version FROM outbox WHERE key = $1 ORDER BY seq`,
      [caseId],
    );

  it('sends a public case in a tambon one organization covers straight to it, by SYSTEM, with its events', async () => {
    const opened = expectNoGraphQLErrors(await report({ subdistrict: '830202' })).openCase.case;
    expect(opened).toMatchObject({
      status: 'TRIAGED',
      routingException: null,
      leadOrganization: { id: ids.PATONG },
      location: { district: 'KATHU', subdistrict: { code: '830202' } },
    });
    const events = await eventsOf(opened.id);
    expect(events.map((e) => e.type)).toEqual(['pcc.case.opened', 'pcc.case.status-changed', 'pcc.case.triaged']);
    expect(events[2]).toMatchObject({ actor: { role: 'SYSTEM' }, lead: ids.PATONG });
    // The case is written once, already routed; its events still tell both steps, each with its own state.
    expect(events.map((e) => [e.version, e.actor.role, e.snapshot.status, e.snapshot.leadOrganizationId])).toEqual([
      [1, 'PUBLIC', 'RECEIVED', null],
      [2, 'SYSTEM', 'TRIAGED', ids.PATONG],
      [3, 'SYSTEM', 'TRIAGED', ids.PATONG],
    ]);
    const [line] = await db.dataSource.query<Array<{ actor_role: string; to_status: string }>>(
      "SELECT actor_role, to_status FROM case_timeline WHERE case_id = $1 AND action = 'routed'",
      [opened.id],
    );
    expect(line).toEqual({ actor_role: 'SYSTEM', to_status: 'TRIAGED' });
  });

  it('lets the lead accept a routed case at once (the usual next step)', async () => {
    const opened = expectNoGraphQLErrors(await report({ subdistrict: '830202' })).openCase.case;
    const accepted = await client.execute<{ acceptCase: { status: string } }>({
      document: 'mutation ($id: ID!) { acceptCase(id: $id) { status } }',
      variables: { id: opened.id },
      as: IdentityFactory.officer('PATONG'),
    });
    expect(expectNoGraphQLErrors(accepted).acceptCase.status).toBe('ASSIGNED');
  });

  it.each([
    ['no tambon', {}, 'WASTE', 'GRIEVANCE', 'UNKNOWN_LOCATION'],
    ['a tambon shared by two organizations', { subdistrict: '830301' }, 'WASTE', 'GRIEVANCE', 'AMBIGUOUS_AREA'],
    ["a PAO's category", { subdistrict: '830202' }, 'LAND_DISPUTE', 'GRIEVANCE', 'PAO_CATEGORY'],
    ["an outside body's category", { subdistrict: '830202' }, 'WATER', 'GRIEVANCE', 'EXTERNAL_BODY_CATEGORY'],
    ['a conflict', { subdistrict: '830202' }, 'PUBLIC_NUISANCE', 'CONFLICT', 'CONFLICT'],
    [
      "an organization that left the network's area",
      { subdistrict: '830305' },
      'WASTE',
      'GRIEVANCE',
      'ORGANIZATION_UNAVAILABLE',
    ],
  ])('leaves a case with %s in the triage queue, saying why', async (_what, location, category, kind, reason) => {
    const opened = expectNoGraphQLErrors(await report(location, category, kind)).openCase.case;
    expect(opened).toMatchObject({ status: 'RECEIVED', routingException: reason, leadOrganization: null });
    expect((await eventsOf(opened.id)).map((e) => e.type)).toEqual(['pcc.case.opened']);
  });

  it('triages a queued case as before, and the reason it waited is cleared', async () => {
    const opened = expectNoGraphQLErrors(await report({ subdistrict: '830301' })).openCase.case;
    const triaged = await client.execute<{ triageCase: { status: string; routingException: string | null } }>({
      document: `mutation ($id: ID!, $lead: ID!) { triageCase(id: $id, input: { leadOrganizationId: $lead, priority: HIGH }) {
        status routingException } }`,
      variables: { id: opened.id, lead: ids['THEP-KRASATTRI-M'] },
      as: IdentityFactory.admin(),
    });
    expect(expectNoGraphQLErrors(triaged).triageCase).toEqual({ status: 'TRIAGED', routingException: null });
  });

  it('refuses an unknown tambon or one in another district, and writes nothing', async () => {
    const [{ n: before }] = await db.dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM "case"');
    expect(errorCodes(await report({ subdistrict: '830999' }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await report({ subdistrict: '830202', district: 'THALANG' }))).toEqual(['BAD_USER_INPUT']);
    const [{ n: after }] = await db.dataSource.query<[{ n: number }]>('SELECT count(*)::int AS n FROM "case"');
    expect(after).toBe(before);
  });

  it('lists the tambons with their organizations, and the outside bodies, to anyone', async () => {
    const answer = expectNoGraphQLErrors(
      await client.execute<{
        subdistricts: Array<{
          code: string;
          organizations: Array<{ code: string; covers: string; organization: { id: string } | null }>;
        }>;
        externalBodies: Array<{ code: string }>;
      }>({
        document: `{ subdistricts { code organizations { code covers organization { id } } } externalBodies { code } }`,
        as: IdentityFactory.public(),
      }),
    );
    expect(answer.subdistricts).toHaveLength(17);
    expect(answer.subdistricts.find((s) => s.code === '830202')!.organizations).toEqual([
      { code: 'PATONG', covers: 'WHOLE', organization: { id: ids.PATONG } },
    ]);
    // An organization this service's registry copy does not know yet: its code, no organization.
    expect(answer.subdistricts.find((s) => s.code === '830306')!.organizations[0]!.organization).toBeNull();
    expect(answer.externalBodies.map((b) => b.code)).toContain('PWA');
  });

  describe('handing a case to an outside body', () => {
    let caseId = '';
    let trackingCode = '';
    let reporterSecret = '';
    const REFERRALS = `externalReferrals { id externalBody { code } forwardedAt reference note reply repliedAt }`;
    const refer = (as: Identity, input: Record<string, unknown>) =>
      client.execute<{ referCaseToExternalBody: { externalReferrals: Array<Record<string, unknown>> } }>({
        document: `mutation ($id: ID!, $input: ExternalReferralInput!) { referCaseToExternalBody(id: $id, input: $input) { ${REFERRALS} } }`,
        variables: { id: caseId, input },
        as,
      });
    const reply = (as: Identity, referralId: string, text: string) =>
      client.execute<{ recordExternalReply: { externalReferrals: Array<Record<string, unknown>> } }>({
        document: `mutation ($id: ID!, $input: ExternalReplyInput!) { recordExternalReply(referralId: $id, input: $input) { ${REFERRALS} } }`,
        variables: { id: referralId, input: { reply: text } },
        as,
      });

    beforeAll(async () => {
      const opened = expectNoGraphQLErrors(await report({ subdistrict: '830202' }, 'ROAD')).openCase;
      caseId = opened.case.id;
      trackingCode = opened.trackingCode;
      reporterSecret = opened.reporterSecret;
    });

    it('records who it went to, when and the reference, and emits an event without the note', async () => {
      const answer = await refer(IdentityFactory.officer('PATONG'), {
        externalBody: 'DOH',
        reference: 'ภก-0012/2569',
        note: 'Highway 4029 is theirs; Khun Somchai called twice',
      });
      const [referral] = expectNoGraphQLErrors(answer).referCaseToExternalBody.externalReferrals;
      expect(referral).toMatchObject({
        externalBody: { code: 'DOH' },
        reference: 'ภก-0012/2569',
        note: 'Highway 4029 is theirs; Khun Somchai called twice',
        reply: null,
        repliedAt: null,
      });
      const [event] = await db.dataSource.query<Array<{ payload: Record<string, unknown> }>>(
        "SELECT payload FROM outbox WHERE key = $1 AND type = 'pcc.case.referred-to-external-body'",
        [caseId],
      );
      expect(event!.payload).toMatchObject({
        referralId: referral!.id,
        externalBody: 'DOH',
        externalReference: 'ภก-0012/2569',
      });
      expect(JSON.stringify(event!.payload)).not.toContain('Somchai');
    });

    it('refuses an unknown body, a reference that is free text, and an organization that does not lead the case', async () => {
      expect(errorCodes(await refer(IdentityFactory.officer('PATONG'), { externalBody: 'NASA' }))).toEqual([
        'BAD_USER_INPUT',
      ]);
      expect(
        errorCodes(await refer(IdentityFactory.officer('PATONG'), { externalBody: 'PEA', reference: 'call Somchai' })),
      ).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await refer(IdentityFactory.officer('KATHU'), { externalBody: 'PEA' }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await refer(IdentityFactory.public(), { externalBody: 'PEA' }))).toEqual(['FORBIDDEN']);
      const [{ n }] = await db.dataSource.query<[{ n: number }]>(
        'SELECT count(*)::int AS n FROM case_external_referral WHERE case_id = $1',
        [caseId],
      );
      expect(n).toBe(1);
    });

    it('records the reply once, with its event, and shows it to the reporter but not the public', async () => {
      const [{ id: referralId }] = await db.dataSource.query<[{ id: string }]>(
        'SELECT id FROM case_external_referral WHERE case_id = $1',
        [caseId],
      );
      const answer = await reply(IdentityFactory.officer('PATONG'), referralId, 'Repair scheduled for next week');
      const [replied] = expectNoGraphQLErrors(answer).recordExternalReply.externalReferrals;
      expect(replied).toMatchObject({ reply: 'Repair scheduled for next week' });
      expect(replied!.repliedAt).toEqual(expect.any(String));
      expect(errorCodes(await reply(IdentityFactory.officer('PATONG'), referralId, 'again'))).toEqual(['CONFLICT']);
      expect(errorCodes(await reply(IdentityFactory.admin(), '00000000-0000-4000-8000-000000000000', 'x'))).toEqual([
        'NOT_FOUND',
      ]);
      const types = (await eventsOf(caseId)).map((e) => e.type);
      expect(types.filter((t) => t === 'pcc.case.external-body-replied')).toHaveLength(1);

      const follow = (secret: string | null) =>
        client.execute<{ caseByTrackingCode: { externalReferrals: Array<Record<string, unknown>> } }>({
          document: `query ($code: String!, $secret: String) { caseByTrackingCode(code: $code, reporterSecret: $secret) { ${REFERRALS} } }`,
          variables: { code: trackingCode, secret },
          as: IdentityFactory.public(),
        });
      const own = expectNoGraphQLErrors(await follow(reporterSecret)).caseByTrackingCode.externalReferrals;
      expect(own[0]).toMatchObject({
        externalBody: { code: 'DOH' },
        reply: 'Repair scheduled for next week',
        note: null,
      });
      const anyone = expectNoGraphQLErrors(await follow(null)).caseByTrackingCode.externalReferrals;
      expect(anyone[0]).toMatchObject({ externalBody: { code: 'DOH' }, reference: null, reply: null, note: null });
    });
  });
});
