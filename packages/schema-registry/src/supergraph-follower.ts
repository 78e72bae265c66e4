import type { Kafka } from 'kafkajs';
import { followTopic, type Following } from './follow';
import { acceptedSupergraphSchema, type AcceptedSupergraph } from './supergraph-record';
import { REGISTRY_TOPICS, type RegistryTopics } from './topics';

/**
 * Follows the registry's accepted supergraph: calls `onAccepted` with the one the registry holds
 * when following starts, then with every one accepted later. Only accepted supergraphs are ever
 * written there, so a rejected change never reaches a follower. The broker being away delays
 * following (kafkajs retries); it never stops the caller, which keeps what it has.
 */
export async function followSupergraph(
  kafka: Kafka,
  onAccepted: (supergraph: AcceptedSupergraph) => void,
  options: { topics?: RegistryTopics; groupPrefix?: string } = {},
): Promise<Following> {
  const topics = options.topics ?? REGISTRY_TOPICS;
  return followTopic(kafka, topics.supergraph, options.groupPrefix ?? 'pcc-supergraph-follower', (message) => {
    if (!message.value) return;
    onAccepted(acceptedSupergraphSchema.parse(JSON.parse(message.value.toString('utf8'))));
  });
}
