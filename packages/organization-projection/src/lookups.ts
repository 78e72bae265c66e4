import type { DataSource, EntityManager } from 'typeorm';
import { badInput, requestScope, type Identity, type OrganizationLookup, type RequestScope } from '@pcc/subgraph-kit';
import { OrganizationProjection } from './entity';

/** An organization a record may reference: known to the projection and active; else BAD_USER_INPUT naming `field`. */
export async function requireActiveOrganization(
  manager: EntityManager,
  id: string,
  field: string,
): Promise<OrganizationProjection> {
  const organization = await manager.getRepository(OrganizationProjection).findOneBy({ id });
  if (!organization)
    throw badInput(`Organization ${id} is not a member of the network`, { [field]: 'unknown organization' });
  if (!organization.active)
    throw badInput(`${organization.code} has left the network`, { [field]: 'inactive organization' });
  return organization;
}

/** The Viewer's lookup of an officer's organization in the projection (tokens carry codes, records ids). */
export const projectionLookup =
  (manager: EntityManager): OrganizationLookup =>
  (code) =>
    manager.getRepository(OrganizationProjection).findOne({ where: { code }, select: { id: true, active: true } });

/** The scope of one request in a service that keeps the projection. */
export const projectionScope = (dataSource: DataSource, identity: Identity, traceparent?: string): RequestScope =>
  requestScope(dataSource, identity, projectionLookup(dataSource.manager), traceparent);
