export { compose, apiSchemaOf, checkSupergraph, refusalReasons, supergraphHash } from './checks';
export type { BreakingChange, CheckReport, SubgraphSchema } from './checks';
export { Composer, type ComposerSettings, type Decision } from './composer';
export { followTopic, type Following } from './follow';
export { coordinatesOf, loadRegisteredOperations, touches, type RegisteredOperation } from './operations';
export { publicationSchema, publishSchema, sdlVersion, type Publication } from './publication';
export { followSupergraph } from './supergraph-follower';
export { acceptedSupergraphSchema, SUPERGRAPH_KEY, type AcceptedSupergraph } from './supergraph-record';
export { ensureRegistryTopics, REGISTRY_TOPICS, registryTopics, type RegistryTopics } from './topics';
