import { loadConfig } from '@pcc/config';
import { configSchema } from '../src/config';
import { organizationsOf } from '../src/changes';
import { createGatewayServer, type GatewayServer } from '../src/server';
import { readSupergraph } from '../src/supergraph';

/** The console's two gateway endpoints, without Kafka: who may open the stream, and the development sign-in. */
describe("the console's endpoints", () => {
  let server: GatewayServer;

  beforeAll(async () => {
    const config = loadConfig(configSchema, {
      LOG_LEVEL: 'silent',
      // Nothing listens there: no test here reaches a subgraph or the broker.
      KAFKA_BROKERS: '127.0.0.1:9',
      ORGANIZATIONS_URL: 'http://127.0.0.1:9/graphql',
      CASES_URL: 'http://127.0.0.1:9/graphql',
      PLANNING_URL: 'http://127.0.0.1:9/graphql',
      WASTE_METRICS_URL: 'http://127.0.0.1:9/graphql',
    });
    server = await createGatewayServer({ config, supergraphSdl: readSupergraph() });
  });

  afterAll(() => server.app.close());

  it('refuses the change stream to a caller without a token, or with a bad one, before touching Kafka', async () => {
    const anonymous = await server.app.inject({ method: 'GET', url: '/changes' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const forged = await server.app.inject({
      method: 'GET',
      url: '/changes',
      headers: { authorization: 'Bearer x.y.z' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('signs development tokens for known roles only; an officer needs an organization', async () => {
    const sign = (body: object) => server.app.inject({ method: 'POST', url: '/dev/token', payload: body });
    expect((await sign({ role: 'PUBLIC' })).statusCode).toBe(400);
    expect((await sign({ role: 'ROOT' })).statusCode).toBe(400);
    expect((await sign({ role: 'LGO_OFFICER' })).statusCode).toBe(400);
    const officer = await sign({ role: 'LGO_OFFICER', org: 'patong' });
    expect(officer.statusCode).toBe(200);
    const { token } = officer.json<{ token: string }>();
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ role: 'LGO_OFFICER', org: 'PATONG', sub: 'dev-lgo_officer-patong' });
  });

  it('names the organizations an event concerns, from its payload only', () => {
    expect(
      organizationsOf('pcc.case.triaged', 'case-1', {
        leadOrganizationId: 'a',
        supportingOrganizationIds: ['b', 'c'],
        reporter: { name: 'never read' },
      }).sort(),
    ).toEqual(['a', 'b', 'c']);
    expect(organizationsOf('pcc.organization.updated', 'org-1', { code: 'PATONG' })).toEqual(['org-1']);
    expect(
      organizationsOf('pcc.project.approved', 'p-1', {
        ownerOrganizationId: 'o',
        partnerOrganizationIds: ['p'],
      }).sort(),
    ).toEqual(['o', 'p']);
    expect(organizationsOf('pcc.case.opened', 'case-2', null)).toEqual([]);
  });

  it('is off when CHANGES_STREAM=false', async () => {
    const config = loadConfig(configSchema, { LOG_LEVEL: 'silent', CHANGES_STREAM: 'false' });
    const off = await createGatewayServer({ config, supergraphSdl: readSupergraph() });
    expect((await off.app.inject({ method: 'GET', url: '/changes' })).statusCode).toBe(404);
    await off.app.close();
  });
});
