import { LRUCache } from 'lru-cache';

/** What a computation gives the cache: its value, and until when the clock leaves it true. */
export interface Computed<V> {
  value: V;
  /**
   * A value that depends on the clock (overdue cases, resolutions in the last 30 days) is true only
   * until the next moment it would change by time alone: that moment, in the database's clock
   * (epoch milliseconds). Omitted: true for as long as its version holds.
   */
  validUntil?: number;
}

interface Entry<V> {
  version: bigint;
  validUntil: number;
  value: Promise<V>;
  /** Set once the value is known. */
  settled?: { value: V };
}

/** One key asked at the version the caller read for it. */
export interface VersionedKey {
  key: string;
  /** A counter, as text (PostgreSQL's bigint). */
  version: string;
}

/**
 * Values computed from the database (counts, statistics), kept per process for as long as the data
 * they came from is unchanged — never for a fixed time. Each key's `version` is read from the database
 * by the caller before it asks (a counter that every change to that data bumps in the change's own
 * transaction), so:
 *
 * - a caller whose own write has committed reads a version at least as new as that write, and an
 *   entry of an older version is never served to it (one of a newer version may be: it is newer than
 *   anything the caller wrote);
 * - a value is computed after its version was read, so it is at least as new as that version;
 * - a value that also depends on the clock carries `validUntil`, and is recomputed once the
 *   database's `now` (read with the version) reaches it.
 *
 * Callers that miss together on one key share one computation. Bounded (least recently used first out).
 */
export class VersionedCache<V> {
  private readonly entries: LRUCache<string, Entry<V>>;
  private readonly counters = { hits: 0, misses: 0 };

  constructor(max = 10_000) {
    this.entries = new LRUCache({ max });
  }

  /** The value for `key` at `version` and database time `now` (epoch ms), computing it if none is kept. */
  get(key: string, version: string, now: number, compute: () => Promise<Computed<V>>): Promise<V> {
    return this.kept(key, version, now, compute) ?? this.store(key, version, compute());
  }

  /**
   * Many keys at once: the kept ones from memory, all the others from one call of `compute` (one
   * statement for every organization missing, say), which must answer each key it is given.
   */
  async getMany(
    keys: readonly VersionedKey[],
    now: number,
    compute: (missing: string[]) => Promise<Map<string, Computed<V>>>,
  ): Promise<Map<string, V>> {
    const found = new Map<string, Promise<V>>();
    const missing: VersionedKey[] = [];
    for (const k of keys) {
      const kept = this.kept(k.key, k.version, now, () => this.one(compute, k.key));
      if (kept) found.set(k.key, kept);
      else missing.push(k);
    }
    if (missing.length) {
      const batch = compute(missing.map((k) => k.key));
      for (const k of missing)
        found.set(
          k.key,
          this.store(
            k.key,
            k.version,
            batch.then((all) => answer(all, k.key)),
          ),
        );
    }
    const values = await Promise.all([...found].map(async ([key, value]) => [key, await value] as const));
    return new Map(values);
  }

  /**
   * For a statement that reads the versions and recomputes only what is stale in one go (one
   * statement per federated field): the settled values kept for these keys, with the version and
   * validity the statement compares against. The caller then `keep`s what the statement recomputed.
   */
  held(keys: readonly string[]): Map<string, { version: string; validUntil: number; value: V }> {
    const found = new Map<string, { version: string; validUntil: number; value: V }>();
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry?.settled)
        found.set(key, { version: String(entry.version), validUntil: entry.validUntil, ...entry.settled });
    }
    return found;
  }

  /** Keeps a value the caller computed at `version` (see `held`). */
  keep(key: string, version: string, computed: Computed<V>): void {
    this.counters.misses += 1;
    this.entries.set(key, {
      version: BigInt(version),
      validUntil: computed.validUntil ?? Infinity,
      value: Promise.resolve(computed.value),
      settled: { value: computed.value },
    });
  }

  /** Counts a value served from `held`. */
  served(): void {
    this.counters.hits += 1;
  }

  stats(): { hits: number; misses: number; size: number } {
    return { ...this.counters, size: this.entries.size };
  }

  /** The kept value if it serves this caller; a computation still in flight is checked against the caller's clock when it ends. */
  private kept(key: string, version: string, now: number, recompute: () => Promise<Computed<V>>): Promise<V> | null {
    const entry = this.entries.get(key);
    if (!entry || entry.version < BigInt(version) || now >= entry.validUntil) return null;
    this.counters.hits += 1;
    return entry.value.then((value) => (now < entry.validUntil ? value : this.store(key, version, recompute())));
  }

  private store(key: string, version: string, computed: Promise<Computed<V>>): Promise<V> {
    this.counters.misses += 1;
    const entry: Entry<V> = { version: BigInt(version), validUntil: Infinity, value: Promise.resolve(undefined as V) };
    entry.value = computed.then(
      (c) => {
        entry.validUntil = c.validUntil ?? Infinity;
        entry.settled = { value: c.value };
        return c.value;
      },
      (error: unknown) => {
        // A failed computation is not kept: the next caller tries again.
        if (this.entries.get(key) === entry) this.entries.delete(key);
        throw error;
      },
    );
    this.entries.set(key, entry);
    return entry.value;
  }

  private async one(compute: (missing: string[]) => Promise<Map<string, Computed<V>>>, key: string) {
    return answer(await compute([key]), key);
  }
}

function answer<V>(all: Map<string, Computed<V>>, key: string): Computed<V> {
  const computed = all.get(key);
  if (!computed) throw new Error(`the computation gave no value for ${key}`);
  return computed;
}
