import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import { OperationTypeNode } from 'graphql';
import type { DataSource } from 'typeorm';
import { env } from '@pcc/config';
import { readDataVersion } from '@pcc/db';
import type { Metrics } from '@pcc/http';
import type { AnswerValidity } from './answer-validity';
import { joinedReads } from './joined-reads';
import type { BaseContext } from './server';

/**
 * Whole answers of a subgraph, kept per process (`ResponseCache` below) under a key that can never
 * hand a caller an answer older than its own completed write:
 *
 *   the body as it came (query text, operation name, variables), the Accept header, the caller as the
 *   resolvers see it (role, organization code and subject: nothing else in a subgraph's context
 *   changes an answer — no locale or other header is read), and the database's data version
 *   (`@pcc/db`'s data-version.ts), read by one statement before the answer is looked up.
 *
 * Why that is never stale: the version is a sum that every commit changing the service's tables makes
 * larger, in that commit; two reads of the same number saw the same committed data (a database's
 * commits become visible in one order, each adding to the sum); an answer is computed after its key's
 * version was read, so it holds at least everything that version holds (it may hold more — newer,
 * never older); and a caller whose write has committed reads a larger number than any answer computed
 * before that commit was stored under. Each subgraph answers from its own database only (its
 * projections of other services' data included), so its one version covers all it answers from.
 *
 * The statement runs on its own, outside any transaction: a statement's snapshot is taken when it
 * starts, which is all the argument needs (every statement a resolver runs afterwards starts later).
 * The version moves only with this database's own changes — not with other databases of the same
 * server (as the server's transaction snapshot would), nor with the relay's and inbox's bookkeeping.
 *
 * Only queries are kept, only answers without errors, and only for as long as the clock leaves them
 * true: every answer has a cache hint (`defaultMaxAge`, a bound for what nobody marked), and is kept
 * until that max-age or the moment a clock-dependent resolver said its value changes
 * (`AnswerValidity`: a due time, the next Bangkok midnight), whichever comes first. Entity fetches
 * (`_entities`) are queries like any other: their representations are variables, so they are keyed
 * the same way.
 */
export interface ResponseCacheSettings {
  enabled: boolean;
  /** Bound of the kept answers' total size: characters of their JSON (one or two bytes each in V8). */
  maxBytes: number;
  /** The longest any answer is kept, whatever else holds: the bound for an answer nobody marked. */
  defaultMaxAgeSeconds: number;
}

export const DEFAULT_RESPONSE_CACHE: ResponseCacheSettings = {
  enabled: true,
  maxBytes: 32 * 1024 * 1024,
  defaultMaxAgeSeconds: 60,
};

/** The environment of the response cache, part of every subgraph's configuration. */
export const responseCacheEnv = () => ({
  /** `off` turns it off (the benchmark compares both). */
  SUBGRAPH_RESPONSE_CACHE: env.oneOf(['on', 'off'] as const, 'on'),
  /** Kept answers per process, in millions of characters of JSON (MiB for ASCII, twice that for Thai text). */
  SUBGRAPH_RESPONSE_CACHE_MB: env.int(32, 1, 4096),
  /** The longest an answer is kept, in seconds, even when nothing changes. */
  SUBGRAPH_RESPONSE_CACHE_MAX_AGE_S: env.int(DEFAULT_RESPONSE_CACHE.defaultMaxAgeSeconds, 1, 3600),
});

export interface ResponseCacheConfig {
  SUBGRAPH_RESPONSE_CACHE?: 'on' | 'off' | undefined;
  SUBGRAPH_RESPONSE_CACHE_MB?: number | undefined;
  SUBGRAPH_RESPONSE_CACHE_MAX_AGE_S?: number | undefined;
}

export function responseCacheSettingsOf(config: ResponseCacheConfig): ResponseCacheSettings {
  return {
    enabled: config.SUBGRAPH_RESPONSE_CACHE !== 'off',
    maxBytes: (config.SUBGRAPH_RESPONSE_CACHE_MB ?? 32) * 1024 * 1024,
    defaultMaxAgeSeconds: config.SUBGRAPH_RESPONSE_CACHE_MAX_AGE_S ?? DEFAULT_RESPONSE_CACHE.defaultMaxAgeSeconds,
  };
}

/**
 * The data version an answer is keyed by: one statement, outside any transaction (see above), shared
 * by the requests that arrived before it was sent (joinedReads: never one sent before a request came).
 */
export const dataVersionOf = (dataSource: DataSource) => joinedReads(() => readDataVersion(dataSource));

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as it came, for the response cache's key (GraphQL routes with the cache on). */
    rawBody: string | null;
    /** The response cache's key of this request, once its version is read (null: not looked up nor kept). */
    answerKey: string | null;
    /** This request's AnswerValidity, the one its resolvers were given (set with its context). */
    answerValidity: AnswerValidity | null;
  }
}

/** What Apollo's side decided for a computed answer: kept until when, under which operation name. */
interface Keeping {
  until: number;
  operationName: string | null;
}

interface KeptAnswer {
  /** The answer exactly as it was sent. */
  body: string;
  contentType: string;
  /** The operation's name, for the operations metric. */
  operationName: string | null;
}

/**
 * The whole-answer cache of a subgraph, in front of Apollo Server. A request whose key is held is
 * answered from the HTTP layer with the bytes sent for it before: no GraphQL pipeline, no parsing
 * or writing of JSON, only the internal token's check (cached) and the data version's read that the
 * key needs. A request whose key is not held goes through Apollo Server as every request used to,
 * and its answer is kept if it may be (a query, without errors, with a cache hint above zero).
 *
 * The key is a hash of the caller (role, organization, subject), the data version read before
 * anything else of the request runs, the Accept header (which chooses the answer's content type)
 * and the body as it came (query, operation name, variables, extensions). Equal keys are equal
 * requests at the same data: a body written differently is a miss, never a wrong answer.
 */
