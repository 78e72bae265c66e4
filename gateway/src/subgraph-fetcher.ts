import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { Agent, request } from 'undici';
import { ResponseHeaders } from './response-headers';

/**
 * The gateway's HTTP client to its subgraphs: undici's `request` on keep-alive connections instead of
 * WHATWG `fetch` (the same library underneath, without the web streams and Request/Response objects:
 * under the mixed workload, fetch's machinery was the largest single cost in the gateway's CPU
 * profile). No compression is asked for on this internal hop. A subgraph that sends no headers within
 * `timeoutMs`, or stalls its body that long, fails the fetch.
 */
export class SubgraphFetcher {
  private readonly agent: Agent;

  constructor(private readonly timeoutMs: number) {
    // Connections per subgraph: enough for the gateway's concurrency; idle ones are kept for reuse.
    this.agent = new Agent({ connections: 64, keepAliveTimeout: 30_000, pipelining: 1 });
  }

  readonly fetch: Fetcher = async (url, init) => {
    const response = await request(url, {
      method: (init?.method ?? 'GET') as 'GET' | 'POST',
      headers: init?.headers ?? {},
      ...(init?.body === undefined ? {} : { body: init.body }),
      dispatcher: this.agent,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
    const text = await response.body.text();
    return answered(url, response.statusCode, new ResponseHeaders(response.headers), text);
  };

  close(): Promise<void> {
    return this.agent.close();
  }
}

/**
 * A response whose body has been read: what Apollo Gateway's data source asks of it. As with `fetch`,
 * the body can be taken once (`bodyUsed`): the text is let go as soon as it is, so an answer held
 * until its request completes does not also hold the subgraph's raw JSON (garbage the young
 * generation would otherwise copy while the request is in flight). `clone()` before that gives a
 * response of its own.
 */
function answered(url: string, status: number, headers: ResponseHeaders, text: string): FetcherResponse {
  let body: string | null = text;
  const unread = (): string => {
    if (body === null) throw new TypeError('Body has already been read');
    return body;
  };
  const take = (): string => {
    const taken = unread();
    body = null;
    return taken;
  };
  return {
    get bodyUsed() {
      return body === null;
    },
    url,
    redirected: false,
    status,
    ok: status >= 200 && status < 300,
    statusText: String(status),
    headers,
    text: () => Promise.resolve().then(take),
    json: () => Promise.resolve().then(() => JSON.parse(take()) as unknown),
    arrayBuffer: () => Promise.resolve().then(() => new TextEncoder().encode(take()).buffer),
    clone: () => answered(url, status, headers, unread()),
  };
}
