import { summarize } from '../src/domain/summary';
import { monthsOfFiscalYear } from '@pcc/fiscal-year';
import type { ReportFigures } from '../src/domain/validation';

const month = (m: string, tonnes: number): ReportFigures => ({
  month: m,
  byStream: { GENERAL: String(tonnes), ORGANIC: '0', RECYCLABLE: '0', HAZARDOUS: '0' },
  byDestination: { INCINERATED: String(tonnes * 0.9), LANDFILLED: '0', RECYCLED: String(tonnes * 0.1), COMPOSTED: '0' },
});

describe('summarize', () => {
  const baselineMonthly = Object.fromEntries(monthsOfFiscalYear(2560).map((m) => [m.slice(5), 1000_000])); // 1000 t a month
  const baseline = { tonnesKg: 12_000_000, monthlyKg: baselineMonthly };

  it('compares the months reported with the same months of the baseline year and projects the year', () => {
    const reports = monthsOfFiscalYear(2561)
      .slice(0, 3)
      .map((m) => month(m, 940)); // 6 % less
    const s = summarize(2561, reports, baseline, '5.00');
    expect(s).toMatchObject({
      generatedTonnes: '2820.000',
      baselineTonnes: '12000.000',
      reductionPercent: '6.00',
      projectedReductionPercent: '6.00',
      onTrack: true,
      diversionRate: '10.00',
      monthsReported: 3,
    });
  });

  it('is not judged before three months, and is off track below the target', () => {
    const two = monthsOfFiscalYear(2561)
      .slice(0, 2)
      .map((m) => month(m, 990));
    expect(summarize(2561, two, baseline, '5.00').onTrack).toBeNull();
    const three = monthsOfFiscalYear(2561)
      .slice(0, 3)
      .map((m) => month(m, 990));
    expect(summarize(2561, three, baseline, '5.00')).toMatchObject({
      projectedReductionPercent: '1.00',
      onTrack: false,
    });
  });

  it('ignores months of other years and has no reduction without a baseline', () => {
    const s = summarize(2561, [month('2016-10', 500), month('2017-10', 700)], null, '5.00');
    expect(s).toMatchObject({
      generatedTonnes: '700.000',
      baselineTonnes: null,
      reductionPercent: null,
      projectedReductionPercent: null,
      onTrack: null,
      monthsReported: 1,
    });
  });
});

describe('the baseline year', () => {
  it('is not judged against itself', () => {
    const monthly = Object.fromEntries(monthsOfFiscalYear(2560).map((m) => [m.slice(5), 1000_000]));
    const reports = monthsOfFiscalYear(2560).map((m) => month(m, 1000));
    expect(
      summarize(2560, reports, { tonnesKg: 12_000_000, monthlyKg: monthly, fiscalYear: 2560 }, '5.00'),
    ).toMatchObject({ reductionPercent: '0.00', onTrack: null });
  });
});
