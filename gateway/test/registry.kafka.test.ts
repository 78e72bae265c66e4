import { fromKafkaMessage, platformCatalogue, TOPICS } from '@pcc/events';
import { EventTap } from '@pcc/testing';
import { Platform } from './platform';

/** The registry through the one endpoint, over HTTP, on real PostgreSQL and Kafka. */
describe('organizations through the gateway (real PostgreSQL and Kafka)', () => {
  let platform: Platform;
  let tap: EventTap;
  let admin: string;
  let patong: string;

  beforeAll(async () => {
    platform = await Platform.start();
    tap = await EventTap.open([TOPICS.organization, TOPICS.member, TOPICS.agreement]);
    admin = await Platform.token('NETWORK_ADMIN');
    patong = await Platform.token('LGO_OFFICER', 'PATONG');
  });
  afterAll(async () => {
    await tap.close();
    await platform.stop();
  });

  const REGISTER = `mutation ($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id code nameEn type district active contact { phone } } }`;
  const UPDATE = `mutation ($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id nameEn contact { phone email } } }`;

  it('lets a NETWORK_ADMIN register and update an organization, readable at once, each change an event on Kafka', async () => {
    const registered = await platform.graphql(
      REGISTER,
      {
        input: {
          code: 'TEST-ORG',
          nameTh: 'อบต.ทดสอบ',
          nameEn: 'Test Org',
          type: 'SUBDISTRICT_ADMINISTRATION',
          district: 'THALANG',
          contact: { phone: '076 000 000' },
        },
      },
      admin,
    );
    expect(registered.body.errors).toBeUndefined();
    const organization = registered.body.data!.registerOrganization as { id: string; code: string; active: boolean };
    expect(organization).toMatchObject({ code: 'TEST-ORG', active: true });

    const updated = await platform.graphql(
      UPDATE,
      { id: organization.id, input: { nameEn: 'Test Organization' } },
      admin,
    );
    expect(updated.body.errors).toBeUndefined();
    const read = await platform.graphql(
      'query ($code: String!) { organizationByCode(code: $code) { id nameEn nameTh } }',
      { code: 'TEST-ORG' },
    );
    expect(read.body.data!.organizationByCode).toEqual({
      id: organization.id,
      nameEn: 'Test Organization',
      nameTh: 'อบต.ทดสอบ',
    });

    for (const [type, check] of [
      [
        'pcc.organization.registered',
        (data: Record<string, unknown>) =>
          expect(data).toMatchObject({ organization: { code: 'TEST-ORG', nameEn: 'Test Org' } }),
      ],
      [
        'pcc.organization.updated',
        (data: Record<string, unknown>) =>
          expect(data).toMatchObject({ organization: { nameEn: 'Test Organization' }, changed: ['nameEn'] }),
      ],
    ] as const) {
      const message = await tap.waitFor((m) => m.headers.ce_type === type && m.key === organization.id);
      expect(message.topic).toBe(TOPICS.organization);
      expect(message.headers).toMatchObject({
        ce_specversion: '1.0',
        ce_source: '/services/organizations',
        ce_subject: organization.id,
        'content-type': 'application/json',
      });
      expect(message.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(message.headers.ce_time!))).toBe(false);
      const event = fromKafkaMessage(message.raw);
      const data = platformCatalogue.parse(event.type, event.data) as Record<string, unknown>;
      check(data);
      expect(data.actor).toEqual({ sub: 'test-network_admin', role: 'NETWORK_ADMIN', org: null });
    }
  });

  it('lets a PATONG officer update PATONG contact details only', async () => {
    const patongId = await platform.organizationId('PATONG');
    const ok = await platform.graphql(
      UPDATE,
      { id: patongId, input: { contact: { phone: '076 342 000', email: 'info@patong.go.th' } } },
      patong,
    );
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data!.updateOrganization).toMatchObject({
      contact: { phone: '076 342 000', email: 'info@patong.go.th' },
    });
    await tap.waitFor((m) => m.headers.ce_type === 'pcc.organization.updated' && m.key === patongId);

    const before = await platform.registrySnapshot();
    const kathuId = await platform.organizationId('KATHU');
    const forbidden = [
      await platform.graphql(UPDATE, { id: kathuId, input: { contact: { phone: '076 000 111' } } }, patong),
      await platform.graphql(UPDATE, { id: patongId, input: { nameEn: 'Patong City' } }, patong),
      await platform.graphql(
        REGISTER,
        { input: { code: 'ROGUE', nameTh: 'x', nameEn: 'x', type: 'TOWN_MUNICIPALITY', district: 'KATHU' } },
        patong,
      ),
      await platform.graphql(
        'mutation ($input: SignAgreementInput!) { signAgreement(input: $input) { id } }',
        { input: { title: 'Rogue MOU', subject: 'OTHER', signedOn: '2026-01-01', signatoryIds: [patongId] } },
        patong,
      ),
      await platform.graphql('mutation ($id: ID!) { deactivateOrganization(id: $id) { id } }', { id: kathuId }, patong),
    ];
    for (const result of forbidden) {
      expect(result.status).toBe(200);
      expect(result.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect(await platform.registrySnapshot()).toBe(before);
  });

  it("serves the registry to the public without anyone's personal data", async () => {
    const added = await platform.graphql(
      'mutation ($input: AddMemberInput!) { addMember(input: $input) { id phone } }',
      {
        input: {
          fullName: 'Somchai Jaidee',
          title: 'Mayor',
          groupRole: 'member',
          category: 'LGO_EXECUTIVE',
          organizationId: await platform.organizationId('PATONG'),
          phone: '081 234 5678',
          email: 'somchai@patong.go.th',
        },
      },
      admin,
    );
    expect(added.body.errors).toBeUndefined();
    const QUERY = `{ organizations(first: 100) { totalCount edges { node { code nameTh } } }
      members(first: 10) { totalCount edges { node { fullName title organization { code } phone email } } } }`;

    const anonymous = await platform.graphql(QUERY);
    expect(anonymous.body.errors).toBeUndefined();
    expect((anonymous.body.data!.organizations as { totalCount: number }).totalCount).toBe(20);
    const publicMember = (anonymous.body.data!.members as { edges: Array<{ node: Record<string, unknown> }> }).edges[0]!
      .node;
    expect(publicMember).toEqual({
      fullName: 'Somchai Jaidee',
      title: 'Mayor',
      organization: { code: 'PATONG' },
      phone: null,
      email: null,
    });

    const asAnalyst = await platform.graphql(QUERY, {}, await Platform.token('ANALYST'));
    expect(
      (asAnalyst.body.data!.members as { edges: Array<{ node: Record<string, unknown> }> }).edges[0]!.node.phone,
    ).toBeNull();
    const asKathu = await platform.graphql(QUERY, {}, await Platform.token('LGO_OFFICER', 'KATHU'));
    expect(
      (asKathu.body.data!.members as { edges: Array<{ node: Record<string, unknown> }> }).edges[0]!.node.phone,
    ).toBeNull();
    const asPatong = await platform.graphql(QUERY, {}, patong);
    expect(
      (asPatong.body.data!.members as { edges: Array<{ node: Record<string, unknown> }> }).edges[0]!.node,
    ).toMatchObject({ phone: '081 234 5678', email: 'somchai@patong.go.th' });

    // The member event that analysts read carries no contact data either.
    const event = await tap.waitFor((m) => m.headers.ce_type === 'pcc.member.added');
    expect(JSON.stringify(event.value)).not.toContain('081 234 5678');
  });

  it('pages through organizations with cursors and filters', async () => {
    const first = await platform.graphql(
      '{ organizations(first: 5, filter: { district: THALANG }) { totalCount edges { node { code } } pageInfo { hasNextPage endCursor } } }',
    );
    const page = first.body.data!.organizations as {
      totalCount: number;
      edges: Array<{ node: { code: string } }>;
      pageInfo: { hasNextPage: boolean; endCursor: string };
    };
    expect(page.totalCount).toBe(9); // 8 Thalang organizations of the network + TEST-ORG
    expect(page.pageInfo.hasNextPage).toBe(true);
    const second = await platform.graphql(
      'query ($after: String) { organizations(first: 5, after: $after, filter: { district: THALANG }) { edges { node { code } } pageInfo { hasNextPage } } }',
      { after: page.pageInfo.endCursor },
    );
    const next = second.body.data!.organizations as {
      edges: Array<{ node: { code: string } }>;
      pageInfo: { hasNextPage: boolean };
    };
    expect(next.pageInfo.hasNextPage).toBe(false);
    const codes = [...page.edges, ...next.edges].map((e) => e.node.code);
    expect(codes).toEqual([...codes].sort());
    expect(new Set(codes).size).toBe(9);
    const search = await platform.graphql('{ organizations(filter: { search: "ป่าตอง" }) { edges { node { code } } } }');
    expect(search.body.data!.organizations).toEqual({ edges: [{ node: { code: 'PATONG' } }] });
  });
});
