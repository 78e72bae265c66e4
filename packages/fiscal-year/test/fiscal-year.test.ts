import {
  bangkokDate,
  fiscalYearOfDate,
  fiscalYearOfInstant,
  fiscalYearOfMonth,
  fiscalYearRange,
  monthsOfFiscalYear,
} from '../src';

describe('Thai fiscal years', () => {
  it.each([
    ['2017-09-30', 2560],
    ['2017-10-01', 2561],
    ['2018-01-15', 2561],
    ['2018-09-30', 2561],
    ['2018-10-01', 2562],
    ['2024-02-29', 2567],
  ])('%s falls in FY%i', (date, fiscalYear) => {
    expect(fiscalYearOfDate(date)).toBe(fiscalYear);
  });

  it('gives FY2561 as 1 Oct 2017 – 30 Sep 2018, and every day of a range maps back to its year', () => {
    expect(fiscalYearRange(2561)).toEqual({ start: '2017-10-01', end: '2018-09-30' });
    for (const fiscalYear of [2560, 2561, 2562, 2567]) {
      const { start, end } = fiscalYearRange(fiscalYear);
      expect([fiscalYearOfDate(start), fiscalYearOfDate(end)]).toEqual([fiscalYear, fiscalYear]);
      const dayBefore = new Date(Date.parse(`${start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const dayAfter = new Date(Date.parse(`${end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      expect([fiscalYearOfDate(dayBefore), fiscalYearOfDate(dayAfter)]).toEqual([fiscalYear - 1, fiscalYear + 1]);
    }
  });

  it('lists the twelve months October first, each in its own fiscal year', () => {
    const months = monthsOfFiscalYear(2561);
    expect(months[0]).toBe('2017-10');
    expect(months[11]).toBe('2018-09');
    expect(new Set(months.map(fiscalYearOfMonth))).toEqual(new Set([2561]));
  });

  it('refuses what is not a calendar date', () => {
    expect(() => fiscalYearOfDate('2018-13-01')).toThrow(RangeError);
    expect(() => fiscalYearOfDate('01/10/2017')).toThrow(RangeError);
  });

  it('takes today in Bangkok, 7 hours ahead of UTC', () => {
    expect(bangkokDate(new Date('2017-09-30T16:59:59Z'))).toBe('2017-09-30');
    expect(bangkokDate(new Date('2017-09-30T17:00:00Z'))).toBe('2017-10-01');
    expect(fiscalYearOfInstant(new Date('2017-09-30T16:59:59Z'))).toBe(2560);
    expect(fiscalYearOfInstant(new Date('2017-09-30T17:00:00Z'))).toBe(2561);
  });
});
