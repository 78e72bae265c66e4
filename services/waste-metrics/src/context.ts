import type { DataSource } from 'typeorm';
import type { BaseContext } from '@pcc/subgraph-kit';
import { projectionScope } from '@pcc/organization-projection';
import { ReportImport } from './providers/csv-import';
import { ReportManager } from './providers/report-manager';
import { ReportReader } from './providers/report-reader';
import { createLoaders, type Loaders } from './store/loaders';
import { KeptSummaries } from './store/kept-summaries';
import type { ProvinceSummary } from './providers/province';

/** What resolvers get for one request: the providers acting for the caller, and the loaders. */
export interface Context extends BaseContext {
  reports: ReportManager;
  imports: ReportImport;
  reader: ReportReader;
  loaders: Loaders;
}

export function createContext(dataSource: DataSource) {
  // Kept by the process between requests: every request reads the versions it is served at.
  const kept = new KeptSummaries<ProvinceSummary>(dataSource);
  return (base: BaseContext): Context => {
    const scope = projectionScope(dataSource, base.identity, base.traceparent);
    return {
      ...base,
      reports: new ReportManager(scope),
      imports: new ReportImport(scope),
      reader: new ReportReader(scope, kept),
      loaders: createLoaders(dataSource, kept),
    };
  };
}
