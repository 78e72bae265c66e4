import { SignJWT } from 'jose';
import { DEV_JWT_SECRET } from '../src/config';
import { Platform, type GraphQLResult } from './platform';

/** What a hostile or clumsy client can send, and what happens when a subgraph goes away. */
describe('gateway protection (real PostgreSQL and Kafka)', () => {
  let platform: Platform;
  let admin: string;

  beforeAll(async () => {
    platform = await Platform.start();
    admin = await Platform.token('NETWORK_ADMIN');
  });
  afterAll(async () => platform.stop());

  const codes = (result: GraphQLResult) => result.body.errors?.map((e) => e.extensions?.code);

  describe('authentication', () => {
    it('refuses a request straight to the subgraph without the internal token', async () => {
      const result = await platform.graphql(
        '{ organizations { totalCount } }',
        {},
        undefined,
        platform.organizationsUrl,
      );
      expect(result.status).toBe(401);
      expect(codes(result)).toEqual(['UNAUTHENTICATED']);
    });

    it('refuses a caller token that is forged, expired, or names no valid role', async () => {
      const forged = await new SignJWT({ role: 'NETWORK_ADMIN' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('mallory')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('an-attacker-secret-that-is-long-enough-000'));
      const expired = await Platform.token('NETWORK_ADMIN', undefined, '-1m');
      const noOrg = await Platform.token('LGO_OFFICER');
      const neverExpires = await new SignJWT({ role: 'NETWORK_ADMIN' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('forever')
        .sign(new TextEncoder().encode(DEV_JWT_SECRET));
      for (const token of [forged, expired, noOrg, neverExpires, 'garbage']) {
        const result = await platform.graphql('{ organizations { totalCount } }', {}, token);
        expect(result.status).toBe(401);
        expect(codes(result)).toEqual(['UNAUTHENTICATED']);
      }
    });

    it('treats no token as PUBLIC', async () => {
      const result = await platform.graphql('{ organizations { totalCount } }');
      expect(result.status).toBe(200);
      expect(result.body.data).toEqual({ organizations: { totalCount: 19 } });
    });
  });

  describe('bad input gets a typed error, no 500, and changes nothing', () => {
    const REGISTER = `mutation ($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }`;
    const base = {
      code: 'NEW-ORG',
      nameTh: 'อบต.ใหม่',
      nameEn: 'New',
      type: 'SUBDISTRICT_ADMINISTRATION',
      district: 'THALANG',
    };
    const deep = (levels: number) => {
      let selection = 'code';
      for (let i = 0; i < levels; i += 1)
        selection = i % 2 === 0 ? `signatories { ${selection} }` : `agreements { ${selection} }`;
      return `{ organizations(first: 1) { edges { node { agreements { ${selection} } } } } }`;
    };
    const cases: Array<[string, () => Promise<GraphQLResult>, string]> = [
      [
        'an unknown enum value (variable)',
        () => platform.graphql(REGISTER, { input: { ...base, type: 'KINGDOM' } }, admin),
        'BAD_USER_INPUT',
      ],
      [
        'an unknown enum value (literal)',
        () => platform.graphql('{ organizations(filter: { district: ATLANTIS }) { totalCount } }', {}, admin),
        'BAD_USER_INPUT',
      ],
      ['an empty name', () => platform.graphql(REGISTER, { input: { ...base, nameEn: '' } }, admin), 'BAD_USER_INPUT'],
      [
        'a 10,000-character name',
        () => platform.graphql(REGISTER, { input: { ...base, nameTh: 'ก'.repeat(10_000) } }, admin),
        'BAD_USER_INPUT',
      ],
      ['a duplicate code', () => platform.graphql(REGISTER, { input: { ...base, code: 'PATONG' } }, admin), 'CONFLICT'],
      [
        'a malformed id',
        () =>
          platform.graphql('mutation { deactivateOrganization(id: "42; DROP TABLE organization") { id } }', {}, admin),
        'BAD_USER_INPUT',
      ],
      [
        'a malformed cursor',
        () => platform.graphql('{ organizations(after: "!!!") { totalCount } }', {}, admin),
        'BAD_USER_INPUT',
      ],
      [
        'a page size over 100',
        () => platform.graphql('{ organizations(first: 1000) { totalCount } }', {}, admin),
        'BAD_USER_INPUT',
      ],
      ['a query nested 20 deep', () => platform.graphql(deep(20), {}, admin), 'BAD_USER_INPUT'],
      [
        '1,000 aliases',
        () =>
          platform.graphql(
            `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: organizations { totalCount }`).join(' ')} }`,
            {},
            admin,
          ),
        'BAD_USER_INPUT',
      ],
      [
        'a document of 20,000 tokens',
        () => platform.graphql(`{ ${'__typename '.repeat(20_000)}}`, {}, admin),
        'BAD_USER_INPUT',
      ],
      [
        'a NUL character in a search (as PUBLIC)',
        () =>
          platform.graphql('query ($q: String) { organizations(filter: { search: $q }) { totalCount } }', {
            q: 'pa\u0000tong',
          }),
        'BAD_USER_INPUT',
      ],
      [
        'a NUL character in a name',
        () => platform.graphql(REGISTER, { input: { ...base, nameEn: 'New\u0000Org' } }, admin),
        'BAD_USER_INPUT',
      ],
      [
        'null for a required field in an update',
        async () =>
          platform.graphql(
            'mutation ($id: ID!) { updateOrganization(id: $id, input: { nameTh: null }) { id } }',
            { id: await platform.organizationId('PATONG') },
            admin,
          ),
        'BAD_USER_INPUT',
      ],
      ['a syntax error', () => platform.graphql('{ organizations { ', {}, admin), 'BAD_USER_INPUT'],
      [
        'a mistyped date',
        () => platform.graphql(REGISTER, { input: { ...base, establishedOn: '2019-02-30' } }, admin),
        'BAD_USER_INPUT',
      ],
    ];

    it.each(cases)('%s', async (_name, send, code) => {
      const before = await platform.registrySnapshot();
      const result = await send();
      expect(result.status).toBeLessThan(500);
      expect([...new Set(codes(result))]).toEqual([code]);
      expect(JSON.stringify(result.body)).not.toMatch(/stack|at \/|SELECT|INSERT/);
      expect(await platform.registrySnapshot()).toBe(before);
    });

    it('refuses a body over the size limit', async () => {
      const response = await fetch(platform.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ organizations { totalCount } } # ${'x'.repeat(1_100_000)}` }),
      });
      expect(response.status).toBe(413);
    });

    it('refuses a cross-site simple request (CSRF prevention)', async () => {
      const response = await fetch(
        `${platform.gatewayUrl}?query=${encodeURIComponent('{ organizations { totalCount } }')}`,
        { method: 'GET' },
      );
      expect(response.status).toBe(400);
      const allowed = await fetch(
        `${platform.gatewayUrl}?query=${encodeURIComponent('{ organizations { totalCount } }')}`,
        { headers: { 'apollo-require-preflight': 'true' } },
      );
      expect(allowed.status).toBe(200);
    });
  });

  it('serves the GraphQL IDE with its assets from this process', async () => {
    const page = await fetch(platform.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/ide/graphiql.js');
    expect(html).not.toMatch(/https?:\/\/(?!json-schema)/);
    for (const asset of ['react.js', 'react-dom.js', 'graphiql.js', 'graphiql.css']) {
      const response = await fetch(new URL(`/ide/${asset}`, platform.gatewayUrl));
      expect(response.status).toBe(200);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
  });

  it('serves the event catalogue for analysts at /events, with its AsyncAPI document', async () => {
    const page = await fetch(new URL('/events', platform.gatewayUrl));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).toContain('<h1>PCC event catalogue</h1>');
    expect(html).toContain('<h2><code>pcc.cases.case.v1</code></h2>');
    // No script, nothing loaded or linked from elsewhere (an example payload may hold a URL as text).
    expect(html).not.toMatch(/<script|(?:href|src)=["']?https?:\/\//);
    const asyncapi = await fetch(new URL('/events/asyncapi.json', platform.gatewayUrl));
    expect(asyncapi.status).toBe(200);
    expect(((await asyncapi.json()) as { asyncapi: string }).asyncapi).toBe('3.0.0');
  });

  it('answers with an error for a stopped subgraph, stays up, and serves again when it is back', async () => {
    const query = '{ organizations { totalCount } }';
    await platform.stopOrganizations();
    const down = await platform.graphql(query);
    expect(down.status).toBe(200);
    expect(codes(down)).toEqual(['INTERNAL']);
    expect(down.body.errors![0]!.message).toMatch(/organizations service is unavailable/);
    const health = await fetch(new URL('/healthz', platform.gatewayUrl));
    expect(health.status).toBe(200);
    // Readiness is the gateway's own (a supergraph loaded): one subgraph down must not take it out of a
    // load balancer. The subgraph's state is reported apart.
    const ready = await fetch(new URL('/readyz', platform.gatewayUrl));
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { checks: Record<string, boolean> }).checks).toEqual({ supergraph: true });
    const subgraphsUp = async () =>
      Object.fromEntries(
        (
          (await (await fetch(new URL('/health/subgraphs', platform.gatewayUrl))).json()) as {
            subgraphs: Array<{ name: string; up: boolean }>;
          }
        ).subgraphs.map((s) => [s.name, s.up]),
      );
    expect((await subgraphsUp()).organizations).toBe(false);

    await platform.startOrganizations();
    const up = await platform.graphql(query);
    expect(up.body).toEqual({ data: { organizations: { totalCount: 19 } } });
    // The other subgraphs do not run in this test, so only the organizations subgraph is looked at.
    expect((await subgraphsUp()).organizations).toBe(true);
    expect((await fetch(new URL('/readyz', platform.gatewayUrl))).status).toBe(200);
  });
});
