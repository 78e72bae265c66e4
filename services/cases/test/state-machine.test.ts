import { checkTransition, TRANSITIONS, type Actor, type Transition } from '../src/domain/state-machine';
import { CASE_STATUSES, type CaseKind } from '../src/domain/vocabulary';

const ACTORS: Actor[] = [
  'NETWORK_ADMIN',
  'LEAD_OFFICER',
  'SUPPORTING_OFFICER',
  'OTHER_OFFICER',
  'ANALYST',
  'PUBLIC',
  'REPORTER',
];
const KINDS: CaseKind[] = ['GRIEVANCE', 'CONFLICT'];

/**
 * The specification, written out: every allowed (transition, from, actor, kind) cell. Everything
 * not listed must be refused — FORBIDDEN when the actor may never do it, INVALID_TRANSITION when the
 * state (or the kind) does not allow it.
 */
const STAFF = ['NETWORK_ADMIN', 'LEAD_OFFICER'];
const SPEC: Array<[Transition, string[], string[], CaseKind[], string]> = [
  ['triage', ['RECEIVED', 'REOPENED'], ['NETWORK_ADMIN'], KINDS, 'TRIAGED'],
  ['accept', ['TRIAGED'], STAFF, KINDS, 'ASSIGNED'],
  ['start', ['ASSIGNED', 'REOPENED'], STAFF, KINDS, 'IN_PROGRESS'],
  ['startMediation', ['ASSIGNED', 'IN_PROGRESS'], STAFF, ['CONFLICT'], 'IN_MEDIATION'],
  ['resolve', ['IN_PROGRESS', 'IN_MEDIATION'], STAFF, KINDS, 'RESOLVED'],
  ['close', ['RESOLVED'], STAFF, KINDS, 'CLOSED'],
  ['reject', ['RECEIVED', 'TRIAGED'], STAFF, KINDS, 'REJECTED'],
  ['reopen', ['RESOLVED', 'CLOSED'], [...STAFF, 'REPORTER'], KINDS, 'REOPENED'],
  ['markDuplicate', ['RECEIVED', 'TRIAGED', 'ASSIGNED', 'IN_PROGRESS', 'REOPENED'], STAFF, KINDS, 'CLOSED'],
];

const cellsOf = (transition: Transition) =>
  CASE_STATUSES.flatMap((status) =>
    ACTORS.flatMap((actor) => KINDS.map((kind) => [transition, status, actor, kind] as const)),
  );
const cells = (Object.keys(TRANSITIONS) as Transition[]).flatMap(cellsOf);

describe('the case state machine', () => {
  it('covers every transition in the spec', () => {
    expect(SPEC.map((s) => s[0]).sort()).toEqual(Object.keys(TRANSITIONS).sort());
  });

  // One test per transition, checking every (status, actor, kind) cell: 9 × 7 × 2 = 126 each.
  it.each(Object.keys(TRANSITIONS) as Transition[])('%s: every status, actor and kind', (transition) => {
    const [, from, who, kinds, to] = SPEC.find((s) => s[0] === transition)!;
    const wrong: string[] = [];
    for (const [, status, actor, kind] of cellsOf(transition)) {
      const result = checkTransition(transition, status, kind, actor);
      const expected = !who.includes(actor)
        ? 'FORBIDDEN'
        : from.includes(status) && kinds.includes(kind)
          ? `ok:${to}`
          : 'INVALID_TRANSITION';
      const actual = result.ok ? `ok:${result.to}` : result.reason;
      if (actual !== expected) wrong.push(`${status} by ${actor} (${kind}): expected ${expected}, got ${actual}`);
    }
    expect(wrong).toEqual([]);
  });

  it('never lets a supporting or uninvolved officer, an analyst or the public change the status', () => {
    for (const [transition, status, actor, kind] of cells) {
      if (['SUPPORTING_OFFICER', 'OTHER_OFFICER', 'ANALYST', 'PUBLIC'].includes(actor))
        expect(checkTransition(transition, status, kind, actor).ok).toBe(false);
    }
  });
});
