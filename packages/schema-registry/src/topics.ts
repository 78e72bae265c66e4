import type { Admin } from 'kafkajs';
import { deadLetterTopic, TOPICS } from '@pcc/events/bus';

/**
 * The registry's topics. `subgraphs` and `supergraph` are compacted (the latest value per key is
 * kept for ever): a composer or gateway that starts reads the whole state from them. `decisions`
 * is the catalogue's `pcc.registry.decision.v1`, kept like every event topic, for analysts.
 */
export interface RegistryTopics {
  /** Publications, key = subgraph name. */
  subgraphs: string;
  /** The latest accepted supergraph, key `supergraph`. */
  supergraph: string;
  /** Accepted and rejected decisions (CloudEvents), key = subgraph name. */
  decisions: string;
}

export const REGISTRY_TOPICS: RegistryTopics = {
  subgraphs: 'pcc.registry.subgraph.v1',
  supergraph: 'pcc.registry.supergraph.v1',
  decisions: TOPICS.schemaDecision,
};

/** Topics whose names start with `prefix` (tests give each run its own, as compacted topics keep everything). */
export const registryTopics = (prefix = ''): RegistryTopics =>
  prefix
    ? {
        subgraphs: `${prefix}.${REGISTRY_TOPICS.subgraphs}`,
        supergraph: `${prefix}.${REGISTRY_TOPICS.supergraph}`,
        decisions: `${prefix}.${REGISTRY_TOPICS.decisions}`,
      }
    : REGISTRY_TOPICS;

/**
 * Creates the registry's topics if missing: one partition each (one order of publications and
 * decisions), the state topics compacted. Safe to call from every process that uses them.
 */
export async function ensureRegistryTopics(
  admin: Admin,
  topics: RegistryTopics,
  replicationFactor: number,
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const compact = [{ name: 'cleanup.policy', value: 'compact' }];
  const wanted = [
    { topic: topics.subgraphs, configEntries: compact },
    { topic: topics.supergraph, configEntries: compact },
    { topic: topics.decisions, configEntries: [] },
    { topic: deadLetterTopic(topics.decisions), configEntries: [] },
  ].filter((t) => !existing.has(t.topic));
  if (wanted.length === 0) return;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: wanted.map((t) => ({ ...t, numPartitions: 1, replicationFactor })),
      });
      return;
    } catch (error) {
      // Another process created them meanwhile, or the broker is still electing leaders.
      if ((error as { type?: string }).type === 'TOPIC_ALREADY_EXISTS') return;
      if (attempt >= 5 || !(error as { retriable?: boolean }).retriable) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}
