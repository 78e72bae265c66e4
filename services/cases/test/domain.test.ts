import { boundingBox, distanceMetres } from '../src/domain/geo';
import { openCaseInput } from '../src/domain/inputs';
import { dueAt, DEFAULT_SLA_HOURS } from '../src/domain/sla';
import { fiscalYearOf, trackingCode } from '../src/domain/tracking';

describe('fiscal years and tracking codes', () => {
  it.each([
    ['2017-10-01T00:00:00+07:00', 2561],
    ['2018-09-30T23:59:00+07:00', 2561],
    ['2018-10-01T00:00:00+07:00', 2562],
    ['2018-09-30T17:30:00Z', 2562], // already 1 Oct in Bangkok
    ['2026-11-26T08:00:00Z', 2570],
  ])('%s is in FY%i', (iso, year) => {
    expect(fiscalYearOf(new Date(iso))).toBe(year);
  });
  it('pads the sequence to six digits', () => {
    expect(trackingCode(2561, 123)).toBe('PCC-2561-000123');
  });
});

describe('distances', () => {
  it('measures metres like the duplicate query', () => {
    const a = { lat: 7.9, lng: 98.3 };
    expect(distanceMetres(a, { lat: 7.9 + 200 / 111_320, lng: 98.3 })).toBeCloseTo(200, -1);
    expect(distanceMetres(a, a)).toBe(0);
    const box = boundingBox(7.9, 98.3, 200);
    expect(distanceMetres(a, { lat: box.maxLat, lng: 98.3 })).toBeGreaterThanOrEqual(199);
    expect(distanceMetres(a, { lat: 7.9, lng: box.maxLng })).toBeGreaterThanOrEqual(199);
  });
});

describe('SLA', () => {
  it('gives each priority its hours', () => {
    const opened = new Date('2026-01-01T00:00:00Z');
    expect(dueAt(opened, 'URGENT', DEFAULT_SLA_HOURS).toISOString()).toBe('2026-01-02T00:00:00.000Z');
    expect(dueAt(opened, 'NORMAL', DEFAULT_SLA_HOURS).toISOString()).toBe('2026-01-08T00:00:00.000Z');
  });
});

describe('intake rules', () => {
  const valid = {
    kind: 'GRIEVANCE',
    category: 'WASTE',
    channel: 'WEB',
    title: 'Bins overflowing',
    description: 'x',
    location: { lat: 7.9, lng: 98.3 },
    reporter: { name: 'A', email: 'a@example.org' },
  };
  it.each([
    ['a valid case', valid, true],
    ['Bangkok coordinates', { ...valid, location: { lat: 13.75, lng: 100.5 } }, false],
    ['a 6,000-character description', { ...valid, description: 'x'.repeat(6000) }, false],
    ['an http attachment', { ...valid, attachmentUrls: ['http://example.org/a.jpg'] }, false],
    [
      '11 attachments',
      { ...valid, attachmentUrls: Array.from({ length: 11 }, (_, i) => `https://example.org/${i}.jpg`) },
      false,
    ],
    ['a reporter without contact', { ...valid, reporter: { name: 'A' } }, false],
  ])('%s', (_name, input, ok) => {
    expect(openCaseInput.safeParse(input).success).toBe(ok);
  });
});
