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

  it('in production, serves /metrics on its own port only, not on the public one', async () => {
    expect((await fetch(new URL('/metrics', productionUrl))).status).toBe(404);
    expect(production.metricsApp).toBeDefined();
    const metricsUrl = await production.metricsApp!.listen({ host: '127.0.0.1', port: 0 });
    const scraped = await fetch(new URL('/metrics', metricsUrl));
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain('pcc_graphql_operation_duration_seconds');
    // Development keeps one port for everything.
    expect((await fetch(new URL('/metrics', platform.gatewayUrl))).status).toBe(200);
  });

  it('is alive after the corpus: health, and a normal query', async () => {
    expect((await fetch(new URL('/healthz', platform.gatewayUrl))).status).toBe(200);
    const result = await platform.graphql(ORGANIZATIONS);
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ data: { organizations: { totalCount: 19 } } });
  });
});
