import { randomUUID } from 'node:crypto';
import { loadConfig } from '@pcc/config';
import { configSchema } from '../src/config';
import { createGatewayServer, type GatewayServer } from '../src/server';
import { readSupergraph } from '../src/supergraph';
import { Platform } from './platform';

const OPEN_CASE = 'mutation ($input: OpenCaseInput!) { openCase(input: $input) { trackingCode } }';
const ADD_INFORMATION =
  'mutation ($code: String!) { addCaseInformation(trackingCode: $code, reporterSecret: "s", text: "t") { id } }';
const SUBSCRIBE =
  'mutation ($code: String!) { subscribeToMyCase(input: { trackingCode: $code, reporterSecret: "s", email: "a@b.test", language: EN }) }';
const NOWHERE = 'http://127.0.0.1:9/graphql';

/**
 * Rate limits of public intake and of the reporter's actions, checked by the gateway before any
 * subgraph is called (so no subgraph runs here: a request under the limit goes on to fail on its
 * empty input, one over it is refused with 429 RATE_LIMITED).
 */
describe('rate limits', () => {
  const gateways: GatewayServer[] = [];
  afterAll(async () => {
    for (const gateway of gateways) await gateway.app.close();
  });

  /** A gateway with these limits; `prefix` names the budget (gateways given the same one share it in Redis). */
  async function gateway(settings: Record<string, string>): Promise<string> {
    const server = await createGatewayServer({
      config: loadConfig(configSchema, {
        ORGANIZATIONS_URL: NOWHERE,
        CASES_URL: NOWHERE,
        PLANNING_URL: NOWHERE,
        WASTE_METRICS_URL: NOWHERE,
        NOTIFICATIONS_URL: NOWHERE,
        LOG_LEVEL: 'silent',
        RATE_LIMIT_PREFIX: `test-${randomUUID()}`,
        ...settings,
      }),
      supergraphSdl: readSupergraph(),
    });
    gateways.push(server);
    return `${await server.app.listen({ host: '127.0.0.1', port: 0 })}/graphql`;
  }

  const post = async (url: string, query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      code: body.errors?.[0]?.extensions?.code,
    };
  };
  const limited = { status: 429, code: 'RATE_LIMITED' };

  it('limits public intake per client, counting every aliased openCase, and not authenticated officers', async () => {
    const url = await gateway({ RATE_LIMIT_INTAKE: '3' });
    for (let i = 0; i < 3; i += 1) expect(await post(url, OPEN_CASE, { input: {} })).toMatchObject({ status: 400 });
    const refused = await post(url, OPEN_CASE, { input: {} });
    expect(refused).toMatchObject(limited);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(600);

    const other = await gateway({ RATE_LIMIT_INTAKE: '3' });
    const twice = `mutation ($input: OpenCaseInput!) { a: openCase(input: $input) { trackingCode } b: openCase(input: $input) { trackingCode } }`;
    expect(await post(other, twice, { input: {} })).toMatchObject({ status: 400 });
    expect(await post(other, twice, { input: {} })).toMatchObject(limited);

    const officer = await Platform.token('LGO_OFFICER', 'PATONG');
    for (let i = 0; i < 5; i += 1)
      expect(await post(url, OPEN_CASE, { input: {} }, officer)).toMatchObject({ status: 400 });
  });

  it("limits the reporter's actions per tracking code, and per client", async () => {
    const url = await gateway({ RATE_LIMIT_TRACKING_CODE: '2', RATE_LIMIT_REPORTER: '5' });
    const code = 'PCC-2569-000001';
    for (let i = 0; i < 2; i += 1) expect((await post(url, ADD_INFORMATION, { code })).code).not.toBe('RATE_LIMITED');
    // The same code written differently is the same case.
    expect(await post(url, ADD_INFORMATION, { code: ` ${code.toLowerCase()}` })).toMatchObject(limited);
    for (let i = 2; i <= 3; i += 1)
      expect((await post(url, ADD_INFORMATION, { code: `PCC-2569-00000${i}` })).code).not.toBe('RATE_LIMITED');
    // Five actions of this client so far (the refused one counts too): the sixth is over its own budget.
    expect(await post(url, ADD_INFORMATION, { code: 'PCC-2569-000009' })).toMatchObject(limited);
  });

  it("counts a reporter's notification subscription against the same budgets, by the code in its input", async () => {
    const url = await gateway({ RATE_LIMIT_TRACKING_CODE: '2', RATE_LIMIT_REPORTER: '100' });
    const code = 'PCC-2569-000042';
    expect((await post(url, SUBSCRIBE, { code })).code).not.toBe('RATE_LIMITED');
    expect((await post(url, ADD_INFORMATION, { code })).code).not.toBe('RATE_LIMITED');
    expect(await post(url, SUBSCRIBE, { code })).toMatchObject(limited);
  });

  it('shares one budget between gateway replicas through Redis', async () => {
    const shared = { RATE_LIMIT_STORE: 'redis', RATE_LIMIT_PREFIX: `test-${randomUUID()}`, RATE_LIMIT_INTAKE: '3' };
    const [first, second] = [await gateway(shared), await gateway(shared)];
    expect(await post(first, OPEN_CASE, { input: {} })).toMatchObject({ status: 400 });
    expect(await post(second, OPEN_CASE, { input: {} })).toMatchObject({ status: 400 });
    expect(await post(first, OPEN_CASE, { input: {} })).toMatchObject({ status: 400 });
    expect(await post(second, OPEN_CASE, { input: {} })).toMatchObject(limited);
    expect(await post(first, OPEN_CASE, { input: {} })).toMatchObject(limited);
  });
});
