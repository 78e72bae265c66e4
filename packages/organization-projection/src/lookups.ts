import type { EntityManager } from 'typeorm';
import { badInput, forbidden, type Identity } from '@pcc/subgraph-kit';
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

/** The id of the organization with this code (officers' tokens carry codes), or null. */
export async function organizationIdByCode(manager: EntityManager, code: string | null): Promise<string | null> {
  if (!code) return null;
  const organization = await manager.getRepository(OrganizationProjection).findOneBy({ code });
  return organization?.id ?? null;
}

/**
 * NETWORK_ADMIN acts for any organization; an LGO officer only for their own (officers' tokens carry
 * the code, records carry the id: the projection maps one to the other). Everyone else: FORBIDDEN.
 */
export async function requireActForOrganization(
  manager: EntityManager,
  identity: Identity,
  organizationId: string,
  action: string,
): Promise<void> {
  if (identity.role === 'NETWORK_ADMIN') return;
  if (identity.role !== 'LGO_OFFICER')
    throw forbidden(`Only officers of the organization or network admins may ${action}`);
  if ((await organizationIdByCode(manager, identity.org)) !== organizationId)
    throw forbidden(`Officers of ${identity.org} may ${action} for ${identity.org} only`);
}