export class ResponseCache<TContext extends BaseContext> {
  private readonly answers: InMemoryLRUCache<KeptAnswer>;
  private readonly hits: Counter;
  private readonly misses: Counter;
  /** Per request (by its AnswerValidity, which both sides see), what Apollo's side decided. */
  private readonly keeping = new WeakMap<AnswerValidity, Keeping>();

  constructor(
    private readonly settings: ResponseCacheSettings,
    private readonly version: () => Promise<string>,
    private readonly metrics: Metrics,
  ) {
    // Sized by the characters kept: the answer's JSON and its small companions.
    this.answers = new InMemoryLRUCache<KeptAnswer>({
      maxSize: settings.maxBytes,
      sizeCalculation: (kept) => kept.body.length + kept.contentType.length + (kept.operationName?.length ?? 0),
    });
    this.hits = new Counter({
      name: 'pcc_subgraph_response_cache_hits_total',
      help: 'Queries answered from the response cache',
      registers: [metrics.registry],
    });
    this.misses = new Counter({
      name: 'pcc_subgraph_response_cache_misses_total',
      help: 'Queries the response cache did not hold, computed',
      registers: [metrics.registry],
    });
  }

  /**
   * The HTTP side, on the GraphQL routes' scope, after the identity check: the raw body kept by the
   * JSON parser, the look-up before Apollo Server runs, and the store once an answer is sent.
   */
  register(scope: FastifyInstance): void {
    scope.decorateRequest('rawBody', null);
    scope.decorateRequest('answerKey', null);
    scope.decorateRequest('answerValidity', null);
    const parseJson = scope.getDefaultJsonParser('error', 'error');
    scope.removeContentTypeParser('application/json');
    // Fastify's own JSON parser (the same refusals of bad JSON and prototype poisoning), keeping the text.
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
      request.rawBody = body as string;
      void parseJson(request, body as string, done);
    });
    scope.addHook('preHandler', async (request, reply) => {
      if (request.method !== 'POST' || request.rawBody === null || !request.identity) return;
      // A mutation is never kept (the Apollo side decides that): spare it the version read. A mutation
      // this test misses (a comment first) only pays that read and a miss.
      const query = (request.body as { query?: unknown } | null)?.query;
      if (typeof query === 'string' && /^\s*mutation\b/.test(query)) return;
      const started = performance.now();
      const { role, org, sub } = request.identity;
      let version: string;
      try {
        version = await this.version();
      } catch (error) {
        // No version, no key: the request is computed as if nothing were kept, and its answer (or the
        // resolvers' own error, through Apollo's error formatting) is not kept either.
        request.log.warn({ err: error }, 'response cache: data version unreadable, answering without the cache');
        return;
      }
      const accept = request.headers.accept ?? '';
      request.answerKey = createHash('sha256')
        .update(JSON.stringify([role, org ?? null, sub, version, accept, request.rawBody]))
        .digest('base64url');
      const answer = await this.answers.get(request.answerKey);
      if (answer === undefined) return;
      this.hits.inc();
      this.metrics.observeOperation(answer.operationName, 'ok', (performance.now() - started) / 1000);
      // Only the content type goes with a kept answer: no other header of a GraphQL answer is set here
      // (cache hints compute no Cache-Control: calculateHttpHeaders is off).
      return reply.code(200).header('content-type', answer.contentType).send(answer.body);
    });
    scope.addHook('onSend', async (request, reply, payload) => {
      const keeping = request.answerValidity && this.keeping.get(request.answerValidity);
      // 200 only: Apollo may still refuse the request after its plugins ran (406 for an Accept header
      // it cannot serve), and such an answer must not be kept.
      if (!keeping || !request.answerKey || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
      // Whole seconds left of what Apollo's side allowed, counted now: kept no later than it said.
      const seconds = Math.floor((keeping.until - Date.now()) / 1000);
      if (seconds > 0) {
        const contentType = reply.getHeader('content-type');
        const answer: KeptAnswer = {
          body: payload,
          contentType: typeof contentType === 'string' ? contentType : 'application/json; charset=utf-8',
          operationName: keeping.operationName,
        };
        await this.answers.set(request.answerKey, answer, { ttl: seconds });
      }
      return payload;
    });
  }

  /**
   * The Apollo side: cache hints with `defaultMaxAge`, and, for each computed answer, whether it may be
   * kept and for how long: a query's, without errors, no longer than its cache hints allow nor past
   * the moment a clock-dependent resolver said it changes (`AnswerValidity`).
   */
  plugins(): ApolloServerPlugin<TContext>[] {
    const keeping: ApolloServerPlugin<TContext> = {
      requestDidStart: async () => ({
        willSendResponse: async ({ operation, operationName, contextValue, response, overallCachePolicy }) => {
          if (operation?.operation !== OperationTypeNode.QUERY) return;
          this.misses.inc();
          if (response.body.kind !== 'single' || response.body.singleResult.errors) return;
          if (response.http.status !== undefined && response.http.status !== 200) return;
          const maxAge = overallCachePolicy.policyIfCacheable()?.maxAge ?? 0;
          if (maxAge <= 0) return;
          // Until its max-age or the moment a clock-dependent resolver said it changes, whichever first.
          const until = Math.min(Date.now() + maxAge * 1000, contextValue.answer.deadline);
          this.keeping.set(contextValue.answer, { until, operationName: operationName ?? null });
        },
      }),
    };
    return [
      ApolloServerPluginCacheControl({
        defaultMaxAge: this.settings.defaultMaxAgeSeconds,
        calculateHttpHeaders: false,
      }),
      keeping,
    ];
  }
}
