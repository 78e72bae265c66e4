import type { Socket } from 'node:net';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { activeTraceId } from '@pcc/telemetry';
import { requestIdOf, traceIdOf } from './observability';

/**
 * The Fastify app of the gateway and of every subgraph: JSON logs through `log`, request ids (the
 * caller's `x-request-id` when sane, echoed back), a body limit, and the trace id on every line a
 * request logs, Fastify's own included — the active span's (the HTTP instrumentation starts or
 * continues the trace), else the caller's `traceparent` when no SDK runs.
 */
/** A request the HTTP layer refused (bad JSON, content type, size, headers), as a GraphQL error body. */
export const httpClientError = (message: string) => ({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });

/**
 * Answers a request Node's HTTP parser refused before Fastify saw it (headers too large, malformed
 * request line) with a typed error, as Fastify's default handler does but with our error body.
 */
function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout']
        : [400, 'Bad Request'];
  const body = JSON.stringify(httpClientError(reason));
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export function createHttpApp(options: { log: Logger; bodyLimit: number }): FastifyInstance {
  // Typed as Fastify's logger so that the instance is a plain FastifyInstance, not one generic over pino.
  const loggerInstance: FastifyBaseLogger = options.log;
  const app: FastifyInstance = Fastify({
    loggerInstance,
    genReqId: (request) => requestIdOf(request.headers['x-request-id']),
    bodyLimit: options.bodyLimit,
    clientErrorHandler,
    childLoggerFactory: (logger, bindings, childOptions, request) => {
      const header = request.headers.traceparent;
      const traceId = activeTraceId() ?? traceIdOf(typeof header === 'string' ? header : undefined);
      return logger.child(traceId ? { ...bindings, traceId } : bindings, childOptions);
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // Fastify's own refusals (malformed JSON, an unsupported content type, a body over the limit) get
  // the same typed error body as GraphQL's; anything else is a bug and stays a plain 500.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) throw error;
    return reply.code(status).send(httpClientError(error.message));
  });
  return app;
}
