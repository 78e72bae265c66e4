import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { Counter, type Registry } from 'prom-client';
import { OperationTypeNode } from 'graphql';
import type { DataSource } from 'typeorm';
import { env } from '@pcc/config';
import { readDataVersion } from '@pcc/db';
import { joinedReads } from './joined-reads';
import type { BaseContext } from './server';

/**
 * Whole answers of a subgraph, kept per process (`@apollo/server-plugin-response-cache`) under a
 * key that can never hand a caller an answer older than its own completed write:
 *
 *   the query text, its operation name and variables (the plugin's own key), the caller as the
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
 * Only queries are cached (the plugin never caches mutations), only answers without errors (plugin
 * default), and only for as long as the clock leaves them true: every answer has a cache hint
 * (`defaultMaxAge`, a bound for what nobody marked), and `AnswerValidity` lowers it to the moment a
 * clock-dependent resolver said its value changes (a due time, the next Bangkok midnight). Entity
 * fetches (`_entities`) are queries like any other: their representations are variables, so they are
 * keyed the same way.
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

/**
 * The plugins of the response cache (none when it is off): cache hints with `defaultMaxAge`, the
 * cache itself, and its hits and misses on `/metrics` (`pcc_subgraph_response_cache_hits_total`,
 * `_misses_total`: queries served from memory, and queries computed).
 */
export function responseCachePlugins<TContext extends BaseContext>(
  settings: ResponseCacheSettings,
  version: () => Promise<string>,
  registry: Registry,
): ApolloServerPlugin<TContext>[] {
  if (!settings.enabled) return [];
  const hits = new Counter({
    name: 'pcc_subgraph_response_cache_hits_total',
    help: 'Queries answered from the response cache',
    registers: [registry],
  });
  const misses = new Counter({
    name: 'pcc_subgraph_response_cache_misses_total',
    help: 'Queries the response cache did not hold, computed',
    registers: [registry],
  });
  const counting: ApolloServerPlugin<TContext> = {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, metrics }) {
          if (operation?.operation !== OperationTypeNode.QUERY) return;
          if (metrics.responseCacheHit) hits.inc();
          else misses.inc();
        },
      };
    },
  };
  return [
    ApolloServerPluginCacheControl({ defaultMaxAge: settings.defaultMaxAgeSeconds, calculateHttpHeaders: false }),
    responseCachePlugin<TContext>({
      cache: new InMemoryLRUCache<string>({ maxSize: settings.maxBytes }),
      extraCacheKeyData: async ({ contextValue }) => {
        const { role, org, sub } = contextValue.identity;
        return { role, org, sub, version: await version() };
      },
      // Called just before an answer is stored: never keep it past the moment the clock changes it.
      // The store follows synchronously, so its expiry (now + maxAge) is never after that moment.
      shouldWriteToCache: async ({ contextValue, overallCachePolicy }) => {
        overallCachePolicy.restrict({ maxAge: contextValue.answer.secondsLeft() });
        return true;
      },
    }),
    counting,
  ];
}
