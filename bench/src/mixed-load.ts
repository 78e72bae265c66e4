/**
 * The load generator of the mixed workload: `connections` clients, each taking the next request of
 * one shared sequence (so every gateway is sent the same requests in the same order), timing each
 * request and counting it under its operation kind. autocannon cannot report per request kind, so this
 * is a small driver over node:http with keep-alive connections.
 */
import { Agent, request as httpRequest } from 'node:http';
import type { LoadResult, Request } from './load';
import { clean } from './load';

export interface KindRequest extends Request {
  kind: string;
}

export interface MixedResult {
  total: LoadResult;
  byKind: Record<string, LoadResult>;
}

interface Sample {
  latencies: number[];
  non2xx: number;
  graphqlErrors: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const summarise = (s: Sample, seconds: number): LoadResult => {
  const sorted = [...s.latencies].sort((a, b) => a - b);
  return {
    requestsPerSecond: Math.round(sorted.length / seconds),
    // Whole milliseconds, as autocannon reports them for the identical-request rows.
    p50: Math.round(percentile(sorted, 50)),
    p99: Math.round(percentile(sorted, 99)),
    requests: sorted.length,
    non2xx: s.non2xx,
    graphqlErrors: s.graphqlErrors,
    errors: s.errors,
    timeouts: 0,
  };
};

function post(agent: Agent, r: Request): Promise<{ status: number; body: string }> {
  const url = new URL(r.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(r.body), ...r.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

/**
 * Replays `sequence` (from its start, wrapping around) with `connections` concurrent clients for
 * `seconds`. A request counts once answered; requests still in flight at the end are waited for and counted.
 */
export async function mixedLoad(
  sequence: readonly KindRequest[],
  connections: number,
  seconds: number,
): Promise<MixedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const samples = new Map<string, Sample>();
  const sampleOf = (kind: string) => {
    let s = samples.get(kind);
    if (!s) samples.set(kind, (s = { latencies: [], non2xx: 0, graphqlErrors: 0, errors: 0 }));
    return s;
  };
  const deadline = performance.now() + seconds * 1000;
  let next = 0;
  const client = async () => {
    while (performance.now() < deadline) {
      const r = sequence[next % sequence.length]!;
      next += 1;
      const s = sampleOf(r.kind);
      const started = performance.now();
      try {
        const answer = await post(agent, r);
        s.latencies.push(performance.now() - started);
        if (answer.status < 200 || answer.status >= 300) s.non2xx += 1;
        else if (!clean(answer.body)) s.graphqlErrors += 1;
      } catch {
        s.errors += 1;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, client));
  } finally {
    agent.destroy();
  }
  const all: Sample = { latencies: [], non2xx: 0, graphqlErrors: 0, errors: 0 };
  for (const s of samples.values()) {
    // concat, not push(...): a spread of 100,000 arguments overflows the stack.
    all.latencies = all.latencies.concat(s.latencies);
    all.non2xx += s.non2xx;
    all.graphqlErrors += s.graphqlErrors;
    all.errors += s.errors;
  }
  return {
    total: summarise(all, seconds),
    byKind: Object.fromEntries(
      [...samples].sort(([a], [b]) => a.localeCompare(b)).map(([k, s]) => [k, summarise(s, seconds)]),
    ),
  };
}
