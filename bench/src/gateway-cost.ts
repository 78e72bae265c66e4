import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SERVICES, type ServiceName } from './databases';
import { sequential, type Request } from './load';
import { percentile } from './benchmarks-file';
import { subgraphUrl } from './processes';

export interface RecordedFetch {
  subgraph: ServiceName;
  headers: Record<string, string>;
  body: string;
}

/**
 * A pass-through proxy in front of each subgraph that records what a gateway sends: the fetches of
 * the query plan, with their bodies, exactly as the gateway made them.
 */
export async function startRecorders(): Promise<{
  urls: Record<ServiceName, string>;
  recorded: RecordedFetch[];
  stop(): Promise<void>;
}> {
  const recorded: RecordedFetch[] = [];
  const servers: Server[] = [];
  const urls = {} as Record<ServiceName, string>;
  for (const subgraph of Object.keys(SERVICES) as ServiceName[]) {
    const target = new URL(subgraphUrl(subgraph));
    const server = createServer((incoming, outgoing) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (c: Buffer) => chunks.push(c));
      incoming.on('end', () => {
        const body = chunks.length ? Buffer.concat(chunks).toString() : undefined;
        const headers = {
          authorization: String(incoming.headers.authorization ?? ''),
          'content-type': 'application/json',
        };
        if (incoming.method === 'POST' && body) recorded.push({ subgraph, headers, body });
        fetch(new URL(incoming.url ?? '/', target), {
          method: incoming.method ?? 'GET',
          headers,
          ...(body ? { body } : {}),
        }).then(
          async (response) => {
            outgoing.writeHead(response.status, {
              'content-type': response.headers.get('content-type') ?? 'application/json',
            });
            outgoing.end(Buffer.from(await response.arrayBuffer()));
          },
          () => outgoing.writeHead(502).end(),
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    urls[subgraph] = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  }
  return {
    urls,
    recorded,
    stop: async () => void (await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))))),
  };
}

/**
 * The gateway's own cost at concurrency 1: the dashboard's p50 through the gateway against the sum
 * of the p50s of the subgraph fetches its query plan makes, each replayed straight to its subgraph.
 */
export async function gatewayCost(throughGateway: Request, fetches: RecordedFetch[], count = 200) {
  const gateway = percentile(await sequential(throughGateway, count), 50);
  const perFetch: Array<{ subgraph: ServiceName; p50: number }> = [];
  for (const f of fetches)
    perFetch.push({
      subgraph: f.subgraph,
      p50: percentile(await sequential({ url: subgraphUrl(f.subgraph), headers: f.headers, body: f.body }, count), 50),
    });
  const fetchesSum = perFetch.reduce((sum, f) => sum + f.p50, 0);
  return {
    gatewayP50: round(gateway),
    fetches: perFetch.map((f) => ({ ...f, p50: round(f.p50) })),
    fetchesP50Sum: round(fetchesSum),
    addedP50: round(gateway - fetchesSum),
  };
}

const round = (ms: number) => Math.round(ms * 100) / 100;
