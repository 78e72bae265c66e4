import type { DataSource, EntityManager } from 'typeorm';
import type { Identity } from '@pcc/subgraph-kit';
import type { SlaHours } from '../domain/sla';
import { organizationIdByCode } from '@pcc/organization-projection';

/** What every provider of this service gets for one request. */
export interface RequestScope {
  dataSource: DataSource;
  identity: Identity;
  traceparent: string | undefined;
  sla: SlaHours;
}

/**
 * The caller's own organization id, from the local projection (officers' tokens carry the code).
 * Null for everyone else, and for an officer of an organization this service does not know yet.
 */
export async function callerOrganizationId(
  scope: RequestScope,
  manager: EntityManager = scope.dataSource.manager,
): Promise<string | null> {
  if (scope.identity.role !== 'LGO_OFFICER' || !scope.identity.org) return null;
  return organizationIdByCode(manager, scope.identity.org);
}

export { requireActiveOrganization } from '@pcc/organization-projection';
