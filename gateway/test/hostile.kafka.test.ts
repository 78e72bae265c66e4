import { loadConfig } from '@pcc/config';
import { configSchema } from '../src/config';
import { createGatewayServer, type GatewayServer } from '../src/server';
import { readSupergraph } from '../src/supergraph';
import { Platform } from './platform';

/** A raw HTTP exchange: what a hostile client sends, not what a well-behaved GraphQL client would. */
interface Sent {
  body?: string;
  headers?: Record<string, string>;
  method?: 'GET' | 'POST';
  /** Query string for GET requests. */
  search?: string;
  /** The production-mode gateway instead of the development one. */
  production?: boolean;
}

const json = (payload: unknown) => JSON.stringify(payload);
const ORGANIZATIONS = '{ organizations { totalCount } }';

/** The attack: three nested `cases` lists of `$n` each, under 30 aliases (10⁶ nodes per alias). */
const NESTED_CASES = (alias: string) =>
  `${alias}: cases(first: $n) { edges { node { leadOrganization { cases(first: $n) { edges { node { leadOrganization { cases(first: $n) { edges { node { id } } } } } } } } } } }`;
const FAN_OUT = `query ($n: Int) { ${Array.from({ length: 30 }, (_, i) => NESTED_CASES(`a${i}`)).join(' ')} }`;

/**
 * The hostile corpus: every request here is the client's fault, so each must get a 4xx with a typed
 * code (`extensions.code` of the contract), never a 500, and the gateway must serve normally afterwards.
 */
