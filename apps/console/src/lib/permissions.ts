/** What each role is shown. The platform decides what is allowed; the console only offers what can succeed. */
export type Role = 'PUBLIC' | 'LGO_OFFICER' | 'NETWORK_ADMIN' | 'ANALYST';

export type Page =
  'report' | 'follow' | 'province' | 'triage' | 'inbox' | 'projects' | 'waste' | 'meetings' | 'notifications';

const PAGES: Record<Role, readonly Page[]> = {
  PUBLIC: ['report', 'follow'],
  LGO_OFFICER: ['inbox', 'projects', 'waste', 'meetings', 'notifications', 'report', 'follow'],
  NETWORK_ADMIN: ['province', 'triage', 'waste', 'meetings', 'notifications', 'report', 'follow'],
  ANALYST: ['province', 'report', 'follow'],
};

export const pagesFor = (role: Role): readonly Page[] => PAGES[role];
export const mayOpen = (role: Role, page: Page): boolean => PAGES[role].includes(page);

/** One organization's page (`/organizations/:code`), reached from the province table: not in the menu. */
export const mayOpenOrganization = (role: Role): boolean => role === 'NETWORK_ADMIN' || role === 'ANALYST';

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
  | 'recordMediation'
  | 'resolve'
  | 'close'
  | 'forward'
  | 'invite'
  | 'note'
  | 'markDuplicate';

/** The cases service's state machine (services/cases/src/domain/state-machine.ts), as buttons. */
const FROM: Record<Exclude<CaseAction, 'forward' | 'invite' | 'note' | 'recordMediation'>, readonly CaseStatus[]> = {
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
  /** Whether the caller's organization supports it (invited): it may record mediation sessions. */
  supports?: boolean;
}

/** The actions a caller may take on a case in its current state, in the order they are shown. */
export function caseActions(status: CaseStatus, kind: CaseKind, actor: CaseActor): CaseAction[] {
  const admin = actor.role === 'NETWORK_ADMIN';
  const lead = actor.role === 'LGO_OFFICER' && actor.leads;
  const mediating = status === 'IN_MEDIATION';
  if (!admin && !lead) return actor.role === 'LGO_OFFICER' && actor.supports && mediating ? ['recordMediation'] : [];
  const actions: CaseAction[] = [];
  if (admin && FROM.triage.includes(status)) actions.push('triage');
  for (const action of ['accept', 'start', 'startMediation', 'resolve', 'close'] as const) {
    if (!FROM[action].includes(status)) continue;
    if (action === 'startMediation' && kind !== 'CONFLICT') continue;
    actions.push(action);
  }
  if (mediating) actions.push('recordMediation');
  if (OPEN.includes(status) && status !== 'RECEIVED') actions.push('forward', 'invite');
  if (OPEN.includes(status)) actions.push('note');
  if (FROM.markDuplicate.includes(status)) actions.push('markDuplicate');
  return actions;
}

export type ReferralAction = 'refer' | 'recordReply';

/**
 * Hand-overs to bodies outside the network (the cases service's rules): the lead or a network admin
 * refers an open case, and records a body's reply whatever the case's status (replies come late).
 */
export function referralActions(status: CaseStatus, actor: CaseActor): ReferralAction[] {
  if (!(actor.role === 'NETWORK_ADMIN' || (actor.role === 'LGO_OFFICER' && actor.leads))) return [];
  return OPEN.includes(status) ? ['refer', 'recordReply'] : ['recordReply'];
}

export type ProjectStatus = 'PROPOSED' | 'APPROVED' | 'PROCURING' | 'IN_PROGRESS' | 'COMPLETED' | 'CANCELLED';
/** WITHDRAWN: the project was cancelled (or its approval lapsed) while its coordination was submitted. */
export type CoordinationStatus = 'NOT_SUBMITTED' | 'SUBMITTED' | 'ACCEPTED' | 'DECLINED' | 'WITHDRAWN';
export type ProjectAction = 'reportProgress' | 'submitForCoordination';

const OPEN_PROJECT: readonly ProjectStatus[] = ['PROPOSED', 'APPROVED', 'PROCURING', 'IN_PROGRESS'];

/**
 * The planning service's state machine (services/planning/src/domain/state-machine.ts) for what an
 * officer does from the Projects page: only the owning organization reports progress (while the
 * project is in progress) and submits it to the PAO (while open, not yet submitted or declined).
 */
export function projectActions(
  status: ProjectStatus,
  coordination: CoordinationStatus,
  actor: { role: Role; owns: boolean },
): ProjectAction[] {
  if (!(actor.role === 'NETWORK_ADMIN' || (actor.role === 'LGO_OFFICER' && actor.owns))) return [];
  const actions: ProjectAction[] = [];
  if (status === 'IN_PROGRESS') actions.push('reportProgress');
  if (OPEN_PROJECT.includes(status) && (coordination === 'NOT_SUBMITTED' || coordination === 'DECLINED'))
    actions.push('submitForCoordination');
  return actions;
}

export type FollowUpActionStatus = 'OPEN' | 'IN_PROGRESS' | 'DONE' | 'CANCELLED';

/**
 * The organizations service's follow-up action moves (services/organizations/src/providers/follow-up-actions.ts):
 * OPEN ⇄ IN_PROGRESS → DONE; CANCELLED by the network centre only; DONE and CANCELLED are final. An
 * officer moves only their own organization's actions (the service answers only those to them).
 */
const ACTION_MOVES: Record<FollowUpActionStatus, readonly FollowUpActionStatus[]> = {
  OPEN: ['IN_PROGRESS', 'DONE', 'CANCELLED'],
  IN_PROGRESS: ['OPEN', 'DONE', 'CANCELLED'],
  DONE: [],
  CANCELLED: [],
};

export function followUpMoves(status: FollowUpActionStatus, role: Role): FollowUpActionStatus[] {
  if (role !== 'NETWORK_ADMIN' && role !== 'LGO_OFFICER') return [];
  return ACTION_MOVES[status].filter((to) => to !== 'CANCELLED' || role === 'NETWORK_ADMIN');
}
