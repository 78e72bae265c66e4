import type { DataSource } from 'typeorm';
import type { BaseContext } from '@pcc/subgraph-kit';
import { ReportManager } from './providers/report-manager';
import { ReportReader } from './providers/report-reader';
import { createLoaders, type Loaders } from './store/loaders';

/** What resolvers get for one request. */
export interface Context extends BaseContext {
  dataSource: DataSource;
  reports: ReportManager;
  reader: ReportReader;
  loaders: Loaders;
}

export function createContext(dataSource: DataSource) {
  return (base: BaseContext): Context => ({
    ...base,
    dataSource,
    reports: new ReportManager({ dataSource, identity: base.identity, traceparent: base.traceparent }),
    reader: new ReportReader(dataSource),
    loaders: createLoaders(dataSource),
  });
}
