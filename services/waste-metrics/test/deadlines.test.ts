import { addMonths, deadlineOf, monthsDue } from '../src/domain/deadlines';

/** When a month's report is due, and which months are due at a given instant (Bangkok time). */
describe('waste report deadlines', () => {
  const fifteenth = { deadlineDay: 15, lookbackMonths: 3 };

  it('counts months across years', () => {
    expect(addMonths('2025-11', 2)).toBe('2026-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', -15)).toBe('2024-12');
  });

  it('makes a month due at the end of the deadline day of the next month, Bangkok time', () => {
    expect(deadlineOf('2026-02', fifteenth).toISOString()).toBe('2026-03-15T16:59:59.999Z');
    expect(deadlineOf('2025-12', fifteenth).toISOString()).toBe('2026-01-15T16:59:59.999Z');
    expect(deadlineOf('2026-01', { ...fifteenth, deadlineDay: 28 }).toISOString()).toBe('2026-02-28T16:59:59.999Z');
  });

  it('lists the months due, latest first, within the look-back', () => {
    // On the deadline day itself February is not due yet; a minute after its end it is.
    expect(monthsDue(new Date('2026-03-15T23:59:00+07:00'), fifteenth)).toEqual(['2026-01', '2025-12', '2025-11']);
    expect(monthsDue(new Date('2026-03-16T00:01:00+07:00'), fifteenth)).toEqual(['2026-02', '2026-01', '2025-12']);
    // The deadline day ends at midnight in Bangkok, seven hours before it ends in UTC.
    const one = { deadlineDay: 15, lookbackMonths: 1 };
    expect(monthsDue(new Date('2026-03-15T16:59:00Z'), one)).toEqual(['2026-01']);
    expect(monthsDue(new Date('2026-03-15T17:00:00Z'), one)).toEqual(['2026-02']);
  });
});
