export { compose, apiSchemaOf, checkSupergraph, refusalReasons } from './checks';
export type { BreakingChange, CheckReport, SubgraphSchema } from './checks';
export { Composer, type ComposerSettings, type Decision } from './composer';
export { coordinatesOf, loadRegisteredOperations, touches, type RegisteredOperation } from './operations';
export { publicationSchema, publishSchema, sdlVersion, type Publication } from './publication';
export * from './following';
