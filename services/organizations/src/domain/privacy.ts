import { canActFor, type Identity } from '@pcc/subgraph-kit';

/**
 * Members' phone and email are personal data: only network admins and the officers of the
 * member's own organization see them. Everyone else (analysts, the public, other organizations'
 * officers) gets null.
 */
export function maySeeMemberContact(identity: Identity, memberOrgCode: string | null): boolean {
  if (identity.role === 'NETWORK_ADMIN') return true;
  return memberOrgCode !== null && canActFor(identity, memberOrgCode);
}
