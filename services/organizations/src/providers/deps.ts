import type { DataSource } from 'typeorm';
import { requestScope, type Identity, type RequestScope } from '@pcc/subgraph-kit';
import { registryLookup } from '../store/loaders';

/** The scope of one request here: officers' organizations are looked up in the registry itself. */
export const registryScope = (dataSource: DataSource, identity: Identity, traceparent?: string): RequestScope =>
  requestScope(dataSource, identity, registryLookup(dataSource.manager), traceparent);

/** Escapes LIKE wildcards in user text so `%` and `_` match themselves. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
