import type { Server } from 'node:http';
import { load, type Request } from '../src/load';
import { serving } from './serving';

/** A real HTTP server that answers every POST as a clean GraphQL answer and keeps the bodies it got. */
async function recordingServer(): Promise<{ url: string; bodies: string[]; server: Server }> {
  const bodies: string[] = [];
  const { url, server } = await serving((body, _req, res) => {
    bodies.push(body);
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"ok":true}}');
  });
  return { url, bodies, server };
}

describe('load: the benchmark’s autocannon run', () => {
  let target: Awaited<ReturnType<typeof recordingServer>>;
  beforeEach(async () => {
    target = await recordingServer();
  });
  afterEach(async () => {
    await new Promise((resolve) => target.server.close(resolve));
  });

  it('sends several requests in turn, across its connections, each body whole', async () => {
    // Bodies of different lengths, one of them not ASCII: each is sent with its own Content-Length.
    const requests: Request[] = ['a', 'bbbbbbbbbbbb', 'ขยะตกค้าง'].map((name) => ({
      url: target.url,
      headers: {},
      body: JSON.stringify({ query: `{ ${name} }` }),
    }));
    const result = await load(requests, 4, 1);
    expect(result.non2xx + result.graphqlErrors + result.errors).toBe(0);
    expect(target.bodies.length).toBeGreaterThanOrEqual(30);
    // Every body is sent, and in turn: as often as each other, but for those in flight when the run stops.
    const counts = new Map<string, number>();
    for (const body of target.bodies) counts.set(body, (counts.get(body) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual(requests.map((r) => r.body).sort());
    const fewest = Math.min(...counts.values());
    const most = Math.max(...counts.values());
    expect(most - fewest).toBeLessThanOrEqual(4);
  });

  it('refuses several requests to different URLs or with different headers', async () => {
    const one: Request = { url: target.url, headers: {}, body: '{}' };
    await expect(load([one, { ...one, url: `${target.url}/other` }], 1, 1)).rejects.toThrow(/one URL/);
    await expect(load([one, { ...one, headers: { authorization: 'Bearer x' } }], 1, 1)).rejects.toThrow(/one URL/);
    expect(target.bodies).toEqual([]);
  });

  it('sends one request as the same bytes every time', async () => {
    const body = JSON.stringify({ query: '{ one }' });
    const result = await load({ url: target.url, headers: {}, body }, 2, 1);
    expect(result.requests).toBeGreaterThan(0);
    expect(new Set(target.bodies)).toEqual(new Set([body]));
  });
});
