export * from './errors';
export * from './identity';
export {
  createLogger,
  createMetrics,
  traceIdOf,
  validTraceparent,
  requestIdOf,
  registerOperationalRoutes,
  registerRequestLogging,
  type Metrics,
  type ReadinessCheck,
} from './observability';
export { serve } from './serve';
