import type { Viewer } from '@pcc/subgraph-kit';
import type { Actor } from '../domain/state-machine';
import type { CaseEntity } from '../store/entities';

/**
 * The caller's part in one case, for the state machine and field-level privacy. `supports` says
 * whether an organization supports the case (a loader for reads, the locked transaction for changes).
 * For a `change`, the officers of an organization that left the network are no one's officers.
 */
export async function caseActor(
  viewer: Viewer,
  c: CaseEntity,
  supports: (organizationId: string) => Promise<boolean>,
  purpose: 'read' | 'change' = 'read',
): Promise<Actor> {
  const { role } = viewer;
  if (role !== 'LGO_OFFICER') return role;
  const mine = purpose === 'change' ? await viewer.actingOrganizationId() : await viewer.organizationId();
  if (!mine) return 'OTHER_OFFICER';
  if (mine === c.leadOrgId) return 'LEAD_OFFICER';
  return (await supports(mine)) ? 'SUPPORTING_OFFICER' : 'OTHER_OFFICER';
}
