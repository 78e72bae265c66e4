import DataLoader from 'dataloader';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isUuid } from './ids';
import { toConnection, type Connection } from './pagination';

/** How a branch query names the parent whose list it reads (`c.lead_org_id = ${PARENT}`). */
export const PARENT = 'parent.id';

/** One keyset-ordered list field under a list of parents (`Organization.cases` under `cases`). */
export interface NestedPageOptions<T> {
  dataSource: DataSource;
  alias: string;
  /** Sort column and direction; the id breaks ties in the same direction. */
  column: string;
  direction: 'ASC' | 'DESC';
  first: number;
  /** The cursor's sort value and id, already decoded. */
  after: { at: Date | string; id: string } | null;
  /** The rows of these ids, in any order (one statement). */
  load: (ids: string[]) => Promise<T[]>;
  /** The sort value of a row, for its cursor. */
  keyOf: (row: T) => Date | string;
  /**
   * How each parent's total is found when the service keeps it (a cache, a read model); it is given
   * the parents and a function that counts the branches of those it needs, in one statement per branch.
   * Without it, each branch's statement counts as it reads the page.
   */
  counts?: (
    parentIds: string[],
    countBranches: (parentIds: string[]) => Promise<Map<string, number>>,
  ) => Promise<Map<string, number>>;
}

/** Renumbers `$1…$n` of a statement that will follow `offset` other parameters. */
const shift = (sql: string, offset: number) => sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);

/**
 * A page of every parent's list at once: each branch (an organization's cases it leads, those it
 * supports…) is one statement for all parents — a LATERAL join counting the branch and reading its
 * page (LIMIT first + 1) per parent — and the rows are loaded once; N parents cost the branches + 1
 * statements, not N times that. Branch queries refer to the parent as `PARENT`.
 */
export async function nestedPages<T extends ObjectLiteral & { id: string }>(
  parentIds: readonly string[],
  branches: Array<SelectQueryBuilder<T>>,
  options: NestedPageOptions<T>,
): Promise<Map<string, Connection<T>>> {
  const { alias, column, direction, first, after } = options;
  const key = `${alias}.${column}`;
  const found = new Map<string, { total: number; rows: Array<{ id: string; at: Date | string }> }>(
    parentIds.map((id) => [id, { total: 0, rows: [] }]),
  );
  const parents = parentIds.filter(isUuid);
  const counted = (ids: string[]) => countBranches(ids, branches, options);
  const [totals] = await Promise.all([
    options.counts ? options.counts(parents, counted) : null,
    (async () => {
      for (const branch of branches) {
        const [countSql, countParameters] = options.counts
          ? ['', []]
          : branch.clone().select(`${alias}.id`).orderBy().getQueryAndParameters();
        const page = branch.clone();
        if (after)
          page.andWhere(`(${key}, ${alias}.id) ${direction === 'DESC' ? '<' : '>'} (:afterAt, :afterId)`, {
            afterAt: after.at,
            afterId: after.id,
          });
        const [pageSql, pageParameters] = page
          .select(`${alias}.id`, 'id')
          .addSelect(key, 'at')
          .orderBy(key, direction)
          .addOrderBy(`${alias}.id`, direction)
          .limit(first + 1)
          .getQueryAndParameters();
        // TypeORM types its parameters `any[]`: they are passed on to the driver untouched.
        const parameters: unknown[] = [...(countParameters as unknown[]), ...(pageParameters as unknown[]), parents];
        const rows = await options.dataSource.query<
          Array<{ parent: string; total: number; id: string | null; at: Date | string | null }>
        >(
          `SELECT parent.id AS parent, ${options.counts ? '0' : 'counted.total'} AS total, page.id, page.at
           FROM unnest($${parameters.length}::uuid[]) AS parent(id)
           ${options.counts ? '' : `CROSS JOIN LATERAL (SELECT count(*)::int AS total FROM (${countSql}) AS branch) AS counted`}
           LEFT JOIN LATERAL (${shift(pageSql, countParameters.length)}) AS page ON true
           ORDER BY parent.id, page.at ${direction}, page.id ${direction}`,
          parameters,
        );
        const seen = new Set<string>();
        for (const row of rows) {
          const entry = found.get(row.parent)!;
          if (!seen.has(row.parent)) entry.total += row.total;
          seen.add(row.parent);
          if (row.id !== null && row.at !== null) entry.rows.push({ id: row.id, at: row.at });
        }
      }
    })(),
  ]);
  if (totals) for (const [parent, entry] of found) entry.total = totals.get(parent) ?? 0;
  // One branch comes in the database's order (its collation for names); branches are merged by
  // time, as the single-parent page does (keyset.ts).
  const sign = direction === 'DESC' ? -1 : 1;
  const byKey = (a: { id: string; at: Date | string }, b: { id: string; at: Date | string }) =>
    sign * (new Date(a.at).getTime() - new Date(b.at).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const entry of found.values()) {
    if (branches.length > 1) entry.rows.sort(byKey);
    entry.rows = entry.rows.slice(0, first + 1);
  }
  const ids = [...new Set([...found.values()].flatMap((entry) => entry.rows.map((r) => r.id)))];
  const byId = new Map((ids.length ? await options.load(ids) : []).map((row) => [row.id, row]));
  return new Map(
    [...found].map(([parent, entry]) => {
      const rows = entry.rows.map((r) => byId.get(r.id)).filter((row): row is T => row !== undefined);
      const cursorOf = (row: T) => {
        const at = options.keyOf(row);
        return [at instanceof Date ? at.toISOString() : at, row.id];
      };
      return [parent, toConnection(rows, first, entry.total, cursorOf)];
    }),
  );
}

