// What the services use of the HTTP layer; they import everything a subgraph needs from the kit.
export {
  AppError,
  ERROR_CODES,
  badInput,
  conflict,
  forbidden,
  fromZod,
  invalidTransition,
  notFound,
  parseInput,
  type ErrorCode,
  DEV_INTERNAL_SECRET,
  InternalTokens,
  InvalidTokenError,
  PUBLIC_IDENTITY,
  ROLES,
  eventActor,
  type Identity,
  type Role,
} from '@pcc/http';
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
  createSubgraphServer,
  SUBGRAPH_LIMITS,
  type BaseContext,
  type SubgraphServer,
  type SubgraphServerOptions,
} from './server';
export { loadSchemaFile } from './schema-file';
export { DateScalar, DateTimeScalar, DecimalScalar, scalarResolvers } from './scalars';
export {
  runSubgraph,
  subgraphEventsHealth,
  subgraphReadiness,
  main,
  type SubgraphProcess,
  type SubgraphProcessConfig,
  type RuntimeDeps,
} from './run';
export { defineSubgraph, type SubgraphDeps } from './define';
export { periodicJob, periodicJobs, type PeriodicJob } from './periodic';
export { subgraphConfigSchema } from './config';
export { advertisedUrl, publishServiceSchema, schemaPublishEnv } from './schema-publish';
export { countBranches, newestFirstPage } from './keyset';
export { nestedPages, nestedPageLoader, PARENT, type NestedPageOptions } from './nested-pages';
export { isUuid } from './ids';
export { VersionedCache, type Computed } from './versioned-cache';
export { AnswerValidity, nextBangkokMidnight } from './answer-validity';
export {
  DEFAULT_RESPONSE_CACHE,
  dataVersionOf,
  responseCacheEnv,
  responseCacheSettingsOf,
  type ResponseCacheSettings,
} from './response-cache';
