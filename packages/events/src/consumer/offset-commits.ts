import type { Consumer, TopicPartitionOffset } from 'kafkajs';

/**
 * When a consumer group's handled offsets are committed to Kafka: at most once per `intervalMs`,
 * and within `intervalMs` of the last event handled even if no other event follows (so the group's
 * lag settles at zero when it has caught up).
 *
 * Why not kafkajs's auto-commit: it commits after every fetched batch, whatever its size. At the
 * rate of public intake a batch holds one or two events, so the broker appended an offset commit
 * for nearly every event, per consumer group: about half of its CPU per case (BENCHMARKS.md).
 *
 * What it gives up: events handled since the last commit are delivered again after a crash or a
 * rebalance (at most `intervalMs` of them), which the inbox absorbs (no second effect). Nothing is
 * committed before it was handled, so nothing is skipped.
 */
export class OffsetCommits {
  /** Per partition, the next offset to read: one past the last event handled, not yet committed. */
  private readonly pending = new Map<string, TopicPartitionOffset>();
  /** The partitions this member holds (from the last join), by topic; null before the first. */
  private assignment: Record<string, number[]> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private committing: Promise<void> | null = null;
  private lastCommitAt = 0;
  private closed = false;

  constructor(
    private readonly consumer: Consumer,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** `offset` of `topic`/`partition` was handled (with everything before it). */
  handled(topic: string, partition: number, offset: string): void {
    const key = `${topic}:${partition}`;
    const next = BigInt(offset) + 1n;
    // Never backwards: a partition read again from an older commit (after a rebalance that left it
    // here, or kafkajs restarting the consumer) has already been handled up to the higher offset.
    const pending = this.pending.get(key);
    if (pending && BigInt(pending.offset) >= next) return;
    this.pending.set(key, { topic, partition, offset: next.toString() });
    this.schedule();
  }

  /**
   * The group was rebalanced: forget offsets of partitions this member no longer holds (their new
   * owner reads on from the last commit; the inbox absorbs what it reads again).
   */
  assigned(assignment: Record<string, number[]>): void {
    this.assignment = assignment;
    for (const [key, { topic, partition }] of this.pending) if (!this.holds(topic, partition)) this.pending.delete(key);
  }

  /** The consumer crashed and kafkajs will not restart it: nothing it holds can be committed any more. */
  abandon(): void {
    this.pending.clear();
  }

  /** Commits what is pending now and stops committing (before the consumer disconnects). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.committing;
    await this.commit();
  }

  private schedule(): void {
    if (this.closed || this.timer || this.committing || this.pending.size === 0) return;
    const wait = Math.max(0, this.lastCommitAt + this.intervalMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.committing = this.commit().finally(() => {
        this.committing = null;
        this.schedule();
      });
    }, wait);
    // A pending commit never keeps a process alive on its own.
    this.timer.unref();
  }

  private holds(topic: string, partition: number): boolean {
    return this.assignment === null || (this.assignment[topic]?.includes(partition) ?? false);
  }

  private async commit(): Promise<void> {
    if (this.pending.size === 0) return;
    const offsets = [...this.pending.values()];
    this.pending.clear();
    this.lastCommitAt = Date.now();
    try {
      await this.consumer.commitOffsets(offsets);
    } catch (error) {
      // Kept for the next round, unless a later event of the same partition has replaced it or the
      // partition went to another member meanwhile (its commit would rewind the new owner's).
      for (const offset of offsets) {
        const key = `${offset.topic}:${offset.partition}`;
        if (!this.pending.has(key) && this.holds(offset.topic, offset.partition)) this.pending.set(key, offset);
      }
      this.onError(error);
    }
  }
}
