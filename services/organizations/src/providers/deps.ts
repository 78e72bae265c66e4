import type { DataSource } from 'typeorm';
import type { Identity } from '@pcc/subgraph-kit';

/** What every provider of this service gets for one request. */
export interface RequestScope {
  dataSource: DataSource;
  identity: Identity;
  traceparent: string | undefined;
}

/** Escapes LIKE wildcards in user text so `%` and `_` match themselves. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
