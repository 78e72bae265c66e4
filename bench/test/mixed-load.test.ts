import type { Server } from 'node:http';
import { mixedLoad, type KindRequest } from '../src/mixed-load';
import { serving } from './serving';

interface Got {
  body: string;
  authorization: string | undefined;
  contentType: string | undefined;
}

/**
 * A real HTTP server that answers by the query it is sent: `ok` cleanly, `refused` with a 400,
 * `failing` with GraphQL errors, `slow` cleanly after a delay. It keeps every request it got.
 */
async function answeringServer(): Promise<{ url: string; got: Got[]; server: Server }> {
  const got: Got[] = [];
  const { url, server } = await serving((body, req, res) => {
    got.push({ body, authorization: req.headers.authorization, contentType: req.headers['content-type'] });
    const query = (JSON.parse(body) as { query: string }).query;
    const json = { 'content-type': 'application/json' };
    if (query.includes('refused')) res.writeHead(400, json).end('{"errors":[{"message":"no"}]}');
    else if (query.includes('failing')) res.writeHead(200, json).end('{"data":null,"errors":[{"message":"x"}]}');
    else if (query.includes('slow')) setTimeout(() => res.writeHead(200, json).end('{"data":{"slow":1}}'), 40);
    else res.writeHead(200, json).end('{"data":{"ok":"ขยะ"}}');
  });
  return { url, got, server };
}

describe('mixedLoad: the mixed workload’s driver', () => {
  let target: Awaited<ReturnType<typeof answeringServer>>;
  beforeEach(async () => {
    target = await answeringServer();
  });
  afterEach(async () => {
    await new Promise((resolve) => target.server.close(resolve));
  });

  const request = (kind: string, query: string, token?: string): KindRequest => ({
    kind,
    url: target.url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: JSON.stringify({ query: `{ ${query} }` }),
  });

  it('replays the sequence in order, each request with its own headers and whole body, counted by kind', async () => {
    const sequence = [request('read', 'ok', 'alice'), request('read', 'ok ขยะตกค้าง'), request('write', 'ok', 'bob')];
    const result = await mixedLoad(sequence, 1, 0.5);
    // One connection: the server saw the sequence in order, wrapping around.
    expect(target.got.length).toBeGreaterThanOrEqual(6);
    target.got.forEach((r, i) => {
      const sent = sequence[i % sequence.length]!;
      expect(r.body).toBe(sent.body);
      expect(r.authorization).toBe(sent.headers.authorization);
      expect(r.contentType).toBe('application/json');
    });
    expect(result.total.requests).toBe(target.got.length);
    expect(result.byKind.read!.requests + result.byKind.write!.requests).toBe(result.total.requests);
    expect(result.byKind.write!.requests).toBe(target.got.filter((r) => r.authorization === 'Bearer bob').length);
    expect(result.total.non2xx + result.total.graphqlErrors + result.total.errors).toBe(0);
  });

  it('counts refusals, GraphQL errors and unreachable servers apart from clean answers', async () => {
    const result = await mixedLoad(
      [request('clean', 'ok'), request('refused', 'refused'), request('failing', 'failing')],
      2,
      0.5,
    );
    expect(result.byKind.clean!.non2xx + result.byKind.clean!.graphqlErrors).toBe(0);
    expect(result.byKind.refused!.non2xx).toBe(result.byKind.refused!.requests);
    expect(result.byKind.refused!.requests).toBeGreaterThan(0);
    expect(result.byKind.failing!.graphqlErrors).toBe(result.byKind.failing!.requests);
    expect(result.total.non2xx).toBe(result.byKind.refused!.non2xx);

    await new Promise((resolve) => target.server.close(resolve));
    const unreachable = await mixedLoad([request('gone', 'ok')], 1, 0.2);
    expect(unreachable.byKind.gone!.errors).toBeGreaterThan(0);
    expect(unreachable.byKind.gone!.requests).toBe(0);
    target = await answeringServer();
  });

  it('times each request from send to whole answer', async () => {
    const result = await mixedLoad([request('fast', 'ok'), request('slow', 'slow')], 1, 0.6);
    expect(result.byKind.slow!.p50).toBeGreaterThanOrEqual(40);
    expect(result.byKind.fast!.p50).toBeLessThan(40);
  });
});
