import { In, type DataSource } from 'typeorm';
import { groupedLoader, isUuid, keyedLoader, yearlyLoader } from '@pcc/subgraph-kit';
import type { WasteSummary } from '../domain/summary';
import type { KeptSummaries } from './kept-summaries';
import { WasteReportEntity } from './entities';

/** Per-request DataLoaders: the summaries of N organizations in a fixed number of queries (no N+1). */
export function createLoaders(dataSource: DataSource, kept: KeptSummaries<unknown>) {
  return {
    reportById: keyedLoader<string, WasteReportEntity>(
      (ids) => {
        const valid = ids.filter(isUuid);
        return valid.length
          ? dataSource.getRepository(WasteReportEntity).findBy({ id: In(valid) })
          : Promise.resolve([]);
      },
      (r) => r.id,
    ),
    revisions: groupedLoader<string, WasteReportEntity & { key: string }>(
      async (keys) => {
        const where = keys
          .map((k) => k.split('|'))
          .map(([organizationId, month]) => ({ organizationId: organizationId!, month: month! }));
        const rows = await dataSource.getRepository(WasteReportEntity).find({ where, order: { revision: 'ASC' } });
        return rows.map((r) => Object.assign(r, { key: `${r.organizationId}|${r.month}` }));
      },
      (r) => r.key,
    ),
    /** Key: `<organization id>|<fiscal year>`; one batch per fiscal year, kept between changes. */
    summary: yearlyLoader<WasteSummary>(
      (ids, year) => kept.summaries(ids, year),
      () => emptySummary(),
    ),
  };
}

const emptySummary = (): WasteSummary => ({
  generatedTonnes: '0.000',
  baselineTonnes: null,
  reductionPercent: null,
  targetPercent: null,
  projectedReductionPercent: null,
  onTrack: null,
  diversionRate: null,
  monthsReported: 0,
  comparableBaselineTonnes: null,
  monthly: [],
});

export type Loaders = ReturnType<typeof createLoaders>;
