/** What each role is shown. The platform decides what is allowed; the console only offers what can succeed. */
export type Role = 'PUBLIC' | 'LGO_OFFICER' | 'NETWORK_ADMIN' | 'ANALYST';

export type Page = 'report' | 'follow' | 'province' | 'triage' | 'inbox' | 'waste';

const PAGES: Record<Role, readonly Page[]> = {
  PUBLIC: ['report', 'follow'],
  LGO_OFFICER: ['inbox', 'waste', 'report', 'follow'],
  NETWORK_ADMIN: ['province', 'triage', 'report', 'follow'],
  ANALYST: ['province', 'report', 'follow'],
};

export const pagesFor = (role: Role): readonly Page[] => PAGES[role];
export const mayOpen = (role: Role, page: Page): boolean => PAGES[role].includes(page);

export type CaseStatus =
  | 'RECEIVED'
  | 'TRIAGED'
  | 'ASSIGNED'
  | 'IN_PROGRESS'
  | 'IN_MEDIATION'
  | 'RESOLVED'
  | 'CLOSED'
  | 'REJECTED'
  | 'REOPENED';
export type CaseKind = 'GRIEVANCE' | 'CONFLICT';
export type CaseAction =
  | 'triage'
  | 'accept'
  | 'start'
  | 'startMediation'
  | 'resolve'
  | 'close'
  | 'forward'
  | 'invite'
  | 'note'
  | 'markDuplicate';

/** The cases service's state machine (services/cases/src/domain/state-machine.ts), as buttons. */
const FROM: Record<Exclude<CaseAction, 'forward' | 'invite' | 'note'>, readonly CaseStatus[]> = {
  triage: ['RECEIVED', 'REOPENED'],
  accept: ['TRIAGED'],
  start: ['ASSIGNED', 'REOPENED'],
  startMediation: ['ASSIGNED', 'IN_PROGRESS'],
  resolve: ['IN_PROGRESS', 'IN_MEDIATION'],
  close: ['RESOLVED'],
  markDuplicate: ['RECEIVED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'],
};
const OPEN: readonly CaseStatus[] = ['RECEIVED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'IN_MEDIATION', 'REOPENED'];

export interface CaseActor {
  role: Role;
  /** Whether the caller's organization leads the case. */
  leads: boolean;
}

/** The actions a caller may take on a case in its current state, in the order they are shown. */
export function caseActions(status: CaseStatus, kind: CaseKind, actor: CaseActor): CaseAction[] {
  const admin = actor.role === 'NETWORK_ADMIN';
  const lead = actor.role === 'LGO_OFFICER' && actor.leads;
  if (!admin && !lead) return [];
  const actions: CaseAction[] = [];
  if (admin && FROM.triage.includes(status)) actions.push('triage');
  for (const action of ['accept', 'start', 'startMediation', 'resolve', 'close'] as const) {
    if (!FROM[action].includes(status)) continue;
    if (action === 'startMediation' && kind !== 'CONFLICT') continue;
    actions.push(action);
  }
  if (OPEN.includes(status) && status !== 'RECEIVED') actions.push('forward', 'invite');
  if (OPEN.includes(status)) actions.push('note');
  if (FROM.markDuplicate.includes(status)) actions.push('markDuplicate');
  return actions;
}
