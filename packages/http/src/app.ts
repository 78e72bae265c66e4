import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { activeTraceId } from '@pcc/telemetry';
import { requestIdOf, traceIdOf } from './observability';

/**
 * The Fastify app of the gateway and of every subgraph: JSON logs through `log`, request ids (the
 * caller's `x-request-id` when sane, echoed back), a body limit, and the trace id on every line a
 * request logs, Fastify's own included — the active span's (the HTTP instrumentation starts or
 * continues the trace), else the caller's `traceparent` when no SDK runs.
 */
export function createHttpApp(options: { log: Logger; bodyLimit: number }): FastifyInstance {
  // Typed as Fastify's logger so that the instance is a plain FastifyInstance, not one generic over pino.
  const loggerInstance: FastifyBaseLogger = options.log;
  const app: FastifyInstance = Fastify({
    loggerInstance,
    genReqId: (request) => requestIdOf(request.headers['x-request-id']),
    bodyLimit: options.bodyLimit,
    childLoggerFactory: (logger, bindings, childOptions, request) => {
      const header = request.headers.traceparent;
      const traceId = activeTraceId() ?? traceIdOf(typeof header === 'string' ? header : undefined);
      return logger.child(traceId ? { ...bindings, traceId } : bindings, childOptions);
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  return app;
}
