import type { DataSource } from 'typeorm';
import { readVersions } from '@pcc/db';
import { VersionedCache } from '@pcc/subgraph-kit';
import type { WasteSummary } from '../domain/summary';
import { summariesFor } from './figures';

/**
 * Waste summaries kept by the process between changes: each organization's year keyed by its waste
 * version, the province's year by the total of every organization's (migration WasteVersions; see
 * VersionedCache for why no caller is ever served anything older than its own write). Computing a
 * summary parses every monthly report of the year and of the baseline year; a dashboard asks for all
 * nineteen, and the province's summary again for all of them. One instance per process.
 */
export class KeptSummaries<P> {
  private readonly organizations = new VersionedCache<WasteSummary>(5_000);
  private readonly province = new VersionedCache<P>(100);

  constructor(private readonly dataSource: DataSource) {}

  /** The summaries of these organizations' fiscal year: one statement when all are kept, three more when not. */
  async summaries(organizationIds: string[], fiscalYear: number): Promise<Map<string, WasteSummary>> {
    const { now, versions } = await readVersions(this.dataSource, 'waste_version', organizationIds);
    const keyOf = (id: string) => `${id}|${fiscalYear}`;
    const kept = await this.organizations.getMany(
      organizationIds.map((id) => ({ key: keyOf(id), version: versions.get(id) ?? '0' })),
      now,
      async (missing) => {
        const ids = missing.map((key) => key.slice(0, key.indexOf('|')));
        const computed = await summariesFor(this.dataSource.manager, ids, fiscalYear);
        return new Map([...computed].map(([id, value]) => [keyOf(id), { value }]));
      },
    );
    return new Map(organizationIds.map((id) => [id, kept.get(keyOf(id))!]));
  }

  /** The province's fiscal year, computed by `compute` when any organization's data changed since. */
  async provinceYear(fiscalYear: number, compute: () => Promise<P>): Promise<P> {
    const { now, total } = await readVersions(this.dataSource, 'waste_version', []);
    return this.province.get(String(fiscalYear), total, now, async () => ({ value: await compute() }));
  }
}
