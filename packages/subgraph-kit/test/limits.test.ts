import { parse } from 'graphql';
import { graphqlClient, IdentityFactory } from '@pcc/testing';
import { createSubgraphServer, InternalTokens, SUBGRAPH_LIMITS, type BaseContext, type Identity } from '../src';

const SECRET = 'kit-limits-internal-secret-0123456789abcdef';

/**
 * A subgraph refuses what the gateway would have refused, for a caller that reaches it without the
 * gateway (a leaked internal token, a compromised neighbour): too deep, too many aliases, too costly.
 */
describe('subgraph request limits', () => {
  const tokens = new InternalTokens(SECRET);
  let server: Awaited<ReturnType<typeof createSubgraphServer<BaseContext>>>;

  beforeAll(async () => {
    const node = { id: '1' };
    server = await createSubgraphServer<BaseContext>({
      name: 'limits-test',
      typeDefs: parse(`
        type Query {
          node: Node!
        }
        type Node {
          id: ID!
          next: Node!
          left: Node!
          right: Node!
        }
      `),
      resolvers: { Query: { node: () => node }, Node: { next: () => node, left: () => node, right: () => node } },
      internalTokens: tokens,
      createContext: (base) => base,
      logLevel: 'silent',
    });
  });
  afterAll(() => server.app.close());

  const client = () => graphqlClient(server.app, { sign: (identity: Identity) => tokens.sign(identity) });
  const nested = (depth: number) => `{ node { ${'next { '.repeat(depth)}id${' }'.repeat(depth)} } }`;
  const ask = async (document: string) => {
    const result = await client().execute({ document, as: IdentityFactory.analyst() });
    return { status: result.status, codes: (result.body.errors ?? []).map((e) => e.extensions?.code) };
  };

  it('answers a query within the limits', async () => {
    expect(await ask(nested(SUBGRAPH_LIMITS.maxDepth - 3))).toEqual({ status: 200, codes: [] });
  });

  it('refuses a query deeper than the limit with a 400 and a typed code', async () => {
    const answer = await ask(nested(SUBGRAPH_LIMITS.maxDepth + 5));
    expect(answer.status).toBe(400);
    expect(answer.codes.length).toBeGreaterThan(0);
    expect(answer.codes.every((code) => code === 'BAD_USER_INPUT')).toBe(true);
  });

  it('refuses more aliases than the limit', async () => {
    const aliases = Array.from({ length: SUBGRAPH_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: node { id }`);
    const answer = await ask(`{ ${aliases.join(' ')} }`);
    expect(answer.status).toBe(400);
    expect(answer.codes.every((code) => code === 'BAD_USER_INPUT')).toBe(true);
  });

  it('refuses a query costlier than the limit', async () => {
    // No alias and within the depth limit: a binary tree of 2^11 leaves is only too costly as a whole.
    const tree = (depth: number): string =>
      depth === 0 ? 'id' : `left { ${tree(depth - 1)} } right { ${tree(depth - 1)} }`;
    const answer = await ask(`{ node { ${tree(11)} } }`);
    expect(answer.status).toBe(400);
    expect(answer.codes.every((code) => code === 'BAD_USER_INPUT')).toBe(true);
  });
});
