import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { AppError, ERROR_CODES, type ErrorCode, type Identity, type InternalTokens } from '@pcc/subgraph-kit';

/** What the gateway keeps per request and hands to every subgraph fetch. */
export interface GatewayContext {
  identity: Identity;
  requestId: string;
  traceparent: string | undefined;
  /** When the gateway took the request (performance.now()): fetches sent later may be shared with it. */
  receivedAt?: number;
}

interface InFlight {
  sentAt: number;
  response: Promise<GatewayGraphQLResponse>;
}

/**
 * One subgraph, as the gateway calls it: with the caller's identity as a short-lived internal
 * token (cached per identity, re-signed well before it expires), the request and trace ids, a
 * timeout, and keep-alive connections (Node's fetch keeps them open).
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly tokens = new Map<string, { token: string; renewAt: number }>();
  private readonly inFlight = new Map<string, InFlight>();

  private readonly serviceName: string;
  private readonly internalTokens: InternalTokens;

  constructor(options: { name: string; url: string; internalTokens: InternalTokens; timeoutMs: number }) {
    super({
      url: options.url,
      fetcher: (input, init) => fetch(input as string, { ...(init as RequestInit), signal: AbortSignal.timeout(options.timeoutMs) }) as never,
    });
    this.serviceName = options.name;
    this.internalTokens = options.internalTokens;
  }

  /**
   * Shares an identical read that is already in flight — same subgraph, same caller identity, same
   * query and variables — but only one sent after this request reached the gateway. That fetch
   * started after anything the caller had seen complete, so its answer is as fresh as one of our own:
   * no caller ever gets data older than its request (unlike coalescing with any fetch in flight, which
   * can hand a caller a read made before its own write). Mutations are never shared.
   */
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    if (!('incomingRequestContext' in options)) return super.process(options); // health checks, schema loading
    const { identity, receivedAt } = options.context;
    if (!identity || receivedAt === undefined || options.incomingRequestContext.operation?.operation !== 'query') return super.process(options);
    const key = `${identity.role}|${identity.org ?? ''}|${identity.sub}\n${options.request.query ?? ''}\n${JSON.stringify(options.request.variables ?? {})}`;
    const shared = this.inFlight.get(key);
    if (shared && shared.sentAt >= receivedAt) return shared.response.then((response) => structuredClone(response));
    const entry: InFlight = { sentAt: performance.now(), response: super.process(options) };
    this.inFlight.set(key, entry);
    const forget = () => {
      if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
    };
    entry.response.then(forget, forget);
    return entry.response;
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const identity = 'identity' in context && context.identity ? context.identity : undefined;
    if (!identity || !request.http) return;
    request.http.headers.set('authorization', `Bearer ${await this.tokenFor(identity)}`);
    if ('requestId' in context && context.requestId) request.http.headers.set('x-request-id', context.requestId);
    if ('traceparent' in context && context.traceparent) request.http.headers.set('traceparent', context.traceparent);
  }

  /**
   * A subgraph that answered with an HTTP error (e.g. 400 for a variable its scalar refused) passes
   * its typed error on; one that cannot be reached fails its part of the answer with a clear message.
   */
  override didEncounterError(error: Error, _request: unknown, response?: unknown): never {
    if (response) {
      const body = (error as { extensions?: { response?: { body?: { errors?: Array<{ message?: string; extensions?: { code?: string } }> } } } }).extensions?.response?.body;
      const first = body?.errors?.[0];
      const code = first?.extensions?.code;
      if (first?.message && code && (ERROR_CODES as readonly string[]).includes(code) && code !== 'INTERNAL' && code !== 'UNAUTHENTICATED') {
        throw new AppError(code as ErrorCode, first.message, { service: this.serviceName });
      }
      throw new AppError('INTERNAL', `The ${this.serviceName} service could not answer`, { service: this.serviceName });
    }
    throw new AppError('INTERNAL', `The ${this.serviceName} service is unavailable; try again shortly`, { service: this.serviceName, reason: error.name });
  }

  private async tokenFor(identity: Identity): Promise<string> {
    const key = `${identity.role}|${identity.org ?? ''}|${identity.sub}`;
    const cached = this.tokens.get(key);
    if (cached && cached.renewAt > Date.now()) return cached.token;
    const token = await this.internalTokens.sign(identity);
    if (this.tokens.size > 10_000) this.tokens.clear(); // bound memory under many distinct callers
    this.tokens.set(key, { token, renewAt: Date.now() + 30_000 }); // tokens live 60 s
    return token;
  }
}
