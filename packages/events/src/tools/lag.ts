import type { Admin } from 'kafkajs';

/** How far a group is behind on one partition: the high watermark minus the committed offset. */
export interface PartitionLag {
  topic: string;
  partition: number;
  lag: number;
}

/**
 * A group's lag per partition, on the given topics or on every topic it has committed offsets for.
 * A partition without a commit yet counts everything kept (the group will read from the beginning).
 */
export async function groupLag(admin: Admin, group: string, topics?: readonly string[]): Promise<PartitionLag[]> {
  const committed = await admin.fetchOffsets({ groupId: group, ...(topics ? { topics: [...topics] } : {}) });
  const result: PartitionLag[] = [];
  for (const { topic, partitions } of committed) {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p]));
    for (const { partition, offset } of partitions) {
      const end = ends.get(partition);
      if (!end) continue;
      const from = Number(offset) >= 0 ? Number(offset) : Number(end.low);
      result.push({ topic, partition, lag: Math.max(0, Number(end.high) - from) });
    }
  }
  return result;
}

/** Lag summed per topic. */
export function lagByTopic(lags: readonly PartitionLag[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { topic, lag } of lags) totals.set(topic, (totals.get(topic) ?? 0) + lag);
  return totals;
}
