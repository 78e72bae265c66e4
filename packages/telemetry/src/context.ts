import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Context,
  type Link,
  type SpanOptions,
} from '@opentelemetry/api';

/**
 * Trace context through the OpenTelemetry API only. With no SDK started every call here is a
 * no-op (no active span, a propagator that writes nothing), so callers fall back to what they had.
 */

/** The W3C `traceparent` of the active span, through the configured propagator; undefined without one. */
export function activeTraceparent(): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent;
}

/** The context a stored `traceparent` describes (the root context when there is none). */
export function contextOf(traceparent: string | undefined): Context {
  return traceparent ? propagation.extract(ROOT_CONTEXT, { traceparent }) : ROOT_CONTEXT;
}

/**
 * Links from one span to the contexts several stored `traceparent`s describe (a batch of events from
 * many requests), leaving out those without one.
 */
export function linksTo(traceparents: ReadonlyArray<string | null | undefined>): Link[] {
  return traceparents
    .map((traceparent) => trace.getSpanContext(contextOf(traceparent ?? undefined)))
    .filter((spanContext) => spanContext !== undefined)
    .map((spanContext) => ({ context: spanContext }));
}

/** The trace id of the active span, if one is recording or was propagated. */
export function activeTraceId(): string | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext.traceId : undefined;
}

const tracer = () => trace.getTracer('pcc');

/**
 * Runs `work` in a new active span under `parent`, ending it when the work settles; a failure
 * marks the span as an error and is rethrown.
 */
export function inSpan<T>(name: string, options: SpanOptions, parent: Context, work: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, options, parent, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
