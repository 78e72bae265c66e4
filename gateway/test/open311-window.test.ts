import { requestWindow } from '../src/open-data/open311-window';

describe("Open311 GET requests' date window", () => {
  const now = new Date('2026-06-30T12:00:00Z');

  it('is the last 90 days without dates', () => {
    expect(requestWindow(undefined, undefined, now)).toEqual({ from: '2026-04-01T12:00:00.000Z' });
  });

  it('takes both dates as given, end_date included', () => {
    expect(requestWindow('2026-01-01T00:00:00+07:00', '2026-01-31T23:59:59Z', now)).toEqual({
      from: '2025-12-31T17:00:00.000Z',
      to: '2026-01-31T23:59:59.001Z',
    });
  });

  it('opens 90 days from a start_date or up to an end_date given alone', () => {
    expect(requestWindow('2026-01-01T00:00:00Z', undefined, now)).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.001Z',
    });
    expect(requestWindow(undefined, '2026-04-01T00:00:00Z', now)).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.001Z',
    });
  });

  it.each([
    ['a date without a time', '2026-01-01', undefined, 'start_date'],
    ['a time without a zone', '2026-01-01T08:00:00', undefined, 'start_date'],
    ['an impossible date', undefined, '2026-02-31T08:00:00Z', 'end_date'],
    ['an end before the start', '2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z', 'before'],
    ['more than 90 days', '2026-01-01T00:00:00Z', '2026-04-01T00:00:00.001Z', '90 days'],
  ])('refuses %s', (_what, start, end, says) => {
    const window = requestWindow(start, end, now);
    expect('error' in window && window.error).toContain(says);
  });
});
