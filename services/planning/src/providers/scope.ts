import { bangkokDate } from '@pcc/fiscal-year';
import type { RequestScope as KitScope } from '@pcc/subgraph-kit';

/** What every provider of this service gets for one request; `today` (in Bangkok) is pinned by tests. */
export type RequestScope = KitScope & { today?: () => string };

export const todayOf = (scope: { today?: () => string }): string => (scope.today ?? (() => bangkokDate()))();
