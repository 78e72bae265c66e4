import type { Actor } from '../domain/state-machine';
import { maySeePersonalData } from '../domain/privacy';
import type { Context } from '../context';
import type { CaseEntity } from '../store/entities';

/** The caller's relation to one case, for field-level privacy (cached per request and case). */
export async function actorFor(c: CaseEntity, context: Context): Promise<Actor> {
  const { identity } = context;
  if (identity.role !== 'LGO_OFFICER')
    return identity.role === 'NETWORK_ADMIN' ? 'NETWORK_ADMIN' : identity.role === 'ANALYST' ? 'ANALYST' : 'PUBLIC';
  const mine = await context.callerOrganizationId();
  if (!mine) return 'OTHER_OFFICER';
  if (mine === c.leadOrgId) return 'LEAD_OFFICER';
  const supporting = await context.loaders.supportingByCase.load(c.id);
  return supporting.some((s) => s.organizationId === mine) ? 'SUPPORTING_OFFICER' : 'OTHER_OFFICER';
}

export const personal = async (c: CaseEntity, context: Context): Promise<boolean> =>
  maySeePersonalData(await actorFor(c, context));
