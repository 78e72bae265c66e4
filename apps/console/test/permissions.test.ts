import { caseActions, mayOpen, pagesFor } from '../src/lib/permissions';

describe('what each role is shown', () => {
  test('pages per role', () => {
    expect(pagesFor('PUBLIC')).toEqual(['report', 'follow']);
    expect(mayOpen('LGO_OFFICER', 'inbox')).toBe(true);
    expect(mayOpen('LGO_OFFICER', 'triage')).toBe(false);
    expect(mayOpen('LGO_OFFICER', 'province')).toBe(false);
    expect(mayOpen('ANALYST', 'province')).toBe(true);
    expect(mayOpen('ANALYST', 'triage')).toBe(false);
    expect(mayOpen('NETWORK_ADMIN', 'triage')).toBe(true);
    expect(mayOpen('PUBLIC', 'inbox')).toBe(false);
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
