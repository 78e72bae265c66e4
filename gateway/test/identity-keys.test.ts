import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { InternalTokens, type Identity } from '@pcc/http';
import { SubgraphFetcher } from '../src/subgraph-fetcher';
import { SubgraphSource, type GatewayContext } from '../src/subgraph-source';

/**
 * The gateway caches a signed internal token per identity. Identities whose fields, joined with a
 * separator, read the same (an `org` or `sub` holding `|`) must never get each other's token.
 */
describe('the internal token cached per identity', () => {
  const secret = 'identity-keys-test-internal-secret-0123456789';
  const tokens = new InternalTokens(secret);
  const source = new SubgraphSource({
    name: 'cases',
    url: 'http://127.0.0.1:9/graphql',
    internalTokens: tokens,
    fetcher: new SubgraphFetcher(1000),
  });

  /** The internal token the source attaches to a subgraph request made for `identity`. */
  async function tokenSentFor(identity: Identity): Promise<string> {
    const headers = new Headers();
    const options = {
      kind: 'incoming operation',
      request: { query: '{ __typename }', http: { method: 'POST', url: 'http://127.0.0.1:9/graphql', headers } },
      context: { identity, requestId: 'r1', traceparent: undefined },
      incomingRequestContext: {},
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
    await source.willSendRequest(options);
    return headers.get('authorization')!.replace(/^Bearer /, '');
  }

  it('keeps identities apart whose fields contain the separator', async () => {
    const first: Identity = { role: 'LGO_OFFICER', org: 'PATONG|x', sub: 'y' };
    const second: Identity = { role: 'LGO_OFFICER', org: 'PATONG', sub: 'x|y' };
    expect(await tokens.verify(await tokenSentFor(first))).toEqual(first);
    expect(await tokens.verify(await tokenSentFor(second))).toEqual(second);
  });
});
