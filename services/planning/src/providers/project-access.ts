import type { Viewer } from '@pcc/subgraph-kit';
import type { Actor } from '../domain/state-machine';

/** Analysts and network admins see proposals; officers those their organization owns or partners in. */
export async function seesProposalsOf(viewer: Viewer, organizationIds: string[]): Promise<boolean> {
  if (viewer.is('NETWORK_ADMIN', 'ANALYST')) return true;
  const own = await viewer.organizationId();
  return own !== null && organizationIds.includes(own);
}

/**
 * Officials' own words on a project (a cancellation's stated reason, coordination notes) could name a
 * person: the network centre and the project's organizations read them, the public and analysts do not (PDPA).
 */
export async function readsOfficialsWords(viewer: Viewer, organizationIds: string[]): Promise<boolean> {
  if (viewer.is('NETWORK_ADMIN')) return true;
  if (!viewer.is('LGO_OFFICER')) return false;
  const own = await viewer.organizationId();
  return own !== null && organizationIds.includes(own);
}

/**
 * The caller's part in a project, for the state machine (changes only): the officers of an
 * organization that left the network own nothing any more.
 */
export async function projectActor(viewer: Viewer, ownerOrganizationId: string): Promise<Actor> {
  const { role } = viewer;
  if (role !== 'LGO_OFFICER') return role;
  return (await viewer.actingOrganizationId()) === ownerOrganizationId ? 'OWNER_OFFICER' : 'OTHER_OFFICER';
}

/**
 * The SQL condition on project alias `p` that hides proposals (and projects cancelled before
 * approval) from whoever may not see them; parameters are named `viewer_*`.
 */
export async function visibleProjects(viewer: Viewer): Promise<{ where: string; parameters: Record<string, unknown> }> {
  if (viewer.is('NETWORK_ADMIN', 'ANALYST')) return { where: 'TRUE', parameters: {} };
  const own = await viewer.organizationId();
  if (!own) return { where: 'p.approved_at IS NOT NULL', parameters: {} };
  return {
    where:
      '(p.approved_at IS NOT NULL OR p.owner_organization_id = :viewer_org OR EXISTS (SELECT 1 FROM project_partner vp WHERE vp.project_id = p.id AND vp.organization_id = :viewer_org))',
    parameters: { viewer_org: own },
  };
}
