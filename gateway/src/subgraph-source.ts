import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { OperationTypeNode } from 'graphql';
import type { SubgraphFetcher } from './subgraph-fetcher';
import { AppError, ERROR_CODES, type ErrorCode, type Identity } from '@pcc/http';
import { activeTraceparent } from '@pcc/telemetry';
import { identityKey } from './identity-key';
import type { InternalTokenCache } from './internal-token-cache';

/** How a fetch to a subgraph ended: an answer, an HTTP error status, or no answer (unreachable, timeout). */
export type FetchOutcome = 'ok' | 'http_error' | 'failed';

/** What the gateway keeps per request and hands to every subgraph fetch. */
export interface GatewayContext {
  identity: Identity;
  requestId: string;
  traceparent: string | undefined;
  /** When the gateway took the request (performance.now()): fetches sent later may be shared with it. */
  receivedAt?: number;
  /** The caller's IP address (rate limits of anonymous callers). */
  client?: string;
}

/**
 * A caller's own copy of a shared subgraph answer: its GraphQL parts only. The answer also holds the
 * fetcher's response (`http`), whose methods `structuredClone` refuses (as it refused fetch's `Response`,
 * a platform object, on Node ≥ 22.10).
 */
export function sharedCopy(response: GatewayGraphQLResponse): GatewayGraphQLResponse {
  const { data, errors, extensions } = response;
  return structuredClone({ data, errors, extensions });
}

/** Per identical read: the fetch in flight (when it was sent), and the one queued to follow it. */
interface ReadSlot {
  running: { sentAt: number; response: Promise<GatewayGraphQLResponse> } | null;
  next: {
    options: GraphQLDataSourceProcessOptions<GatewayContext>;
    response: Promise<GatewayGraphQLResponse>;
    settle: (response: Promise<GatewayGraphQLResponse>) => void;
  } | null;
}

/**
 * One subgraph, as the gateway calls it: with the caller's identity as a short-lived internal
 * token (cached per identity for every subgraph, re-signed well before it expires), the request and
 * trace ids, a timeout, and keep-alive connections.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly reads = new Map<string, ReadSlot>();

  private readonly serviceName: string;
  private readonly tokens: InternalTokenCache;

  constructor(options: {
    name: string;
    url: string;
    /** The internal tokens, shared by every subgraph's source. */
    tokens: InternalTokenCache;
    /** The HTTP client to the subgraphs, shared by every subgraph's source. */
    fetcher: SubgraphFetcher;
    /** Told of every fetch sent (shared reads count once), with its duration in seconds. */
    onFetch?: (outcome: FetchOutcome, seconds: number) => void;
  }) {
    super({
      url: options.url,
      fetcher: async (input, init) => {
        const started = performance.now();
        const took = () => (performance.now() - started) / 1000;
        try {
          const response = await options.fetcher.fetch(input, init);
          options.onFetch?.(response.ok ? 'ok' : 'http_error', took());
          return response;
        } catch (error) {
          options.onFetch?.('failed', took());
          throw error;
        }
      },
    });
    this.serviceName = options.name;
    this.tokens = options.tokens;
  }

  /**
   * Identical reads — same subgraph, same caller identity, same query and variables — share fetches,
   * but a caller only ever gets an answer fetched after it reached the gateway (never one that may
   * predate its own completed write, which sharing any in-flight fetch can do):
   * - a fetch already in flight that was sent after this request arrived is shared;
   * - otherwise, while an older one is in flight, the caller joins the single fetch queued to follow
   *   it (sent the moment it completes, so after every caller queued on it arrived);
   * - otherwise the fetch is sent now.
   * At most one fetch per identical read is in flight; mutations are never shared.
   */
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (!('incomingRequestContext' in options)) return super.process(options); // health checks, schema loading
    const { identity, receivedAt } = options.context;
    if (
      !identity ||
      receivedAt === undefined ||
      options.incomingRequestContext.operation?.operation !== OperationTypeNode.QUERY
    )
      return super.process(options);
    const key = JSON.stringify([identityKey(identity), options.request.query ?? '', options.request.variables ?? {}]);
    const slot = this.reads.get(key) ?? { running: null, next: null };
    this.reads.set(key, slot);
    // The gateway writes into a fetch's response while it shapes the result, so callers sharing one get
    // their own copy. The copies are taken in callbacks registered before the first caller's await
    // resumes (promise callbacks run in order), so each is taken before that caller touches the original.
    const copy = (response: Promise<GatewayGraphQLResponse>) => response.then(sharedCopy);
    if (slot.running && slot.running.sentAt >= receivedAt) return copy(slot.running.response);
    if (slot.next) return copy(slot.next.response);
    if (slot.running) {
      let settle!: (response: Promise<GatewayGraphQLResponse>) => void;
      const response = new Promise<GatewayGraphQLResponse>((resolve) => (settle = (r) => resolve(r)));
      slot.next = { options, response, settle };
      return response;
    }
    return this.send(key, slot, options);
  }

  /** Sends a read now as the slot's running fetch; when it completes, sends the queued one, if any. */
  private send(
    key: string,
    slot: ReadSlot,
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<GatewayGraphQLResponse> {
    const response = super.process(options);
    slot.running = { sentAt: performance.now(), response };
    const done = () => {
      slot.running = null;
      const next = slot.next;
      slot.next = null;
      if (next) next.settle(this.send(key, slot, next.options));
      else if (this.reads.get(key) === slot) this.reads.delete(key);
    };
    response.then(done, done);
    return response;
  }

  override async willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and schema loading carry no caller (their context is empty): nothing to pass on.
    if (!('incomingRequestContext' in options)) return;
    const { request, context } = options;
    const { identity } = context;
    if (!identity || !request.http) return;
    request.http.headers.set('authorization', `Bearer ${await this.tokens.tokenFor(identity)}`);
    if (context.requestId) request.http.headers.set('x-request-id', context.requestId);
    // The active span (Apollo Gateway's fetch span, in the trace the HTTP instrumentation started or
    // continued); without an SDK, the caller's own traceparent is passed on as it came.
    const traceparent = activeTraceparent() ?? context.traceparent;
    if (traceparent) request.http.headers.set('traceparent', traceparent);
  }

  /**
   * A subgraph that answered with an HTTP error (e.g. 400 for a variable its scalar refused) passes
   * its typed error on; one that cannot be reached fails its part of the answer with a clear message.
   */
  override didEncounterError(error: Error, _request: unknown, response?: unknown): never {
    if (response) {
      const body = (
        error as {
          extensions?: {
            response?: { body?: { errors?: Array<{ message?: string; extensions?: { code?: string } }> } };
          };
        }
      ).extensions?.response?.body;
      const first = body?.errors?.[0];
      const code = first?.extensions?.code;
      if (
        first?.message &&
        code &&
        (ERROR_CODES as readonly string[]).includes(code) &&
        code !== 'INTERNAL' &&
        code !== 'UNAUTHENTICATED'
      ) {
        throw new AppError(code as ErrorCode, first.message, { service: this.serviceName });
      }
      throw new AppError('INTERNAL', `The ${this.serviceName} service could not answer`, { service: this.serviceName });
    }
    throw new AppError('INTERNAL', `The ${this.serviceName} service is unavailable; try again shortly`, {
      service: this.serviceName,
      reason: error.name,
    });
  }
}
