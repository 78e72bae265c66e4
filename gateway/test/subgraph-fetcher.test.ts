import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SubgraphFetcher } from '../src/subgraph-fetcher';

/** The gateway's HTTP client against a real HTTP server answering one JSON document. */
describe('SubgraphFetcher', () => {
  const answer = { data: { organizations: [{ id: 'PATONG', name: 'ป่าตอง' }] } };
  let server: Server;
  let url: string;
  const fetcher = new SubgraphFetcher(5_000);

  beforeAll(async () => {
    server = createServer((request, response) => {
      let received = '';
      request.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
      request.on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-received': received });
        response.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });

  afterAll(async () => {
    await fetcher.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = () =>
    fetcher.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ a }"}' });

  it('sends the body and gives the status, headers and JSON answer', async () => {
    const response = await post();
    expect(response.status).toBe(200);
    expect(response.ok).toBe(true);
    expect(response.headers.get('x-received')).toBe('{"query":"{ a }"}');
    expect(await response.json()).toEqual(answer);
  });

  it('gives its body once, as fetch does, and lets it go', async () => {
    const response = await post();
    expect(response.bodyUsed).toBe(false);
    expect(await response.text()).toBe(JSON.stringify(answer));
    expect(response.bodyUsed).toBe(true);
    await expect(response.json()).rejects.toThrow('Body has already been read');
    expect(() => response.clone()).toThrow('Body has already been read');
  });

  it('gives a clone taken before the body is read a body of its own', async () => {
    const response = await post();
    const copy = response.clone();
    expect(await response.json()).toEqual(answer);
    expect(copy.bodyUsed).toBe(false);
    expect(await copy.text()).toBe(JSON.stringify(answer));
  });
});
