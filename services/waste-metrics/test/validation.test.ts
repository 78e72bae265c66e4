import { validateReport, type ReportFigures } from '../src/domain/validation';
import { fiscalYearOfMonth, monthsOfFiscalYear } from '@pcc/fiscal-year';
import { toKg, toTonnes } from '../src/domain/tonnes';

const report = (
  streams: [string, string, string, string],
  destinations: [string, string, string, string],
  month = '2018-03',
): ReportFigures => ({
  month,
  byStream: { GENERAL: streams[0], ORGANIC: streams[1], RECYCLABLE: streams[2], HAZARDOUS: streams[3] },
  byDestination: {
    INCINERATED: destinations[0],
    LANDFILLED: destinations[1],
    RECYCLED: destinations[2],
    COMPOSTED: destinations[3],
  },
});
const context = { now: new Date('2026-11-26T00:00:00Z'), establishedOn: '2000-01-01' };
const valid = report(['600', '300', '80', '20'], ['700', '200', '70', '30']); // 1000 t each way

describe('waste report rules', () => {
  it.each([
    ['a valid report', valid, []],
    // 0.5 % of the larger total: 1000 vs 1005 differs by 0.4975 % (ok), 1000 vs 1005.1 by 0.507 % (not).
    ['destinations 0.4975 % above the streams', report(['600', '300', '80', '20'], ['705', '200', '70', '30']), []],
    [
      'destinations 0.507 % above the streams',
      report(['600', '300', '80', '20'], ['705.1', '200', '70', '30']),
      ['byDestination'],
    ],
    [
      'destinations exactly 0.5 % below the streams',
      report(['600', '300', '80', '20'], ['695', '200', '70', '30']),
      [],
    ],
    [
      'destinations 0.51 % below the streams',
      report(['600', '300', '80', '20'], ['694.9', '200', '70', '30']),
      ['byDestination'],
    ],
    ['a negative tonnage', report(['-1', '300', '80', '20'], ['700', '200', '70', '30']), ['byStream.GENERAL']],
    ['four decimals', report(['600.0001', '300', '80', '20'], ['700', '200', '70', '30']), ['byStream.GENERAL']],
    ['not a number', report(['600', 'lots', '80', '20'], ['700', '200', '70', '30']), ['byStream.ORGANIC']],
    ['a month in the future', report(['600', '300', '80', '20'], ['700', '200', '70', '30'], '2026-12'), ['month']],
    ['a malformed month', report(['600', '300', '80', '20'], ['700', '200', '70', '30'], '2018-13'), ['month']],
    [
      'a month before the organization existed',
      report(['600', '300', '80', '20'], ['700', '200', '70', '30'], '1999-12'),
      ['month'],
    ],
    ['all zero', report(['0', '0', '0', '0'], ['0', '0', '0', '0']), []],
    [
      'a total beyond what can be stored',
      report(['999999999', '999999999', '0', '0'], ['999999999', '999999999', '0', '0']),
      ['byStream'],
    ],
  ])('%s', (_name, figures, fields) => {
    expect(Object.keys(validateReport(figures, context)).sort()).toEqual([...fields].sort());
  });

  it('accepts the current month', () => {
    expect(validateReport({ ...valid, month: '2026-11' }, context)).toEqual({});
  });
});

describe('fiscal years and tonnes', () => {
  it('maps months to Buddhist-era fiscal years', () => {
    expect(fiscalYearOfMonth('2017-10')).toBe(2561);
    expect(fiscalYearOfMonth('2018-09')).toBe(2561);
    expect(fiscalYearOfMonth('2018-10')).toBe(2562);
    expect(monthsOfFiscalYear(2561)).toEqual([
      '2017-10',
      '2017-11',
      '2017-12',
      '2018-01',
      '2018-02',
      '2018-03',
      '2018-04',
      '2018-05',
      '2018-06',
      '2018-07',
      '2018-08',
      '2018-09',
    ]);
  });
  it('keeps tonnes exact in kilograms', () => {
    expect(toKg('0.1') + toKg('0.2')).toBe(300);
    expect(toTonnes(toKg('812.5') + toKg('0.001'))).toBe('812.501');
  });
});
