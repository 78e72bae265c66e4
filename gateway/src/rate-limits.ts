import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  OperationTypeNode,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type SelectionSetNode,
} from 'graphql';
import type * as IORedis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '@pcc/http';
import type { GatewayContext } from './subgraph-source';

export interface RateLimitSettings {
  /** `memory`: per gateway process; `redis`: one budget shared by every replica using the same Redis. */
  store: 'memory' | 'redis';
  redisUrl: string;
  /** Prefix of the keys in Redis (deployments sharing one Redis keep separate budgets). */
  prefix: string;
  windowSeconds: number;
  /** `openCase` without a token, per client. */
  intakePerClient: number;
  /** The reporter's actions by tracking code (add information, rate, reopen), per client. */
  reporterPerClient: number;
  /** The reporter's actions, per tracking code (whoever sends them). */
  perTrackingCode: number;
}

/**
 * The reporter's mutations, authorised by a tracking code and its secret (services/cases/schema.graphql, and
 * services/notifications' subscribeToMyCase, whose code is in its `input`).
 */
const REPORTER_ACTIONS = new Set(['addCaseInformation', 'rateCase', 'reporterReopenCase', 'subscribeToMyCase']);

/** The tracking code a reporter's action names: its `trackingCode` argument, or its input's. */
function trackingCodeOf(field: FieldNode, variables: Record<string, unknown> | undefined): unknown {
  const argument = (name: string): unknown => {
    const found = field.arguments?.find((a) => a.name.value === name);
    return found ? valueFromASTUntyped(found.value, variables) : undefined;
  };
  const input = argument('input');
  return (
    argument('trackingCode') ??
    (typeof input === 'object' && input !== null ? (input as Record<string, unknown>).trackingCode : undefined)
  );
}

/** The root fields an operation selects, through fragments: each aliased copy counts. */
function rootFields(selectionSet: SelectionSetNode, document: DocumentNode): FieldNode[] {
  return selectionSet.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return rootFields(selection.selectionSet, document);
    const fragment = document.definitions.find(
      (definition) => definition.kind === Kind.FRAGMENT_DEFINITION && definition.name.value === selection.name.value,
    );
    return fragment?.kind === Kind.FRAGMENT_DEFINITION ? rootFields(fragment.selectionSet, document) : [];
  });
}

/**
 * Limits public intake and the reporter's actions per client (its `sub` when authenticated, else its
 * IP address) and per tracking code, in fixed windows, before any subgraph is called. A request over
 * a limit gets RATE_LIMITED with HTTP 429 and `Retry-After`. With the Redis store, a replica that
 * cannot reach Redis falls back to its own in-memory budget rather than refusing every citizen.
 */
export class RateLimits {
  private readonly redis: IORedis.Redis | null;
  private readonly intake: RateLimiterAbstract;
  private readonly reporter: RateLimiterAbstract;
  private readonly trackingCode: RateLimiterAbstract;

  private constructor(settings: RateLimitSettings, redis: IORedis.Redis | null) {
    this.redis = redis;
    const limiter = (name: string, points: number): RateLimiterAbstract => {
      const options = { keyPrefix: `${settings.prefix}:${name}`, points, duration: settings.windowSeconds };
      if (!redis) return new RateLimiterMemory(options);
      return new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: new RateLimiterMemory(options) });
    };
    this.intake = limiter('intake', settings.intakePerClient);
    this.reporter = limiter('reporter', settings.reporterPerClient);
    this.trackingCode = limiter('tracking-code', settings.perTrackingCode);
  }

  static async create(settings: RateLimitSettings): Promise<RateLimits> {
    if (settings.store === 'memory') return new RateLimits(settings, null);
    // Required only for this store: ioredis is ~300 KB of source that a memory-store gateway would
    // keep on its heap for nothing (a require, since `import()` needs ESM support Jest's VM lacks).
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
    const { Redis } = require('ioredis') as typeof IORedis;
    // No offline queue: while Redis is away a command fails at once and the in-memory insurance
    // answers, instead of requests waiting for a reconnection.
    const redis = new Redis(settings.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
    });
    await redis.connect();
    return new RateLimits(settings, redis);
  }

  async close(): Promise<void> {
    await this.redis?.quit();
  }

  readonly plugin: ApolloServerPlugin<GatewayContext> = {
    requestDidStart: async () => ({
      didResolveOperation: async ({ operation, document, request, contextValue }) => {
        if (operation?.operation !== OperationTypeNode.MUTATION) return;
        const { identity, client } = contextValue;
        const caller = identity.role === 'PUBLIC' ? `ip:${client ?? 'unknown'}` : `sub:${identity.sub}`;
        for (const field of rootFields(operation.selectionSet, document)) {
          if (field.name.value === 'openCase' && identity.role === 'PUBLIC') await this.take(this.intake, caller);
          if (!REPORTER_ACTIONS.has(field.name.value)) continue;
          await this.take(this.reporter, caller);
          const value = trackingCodeOf(field, request.variables);
          // As the cases service reads it; any longer text is no tracking code, and the key stays small.
          if (typeof value === 'string') await this.take(this.trackingCode, value.trim().toUpperCase().slice(0, 64));
        }
      },
    }),
  };

  private async take(limiter: RateLimiterAbstract, key: string): Promise<void> {
    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new AppError('RATE_LIMITED', `Too many requests; try again in ${retryAfter} s`, {
        retryAfterSeconds: retryAfter,
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) },
      });
    }
  }
}