/** Each parent's rows in every branch, counted: one statement per branch for all the parents. */
async function countBranches<T extends ObjectLiteral>(
  parentIds: string[],
  branches: Array<SelectQueryBuilder<T>>,
  options: NestedPageOptions<T>,
): Promise<Map<string, number>> {
  const totals = new Map(parentIds.map((id) => [id, 0]));
  for (const branch of branches) {
    const [countSql, countParameters] = branch.clone().select(`${options.alias}.id`).orderBy().getQueryAndParameters();
    const parameters: unknown[] = [...(countParameters as unknown[]), parentIds];
    const rows = await options.dataSource.query<Array<{ parent: string; total: number }>>(
      `SELECT parent.id AS parent, (SELECT count(*)::int FROM (${countSql}) AS branch) AS total
       FROM unnest($${parameters.length}::uuid[]) AS parent(id)`,
      parameters,
    );
    for (const row of rows) totals.set(row.parent, (totals.get(row.parent) ?? 0) + row.total);
  }
  return totals;
}

/**
 * A per-request loader of nested pages: each parent's `load({ parent, args })` in a tick is
 * gathered, parents asking with the same arguments are read together by `fetch`.
 */
export function nestedPageLoader<A, T>(
  fetch: (parentIds: string[], args: A) => Promise<Map<string, Connection<T>>>,
): DataLoader<{ parent: string; args: A }, Connection<T>, string> {
  return new DataLoader<{ parent: string; args: A }, Connection<T>, string>(
    async (keys) => {
      const groups = new Map<string, { args: A; parents: string[] }>();
      for (const { parent, args } of keys) {
        const group = JSON.stringify(args);
        const entry = groups.get(group) ?? { args, parents: [] };
        entry.parents.push(parent);
        groups.set(group, entry);
      }
      const results = new Map<string, Connection<T>>();
      for (const [group, { args, parents }] of groups)
        for (const [parent, page] of await fetch([...new Set(parents)], args)) results.set(`${parent}|${group}`, page);
      return keys.map(({ parent, args }) => results.get(`${parent}|${JSON.stringify(args)}`)!);
    },
    { cacheKeyFn: ({ parent, args }) => `${parent}|${JSON.stringify(args)}` },
  );
}
