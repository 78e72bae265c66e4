import { forbidden, type Identity, type Role } from '@pcc/http';

/**
 * Authorization rules every service shares. The service decides (never only the gateway): each
 * provider calls these before it changes or reveals anything.
 */
export function requireRole(identity: Identity, ...roles: Role[]): void {
  if (!roles.includes(identity.role)) throw forbidden(`This needs the role ${roles.join(' or ')}`);
}

/** NETWORK_ADMIN, or an LGO_OFFICER of the organization with this code. */
export function canActFor(identity: Identity, orgCode: string): boolean {
  return identity.role === 'NETWORK_ADMIN' || (identity.role === 'LGO_OFFICER' && identity.org === orgCode);
}

export function requireActFor(identity: Identity, orgCode: string): void {
  if (!canActFor(identity, orgCode)) throw forbidden(`Only ${orgCode}'s officers or a network admin may do this`);
}

/** Staff see personal data of their own org's records; analysts and the public never do. */
export const isStaff = (identity: Identity): boolean =>
  identity.role === 'NETWORK_ADMIN' || identity.role === 'LGO_OFFICER';
