import { SignJWT } from 'jose';
import { TOPICS } from '@pcc/events';
import { EventTap, waitFor } from '@pcc/testing';
import { reportSlaBreaches } from '@pcc/cases';
import { Platform, type GraphQLResult } from './platform';

/**
 * The cases subgraph through the gateway, on real parts: organizations (with its relay), Kafka,
 * cases (with its relay and its organization projection fed by Kafka alone), and the gateway.
 */
describe('cases through the gateway (real PostgreSQL and Kafka)', () => {
  let platform: Platform;
  let tap: EventTap;
  let admin: string;
  let patong: string;
  let kathu: string;
  let kamala: string;
  let analyst: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    platform = await Platform.start({ withCases: true });
    tap = await EventTap.open([TOPICS.case, TOPICS.organization]);
    admin = await Platform.token('NETWORK_ADMIN');
    patong = await Platform.token('LGO_OFFICER', 'PATONG');
    kathu = await Platform.token('LGO_OFFICER', 'KATHU');
    kamala = await Platform.token('LGO_OFFICER', 'KAMALA');
    analyst = await Platform.token('ANALYST');
    expect(await platform.casesKnowOrganizations(19)).toBeGreaterThanOrEqual(19);
    for (const code of ['PATONG', 'KATHU', 'KAMALA', 'PKT-CITY']) ids[code] = await platform.organizationId(code);
  });
  afterAll(async () => {
    await tap.close();
    await platform.stop();
  });

  const codes = (r: GraphQLResult) => r.body.errors?.map((e) => e.extensions?.code);
  const ok = (r: GraphQLResult) => {
    expect(r.body.errors).toBeUndefined();
    return r.body.data!;
  };
  const REPORTER = { name: 'Malee Sukjai', phone: '081 999 0000', email: 'malee@example.org' };
  const OPEN = `mutation ($input: OpenCaseInput!) { openCase(input: $input) { trackingCode reporterSecret case { id status } } }`;
  const grievance = (overrides: Record<string, unknown> = {}) => ({
    kind: 'GRIEVANCE',
    category: 'WASTE',
    channel: 'WEB',
    title: 'ขยะตกค้างหน้าซอย 5 วัน',
    description: 'Rubbish has not been collected for five days; Malee next door is ill from the smell.',
    location: { lat: 7.8961, lng: 98.2969, address: 'Soi Bangla, Patong', district: 'KATHU' },
    reporter: REPORTER,
    ...overrides,
  });
  const mutate = (field: string, args: string, variables: Record<string, unknown>, token?: string, vars = '$id: ID!') =>
    platform.graphql(`mutation (${vars}) { ${field}(${args}) { id status reopenCount } }`, variables, token);

  async function openAndTriage(lead: string, input = grievance()) {
    const opened = ok(await platform.graphql(OPEN, { input })).openCase as {
      trackingCode: string;
      reporterSecret: string;
      case: { id: string };
    };
    ok(
      await platform.graphql(
        'mutation ($id: ID!, $lead: ID!) { triageCase(id: $id, input: { leadOrganizationId: $lead, priority: HIGH }) { id } }',
        { id: opened.case.id, lead: ids[lead] },
        admin,
      ),
    );
    return opened;
  }

  it('makes an organization registered in the organizations service a valid lead, through Kafka alone', async () => {
    const registered = ok(
      await platform.graphql(
        'mutation { registerOrganization(input: { code: "NEW-LGO", nameTh: "อบต.ใหม่", nameEn: "New LGO", type: SUBDISTRICT_ADMINISTRATION, district: THALANG }) { id } }',
        {},
        admin,
      ),
    ).registerOrganization as { id: string };
    const opened = ok(await platform.graphql(OPEN, { input: grievance() })).openCase as { case: { id: string } };
    const triaged = await waitFor(
      () =>
        platform.graphql(
          'mutation ($id: ID!, $lead: ID!) { triageCase(id: $id, input: { leadOrganizationId: $lead, priority: NORMAL }) { leadOrganization { id code nameEn } } }',
          { id: opened.case.id, lead: registered.id },
          admin,
        ),
      (r) => !r.body.errors,
      30_000,
      250,
    );
    // The lead's names come from the organizations subgraph through federation.
    expect(ok(triaged).triageCase).toEqual({
      leadOrganization: { id: registered.id, code: 'NEW-LGO', nameEn: 'New LGO' },
    });
  });

  it("takes a grievance from PUBLIC intake to the reporter's rating", async () => {
    const opened = await openAndTriage('PATONG');
    expect(opened.trackingCode).toMatch(/^PCC-\d{4}-\d{6}$/);
    const id = opened.case.id;
    ok(await mutate('acceptCase', 'id: $id', { id }, patong));
    ok(await mutate('startWork', 'id: $id', { id }, patong));
    ok(
      await platform.graphql(
        'mutation ($id: ID!) { resolveCase(id: $id, input: { resolution: "Collected, schedule fixed" }) { status } }',
        { id },
        patong,
      ),
    );
    ok(await mutate('closeCase', 'id: $id', { id }, patong));
    const rated = ok(
      await platform.graphql(
        'mutation ($c: String!, $s: String!) { rateCase(trackingCode: $c, reporterSecret: $s, rating: 5, comment: "Fast") { rating status } }',
        { c: opened.trackingCode, s: opened.reporterSecret },
      ),
    );
    expect(rated.rateCase).toEqual({ rating: 5, status: 'CLOSED' });

    const followed = ok(
      await platform.graphql(
        'query ($c: String!) { caseByTrackingCode(code: $c) { status reporter { name } description timeline { action toStatus actorRole note } } }',
        { c: opened.trackingCode },
      ),
    );
    const view = followed.caseByTrackingCode as {
      status: string;
      reporter: unknown;
      description: unknown;
      timeline: Array<{ action: string; toStatus: string | null; note: unknown }>;
    };
    expect(view.status).toBe('CLOSED');
    expect(view.reporter).toBeNull();
    expect(view.description).toBeNull();
    expect(view.timeline.map((t) => t.action)).toEqual([
      'opened',
      'triage',
      'accept',
      'start',
      'resolve',
      'close',
      'rated',
    ]);
    expect(view.timeline.every((t) => t.note === null)).toBe(true);
    for (const type of [
      'pcc.case.opened',
      'pcc.case.triaged',
      'pcc.case.assigned',
      'pcc.case.resolved',
      'pcc.case.closed',
      'pcc.case.rated',
    ]) {
      await tap.waitFor((m) => m.key === id && m.headers.ce_type === type);
    }
  });

  it('mediates a conflict through two sessions to an agreement', async () => {
    const opened = await openAndTriage(
      'PKT-CITY',
      grievance({
        kind: 'CONFLICT',
        category: 'LAND_DISPUTE',
        title: 'Boundary dispute between neighbours',
        location: { lat: 7.8847, lng: 98.3889, district: 'MUEANG_PHUKET' },
        parties: [{ name: 'Somchai', role: 'complainant', contact: '081 111 1111' }],
      }),
    );
    const city = await Platform.token('LGO_OFFICER', 'PKT-CITY');
    const id = opened.case.id;
    ok(await mutate('acceptCase', 'id: $id', { id }, city));
    ok(await mutate('startMediation', 'id: $id', { id }, city));
    for (const day of ['2026-11-01T09:00:00+07:00', '2026-11-15T09:00:00+07:00']) {
      ok(
        await platform.graphql(
          'mutation ($id: ID!, $at: DateTime!) { recordMediationSession(id: $id, input: { heldAt: $at, mediator: "PCC mediator", attendees: ["Somchai", "Wichai"] }) { id } }',
          { id, at: day },
          city,
        ),
      );
    }
    const missingOutcome = await platform.graphql(
      'mutation ($id: ID!) { resolveCase(id: $id, input: { resolution: "Agreed" }) { id } }',
      { id },
      city,
    );
    expect(codes(missingOutcome)).toEqual(['BAD_USER_INPUT']);
    const resolved = ok(
      await platform.graphql(
        'mutation ($id: ID!) { resolveCase(id: $id, input: { resolution: "New boundary posts", outcome: AGREEMENT }) { status outcome mediationSessions { heldAt mediator } parties { name contact } } }',
        { id },
        city,
      ),
    );
    expect(resolved.resolveCase).toMatchObject({
      status: 'RESOLVED',
      outcome: 'AGREEMENT',
      parties: [{ name: 'Somchai', contact: '081 111 1111' }],
    });
    expect((resolved.resolveCase as { mediationSessions: unknown[] }).mediationSessions).toHaveLength(2);
    await tap.waitFor((m) => m.key === id && m.headers.ce_type === 'pcc.case.mediation-session-recorded');
  });

  it('forwards a case, invites a supporting organization, and moves who may see personal data with them', async () => {
    const { case: c } = await openAndTriage('PATONG');
    const QUERY =
      'query ($id: ID!) { case(id: $id) { leadOrganization { code } supportingOrganizations { code } reporter { phone } } }';
    expect((ok(await platform.graphql(QUERY, { id: c.id }, patong)).case as { reporter: unknown }).reporter).toEqual({
      phone: REPORTER.phone,
    });
    ok(
      await platform.graphql(
        'mutation ($id: ID!, $to: ID!) { forwardCase(id: $id, organizationId: $to, note: "Beach road is Kathu\'s") { id } }',
        { id: c.id, to: ids.KATHU },
        patong,
      ),
    );
    ok(
      await platform.graphql(
        'mutation ($id: ID!, $org: ID!) { inviteSupportingOrganization(id: $id, organizationId: $org) { id } }',
        { id: c.id, org: ids.KAMALA },
        kathu,
      ),
    );
    const asKamala = ok(await platform.graphql(QUERY, { id: c.id }, kamala)).case;
    expect(asKamala).toEqual({
      leadOrganization: { code: 'KATHU' },
      supportingOrganizations: [{ code: 'KAMALA' }],
      reporter: { phone: REPORTER.phone },
    });
    expect((ok(await platform.graphql(QUERY, { id: c.id }, patong)).case as { reporter: unknown }).reporter).toBeNull();
    // Patong is no longer involved: it cannot act on the case any more.
    expect(codes(await mutate('acceptCase', 'id: $id', { id: c.id }, patong))).toEqual(['FORBIDDEN']);
    await tap.waitFor((m) => m.key === c.id && m.headers.ce_type === 'pcc.case.forwarded');
    await tap.waitFor((m) => m.key === c.id && m.headers.ce_type === 'pcc.case.supporting-organization-joined');
  });

  it('lets the reporter reopen a resolved case with the secret', async () => {
    const opened = await openAndTriage('PATONG');
    const id = opened.case.id;
    for (const step of ['acceptCase', 'startWork']) ok(await mutate(step, 'id: $id', { id }, patong));
    ok(
      await platform.graphql(
        'mutation ($id: ID!) { resolveCase(id: $id, input: { resolution: "Done" }) { id } }',
        { id },
        patong,
      ),
    );
    const reopened = ok(
      await platform.graphql(
        'mutation ($c: String!, $s: String!) { reporterReopenCase(trackingCode: $c, reporterSecret: $s, reason: "Rubbish is back") { status reopenCount } }',
        { c: opened.trackingCode, s: opened.reporterSecret },
      ),
    );
    expect(reopened.reporterReopenCase).toEqual({ status: 'REOPENED', reopenCount: 1 });
    ok(await mutate('startWork', 'id: $id', { id }, patong));
    await tap.waitFor((m) => m.key === id && m.headers.ce_type === 'pcc.case.reopened');
  });

  it('keeps personal data from PUBLIC, ANALYST and uninvolved officers, and out of every event', async () => {
    const { case: c } = await openAndTriage('PATONG');
    const QUERY =
      'query ($id: ID!) { case(id: $id) { title reporter { name phone email } description parties { name } mediationSessions { mediator } attachmentUrls referredTo timeline { note } } }';
    for (const token of [undefined, analyst, kathu]) {
      const view = ok(await platform.graphql(QUERY, { id: c.id }, token)).case as Record<string, unknown>;
      expect(view).toMatchObject({
        title: 'ขยะตกค้างหน้าซอย 5 วัน',
        reporter: null,
        description: null,
        parties: [],
        mediationSessions: [],
        attachmentUrls: [],
        referredTo: null,
      });
      expect((view.timeline as Array<{ note: unknown }>).every((t) => t.note === null)).toBe(true);
    }
    const list = ok(
      await platform.graphql('{ cases(first: 100) { edges { node { reporter { phone } } } } }', {}, analyst),
    ).cases as { edges: Array<{ node: { reporter: unknown } }> };
    expect(list.edges.every((e) => e.node.reporter === null)).toBe(true);
    expect((ok(await platform.graphql(QUERY, { id: c.id }, admin)).case as { reporter: unknown }).reporter).toEqual(
      REPORTER,
    );

    await tap.waitFor((m) => m.key === c.id && m.headers.ce_type === 'pcc.case.triaged');
    const caseEvents = tap.messages.filter((m) => m.topic === TOPICS.case);
    expect(caseEvents.length).toBeGreaterThan(10);
    for (const event of caseEvents) {
      const text = JSON.stringify(event.value);
      for (const secret of [
        REPORTER.name,
        REPORTER.phone,
        REPORTER.email,
        'Malee',
        'Somchai',
        '081 111 1111',
        'Rubbish has not been collected',
      ])
        expect(text).not.toContain(secret);
    }
  });

  it('finds duplicates within 200 m and not at 300 m', async () => {
    const at = (lat: number) =>
      grievance({
        category: 'ROAD',
        title: 'Pothole on the beach road',
        location: { lat, lng: 98.2969, district: 'KATHU' },
      });
    const base = ok(await platform.graphql(OPEN, { input: at(7.9) })).openCase as { case: { id: string } };
    const near = ok(await platform.graphql(OPEN, { input: at(7.9 + 150 / 111_320) })).openCase as {
      case: { id: string };
    };
    const far = ok(await platform.graphql(OPEN, { input: at(7.9 + 300 / 111_320) })).openCase as {
      case: { id: string };
    };
    const found = ok(
      await platform.graphql(
        'query ($id: ID!) { possibleDuplicates(caseId: $id) { id } }',
        { id: base.case.id },
        admin,
      ),
    ).possibleDuplicates as Array<{ id: string }>;
    expect(found.map((f) => f.id)).toContain(near.case.id);
    expect(found.map((f) => f.id)).not.toContain(far.case.id);
    const marked = ok(
      await platform.graphql(
        'mutation ($id: ID!, $o: ID!) { markDuplicate(id: $id, originalId: $o) { status duplicateOf { id } } }',
        { id: near.case.id, o: base.case.id },
        admin,
      ),
    );
    expect(marked.markDuplicate).toEqual({ status: 'CLOSED', duplicateOf: { id: base.case.id } });
  });

  it('emits case.sla-breached exactly once per case and due time', async () => {
    const { case: c } = await openAndTriage('PATONG');
    const future = new Date(Date.now() + 1000 * 3_600_000);
    const first = await reportSlaBreaches(platform.casesDb!.dataSource, future);
    const second = await reportSlaBreaches(platform.casesDb!.dataSource, future);
    expect(first).toBeGreaterThanOrEqual(1);
    expect(second).toBe(0);
    await tap.waitFor((m) => m.key === c.id && m.headers.ce_type === 'pcc.case.sla-breached');
    // Instead of a pause: one more event of the case, after both runs. Its key puts it in the same
    // partition, after anything the runs emitted, so once the tap has it a duplicate would be there too.
    ok(await mutate('acceptCase', 'id: $id', { id: c.id }, patong));
    await tap.waitFor((m) => m.key === c.id && m.headers.ce_type === 'pcc.case.assigned');
    expect(tap.messages.filter((m) => m.key === c.id && m.headers.ce_type === 'pcc.case.sla-breached')).toHaveLength(1);
  });

  it('answers one federated query: an organization by code with its case statistics and first page of cases', async () => {
    const result = ok(
      await platform.graphql(
        '{ organizationByCode(code: "PATONG") { nameEn caseStats { open overdue resolvedLast30Days medianResolutionHours averageRating } cases(first: 2) { totalCount edges { node { trackingCode leadOrganization { code } } } } } }',
      ),
    );
    const patongView = result.organizationByCode as {
      nameEn: string;
      caseStats: { open: number; resolvedLast30Days: number; averageRating: number | null };
      cases: { totalCount: number; edges: Array<{ node: { leadOrganization: { code: string } } }> };
    };
    expect(patongView.nameEn).toBe('Patong');
    expect(patongView.caseStats.open).toBeGreaterThanOrEqual(2);
    expect(patongView.caseStats.resolvedLast30Days).toBeGreaterThanOrEqual(1);
    expect(patongView.caseStats.averageRating).toBe(5);
    expect(patongView.cases.totalCount).toBeGreaterThanOrEqual(3);
    expect(patongView.cases.edges).toHaveLength(2);
  });

  describe('bad input gets a typed error and changes nothing', () => {
    const snapshot = async () =>
      JSON.stringify(
        await platform.casesDb!.dataSource.query(
          `SELECT (SELECT count(*) FROM "case") c, (SELECT count(*) FROM case_timeline) t, (SELECT json_agg(x ORDER BY id) FROM (SELECT id, status, rating FROM "case") x) s`,
        ),
      );
    const cases: Array<[string, () => Promise<GraphQLResult>, string]> = [
      [
        'coordinates outside Phuket',
        () => platform.graphql(OPEN, { input: grievance({ location: { lat: 13.75, lng: 100.5 } }) }),
        'BAD_USER_INPUT',
      ],
      [
        'an unknown category',
        () => platform.graphql(OPEN, { input: grievance({ category: 'ALIENS' }) }),
        'BAD_USER_INPUT',
      ],
      [
        'a title over 200 characters',
        () => platform.graphql(OPEN, { input: grievance({ title: 'x'.repeat(201) }) }),
        'BAD_USER_INPUT',
      ],
      [
        'a public walk-in',
        () => platform.graphql(OPEN, { input: grievance({ channel: 'WALK_IN' }) }),
        'BAD_USER_INPUT',
      ],
      [
        'a reporter with no way to be reached',
        () => platform.graphql(OPEN, { input: grievance({ reporter: { name: 'Anon' } }) }),
        'BAD_USER_INPUT',
      ],
      ['an analyst opening a case', () => platform.graphql(OPEN, { input: grievance() }, analyst), 'FORBIDDEN'],
      [
        'a forged cursor',
        () =>
          platform.graphql('query ($a: String) { cases(after: $a) { totalCount } }', {
            a: Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url'),
          }),
        'BAD_USER_INPUT',
      ],
    ];
    it.each(cases)('%s', async (_name, send, code) => {
      const before = await snapshot();
      const result = await send();
      expect(result.status).toBeLessThan(500);
      expect([...new Set(codes(result))]).toEqual([code]);
      expect(await snapshot()).toBe(before);
    });

    it('refuses illegal transitions, a wrong reporter secret and an out-of-range rating', async () => {
      const opened = await openAndTriage('PATONG');
      const before = await snapshot();
      expect(codes(await mutate('closeCase', 'id: $id', { id: opened.case.id }, patong))).toEqual([
        'INVALID_TRANSITION',
      ]);
      expect(codes(await mutate('startMediation', 'id: $id', { id: opened.case.id }, admin))).toEqual([
        'INVALID_TRANSITION',
      ]);
      expect(codes(await mutate('acceptCase', 'id: $id', { id: opened.case.id }, kathu))).toEqual(['FORBIDDEN']);
      const wrongSecret = await platform.graphql(
        'mutation ($c: String!) { addCaseInformation(trackingCode: $c, reporterSecret: "definitely-not-the-secret", text: "hi") { id } }',
        { c: opened.trackingCode },
      );
      expect(codes(wrongSecret)).toEqual(['FORBIDDEN']);
      const badRating = await platform.graphql(
        'mutation ($c: String!, $s: String!) { rateCase(trackingCode: $c, reporterSecret: $s, rating: 6) { id } }',
        { c: opened.trackingCode, s: opened.reporterSecret },
      );
      expect(codes(badRating)).toEqual(['BAD_USER_INPUT']);
      const early = await platform.graphql(
        'mutation ($c: String!, $s: String!) { rateCase(trackingCode: $c, reporterSecret: $s, rating: 4) { id } }',
        { c: opened.trackingCode, s: opened.reporterSecret },
      );
      expect(codes(early)).toEqual(['INVALID_TRANSITION']);
      expect(await snapshot()).toBe(before);
    });
  });

  it('forges nothing: a token signed with another key is refused', async () => {
    const forged = await new SignJWT({ role: 'NETWORK_ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-gateway-secret-000000000000000'));
    expect((await platform.graphql('{ cases { totalCount } }', {}, forged)).status).toBe(401);
  });
});
