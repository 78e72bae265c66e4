import type { DataSource } from 'typeorm';
import type { BaseContext } from '@pcc/subgraph-kit';
import { projectionScope } from '@pcc/organization-projection';
import { ReportImport } from './providers/csv-import';
import { ReportManager } from './providers/report-manager';
import { ReportReader } from './providers/report-reader';
import { ReportReview } from './providers/report-review';
import { DEFAULT_REPORTING, type ReportingSettings } from './domain/deadlines';
import type { PopulationFigures } from './domain/population';
import { createLoaders, type Loaders } from './store/loaders';
import { KeptSummaries } from './store/kept-summaries';
import type { ProvinceSummary } from './providers/province';

/** What resolvers get for one request: the providers acting for the caller, and the loaders. */
export interface Context extends BaseContext {
  reports: ReportManager;
  imports: ReportImport;
  reader: ReportReader;
  review: ReportReview;
  loaders: Loaders;
}

export interface ContextOptions {
  reporting?: ReportingSettings;
  population?: PopulationFigures | null;
  now?: () => Date;
}

export function createContext(dataSource: DataSource, options: ContextOptions = {}) {
  const settings = {
    reporting: options.reporting ?? DEFAULT_REPORTING,
    population: options.population ?? null,
    now: options.now ?? (() => new Date()),
  };
  // Kept by the process between requests: every request reads the versions it is served at.
  const kept = new KeptSummaries<ProvinceSummary>(dataSource);
  return (base: BaseContext): Context => {
    const scope = projectionScope(dataSource, base.identity, base.traceparent);
    return {
      ...base,
      reports: new ReportManager(scope),
      imports: new ReportImport(scope),
      reader: new ReportReader(scope, kept, settings),
      review: new ReportReview(scope),
      loaders: createLoaders(dataSource, kept),
    };
  };
}
