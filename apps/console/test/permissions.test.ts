import {
  caseActions,
  mayOpen,
  mayOpenOrganization,
  pagesFor,
  projectActions,
  referralActions,
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

describe('referrals to bodies outside the network', () => {
  test('the lead and a network admin refer an open case and record replies', () => {
    for (const actor of [
      { role: 'LGO_OFFICER' as const, leads: true },
      { role: 'NETWORK_ADMIN' as const, leads: false },
    ]) {
      expect(referralActions('IN_PROGRESS', actor)).toEqual(['refer', 'recordReply']);
      expect(referralActions('RECEIVED', actor)).toEqual(['refer', 'recordReply']);
    }
  });

  test('a reply is still recorded once the case is resolved or closed; no new referral then', () => {
    const lead = { role: 'LGO_OFFICER' as const, leads: true };
    expect(referralActions('RESOLVED', lead)).toEqual(['recordReply']);
    expect(referralActions('CLOSED', lead)).toEqual(['recordReply']);
  });

  test('other organizations, supporters, analysts and the public do neither', () => {
    expect(referralActions('IN_PROGRESS', { role: 'LGO_OFFICER', leads: false, supports: true })).toEqual([]);
    expect(referralActions('IN_PROGRESS', { role: 'ANALYST', leads: false })).toEqual([]);
    expect(referralActions('IN_PROGRESS', { role: 'PUBLIC', leads: false })).toEqual([]);
  });
});
