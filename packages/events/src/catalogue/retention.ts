import { TOPICS } from './topics';

/**
 * How long a topic keeps its events, on purpose (see README, "Retention"):
 * - `snapshots`: reference data other services project (the organization registry). Every
 *   event on it carries the aggregate's whole state, keyed by its id, so the topic is compacted: the
 *   latest state of every organization stays readable for good, and a projection built next year from
 *   offset 0 is complete.
 * - `history`: what happened (cases, projects, plans, waste reports, working-group changes, MOUs, dead letters).
 *   Kept indefinitely by default (`KAFKA_HISTORY_RETENTION_MS`, -1), so analysts and new consumers can
 *   replay the network's history.
 */
export type RetentionKind = 'snapshots' | 'history';

/*
 * The MOUs are not compacted although waste-metrics projects them: a `signatory-added` event is
 * applied to the new signatory only, so the latest event of an MOU alone would not give every
 * signatory its target. Their whole history is kept instead.
 */
const SNAPSHOT_TOPICS: ReadonlySet<string> = new Set([TOPICS.organization]);

export const retentionOf = (topic: string): RetentionKind => (SNAPSHOT_TOPICS.has(topic) ? 'snapshots' : 'history');

/** History topics keep events for good unless configured otherwise. */
export const DEFAULT_HISTORY_RETENTION_MS = -1;

/**
 * The topic-level configs a topic must have. They are the whole set of overrides the platform sets
 * (Kafka's AlterConfigs replaces a topic's overrides with the set given), so each kind names every key.
 */
export function topicConfig(topic: string, historyRetentionMs = DEFAULT_HISTORY_RETENTION_MS): Record<string, string> {
  return retentionOf(topic) === 'snapshots'
    ? { 'cleanup.policy': 'compact', 'retention.ms': '-1' }
    : { 'cleanup.policy': 'delete', 'retention.ms': String(historyRetentionMs) };
}

/** In words, for the catalogue page and the AsyncAPI document. */
export function describeRetention(topic: string, historyRetentionMs = DEFAULT_HISTORY_RETENTION_MS): string {
  if (retentionOf(topic) === 'snapshots')
    return 'compacted: the latest full snapshot of every aggregate (by key) is kept for good';
  return historyRetentionMs < 0
    ? 'every event kept indefinitely (KAFKA_HISTORY_RETENTION_MS=-1)'
    : `events kept ${historyRetentionMs} ms (KAFKA_HISTORY_RETENTION_MS)`;
}
