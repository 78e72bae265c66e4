import {
  attendeeList,
  validateMediationSession,
  validateProgress,
  validateWasteReport,
  type MediationForm,
  type ProgressForm,
  type WasteForm,
} from '../src/lib/validation';

describe('the progress report form', () => {
  const project = {
    approvedBudget: '1000000.00',
    disbursed: '400000.00',
    lastReportedOn: '2026-10-01',
    today: '2026-11-29',
  };
  const good: ProgressForm = { reportedOn: '2026-11-29', percent: '60', amountDisbursed: '600000.00', note: '' };

  test('a report within the budget, dated today, has no errors', () => {
    expect(validateProgress(good, project)).toEqual({});
  });

  test('percent is a whole number from 0 to 100', () => {
    expect(validateProgress({ ...good, percent: '101' }, project)).toEqual({ percent: 'validation.percent' });
    expect(validateProgress({ ...good, percent: '50.5' }, project)).toEqual({ percent: 'validation.percent' });
    expect(validateProgress({ ...good, percent: '' }, project)).toEqual({ percent: 'validation.percent' });
    expect(validateProgress({ ...good, percent: '0' }, project)).toEqual({});
  });

  test('the date is neither in the future nor before the latest report', () => {
    expect(validateProgress({ ...good, reportedOn: '2026-11-30' }, project)).toEqual({
      reportedOn: 'validation.future',
    });
    expect(validateProgress({ ...good, reportedOn: '2026-09-30' }, project)).toEqual({
      reportedOn: 'validation.beforeLastReport',
    });
    expect(validateProgress({ ...good, reportedOn: '' }, project)).toEqual({ reportedOn: 'validation.required' });
  });

  test('the amount is baht with at most 2 decimals and keeps the total within the approved budget, exactly', () => {
    expect(validateProgress({ ...good, amountDisbursed: '-1' }, project)).toEqual({
      amountDisbursed: 'validation.baht',
    });
    expect(validateProgress({ ...good, amountDisbursed: '1.005' }, project)).toEqual({
      amountDisbursed: 'validation.baht',
    });
    // 400,000.00 + 600,000.01 is one satang over.
    expect(validateProgress({ ...good, amountDisbursed: '600000.01' }, project)).toEqual({
      amountDisbursed: 'validation.overBudget',
    });
    expect(validateProgress({ ...good, amountDisbursed: '600000' }, project)).toEqual({});
  });
});

describe('the monthly waste form', () => {
  const good: WasteForm = {
    month: '2026-10',
    general: '100.000',
    organic: '50.5',
    recyclable: '20',
    hazardous: '1',
    incinerated: '150',
    landfilled: '10.5',
    recycled: '10',
    composted: '1',
    note: '',
  };

  test('a month whose destinations add up to its streams has no errors', () => {
    expect(validateWasteReport(good, '2026-11')).toEqual({});
  });

  test('the month is required and not in the future', () => {
    expect(validateWasteReport({ ...good, month: '' }, '2026-11')).toEqual({ month: 'validation.month' });
    expect(validateWasteReport({ ...good, month: '2026-12' }, '2026-11')).toEqual({ month: 'validation.future' });
  });

  test('tonnes are not negative and have at most 3 decimals', () => {
    expect(validateWasteReport({ ...good, general: '-5' }, '2026-11')).toEqual({ general: 'validation.tonnes' });
    expect(validateWasteReport({ ...good, organic: '1.2345', recycled: '' }, '2026-11')).toEqual({
      organic: 'validation.tonnes',
      recycled: 'validation.tonnes',
    });
  });

  test('destinations agree with streams within 0.5 %', () => {
    // Streams 171.5 t; destinations d tonnes more may differ by 0.5 % of the larger (171.5 + d): up to 0.8618 t.
    expect(validateWasteReport({ ...good, composted: '1.861' }, '2026-11')).toEqual({});
    expect(validateWasteReport({ ...good, composted: '1.862' }, '2026-11')).toEqual({
      composted: 'validation.wasteAgreement',
    });
  });
});

describe('the mediation session form', () => {
  const now = new Date('2026-11-29T10:00:00Z');
  const good: MediationForm = {
    heldAt: '2026-11-28T14:00',
    mediator: 'Mediation centre',
    attendees: 'Party A\nParty B',
    notes: '',
  };

  test('a past session with a mediator and attendees has no errors', () => {
    expect(validateMediationSession(good, now)).toEqual({});
  });

  test('each field says what is wrong', () => {
    expect(validateMediationSession({ heldAt: '', mediator: ' ', attendees: '\n ,', notes: '' }, now)).toEqual({
      heldAt: 'validation.required',
      mediator: 'validation.mediator',
      attendees: 'validation.attendees',
    });
    expect(validateMediationSession({ ...good, heldAt: '2027-01-01T09:00' }, now)).toEqual({
      heldAt: 'validation.future',
    });
  });

  test('attendees are one a line or separated by commas, blanks dropped', () => {
    expect(attendeeList(' A \n\nB, C ,')).toEqual(['A', 'B', 'C']);
  });
});
