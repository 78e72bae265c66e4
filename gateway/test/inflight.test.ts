import { InternalTokens, type Identity } from '@pcc/http';
import { HoldingServer } from '@pcc/testing';
import { InternalTokenCache } from '../src/internal-token-cache';
import { SubgraphFetcher } from '../src/subgraph-fetcher';
import { SubgraphSource, type GatewayContext } from '../src/subgraph-source';

const ANALYST: Identity = { sub: 'analyst-1', role: 'ANALYST', org: null };

/**
 * Sharing an in-flight subgraph read: only with requests that reached the gateway before that read
 * was sent (so no caller ever gets an answer older than its request), never across identities,
 * never for mutations. The subgraph here is a real HTTP server that holds its answers until the test
 * releases them (so the test, not a delay, decides what is in flight), and stamps each with the
 * write "version" it saw when the request arrived.
 */
describe('in-flight subgraph reads', () => {
  let server: HoldingServer;
  let version = 0;
  beforeAll(async () => {
    // The state a read observes is the one at its arrival, as a database would see at statement start.
    server = await HoldingServer.start(() => ({ data: { version } }));
  });
  afterAll(() => server.close());
  beforeEach(() => server.hold());
  const received = () => server.requests.length;

  const source = () =>
    new SubgraphSource({
      name: 'test',
      url: server.url,
      tokens: new InternalTokenCache(new InternalTokens('inflight-test-internal-secret-0123456789')),
      fetcher: new SubgraphFetcher(2_000),
    });
  const read = (s: SubgraphSource, context: GatewayContext, operation: 'query' | 'mutation' = 'query') =>
    s.process({
      kind: 'incoming operation',
      request: { query: '{ version }', variables: {} },
      context,
      incomingRequestContext: { operation: { operation } },
    } as never) as Promise<{ data?: { version: number } }>;
  const context = (identity: Identity = ANALYST): GatewayContext => ({
    identity,
    requestId: 'r',
    traceparent: undefined,
    receivedAt: performance.now(),
  });

  it('lets requests that arrived before a read was sent share it', async () => {
    const s = source();
    const contexts = Array.from({ length: 10 }, () => context());
    const pending = Promise.all(contexts.map((c) => read(s, c)));
    await server.arrived(1);
    server.releaseAll();
    const answers = await pending;
    expect(received()).toBe(1);
    expect(answers.every((a) => a.data?.version === answers[0]!.data?.version)).toBe(true);
  });

  it('never hands a request a read sent before it arrived: a caller always sees its own completed write', async () => {
    const s = source();
    const before = read(s, context()); // in flight, observing version 0…
    await server.arrived(1);
    version += 1; // …a write completes…
    const pending = read(s, context()); // …and a request that arrives now must see it
    server.releaseAll(); // its own fetch goes out once the first read is answered
    const after = await pending;
    expect(received()).toBe(2);
    expect([(await before).data?.version, after.data?.version]).toEqual([version - 1, version]);
  });

  it('serves requests that arrive while an older read is in flight with one fetch sent after it, which sees the write', async () => {
    const s = source();
    const before = read(s, context());
    await server.arrived(1);
    version += 1; // a write completes while the first read is in flight
    const pending = Promise.all(Array.from({ length: 5 }, () => read(s, context())));
    server.releaseAll(); // the follow-up goes out once the first read is answered
    const later = await pending;
    expect(received()).toBe(2); // the first read, and one follow-up for all five
    expect((await before).data?.version).toBe(version - 1);
    expect(later.map((a) => a.data?.version)).toEqual(Array(5).fill(version));
  });

  it('shares nothing between identities, nor for mutations', async () => {
    const s = source();
    // Both held: had they shared one fetch, the second request would never arrive.
    const identities = Promise.all([
      read(s, context()),
      read(s, context({ sub: 'analyst-2', role: 'ANALYST', org: null })),
    ]);
    await server.arrived(2);
    const mutations = Promise.all([read(s, context(), 'mutation'), read(s, context(), 'mutation')]);
    await server.arrived(4);
    server.releaseAll();
    await Promise.all([identities, mutations]);
    expect(received()).toBe(4);
  });

  it('shares nothing between identities whose fields, joined with a separator, read the same', async () => {
    const s = source();
    const before = received();
    const officer = (org: string, sub: string): Identity => ({ sub, role: 'LGO_OFFICER', org });
    const both = Promise.all([read(s, context(officer('PATONG|x', 'y'))), read(s, context(officer('PATONG', 'x|y')))]);
    await server.arrived(before + 2); // held: a shared fetch would leave the second unsent
    server.releaseAll();
    await both;
  });
});
