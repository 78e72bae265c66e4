import { compareDecimal, formatDecimal } from '../src/lib/decimal';
import {
  fiscalYearOf,
  formatBaht,
  formatDateTime,
  formatHours,
  formatMonth,
  formatPercent,
  formatTonnes,
} from '../src/lib/format';

describe('amounts from decimal strings, never through a float', () => {
  test('baht keep every digit of numeric(14,2)', () => {
    expect(formatBaht('123456789012.34', 'en')).toBe('THB 123,456,789,012.34');
    expect(formatBaht('123456789012.34', 'th')).toBe('123,456,789,012.34 บาท');
    // 0.1 + 0.2 territory: a float would print 0.30000000000000004 somewhere along the way.
    expect(formatBaht('0.3', 'en')).toBe('THB 0.30');
    expect(formatBaht('-5', 'en')).toBe('THB -5.00');
  });

  test('tonnes with three decimals, rounded half up on the digits', () => {
    expect(formatTonnes('925.0004', 'en')).toBe('925.000 t');
    expect(formatTonnes('999.9995', 'th')).toBe('1,000.000 ตัน');
    expect(formatDecimal('9007199254740993.5', 0, 'en')).toBe('9,007,199,254,740,994');
  });

  test('percent, and no value', () => {
    expect(formatPercent('5.00', 'en')).toBe('5.00 %');
    expect(formatPercent(null, 'th')).toBe('—');
  });

  test('a value that is not a decimal is shown as it came', () => {
    expect(formatDecimal('n/a', 2, 'en')).toBe('n/a');
  });

  test('decimal strings compare exactly', () => {
    expect(compareDecimal('10.5', '9.75')).toBe(1);
    expect(compareDecimal('-1', '0')).toBe(-1);
    expect(compareDecimal('2.50', '2.5')).toBe(0);
    expect(compareDecimal(null, '0')).toBe(-1);
  });
});

describe('Buddhist-era dates and fiscal years', () => {
  test('dates carry the Buddhist-era year in Bangkok time', () => {
    expect(formatDateTime('2026-11-29T17:30:00Z', 'th')).toContain('2569');
    expect(formatDateTime('2026-11-29T17:30:00Z', 'en')).toContain('2569');
    expect(formatDateTime('2026-11-29T17:30:00Z', 'en')).toContain('30 Nov'); // 00:30 the next day in Bangkok
    expect(formatMonth('2017-10', 'th')).toContain('2560');
  });

  test('the fiscal year starts on 1 October (Bangkok)', () => {
    expect(fiscalYearOf(new Date('2017-09-30T16:59:59Z'))).toBe(2560);
    expect(fiscalYearOf(new Date('2017-09-30T17:00:00Z'))).toBe(2561);
    expect(fiscalYearOf(new Date('2018-09-30T00:00:00Z'))).toBe(2561);
  });

  test('hours as days and hours', () => {
    expect(formatHours(50, 'en')).toBe('2 d 2 h');
    expect(formatHours(5, 'th')).toBe('5 ชม.');
    expect(formatHours(null, 'en')).toBe('—');
  });
});
