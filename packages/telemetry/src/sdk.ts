import { FastifyOtelInstrumentation } from '@fastify/otel';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { KafkaJsInstrumentation } from '@opentelemetry/instrumentation-kafkajs';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { InMemorySpanExporter, SimpleSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { telemetryConfigured } from './configured';
import { runningSdk, setRunningSdk } from './running';

export { defaultServiceName, telemetryConfigured } from './configured';

/** Routes scraped or probed every few seconds: a span each would bury the requests that matter. */
const OPERATIONAL_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * Starts the OpenTelemetry SDK with the instrumentations the platform uses (not the whole
 * auto-instrumentations bundle): HTTP, Fastify's own, GraphQL, pg and kafkajs. Exporters,
 * sampler, propagators and resource come from the standard `OTEL_*` variables. Returns the SDK,
 * or undefined when nothing is configured. `spanProcessors` replaces the exporters (tests).
 */
export function startTelemetry(
  options: { serviceName?: string; spanProcessors?: SpanProcessor[]; env?: NodeJS.ProcessEnv } = {},
): NodeSDK | undefined {
  const current = runningSdk();
  if (current) return current;
  if (!options.spanProcessors && !telemetryConfigured(options.env)) return undefined;
  const sdk = new NodeSDK({
    ...(options.serviceName && !process.env.OTEL_SERVICE_NAME ? { serviceName: options.serviceName } : {}),
    // In tests: spans to the given processors, no metrics or logs exporter looking for a collector,
    // and no host detection (its pending attributes would hold each span back from the exporter).
    ...(options.spanProcessors
      ? {
          spanProcessors: options.spanProcessors,
          metricReaders: [],
          logRecordProcessors: [],
          autoDetectResources: false,
        }
      : {}),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => OPERATIONAL_ROUTES.has((request.url ?? '').split('?')[0] ?? ''),
      }),
      new FastifyOtelInstrumentation({ registerOnInitialization: true }),
      new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
      // Only inside a request or an event: the relay's polling and the metrics queries stay quiet.
      new PgInstrumentation({ requireParentSpan: true }),
      new KafkaJsInstrumentation(),
    ],
  });
  sdk.start();
  setRunningSdk(sdk);
  return sdk;
}

/**
 * For tests: starts the SDK in this process with every span kept in memory (finished spans are
 * in `getFinishedSpans()`). Call before the instrumented modules load.
 */
export function recordSpansInMemory(serviceName: string): InMemorySpanExporter {
  const exporter = new InMemorySpanExporter();
  startTelemetry({ serviceName, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return exporter;
}

export type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
