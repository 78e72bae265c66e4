import type { DataSource } from 'typeorm';
import { AnswerValidity, type Identity, type RequestScope as KitScope } from '@pcc/subgraph-kit';
import { projectionScope } from '@pcc/organization-projection';
import type { SlaHours } from '../domain/sla';

/**
 * What every provider of this service gets for one request: the kit's scope, the SLA hours and the
 * cases whose reporter the caller proved to be (tracking code and secret) in this request, and until
 * when the request's answer stays true by the clock (due times, the 30-day window of duplicates).
 */
export type RequestScope = KitScope & { sla: SlaHours; reported: Set<string>; answer: AnswerValidity };

export { requireActiveOrganization } from '@pcc/organization-projection';

/** The scope of one request (or of a script acting as `identity`). */
export const caseScope = (
  dataSource: DataSource,
  identity: Identity,
  sla: SlaHours,
  traceparent?: string,
  answer: AnswerValidity = new AnswerValidity(),
): RequestScope => ({ ...projectionScope(dataSource, identity, traceparent), sla, reported: new Set(), answer });
