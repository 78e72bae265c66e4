import type { RequestScope as KitScope } from '@pcc/subgraph-kit';
import type { SlaHours } from '../domain/sla';

/** What every provider of this service gets for one request: the kit's scope and the SLA hours. */
export type RequestScope = KitScope & { sla: SlaHours };

export { requireActiveOrganization } from '@pcc/organization-projection';
