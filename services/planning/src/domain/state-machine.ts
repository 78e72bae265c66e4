import type { CoordinationStatus, ProjectStatus } from './vocabulary';

/**
 * What can be done to a project, from which status (and coordination status), and by whom. Pure
 * data plus one function; the providers call `checkAction` before they change anything, and the
 * table is tested cell by cell.
 *
 *   PROPOSED → APPROVED → PROCURING → IN_PROGRESS → COMPLETED
 *   any of the first four → CANCELLED (with a reason)
 *   coordination with the PAO: NOT_SUBMITTED/DECLINED → SUBMITTED → ACCEPTED | DECLINED
 */
export type Actor = 'NETWORK_ADMIN' | 'OWNER_OFFICER' | 'OTHER_OFFICER' | 'ANALYST' | 'PUBLIC';

export type Action =
  | 'edit'
  | 'approve'
  | 'startProcurement'
  | 'startImplementation'
  | 'complete'
  | 'cancel'
  | 'reportProgress'
  | 'submitForCoordination'
  | 'acceptCoordination'
  | 'declineCoordination'
  | 'linkCase'
  | 'recordContract';

interface Rule {
  from: readonly ProjectStatus[];
  to?: ProjectStatus;
  who: readonly Actor[];
  coordinationFrom?: readonly CoordinationStatus[];
  coordinationTo?: CoordinationStatus;
}

const OPEN: readonly ProjectStatus[] = ['PROPOSED', 'APPROVED', 'PROCURING', 'IN_PROGRESS'];
const OWNER: readonly Actor[] = ['NETWORK_ADMIN', 'OWNER_OFFICER'];
const CENTRE: readonly Actor[] = ['NETWORK_ADMIN'];

export const ACTIONS: Readonly<Record<Action, Rule>> = {
  edit: { from: ['PROPOSED'], who: OWNER },
  approve: { from: ['PROPOSED'], to: 'APPROVED', who: OWNER },
  startProcurement: { from: ['APPROVED'], to: 'PROCURING', who: OWNER },
  startImplementation: { from: ['PROCURING'], to: 'IN_PROGRESS', who: OWNER },
  complete: { from: ['IN_PROGRESS'], to: 'COMPLETED', who: OWNER },
  cancel: { from: OPEN, to: 'CANCELLED', who: OWNER },
  reportProgress: { from: ['IN_PROGRESS'], who: OWNER },
  submitForCoordination: {
    from: OPEN,
    who: OWNER,
    coordinationFrom: ['NOT_SUBMITTED', 'DECLINED'],
    coordinationTo: 'SUBMITTED',
  },
  acceptCoordination: { from: OPEN, who: CENTRE, coordinationFrom: ['SUBMITTED'], coordinationTo: 'ACCEPTED' },
  declineCoordination: { from: OPEN, who: CENTRE, coordinationFrom: ['SUBMITTED'], coordinationTo: 'DECLINED' },
  linkCase: { from: [...OPEN, 'COMPLETED'], who: OWNER },
  recordContract: { from: ['APPROVED', 'PROCURING', 'IN_PROGRESS'], who: OWNER },
};

export type ActionCheck =
  | { ok: true; to: ProjectStatus | undefined; coordinationTo: CoordinationStatus | undefined }
  | { ok: false; reason: 'FORBIDDEN' | 'INVALID_TRANSITION'; message: string };

/**
 * Whether `actor` may do `action` on a project in `status` / `coordination`. Who-may is checked
 * first (a stranger learns nothing about the project's state), then the statuses.
 */
export function checkAction(
  action: Action,
  status: ProjectStatus,
  coordination: CoordinationStatus,
  actor: Actor,
): ActionCheck {
  const rule = ACTIONS[action];
  if (!rule.who.includes(actor))
    return { ok: false, reason: 'FORBIDDEN', message: `${actor} may not ${action} a project` };
  if (!rule.from.includes(status))
    return {
      ok: false,
      reason: 'INVALID_TRANSITION',
      message: `cannot ${action} a project that is ${status} (allowed from ${rule.from.join(', ')})`,
    };
  if (rule.coordinationFrom && !rule.coordinationFrom.includes(coordination)) {
    return {
      ok: false,
      reason: 'INVALID_TRANSITION',
      message: `cannot ${action} when coordination is ${coordination} (allowed from ${rule.coordinationFrom.join(', ')})`,
    };
  }
  return { ok: true, to: rule.to, coordinationTo: rule.coordinationTo };
}
