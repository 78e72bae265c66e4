import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InternalTokens, type Identity } from '@pcc/http';
import { SubgraphSource, type GatewayContext } from '../src/subgraph-source';

const ANALYST: Identity = { sub: 'analyst-1', role: 'ANALYST', org: null };

/**
 * Sharing an in-flight subgraph read: only with requests that reached the gateway before that read
 * was sent (so no caller ever gets an answer older than its request), never across identities,
 * never for mutations. The subgraph here is a real HTTP server that counts and delays its answers,
 * and stamps each with the write "version" it saw.
 */
describe('in-flight subgraph reads', () => {
  let server: Server;
  let url: string;
  let received = 0;
  let version = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      received += 1;
      const seen = version; // the state this read observes, as a database would at statement start
      request.resume();
      setTimeout(
        () =>
          response
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify({ data: { version: seen } })),
        50,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    received = 0;
  });

  const source = () =>
    new SubgraphSource({
      name: 'test',
      url,
      internalTokens: new InternalTokens('inflight-test-internal-secret-0123456789'),
      timeoutMs: 2_000,
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
    const answers = await Promise.all(contexts.map((c) => read(s, c)));
    expect(received).toBe(1);
    expect(answers.every((a) => a.data?.version === answers[0]!.data?.version)).toBe(true);
  });

  it('never hands a request a read sent before it arrived: a caller always sees its own completed write', async () => {
    const s = source();
    const before = read(s, context()); // in flight, observing version 0…
    await new Promise((resolve) => setTimeout(resolve, 10));
    version += 1; // …a write completes…
    const after = await read(s, context()); // …and a request that arrives now must see it
    expect(received).toBe(2);
    expect([(await before).data?.version, after.data?.version]).toEqual([version - 1, version]);
  });

  it('serves requests that arrive while an older read is in flight with one fetch sent after it, which sees the write', async () => {
    const s = source();
    const before = read(s, context());
    await new Promise((resolve) => setTimeout(resolve, 10));
    version += 1; // a write completes while the first read is in flight
    const later = await Promise.all(Array.from({ length: 5 }, () => read(s, context())));
    expect(received).toBe(2); // the first read, and one follow-up for all five
    expect((await before).data?.version).toBe(version - 1);
    expect(later.map((a) => a.data?.version)).toEqual(Array(5).fill(version));
  });

  it('shares nothing between identities, nor for mutations', async () => {
    const s = source();
    await Promise.all([read(s, context()), read(s, context({ sub: 'analyst-2', role: 'ANALYST', org: null }))]);
    expect(received).toBe(2);
    await Promise.all([read(s, context(), 'mutation'), read(s, context(), 'mutation')]);
    expect(received).toBe(4);
  });
});
