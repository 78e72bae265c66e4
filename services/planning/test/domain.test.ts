import { ACTIONS, checkAction, type Action, type Actor } from '../src/domain/state-machine';
import { approvalProblems, completionProblems, progressProblems, proposalProblems } from '../src/domain/budget-rules';
import { assessDelay } from '../src/domain/delay';
import { fromSatang, percentOf, toSatang } from '../src/domain/money';
import * as rules from '../src/domain/inputs';
import {
  COORDINATION_STATUSES,
  PROJECT_STATUSES,
  type CoordinationStatus,
  type ProjectStatus,
} from '../src/domain/vocabulary';

const ACTORS: Actor[] = ['NETWORK_ADMIN', 'OWNER_OFFICER', 'OTHER_OFFICER', 'ANALYST', 'PUBLIC'];

/** The expected table, written out independently of ACTIONS: [allowed from, to, coordination from, coordination to, who]. */
const EXPECTED: Record<
  Action,
  {
    from: ProjectStatus[];
    to?: ProjectStatus;
    coordinationFrom?: CoordinationStatus[];
    coordinationTo?: CoordinationStatus;
    who: Actor[];
  }
> = {
  edit: { from: ['PROPOSED'], who: ['NETWORK_ADMIN', 'OWNER_OFFICER'] },
  approve: { from: ['PROPOSED'], to: 'APPROVED', who: ['NETWORK_ADMIN', 'OWNER_OFFICER'] },
  startProcurement: { from: ['APPROVED'], to: 'PROCURING', who: ['NETWORK_ADMIN', 'OWNER_OFFICER'] },
  startImplementation: { from: ['PROCURING'], to: 'IN_PROGRESS', who: ['NETWORK_ADMIN', 'OWNER_OFFICER'] },
  complete: { from: ['IN_PROGRESS'], to: 'COMPLETED', who: ['NETWORK_ADMIN', 'OWNER_OFFICER'] },
  cancel: {
    from: ['PROPOSED', 'APPROVED', 'PROCURING', 'IN_PROGRESS'],
    to: 'CANCELLED',
    who: ['NETWORK_ADMIN', 'OWNER_OFFICER'],
  },
  reportProgress: { from: ['IN_PROGRESS'], who: ['NETWORK_ADMIN', 'OWNER_OFFICER'] },
  submitForCoordination: {
    from: ['PROPOSED', 'APPROVED', 'PROCURING', 'IN_PROGRESS'],
    coordinationFrom: ['NOT_SUBMITTED', 'DECLINED'],
    coordinationTo: 'SUBMITTED',
    who: ['NETWORK_ADMIN', 'OWNER_OFFICER'],
  },
  acceptCoordination: {
    from: ['PROPOSED', 'APPROVED', 'PROCURING', 'IN_PROGRESS'],
    coordinationFrom: ['SUBMITTED'],
    coordinationTo: 'ACCEPTED',
    who: ['NETWORK_ADMIN'],
  },
  declineCoordination: {
    from: ['PROPOSED', 'APPROVED', 'PROCURING', 'IN_PROGRESS'],
    coordinationFrom: ['SUBMITTED'],
    coordinationTo: 'DECLINED',
    who: ['NETWORK_ADMIN'],
  },
  linkCase: {
    from: ['PROPOSED', 'APPROVED', 'PROCURING', 'IN_PROGRESS', 'COMPLETED'],
    who: ['NETWORK_ADMIN', 'OWNER_OFFICER'],
  },
  recordContract: { from: ['APPROVED', 'PROCURING', 'IN_PROGRESS'], who: ['NETWORK_ADMIN', 'OWNER_OFFICER'] },
};

