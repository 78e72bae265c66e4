import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SubgraphFetcher } from '../src/subgraph-fetcher';

/** Everything an iterator gives (Apollo's header interface types its iterators as bare `Iterator`s). */
function drain<T>(iterator: Iterator<T>): T[] {
  const all: T[] = [];
  for (let step = iterator.next(); !step.done; step = iterator.next()) all.push(step.value);
  return all;
}

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
        response.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'Cache-Control': 'private, max-age=0',
          'x-received': received,
          'x-repeated': ['one', 'two'],
        });
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

  it('reads headers as fetch gives them: any case, repeated ones joined, in name order, changeable', async () => {
    const response = await post();
    const viaFetch = await fetch(url, {
      method: 'POST',
      body: '{"query":"{ a }"}',
      headers: { 'content-type': 'application/json' },
    });
    await viaFetch.text();
    const withoutDate = (entries: Iterable<[string, string]>) => [...entries].filter(([name]) => name !== 'date');
    expect(withoutDate(response.headers)).toEqual(withoutDate(viaFetch.headers));
    expect(response.headers.get('CACHE-CONTROL')).toBe('private, max-age=0');
    expect(response.headers.get('x-repeated')).toBe('one, two');
    expect(response.headers.has('X-Received')).toBe(true);
    expect(response.headers.get('x-absent')).toBeNull();
    expect(response.headers.get('constructor')).toBeNull();
    expect(response.headers.has('toString')).toBe(false);
    response.headers.append('X-Repeated', 'three');
    response.headers.set('x-set', 'yes');
    response.headers.delete('x-received');
    expect(response.headers.get('x-repeated')).toBe('one, two, three');
    expect(response.headers.get('x-set')).toBe('yes');
    expect(response.headers.has('x-received')).toBe(false);
    const names = drain(response.headers.keys());
    expect(names).toEqual([...names].sort());
    expect(names).toContain('x-set');
    expect(drain(response.headers.values())).toEqual(drain(response.headers.entries()).map(([, value]) => value));
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
