import { randomUUID } from 'node:crypto';
import pino, { type Logger } from 'pino';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ApolloServerPlugin } from '@apollo/server';
import type { FastifyInstance } from 'fastify';
import { errorCodeOf } from './errors';

/** JSON logs to stdout; every request's lines carry its request id and W3C trace id. */
export function createLogger(service: string, level: string): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ['req.headers.authorization'],
  });
}

/** The trace id of a W3C `traceparent` header (`00-<trace id>-<span id>-<flags>`), if valid. */
export function traceIdOf(traceparent: string | undefined): string | undefined {
  const match = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(traceparent ?? '');
  return match && match[1] !== '0'.repeat(32) ? match[1] : undefined;
}

/** The header itself when it is a valid W3C traceparent (it travels on into events), else undefined. */
export function validTraceparent(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && traceIdOf(header) ? header : undefined;
}

/** Request ids: the caller's `x-request-id` when it is sane, else a new uuid. */
export function requestIdOf(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[\w.-]{1,128}$/.test(header) ? header : randomUUID();
}

export interface Metrics {
  registry: Registry;
  operations: Histogram<'operation' | 'outcome'>;
  outboxPending: Gauge;
  plugin: ApolloServerPlugin;
  /** Counts one operation answered without the plugin (a subgraph's response cache hit). */
  observeOperation(name: string | null | undefined, outcome: 'ok' | 'error', seconds: number): void;
}

/**
 * Prometheus metrics of one process: Node's defaults, GraphQL operations (count and latency by
 * operation name and outcome) and the outbox lag (filled by `outboxLag` on each scrape).
 */
export function createMetrics(
  service: string,
  outboxLag?: () => Promise<{ pending: number; oldestAgeSeconds: number }>,
): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const operations = new Histogram({
    name: 'pcc_graphql_operation_duration_seconds',
    help: 'GraphQL operations by name and outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'pcc_graphql_errors_total',
    help: 'GraphQL errors by code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const outboxPending = new Gauge({
    name: 'pcc_outbox_pending_events',
    help: 'Events committed but not yet published to Kafka',
    registers: [registry],
    async collect() {
      if (outboxLag) this.set((await outboxLag().catch(() => ({ pending: NaN }))).pending);
    },
  });
  new Gauge({
    name: 'pcc_outbox_oldest_age_seconds',
    help: 'Age of the oldest unpublished event',
    registers: [registry],
    async collect() {
      if (outboxLag) this.set((await outboxLag().catch(() => ({ oldestAgeSeconds: NaN }))).oldestAgeSeconds);
    },
  });
  // Operation names are chosen by clients: cap the distinct label values so nobody can grow the
  // registry without bound by sending `query X1`, `query X2`, ….
  const seen = new Set<string>();
  const label = (name: string | null | undefined): string => {
    if (!name) return 'anonymous';
    if (seen.has(name)) return name;
    if (seen.size >= 200 || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
    seen.add(name);
    return name;
  };
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const end = operations.startTimer();
      return {
        async willSendResponse({ operationName, errors: requestErrors }) {
          for (const e of requestErrors ?? []) errors.inc({ code: errorCodeOf(e) ?? 'INTERNAL' });
          end({ operation: label(operationName), outcome: requestErrors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
  const observeOperation = (name: string | null | undefined, outcome: 'ok' | 'error', seconds: number) =>
    operations.observe({ operation: label(name), outcome }, seconds);
  return { registry, operations, outboxPending, plugin, observeOperation };
}

export type ReadinessCheck = () => Promise<boolean>;

/**
 * `/healthz`: the process answers. `/readyz`: every check passes, with what `details` adds (the
 * gateway's active supergraph). `/metrics`: Prometheus text, on `metricsApp` when given (a port of
 * its own, not reachable by the public), else on `app`.
 */
export function registerOperationalRoutes(
  app: FastifyInstance,
  metrics: Metrics,
  checks: Record<string, ReadinessCheck>,
  metricsApp: FastifyInstance = app,
  details: () => Record<string, unknown> = () => ({}),
): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const results = Object.fromEntries(
      await Promise.all(
        Object.entries(checks).map(async ([name, check]) => [name, await check().catch(() => false)] as const),
      ),
    );
    const ready = Object.values(results).every(Boolean);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', checks: results, ...details() });
  });
  metricsApp.get('/metrics', async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
}
