import autocannon from 'autocannon';

export interface Request {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  /** Responses with GraphQL errors or without data (autocannon's `mismatches` through verifyBody). */
  graphqlErrors: number;
  errors: number;
  timeouts: number;
}

/** A response that counts: 2xx with data and no GraphQL errors. */
export const clean = (body: string | Buffer | undefined): boolean => {
  const text = String(body ?? '');
  return text.startsWith('{"data":') && !text.includes('"errors":');
};

/**
 * One autocannon run: `connections` clients for `seconds`, counting every kind of failure. Given several
 * requests (to one URL, with the same headers), the clients together send each next one in turn.
 */
export async function load(
  request: Request | readonly Request[],
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const [first, ...others] = Array.isArray(request) ? (request as readonly Request[]) : [request as Request];
  if (!first) throw new Error('load() needs a request');
  // autocannon sends every request of a run to one URL with one set of headers: only bodies may differ.
  if (others.some((r) => r.url !== first.url || JSON.stringify(r.headers) !== JSON.stringify(first.headers)))
    throw new Error('load() sends several requests only to one URL with the same headers');
  const bodies = [first, ...others].map((r) => r.body);
  let next = 0;
  const result = await autocannon({
    url: first.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...first.headers },
    body: first.body,
    // One request: autocannon writes the same bytes every time. Several: the next body, built per request.
    ...(others.length > 0
      ? { requests: [{ setupRequest: (req: object) => ({ ...req, body: bodies[next++ % bodies.length] }) }] }
      : {}),
    connections,
    duration: seconds,
    verifyBody: clean,
  });
  return {
    requestsPerSecond: Math.round(result.requests.total / seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    graphqlErrors: result.mismatches,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** POSTs once and returns the parsed body. */
export async function once(
  request: Request,
): Promise<{ status: number; body: { data?: unknown; errors?: unknown[] } }> {
  const response = await fetch(request.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...request.headers },
    body: request.body,
  });
  return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: unknown[] } };
}

/** POSTs once; an answer that does not count (not 2xx, no data, or GraphQL errors) throws. */
export async function counted(request: Request): Promise<void> {
  const { status, body } = await once(request);
  if (status < 200 || status >= 300 || body.data == null || body.errors)
    throw new Error(`${request.url} answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
}
