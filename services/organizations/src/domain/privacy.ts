import type { Viewer } from '@pcc/subgraph-kit';

/**
 * Members' phone and email are personal data: only network admins and the officers of the
 * member's own organization see them. Everyone else (analysts, the public, other organizations'
 * officers) gets null.
 */
export const maySeeMemberContact = (viewer: Viewer, memberOrganizationId: string | null): Promise<boolean> =>
  viewer.canActFor(memberOrganizationId);
