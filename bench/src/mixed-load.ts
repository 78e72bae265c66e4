/**
 * The load generator of the mixed workload: `connections` clients, each taking the next request of
 * one shared sequence (so every gateway is sent the same requests in the same order), timing each
 * request and counting it under its operation kind. autocannon cannot report per request kind, so this
 * is a small driver over undici's keep-alive pool. It shares the two cores with the platform it
 * measures, so it is kept cheap: each request's path and headers are made once, before the clock
 * starts, and undici costs less per request than node:http (measured in BENCHMARKS.md).
 */
import { Pool } from 'undici';
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

/** A request as the driver sends it: its pool, path and headers made once for the whole run. */
interface Prepared {
  kind: string;
  pool: Pool;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** One keep-alive pool of `connections` per origin the sequence sends to (one per gateway). */
function prepare(sequence: readonly KindRequest[], connections: number): { prepared: Prepared[]; pools: Pool[] } {
  const pools = new Map<string, Pool>();
  const prepared = sequence.map((r) => {
    const url = new URL(r.url);
    let pool = pools.get(url.origin);
    if (!pool) pools.set(url.origin, (pool = new Pool(url.origin, { connections, pipelining: 1 })));
    return {
      kind: r.kind,
      pool,
      path: url.pathname + url.search,
      headers: { 'content-type': 'application/json', ...r.headers },
      body: r.body,
    };
  });
  return { prepared, pools: [...pools.values()] };
}

async function post(r: Prepared): Promise<{ status: number; body: string }> {
  const response = await r.pool.request({ method: 'POST', path: r.path, headers: r.headers, body: r.body });
  return { status: response.statusCode, body: await response.body.text() };
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
  const { prepared, pools } = prepare(sequence, connections);
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
      const r = prepared[next % prepared.length]!;
      next += 1;
      const s = sampleOf(r.kind);
      const started = performance.now();
      try {
        const answer = await post(r);
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
    await Promise.all(pools.map((pool) => pool.destroy()));
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
