import { overdueFirst } from '../src/lib/follow-up-actions';
import {
  caseActions,
  followUpMoves,
  mayOpen,
  mayOpenOrganization,
  pagesFor,
  projectActions,
} from '../src/lib/permissions';

describe('what each role is shown', () => {
  test('pages per role', () => {
    expect(pagesFor('PUBLIC')).toEqual(['report', 'follow']);
    expect(mayOpen('LGO_OFFICER', 'inbox')).toBe(true);
    expect(mayOpen('LGO_OFFICER', 'triage')).toBe(false);
    expect(mayOpen('LGO_OFFICER', 'province')).toBe(false);
    expect(mayOpen('ANALYST', 'province')).toBe(true);
    expect(mayOpen('ANALYST', 'triage')).toBe(false);
    expect(mayOpen('NETWORK_ADMIN', 'triage')).toBe(true);
    expect(mayOpen('NETWORK_ADMIN', 'waste')).toBe(true);
    expect(mayOpen('ANALYST', 'waste')).toBe(false);
    expect(mayOpen('LGO_OFFICER', 'notifications')).toBe(true);
    expect(mayOpen('NETWORK_ADMIN', 'notifications')).toBe(true);
    expect(mayOpen('ANALYST', 'notifications')).toBe(false);
    expect(mayOpen('PUBLIC', 'notifications')).toBe(false);
    expect(mayOpen('PUBLIC', 'inbox')).toBe(false);
    expect(mayOpen('NETWORK_ADMIN', 'meetings')).toBe(true);
    expect(mayOpen('LGO_OFFICER', 'meetings')).toBe(true);
    expect(mayOpen('ANALYST', 'meetings')).toBe(false);
    expect(mayOpen('PUBLIC', 'meetings')).toBe(false);
  });

  test("the lead officer gets the state machine's next steps", () => {
    const lead = { role: 'LGO_OFFICER' as const, leads: true };
    expect(caseActions('TRIAGED', 'GRIEVANCE', lead)).toEqual(['accept', 'forward', 'invite', 'note', 'markDuplicate']);
    expect(caseActions('ASSIGNED', 'GRIEVANCE', lead)).toEqual(['start', 'forward', 'invite', 'note', 'markDuplicate']);
    expect(caseActions('ASSIGNED', 'CONFLICT', lead)).toContain('startMediation');
    expect(caseActions('IN_PROGRESS', 'GRIEVANCE', lead)).toEqual([
      'resolve',
      'forward',
      'invite',
      'note',
      'markDuplicate',
    ]);
    expect(caseActions('RESOLVED', 'GRIEVANCE', lead)).toEqual(['close']);
    expect(caseActions('CLOSED', 'GRIEVANCE', lead)).toEqual([]);
  });

  test('a supporting officer, an analyst and the public get no actions; the coordinator triages', () => {
    expect(caseActions('TRIAGED', 'GRIEVANCE', { role: 'LGO_OFFICER', leads: false })).toEqual([]);
    expect(caseActions('IN_PROGRESS', 'GRIEVANCE', { role: 'ANALYST', leads: false })).toEqual([]);
    expect(caseActions('RECEIVED', 'GRIEVANCE', { role: 'PUBLIC', leads: false })).toEqual([]);
    expect(caseActions('RECEIVED', 'GRIEVANCE', { role: 'NETWORK_ADMIN', leads: false })).toEqual([
      'triage',
      'note',
      'markDuplicate',
    ]);
  });
});

describe('projects and organizations', () => {
  test("officers have the Projects page; the organization page is the coordinator's and the analyst's", () => {
    expect(mayOpen('LGO_OFFICER', 'projects')).toBe(true);
    expect(mayOpen('PUBLIC', 'projects')).toBe(false);
    expect(mayOpenOrganization('NETWORK_ADMIN')).toBe(true);
    expect(mayOpenOrganization('ANALYST')).toBe(true);
    expect(mayOpenOrganization('LGO_OFFICER')).toBe(false);
    expect(mayOpenOrganization('PUBLIC')).toBe(false);
  });

  test('only the owner reports progress, while the project is in progress', () => {
    const owner = { role: 'LGO_OFFICER' as const, owns: true };
    expect(projectActions('IN_PROGRESS', 'ACCEPTED', owner)).toEqual(['reportProgress']);
    expect(projectActions('PROCURING', 'ACCEPTED', owner)).toEqual([]);
    expect(projectActions('IN_PROGRESS', 'ACCEPTED', { role: 'LGO_OFFICER', owns: false })).toEqual([]);
    expect(projectActions('IN_PROGRESS', 'ACCEPTED', { role: 'ANALYST', owns: false })).toEqual([]);
  });

  test('an open project goes to the PAO when not yet submitted, or again after a decline', () => {
    const owner = { role: 'LGO_OFFICER' as const, owns: true };
    expect(projectActions('APPROVED', 'NOT_SUBMITTED', owner)).toEqual(['submitForCoordination']);
    expect(projectActions('IN_PROGRESS', 'DECLINED', owner)).toEqual(['reportProgress', 'submitForCoordination']);
    expect(projectActions('APPROVED', 'SUBMITTED', owner)).toEqual([]);
    expect(projectActions('COMPLETED', 'NOT_SUBMITTED', owner)).toEqual([]);
  });
});

describe('mediation sessions', () => {
  test('recorded while a conflict is in mediation, by its lead or a supporting organization', () => {
    expect(caseActions('IN_MEDIATION', 'CONFLICT', { role: 'LGO_OFFICER', leads: true })).toContain('recordMediation');
    expect(caseActions('IN_MEDIATION', 'CONFLICT', { role: 'LGO_OFFICER', leads: false, supports: true })).toEqual([
      'recordMediation',
    ]);
    expect(caseActions('IN_MEDIATION', 'CONFLICT', { role: 'LGO_OFFICER', leads: false })).toEqual([]);
    expect(caseActions('IN_PROGRESS', 'CONFLICT', { role: 'LGO_OFFICER', leads: true })).not.toContain(
      'recordMediation',
    );
  });
});

describe('follow-up actions', () => {
  test('OPEN ⇄ IN_PROGRESS → DONE; only the network centre cancels; DONE and CANCELLED are final', () => {
    expect(followUpMoves('OPEN', 'LGO_OFFICER')).toEqual(['IN_PROGRESS', 'DONE']);
    expect(followUpMoves('IN_PROGRESS', 'LGO_OFFICER')).toEqual(['OPEN', 'DONE']);
    expect(followUpMoves('OPEN', 'NETWORK_ADMIN')).toEqual(['IN_PROGRESS', 'DONE', 'CANCELLED']);
    expect(followUpMoves('DONE', 'NETWORK_ADMIN')).toEqual([]);
    expect(followUpMoves('CANCELLED', 'LGO_OFFICER')).toEqual([]);
    expect(followUpMoves('OPEN', 'ANALYST')).toEqual([]);
  });

  test('overdue ones first, then by due date', () => {
    const actions = [
      { id: 'a', overdue: false, dueOn: '2030-01-01' },
      { id: 'b', overdue: true, dueOn: '2017-06-30' },
      { id: 'c', overdue: false, dueOn: '2029-01-01' },
      { id: 'd', overdue: true, dueOn: '2017-03-31' },
    ];
    expect(overdueFirst(actions).map((a) => a.id)).toEqual(['d', 'b', 'c', 'a']);
  });
});
