export * from './errors';
export * from './identity';
export { VerifiedTokens } from './verified-tokens';
export {
  createLogger,
  createMetrics,
  traceIdOf,
  validTraceparent,
  requestIdOf,
  registerOperationalRoutes,
  type Metrics,
  type ReadinessCheck,
} from './observability';
export { createHttpApp } from './app';
export { stringifyResult } from './graphql-response';
export { serve, SHUTDOWN_GRACE_MS } from './serve';
