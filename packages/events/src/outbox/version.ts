import type { EntityManager } from 'typeorm';

/**
 * Increments the version of each subject once per event, in the caller's transaction, and returns
 * the versions in the order of `subjects` (events of one subject get increasing versions). Keys
 * are locked in sorted order, so two writers of the same keys cannot deadlock on them.
 */
export async function nextVersions(manager: EntityManager, subjects: readonly string[]): Promise<number[]> {
  const counts = new Map<string, number>();
  for (const subject of subjects) counts.set(subject, (counts.get(subject) ?? 0) + 1);
  const keys = [...counts.keys()].sort();
  const rows = await manager.query<Array<{ key: string; version: string }>>(
    `INSERT INTO aggregate_version AS a (key, version)
     SELECT key, n FROM unnest($1::text[], $2::bigint[]) AS t(key, n) ORDER BY key
     ON CONFLICT (key) DO UPDATE SET version = a.version + EXCLUDED.version
     RETURNING key, version`,
    [keys, keys.map((k) => counts.get(k)!)],
  );
  // The last version of each key; hand them out from the first.
  const next = new Map(rows.map((r) => [r.key, Number(r.version) - counts.get(r.key)! + 1]));
  return subjects.map((subject) => {
    const version = next.get(subject)!;
    next.set(subject, version + 1);
    return version;
  });
}

/**
 * The aggregate version an event carries (`data.version`); 0 for events written before versions
 * existed, which therefore never override a versioned state.
 */
export function versionOf(data: unknown): number {
  const version = (data as { version?: unknown } | null)?.version;
  return typeof version === 'number' ? version : 0;
}
