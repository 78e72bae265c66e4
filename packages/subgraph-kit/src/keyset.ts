import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { toConnection, type Connection } from './pagination';

/**
 * A newest-first page, ordered by (`column`, id), over one or more queries whose rows never overlap
 * — an organization's cases it leads and those it supports, say. Each branch is counted and read
 * with the same keyset condition and LIMIT, and the pages are merged here: each branch can use its
 * own index, where one query with an OR between them could use none (a sequential scan at scale).
 */
export async function newestFirstPage<T extends ObjectLiteral & { id: string }>(
  branches: Array<SelectQueryBuilder<T>>,
  options: {
    alias: string;
    column: string;
    first: number;
    after: { at: Date; id: string } | null;
    timeOf: (row: T) => Date;
    /** How the total is found when the service keeps it (a cache, a read model); else the branches are counted. */
    count?: (countBranches: () => Promise<number>) => Promise<number>;
  },
): Promise<Connection<T>> {
  const { alias, column, first, after, timeOf } = options;
  // The count may run later (after the service read a version): from copies, before the pages add their keyset condition.
  const forCount = branches.map((q) => q.clone());
  const counted = () => countBranches(forCount);
  const [totalCount, pages] = await Promise.all([
    options.count ? options.count(counted) : counted(),
    Promise.all(
      branches.map((q) => {
        if (after)
          q.andWhere(`(${alias}.${column}, ${alias}.id) < (:afterAt, :afterId)`, {
            afterAt: after.at,
            afterId: after.id,
          });
        return q
          .orderBy(`${alias}.${column}`, 'DESC')
          .addOrderBy(`${alias}.id`, 'DESC')
          .limit(first + 1)
          .getMany();
      }),
    ),
  ]);
  // Same order as the SQL: time descending, then id descending (uuids compare as their hex text).
  const rows = pages
    .flat()
    .sort((a, b) => timeOf(b).getTime() - timeOf(a).getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  return toConnection(rows.slice(0, first + 1), first, totalCount, (row) => [timeOf(row).toISOString(), row.id]);
}

/** The rows of every branch (which never overlap), counted. */
export async function countBranches<T extends ObjectLiteral>(branches: Array<SelectQueryBuilder<T>>): Promise<number> {
  // count(*), not TypeORM's getCount(): that counts DISTINCT ids, a sort of every matching row.
  const counts = await Promise.all(
    branches.map((q) => q.clone().select('count(*)::int', 'n').orderBy().getRawOne<{ n: number }>()),
  );
  return counts.reduce((sum, row) => sum + (row?.n ?? 0), 0);
}
