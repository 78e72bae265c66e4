import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { InternalTokens, type Identity } from '@pcc/http';
import { InternalTokenCache } from '../src/internal-token-cache';
import { SubgraphFetcher } from '../src/subgraph-fetcher';
import { SubgraphSource, type GatewayContext } from '../src/subgraph-source';

/** Real tokens, with the signings counted. */
class CountedTokens extends InternalTokens {
  signed = 0;
  override sign(identity: Identity): Promise<string> {
    this.signed += 1;
    return super.sign(identity);
  }
}

/**
 * The gateway caches a signed internal token per identity, for every subgraph. Identities whose
 * fields, joined with a separator, read the same (an `org` or `sub` holding `|`) must never get each
 * other's token.
 */
describe('the internal token cached per identity', () => {
  const secret = 'identity-keys-test-internal-secret-0123456789';
  const tokens = new CountedTokens(secret);
  const cache = new InternalTokenCache(tokens);
  const sourceOf = (name: string) =>
    new SubgraphSource({ name, url: 'http://127.0.0.1:9/graphql', tokens: cache, fetcher: new SubgraphFetcher(1000) });
  const source = sourceOf('cases');

  /** The internal token `s` attaches to a subgraph request made for `identity`. */
  async function tokenSentFor(identity: Identity, s = source): Promise<string> {
    const headers = new Headers();
    const options = {
      kind: 'incoming operation',
      request: { query: '{ __typename }', http: { method: 'POST', url: 'http://127.0.0.1:9/graphql', headers } },
      context: { identity, requestId: 'r1', traceparent: undefined },
      incomingRequestContext: {},
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
    await s.willSendRequest(options);
    return headers.get('authorization')!.replace(/^Bearer /, '');
  }

  it('keeps identities apart whose fields contain the separator', async () => {
    const first: Identity = { role: 'LGO_OFFICER', org: 'PATONG|x', sub: 'y' };
    const second: Identity = { role: 'LGO_OFFICER', org: 'PATONG', sub: 'x|y' };
    expect(await tokens.verify(await tokenSentFor(first))).toEqual(first);
    expect(await tokens.verify(await tokenSentFor(second))).toEqual(second);
  });

  it('signs once per identity for every subgraph, and once for requests that arrive together', async () => {
    const identity: Identity = { role: 'ANALYST', org: null, sub: 'analyst-signs-once' };
    const before = tokens.signed;
    const sources = ['organizations', 'cases', 'planning', 'waste-metrics'].map(sourceOf);
    const sent = await Promise.all(sources.flatMap((s) => [tokenSentFor(identity, s), tokenSentFor(identity, s)]));
    expect(tokens.signed - before).toBe(1);
    expect(new Set(sent).size).toBe(1);
    expect(await tokens.verify(sent[0]!)).toEqual(identity);
  });

  it('signs again after a signing failed, instead of keeping the failure', async () => {
    const failing = new CountedTokens(secret);
    let fail = true;
    failing.sign = function (identity: Identity) {
      this.signed += 1;
      return fail ? Promise.reject(new Error('signing failed')) : CountedTokens.prototype.sign.call(this, identity);
    };
    const own = new InternalTokenCache(failing);
    const identity: Identity = { role: 'PUBLIC', org: null, sub: 'anonymous' };
    await expect(own.tokenFor(identity)).rejects.toThrow('signing failed');
    fail = false;
    expect(await failing.verify(await own.tokenFor(identity))).toEqual(identity);
  });
});
