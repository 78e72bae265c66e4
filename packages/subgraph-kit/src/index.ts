export * from './errors';
export * from './identity';
export {
  Viewer,
  requestScope,
  type Action,
  type OrganizationAction,
  type RoleAction,
  type OrganizationLookup,
  type RequestScope,
  type ViewerOrganization,
} from './viewer';
export * as inputs from './inputs';
export { parseOptional } from './inputs';
export * from './pagination';
export { keyedLoader, groupedLoader, yearlyLoader } from './loaders';
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
export { createSubgraphServer, type BaseContext, type SubgraphServer, type SubgraphServerOptions } from './server';
export { serve } from './serve';
export { loadSchemaFile } from './schema-file';
export { DateScalar, DateTimeScalar, DecimalScalar, scalarResolvers } from './scalars';
export {
  runSubgraph,
  subgraphReadiness,
  main,
  type SubgraphProcess,
  type SubgraphProcessConfig,
  type RuntimeDeps,
} from './run';
export { defineSubgraph, type SubgraphDeps } from './define';
export { subgraphConfigSchema } from './config';
export { newestFirstPage } from './keyset';
export { isUuid } from './ids';
