import DataLoader from 'dataloader';
import { isUuid } from './ids';

/**
 * A per-request DataLoader whose batch function may return rows in any order and may miss some:
 * rows are matched back to the keys by `keyOf`, missing ones resolve to null. One query for N
 * references (Apollo TN0019).
 */
export function keyedLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch(keys);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Like keyedLoader, for one-to-many: each key gets the (possibly empty) list of its rows. */
export function groupedLoader<K extends string, V>(
  fetch: (keys: readonly K[]) => Promise<V[]>,
  keyOf: (row: V) => K,
): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch(keys);
    const groups = new Map<K, V[]>(keys.map((key) => [key, []]));
    for (const row of rows) groups.get(keyOf(row))?.push(row);
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/**
 * A per-request loader of an organization's figures for a fiscal year, keyed
 * `<organization id>|<fiscal year>`: one `fetch` per fiscal year for every organization asked about
 * in the request; an organization without figures (or a key that is no id) gets `empty(year)`.
 */
export function yearlyLoader<V>(
  fetch: (organizationIds: string[], fiscalYear: number) => Promise<Map<string, V>>,
  empty: (fiscalYear: number) => V,
): DataLoader<string, V> {
  return new DataLoader<string, V>(async (keys) => {
    const byYear = new Map<number, string[]>();
    for (const key of keys) {
      const [id, year] = key.split('|') as [string, string];
      if (isUuid(id)) byYear.set(Number(year), [...(byYear.get(Number(year)) ?? []), id]);
    }
    const results = new Map<string, V>();
    for (const [year, ids] of byYear) {
      for (const [id, value] of await fetch(ids, year)) results.set(`${id}|${year}`, value);
    }
    return keys.map((key) => results.get(key) ?? empty(Number(key.split('|')[1])));
  });
}
