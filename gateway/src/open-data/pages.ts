import type { FastifyRequest } from 'fastify';
import type { Identity } from '@pcc/http';
import type { Answer, Execute } from './execute';

interface Connection<T> {
  totalCount: number;
  edges: Array<{ node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/** The subgraphs' largest page (subgraph-kit's pagination). */
const PAGE = 100;

/**
 * A cursor-paginated GraphQL list read page by page, as the caller, up to `limit` nodes: the first
 * page is read before anything is sent (its errors become the HTTP answer, its totalCount a header),
 * the rest while the answer streams. `query` takes `$first` and `$after` and selects the connection
 * as `list { totalCount edges { node { … } } pageInfo { hasNextPage endCursor } }`.
 */
export async function firstPage<T>(
  execute: Execute,
  request: FastifyRequest,
  identity: Identity,
  query: string,
  variables: Record<string, unknown>,
  limit: number,
): Promise<{ errors: Answer<unknown>['errors'] } | { totalCount: number; nodes: AsyncGenerator<T> }> {
  const read = (after: string | null, first: number) =>
    execute<{ list: Connection<T> }>(request, identity, query, { ...variables, first, after });
  const first = await read(null, Math.min(PAGE, limit));
  if (first.errors || !first.data) return { errors: first.errors ?? [{ message: 'no answer' }] };
  const start = first.data.list;
  async function* nodes(): AsyncGenerator<T> {
    let page = start;
    let sent = 0;
    for (;;) {
      for (const edge of page.edges) {
        if (sent >= limit) return;
        sent += 1;
        yield edge.node;
      }
      if (!page.pageInfo.hasNextPage || sent >= limit) return;
      const next = await read(page.pageInfo.endCursor, Math.min(PAGE, limit - sent));
      if (next.errors || !next.data) throw new Error(next.errors?.[0]?.message ?? 'a later page had no answer');
      page = next.data.list;
    }
  }
  return { totalCount: start.totalCount, nodes: nodes() };
}
