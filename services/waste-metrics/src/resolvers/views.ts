import type { WasteSummary } from '../domain/summary';

/** GraphQL field names for a domain summary (streams and destinations in camelCase). */
export const streamsView = (s: Record<'GENERAL' | 'ORGANIC' | 'RECYCLABLE' | 'HAZARDOUS', string>) => ({
  general: s.GENERAL,
  organic: s.ORGANIC,
  recyclable: s.RECYCLABLE,
  hazardous: s.HAZARDOUS,
});
export const destinationsView = (d: Record<'INCINERATED' | 'LANDFILLED' | 'RECYCLED' | 'COMPOSTED', string>) => ({
  incinerated: d.INCINERATED,
  landfilled: d.LANDFILLED,
  recycled: d.RECYCLED,
  composted: d.COMPOSTED,
});

export const toSummaryView = (fiscalYear: number, s: WasteSummary) => ({
  fiscalYear,
  generatedTonnes: s.generatedTonnes,
  baselineTonnes: s.baselineTonnes,
  reductionPercent: s.reductionPercent,
  targetPercent: s.targetPercent,
  projectedReductionPercent: s.projectedReductionPercent,
  onTrack: s.onTrack,
  diversionRate: s.diversionRate,
  monthsReported: s.monthsReported,
  monthly: s.monthly.map((m) => ({
    month: m.month,
    tonnes: m.tonnes,
    byStream: streamsView(m.byStream),
    byDestination: destinationsView(m.byDestination),
  })),
});
