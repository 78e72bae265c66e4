import { parse } from 'graphql';
import { errorCodes, expectNoGraphQLErrors, graphqlClient, HoldingServer, IdentityFactory } from '../src';

/** The client against a real HTTP server that holds its replies until the test releases them. */
describe('graphqlClient', () => {
  let server: HoldingServer;
  beforeAll(async () => {
    server = await HoldingServer.start((request) => {
      const auth = request.headers.authorization;
      return auth
        ? { data: { caller: auth } }
        : { data: null, errors: [{ message: 'no', extensions: { code: 'UNAUTHENTICATED' } }] };
    });
  });
  afterAll(() => server.close());
  beforeEach(() => server.hold());

  const client = () => graphqlClient(server.url, { sign: (identity: { sub: string }) => `token-of-${identity.sub}` });

  it('signs as the identity named, sends no token without one, and holds the reply until released', async () => {
    const signed = client().execute({ document: parse('{ caller }'), as: IdentityFactory.officer('PATONG') });
    const anonymous = client().execute({ document: '{ caller }' });
    await server.arrived(2);
    server.releaseAll();
    expect(expectNoGraphQLErrors(await signed)).toEqual({ caller: 'Bearer token-of-officer-patong' });
    expect(errorCodes(await anonymous)).toEqual(['UNAUTHENTICATED']);
    const typed = server.requests.find((r) => r.headers.authorization)!;
    expect(JSON.parse(typed.body)).toEqual({ query: '{\n  caller\n}', variables: {} });
  });

  it('throws with the query and the whole body when there are errors', async () => {
    server.releaseAll();
    const result = await client().execute({ document: '{ caller }' });
    expect(() => expectNoGraphQLErrors(result)).toThrow(/\{ caller \}[\s\S]*UNAUTHENTICATED/);
  });
});
