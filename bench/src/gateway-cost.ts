import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SERVICES, type ServiceName } from './databases';
import { counted, type Request } from './load';
import { percentile } from './benchmarks-file';
import { subgraphUrl } from './processes';

/** A subgraph fetch a gateway made through a recording proxy. */
export interface RecordedFetch {
  subgraph: ServiceName;
  /** When the proxy received it and when it had the whole answer (`performance.now()`, this process's clock). */
  receivedMs: number;
  answeredMs: number;
}

/**
 * A pass-through proxy in front of each subgraph that records the fetches of a gateway's query plans
 * (its POSTs: its health checks are GETs) and when each was received and answered.
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
      const fetched: RecordedFetch = { subgraph, receivedMs: performance.now(), answeredMs: 0 };
      if (incoming.method === 'POST') recorded.push(fetched);
      const chunks: Buffer[] = [];
      incoming.on('data', (c: Buffer) => chunks.push(c));
      incoming.on('end', () => {
        const body = chunks.length ? Buffer.concat(chunks).toString() : undefined;
        fetch(new URL(incoming.url ?? '/', target), {
          method: incoming.method ?? 'GET',
          headers: { authorization: String(incoming.headers.authorization ?? ''), 'content-type': 'application/json' },
          ...(body ? { body } : {}),
        }).then(
          async (response) => {
            outgoing.writeHead(response.status, {
              'content-type': response.headers.get('content-type') ?? 'application/json',
            });
            const answer = Buffer.from(await response.arrayBuffer());
            fetched.answeredMs = performance.now();
            outgoing.end(answer);
          },
          () => {
            fetched.answeredMs = performance.now();
            outgoing.writeHead(502).end();
          },
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
 * The gateway's own cost at concurrency 1: of each request through a gateway whose subgraphs sit behind
 * the recording proxies, the time during which none of its subgraph fetches was outstanding (planning,
 * signing, result shaping, the hops to the proxies). Measured per request on this process's one clock.
 * (Subtracting the sum of the fetches' latencies, each replayed alone, counted fetches the plan makes in
 * parallel one after another, and the replaying client's own cost as the subgraphs': it put the gateway's
 * cost below zero.)
 */
export async function gatewayCost(
  throughGateway: Request,
  recorded: RecordedFetch[],
  count = 200,
  // The recording gateway is new: its code must be as warm as the measured gateway's after its load.
  warmup = 500,
): Promise<GatewayCost> {
  const through: number[] = [];
  const waiting: number[] = [];
  const added: number[] = [];
  let plan: RecordedFetch[] = [];
  for (let i = 0; i < warmup + count; i += 1) {
    recorded.splice(0);
    const started = performance.now();
    await counted(throughGateway);
    const latency = performance.now() - started;
    plan = recorded.splice(0).sort((a, b) => a.receivedMs - b.receivedMs);
    if (i < warmup) continue;
    const waited = coveredMs(plan, started, started + latency);
    through.push(latency);
    waiting.push(waited);
    added.push(latency - waited);
  }
  return {
    gatewayP50: round(median(through)),
    fetchesP50: round(median(waiting)),
    addedP50: round(median(added)),
    fetches: plan.map((f) => f.subgraph),
    steps: planSteps(plan),
  };
}

/**
 * Medians over the measured requests, each of its own: `addedP50` is the median of every request's own
 * difference, so it need not equal `gatewayP50 − fetchesP50`.
 */
export interface GatewayCost {
  /** The request through the gateway (and the proxies). */
  gatewayP50: number;
  /** The time at least one subgraph fetch was outstanding. */
  fetchesP50: number;
  /** The rest: the gateway's own. */
  addedP50: number;
  /** The subgraphs the last request's fetches went to, in the order they were sent. */
  fetches: ServiceName[];
  /** Of the last request: round trips in a row, the longest chain of fetches sent after others had answered. */
  steps: number;
}

/** How long, between `from` and `to`, at least one fetch was outstanding. */
export function coveredMs(fetches: RecordedFetch[], from: number, to: number): number {
  let covered = 0;
  let reached = from;
  for (const fetch of [...fetches].sort((a, b) => a.receivedMs - b.receivedMs)) {
    const start = Math.max(fetch.receivedMs, reached);
    const end = Math.min(fetch.answeredMs, to);
    if (end > start) covered += end - start;
    reached = Math.max(reached, end);
  }
  return covered;
}

/** The longest chain of fetches each sent after the one before had answered (`plan` in the order sent). */
export function planSteps(plan: RecordedFetch[]): number {
  const depth: number[] = [];
  plan.forEach((fetch, index) => {
    const before = plan.flatMap((other, j) => (j < index && other.answeredMs <= fetch.receivedMs ? [depth[j]!] : []));
    depth[index] = 1 + Math.max(0, ...before);
  });
  return Math.max(0, ...depth);
}

const median = (values: number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
const round = (ms: number) => Math.round(ms * 100) / 100;
