import type { CaseKind, CaseStatus } from './vocabulary';

/**
 * The case state machine: every transition, the statuses it starts from, where it leads, and who
 * may make it. Pure data plus one function; the providers call `checkTransition` before changing
 * anything, and the table is tested cell by cell.
 *
 *   RECEIVED → TRIAGED → ASSIGNED → IN_PROGRESS → RESOLVED → CLOSED
 *                                   ↘ IN_MEDIATION ↗ (conflicts)
 *   RECEIVED/TRIAGED → REJECTED; RESOLVED/CLOSED → REOPENED → IN_PROGRESS (or triage again)
 */
export type Actor =
  'NETWORK_ADMIN' | 'LEAD_OFFICER' | 'SUPPORTING_OFFICER' | 'OTHER_OFFICER' | 'ANALYST' | 'PUBLIC' | 'REPORTER';

export type Transition =
  'triage' | 'accept' | 'start' | 'startMediation' | 'resolve' | 'close' | 'reject' | 'reopen' | 'markDuplicate';

interface Rule {
  from: readonly CaseStatus[];
  to: CaseStatus;
  who: readonly Actor[];
  kinds?: readonly CaseKind[];
}

export const TRANSITIONS: Readonly<Record<Transition, Rule>> = {
  triage: { from: ['RECEIVED', 'REOPENED'], to: 'TRIAGED', who: ['NETWORK_ADMIN'] },
  accept: { from: ['TRIAGED'], to: 'ASSIGNED', who: ['NETWORK_ADMIN', 'LEAD_OFFICER'] },
  start: { from: ['ASSIGNED', 'REOPENED'], to: 'IN_PROGRESS', who: ['NETWORK_ADMIN', 'LEAD_OFFICER'] },
  startMediation: {
    from: ['ASSIGNED', 'IN_PROGRESS'],
    to: 'IN_MEDIATION',
    who: ['NETWORK_ADMIN', 'LEAD_OFFICER'],
    kinds: ['CONFLICT'],
  },
  resolve: { from: ['IN_PROGRESS', 'IN_MEDIATION'], to: 'RESOLVED', who: ['NETWORK_ADMIN', 'LEAD_OFFICER'] },
  close: { from: ['RESOLVED'], to: 'CLOSED', who: ['NETWORK_ADMIN', 'LEAD_OFFICER'] },
  reject: { from: ['RECEIVED', 'TRIAGED'], to: 'REJECTED', who: ['NETWORK_ADMIN', 'LEAD_OFFICER'] },
  reopen: { from: ['RESOLVED', 'CLOSED'], to: 'REOPENED', who: ['NETWORK_ADMIN', 'LEAD_OFFICER', 'REPORTER'] },
  markDuplicate: {
    from: ['RECEIVED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'],
    to: 'CLOSED',
    who: ['NETWORK_ADMIN', 'LEAD_OFFICER'],
  },
};

export type TransitionCheck =
  { ok: true; to: CaseStatus } | { ok: false; reason: 'FORBIDDEN' | 'INVALID_TRANSITION'; message: string };

/**
 * Whether `actor` may make `transition` on a case of `kind` in `status`. Who-may is checked first
 * (a stranger learns nothing about the case's state), then the state.
 */
export function checkTransition(
  transition: Transition,
  status: CaseStatus,
  kind: CaseKind,
  actor: Actor,
): TransitionCheck {
  const rule = TRANSITIONS[transition];
  if (!rule.who.includes(actor))
    return { ok: false, reason: 'FORBIDDEN', message: `${actor} may not ${transition} a case` };
  if (rule.kinds && !rule.kinds.includes(kind))
    return {
      ok: false,
      reason: 'INVALID_TRANSITION',
      message: `only ${rule.kinds.join(', ')} cases can ${transition}`,
    };
  if (!rule.from.includes(status))
    return {
      ok: false,
      reason: 'INVALID_TRANSITION',
      message: `cannot ${transition} a case that is ${status} (allowed from ${rule.from.join(', ')})`,
    };
  return { ok: true, to: rule.to };
}