describe('the project state machine, cell by cell', () => {
  it('has exactly the actions of the expected table', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  // One test per action; inside, every status × coordination × actor cell (120 of them) is compared.
  it.each(Object.keys(EXPECTED) as Action[])('%s: every status, coordination status and actor', (action) => {
    const rule = EXPECTED[action];
    for (const status of PROJECT_STATUSES) {
      for (const coordination of COORDINATION_STATUSES) {
        for (const actor of ACTORS) {
          const allowed =
            rule.from.includes(status) && (!rule.coordinationFrom || rule.coordinationFrom.includes(coordination));
          const expected = !rule.who.includes(actor)
            ? { ok: false, reason: 'FORBIDDEN' }
            : allowed
              ? { ok: true, to: rule.to, coordinationTo: rule.coordinationTo }
              : { ok: false, reason: 'INVALID_TRANSITION' };
          const { message: _message, ...result } = { message: '', ...checkAction(action, status, coordination, actor) };
          expect({ cell: [status, coordination, actor], result }).toEqual({
            cell: [status, coordination, actor],
            result: expected,
          });
        }
      }
    }
  });

  it('never leaves COMPLETED or CANCELLED by a status move', () => {
    for (const action of Object.keys(ACTIONS) as Action[]) {
      for (const status of ['COMPLETED', 'CANCELLED'] as const) {
        const result = checkAction(action, status, 'NOT_SUBMITTED', 'NETWORK_ADMIN');
        if (result.ok) expect(result.to).toBeUndefined();
      }
    }
  });
});

describe('budget rules', () => {
  const FY2561 = { start: '2017-10-01', end: '2018-09-30' };
  const proposal = {
    fundingSource: 'ANNUAL_BUDGET' as const,
    partnerCount: 0,
    budget: '1000000.00',
    plannedStart: '2017-11-01',
    plannedEnd: '2018-03-31',
    fiscalYear: 2561,
  };

  it.each([
    ['a valid proposal', {}, []],
    ['end before start', { plannedEnd: '2017-10-31' }, ['plannedEnd']],
    ['start outside the fiscal year', { plannedStart: '2018-10-01', plannedEnd: '2018-12-01' }, ['plannedStart']],
    ['a JOINT project without partners', { fundingSource: 'JOINT' as const }, ['partnerOrganizationIds']],
    ['a JOINT project with a partner', { fundingSource: 'JOINT' as const, partnerCount: 1 }, []],
  ])('proposal: %s', (_name, change, fields) => {
    expect(Object.keys(proposalProblems({ ...proposal, ...change }, FY2561)).sort()).toEqual(fields);
  });

  const resolution = { reference: 'มติสภาฯ 2/2561', date: '2018-01-10' };
  it.each([
    ['annual budget without a resolution', 'ANNUAL_BUDGET', '500000.00', null, []],
    ['accumulated funds without a resolution', 'ACCUMULATED_FUNDS', '500000.00', null, ['councilResolution']],
    ['accumulated funds with a resolution', 'ACCUMULATED_FUNDS', '500000.00', resolution, []],
    [
      'a resolution dated tomorrow',
      'ACCUMULATED_FUNDS',
      '500000.00',
      { ...resolution, date: '2018-02-02' },
      ['councilResolution.date'],
    ],
    ['a zero budget', 'SUBSIDY', '0.00', null, ['approvedBudget']],
  ] as const)('approval: %s', (_name, funding, amount, councilResolution, fields) => {
    expect(Object.keys(approvalProblems(funding, amount, councilResolution, '2018-02-01')).sort()).toEqual(fields);
  });

  const approved = { approvedBudget: '1000000.00', disbursed: '600000.00' };
  it.each([
    ['up to the approved budget exactly', 100, '400000.00', []],
    ['one satang over the approved budget', 100, '400000.01', ['amountDisbursed']],
    ['percent 101', 101, '0.00', ['percent']],
    ['percent -1', -1, '0.00', ['percent']],
    ['a fraction of a percent', 50.5, '0.00', ['percent']],
  ])('progress: %s', (_name, percent, amountDisbursed, fields) => {
    expect(
      Object.keys(
        progressProblems({ percent, amountDisbursed, reportedOn: '2018-02-01' }, approved, '2018-02-01'),
      ).sort(),
    ).toEqual(fields);
  });

  it('refuses a progress report dated in the future', () => {
    expect(
      Object.keys(
        progressProblems({ percent: 10, amountDisbursed: '0', reportedOn: '2018-02-02' }, approved, '2018-02-01'),
      ),
    ).toEqual(['reportedOn']);
  });

  it('completes only at 100 %', () => {
    expect(completionProblems(99)).toHaveProperty('progressPercent');
    expect(completionProblems(100)).toEqual({});
  });
});

describe('delay', () => {
  // 100 days from 2018-01-01: on 2018-02-20 half the time has passed.
  const project = {
    status: 'IN_PROGRESS' as const,
    plannedStart: '2018-01-01',
    plannedEnd: '2018-04-11',
    progressPercent: 0,
  };

  it.each([
    [36, false, 14],
    [35, false, 15],
    [34, true, 16],
  ])('progress %i % at half time: delayed %s (%i points behind)', (progressPercent, delayed, behind) => {
    expect(assessDelay({ ...project, progressPercent }, '2018-02-20')).toMatchObject({
      delayed,
      pointsBehind: behind,
      elapsedPercent: 50,
    });
  });

  it('is delayed past the planned end unless finished, and only while under way', () => {
    expect(assessDelay({ ...project, progressPercent: 99 }, '2018-04-12')).toMatchObject({
      delayed: true,
      reason: 'PAST_PLANNED_END',
    });
    expect(assessDelay({ ...project, progressPercent: 99 }, '2018-04-11')).toMatchObject({ delayed: false });
    expect(assessDelay({ ...project, status: 'COMPLETED', progressPercent: 100 }, '2019-01-01')).toMatchObject({
      delayed: false,
    });
    expect(assessDelay({ ...project, status: 'PROPOSED' }, '2019-01-01')).toMatchObject({ delayed: false });
    expect(assessDelay({ ...project, status: 'APPROVED' }, '2018-02-20')).toMatchObject({
      delayed: true,
      reason: 'BEHIND_SCHEDULE',
    }); // a dragging approval counts
    expect(assessDelay({ ...project, status: 'PROCURING' }, '2018-04-12')).toMatchObject({
      delayed: true,
      reason: 'PAST_PLANNED_END',
    });
  });

  it('compares exactly, not on a rounded share of time', () => {
    // Day 3 of 7: 42.86 % elapsed; 27 % done is 15.86 points behind, 28 % is 14.86.
    const week = { status: 'IN_PROGRESS' as const, plannedStart: '2018-01-01', plannedEnd: '2018-01-08' };
    expect(assessDelay({ ...week, progressPercent: 27 }, '2018-01-04')).toMatchObject({
      delayed: true,
      reason: 'BEHIND_SCHEDULE',
    });
    expect(assessDelay({ ...week, progressPercent: 28 }, '2018-01-04')).toMatchObject({ delayed: false });
  });

  it('is not behind before the start', () => {
    expect(assessDelay(project, '2017-12-01')).toMatchObject({ delayed: false, elapsedPercent: 0, pointsBehind: 0 });
  });
});

describe('money and inputs', () => {
  it('adds exactly in satang and formats with 2 decimals', () => {
    expect(fromSatang(toSatang('0.1') + toSatang('0.2'))).toBe('0.30');
    expect(fromSatang(toSatang('999999999999.99') * 19n)).toBe('18999999999999.81');
    expect(percentOf(toSatang('1'), toSatang('3'))).toBe('33.33');
    expect(percentOf(toSatang('2'), toSatang('3'))).toBe('66.67');
    expect(percentOf(0n, 0n)).toBeNull();
  });

  it.each(['-1.00', '1.001', '1e6', '1,000.00', '', '1234567890123.00'])('refuses the amount %p', (amount) => {
    expect(rules.baht.safeParse(amount).success).toBe(false);
  });

  it('refuses a plan longer than 5 years and duplicate strategy codes', () => {
    const plan = {
      organizationId: '00000000-0000-4000-8000-000000000001',
      title: 'Plan',
      firstFiscalYear: 2561,
      lastFiscalYear: 2565,
      strategies: [{ code: 'S1', title: 'One' }],
    };
    expect(rules.planInput.safeParse(plan).success).toBe(true);
    expect(rules.planInput.safeParse({ ...plan, lastFiscalYear: 2566 }).success).toBe(false);
    expect(
      rules.planInput.safeParse({
        ...plan,
        strategies: [
          { code: 'S1', title: 'One' },
          { code: 'S1', title: 'Two' },
        ],
      }).success,
    ).toBe(false);
  });
});
