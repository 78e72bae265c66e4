// What a gateway needs to follow the registry's accepted supergraph, as an entry of its own
// (`@pcc/schema-registry/follow`): the main entry also holds the composer and its checks, which load
// @apollo/composition and @graphql-inspector — megabytes of heap in a process that never composes.
export { followTopic, type Following } from './follow';
export { followSupergraph } from './supergraph-follower';
export { supergraphHash } from './supergraph-hash';
export { acceptedSupergraphSchema, SUPERGRAPH_KEY, type AcceptedSupergraph } from './supergraph-record';
export { ensureRegistryTopics, REGISTRY_TOPICS, registryTopics, type RegistryTopics } from './topics';
