import { badInput } from '@pcc/http';
import { isUuid } from './ids';

/** Relay-style connection arguments and shape (DESIGN §7). */
export interface PageArgs {
  first?: number | null;
  after?: string | null;
}
export interface Connection<T> {
  totalCount: number;
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}`, { first: 'out of range' });
  return first;
}

/** Cursors are opaque to clients: base64url of the sort key values of the last row. */
export function encodeCursor(values: Array<string | number>): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, arity: number): Array<string | number> | null {
  if (cursor === null || cursor === undefined) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    )
      return values;
  } catch {
    // fall through
  }
  throw badInput('after is not a cursor this list gave out', { after: 'malformed cursor' });
}

/**
 * Builds a connection from `rows` fetched with LIMIT first + 1 (the extra row only says whether
 * there is a next page).
 */
export function toConnection<T>(
  rows: T[],
  first: number,
  totalCount: number,
  cursorOf: (row: T) => Array<string | number>,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorOf(node)), node }));
  return { totalCount, edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

/**
 * The cursor of a newest-first list ordered by (time, id): `[ISO time, uuid]`. Null without one;
 * BAD_USER_INPUT for anything this shape of list did not give out.
 */
export function decodeTimeIdCursor(cursor: string | null | undefined): { at: Date; id: string } | null {
  const values = decodeCursor(cursor, 2);
  if (!values) return null;
  const [at, id] = [new Date(String(values[0])), String(values[1])];
  if (Number.isNaN(at.getTime()) || !isUuid(id))
    throw badInput('after is not a cursor this list gave out', { after: 'malformed cursor' });
  return { at, id };
}