describe('the gateway under a hostile corpus (real PostgreSQL and Kafka)', () => {
  let platform: Platform;
  let production: GatewayServer;
  let productionUrl: string;

  beforeAll(async () => {
    platform = await Platform.start();
    production = await createGatewayServer({
      config: loadConfig(configSchema, {
        NODE_ENV: 'production',
        JWT_SECRET: 'hostile-test-caller-secret-0123456789abcdef',
        INTERNAL_JWT_SECRET: 'hostile-test-internal-secret-0123456789abcdef',
        ORGANIZATIONS_URL: platform.organizationsUrl,
        LOG_LEVEL: 'silent',
      }),
      supergraphSdl: readSupergraph(),
    });
    productionUrl = `${await production.app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
  });
  afterAll(async () => {
    await production.app.close();
    await platform.stop();
  });

  const send = async ({ body, headers, method = 'POST', search = '', production: prod }: Sent) => {
    const url = `${prod ? productionUrl : platform.gatewayUrl}${search}`;
    const response = await fetch(url, {
      method,
      headers: { ...(method === 'POST' ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body === undefined ? {} : { body }),
    });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  const corpus: Array<[name: string, request: Sent, code: string]> = [
    [
      'nested lists sized by a variable, under 30 aliases (cost)',
      { body: json({ query: FAN_OUT, variables: { n: 100 } }) },
      'BAD_USER_INPUT',
    ],
    [
      'nested lists left at their default size, under 30 aliases (cost)',
      { body: json({ query: FAN_OUT, variables: {} }) },
      'BAD_USER_INPUT',
    ],
    [
      'an unknown operation name',
      { body: json({ query: `query Known ${ORGANIZATIONS}`, operationName: 'Unknown' }) },
      'BAD_USER_INPUT',
    ],
    [
      'two anonymous operations without an operation name',
      { body: json({ query: `${ORGANIZATIONS} ${ORGANIZATIONS}` }) },
      'BAD_USER_INPUT',
    ],
    [
      'two named operations without an operation name',
      { body: json({ query: `query A ${ORGANIZATIONS} query B ${ORGANIZATIONS}` }) },
      'BAD_USER_INPUT',
    ],
    [
      'a NUL byte in an operation name',
      { body: json({ query: `query A ${ORGANIZATIONS}`, operationName: 'A\u0000' }) },
      'BAD_USER_INPUT',
    ],
    ['malformed JSON', { body: '{"query": "{ organizations { totalCount } }"' }, 'BAD_USER_INPUT'],
    ['a JSON string instead of an object', { body: json(ORGANIZATIONS) }, 'BAD_USER_INPUT'],
    ['an empty body', { body: '' }, 'BAD_USER_INPUT'],
    [
      'a content type the endpoint does not take (XML)',
      { body: '<query/>', headers: { 'content-type': 'application/xml' } },
      'BAD_USER_INPUT',
    ],
    [
      'a simple-request content type (text/plain, CSRF)',
      { body: json({ query: ORGANIZATIONS }), headers: { 'content-type': 'text/plain' } },
      'BAD_USER_INPUT',
    ],
    [
      'a form-encoded body',
      { body: 'query=%7B__typename%7D', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      'BAD_USER_INPUT',
    ],
    [
      'a query nested 30 deep',
      { body: json({ query: `{ ${'organizations { edges { node { '.repeat(10)}id${' } } }'.repeat(10)} }` }) },
      'BAD_USER_INPUT',
    ],
    [
      'a query 5,000 fields wide',
      { body: json({ query: `{ organizations { ${'totalCount '.repeat(5_000)}} }` }) },
      'BAD_USER_INPUT',
    ],
    [
      'a variable of the wrong type',
      {
        body: json({
          query: 'query ($n: Int) { organizations(first: $n) { totalCount } }',
          variables: { n: 'many' },
        }),
      },
      'BAD_USER_INPUT',
    ],
    [
      'variables that are not an object',
      { body: json({ query: 'query ($n: Int) { organizations(first: $n) { totalCount } }', variables: [1] }) },
      'BAD_USER_INPUT',
    ],
    [
      'a batched array of operations',
      { body: json([{ query: ORGANIZATIONS }, { query: ORGANIZATIONS }]) },
      'BAD_USER_INPUT',
    ],
    [
      'introspection in production',
      { body: json({ query: '{ __schema { types { name fields { name } } } }' }), production: true },
      'BAD_USER_INPUT',
    ],
    [
      'a type lookup in production',
      { body: json({ query: '{ __type(name: "Case") { fields { name } } }' }), production: true },
      'BAD_USER_INPUT',
    ],
    [
      'a deep introspection of types (development)',
      {
        body: json({
          query: `{ __schema { types { ${'fields { type { '.repeat(8)}name${' } }'.repeat(8)} } } }`,
        }),
      },
      'BAD_USER_INPUT',
    ],
    [
      'a NUL byte in the document',
      { body: json({ query: '{ organizations\u0000 { totalCount } }' }) },
      'BAD_USER_INPUT',
    ],
    [
      'an overlong token (12 KB)',
      { body: json({ query: ORGANIZATIONS }), headers: { authorization: `Bearer ${'a'.repeat(12_000)}` } },
      'UNAUTHENTICATED',
    ],
    [
      'headers over the server limit (a 64 KB token)',
      { body: json({ query: ORGANIZATIONS }), headers: { authorization: `Bearer ${'a'.repeat(64_000)}` } },
      'BAD_USER_INPUT',
    ],
    [
      'a mutation over GET',
      {
        method: 'GET',
        search: `?query=${encodeURIComponent('mutation { x }')}`,
        headers: { 'apollo-require-preflight': '1' },
      },
      'BAD_USER_INPUT',
    ],

    [
      'a huge string, over the body limit',
      {
        body: json({
          query: 'query ($q: String) { organizations(filter: { search: $q }) { totalCount } }',
          variables: { q: 'ก'.repeat(400_000) },
        }),
      },
      'BAD_USER_INPUT',
    ],
  ];

  it.each(corpus)('%s: 4xx with a typed code', async (_name, request, code) => {
    const response = await send(request);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const body = JSON.parse(response.text) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect([...new Set(body.errors?.map((e) => e.extensions?.code))]).toEqual([code]);
    expect(response.text).not.toMatch(/stack|at \/|SELECT|INSERT/);
  });

  it('counts page sizes from variables: refuses with the cost, and serves a large page of a flat list', async () => {
    const refused = await send({ body: json({ query: FAN_OUT, variables: { n: 100 } }) });
    const error = (JSON.parse(refused.text) as { errors: Array<{ extensions: Record<string, unknown> }> }).errors[0]!;
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxCost: 20_000 });
    expect(error.extensions.cost).toBeGreaterThan(30 * 100 ** 3);
    const flat = await platform.graphql('query ($n: Int) { organizations(first: $n) { edges { node { code } } } }', {
      n: 100,
    });
    expect(flat.status).toBe(200);
    expect(flat.body.errors).toBeUndefined();
  });

  it('in production, serves /metrics and /health/subgraphs on their own port only, not on the public one', async () => {
    expect((await fetch(new URL('/metrics', productionUrl))).status).toBe(404);
    // The subgraphs' internal addresses are not the public's to read.
    expect((await fetch(new URL('/health/subgraphs', productionUrl))).status).toBe(404);
    expect(production.metricsApp).toBeDefined();
    const metricsUrl = await production.metricsApp!.listen({ host: '127.0.0.1', port: 0 });
    const scraped = await fetch(new URL('/metrics', metricsUrl));
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('pcc_graphql_operation_duration_seconds');
    expect((await fetch(new URL('/health/subgraphs', metricsUrl))).status).toBe(200);
    // Development keeps one port for everything.
    expect((await fetch(new URL('/metrics', platform.gatewayUrl))).status).toBe(200);
  });

  it('is alive after the corpus: health, and a normal query', async () => {
    expect((await fetch(new URL('/healthz', platform.gatewayUrl))).status).toBe(200);
    const result = await platform.graphql(ORGANIZATIONS);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { organizations: { totalCount: 19 } } });
  });

  it('answers compact JSON, nothing after it, its length in Content-Length', async () => {
    const answer = await send({ body: json({ query: ORGANIZATIONS }) });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe(JSON.stringify({ data: { organizations: { totalCount: 19 } } }));
    expect(answer.headers.get('content-length')).toBe(String(Buffer.byteLength(answer.text)));
  });
});
