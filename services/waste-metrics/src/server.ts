import { join } from 'node:path';
import { defineSubgraph, loadSchemaFile, type SubgraphDeps } from '@pcc/subgraph-kit';
import { createContext, type Context } from './context';
import type { ReportingSettings } from './domain/deadlines';
import type { PopulationFigures } from './domain/population';
import { resolvers } from './resolvers';
import { service } from './service';

export const typeDefs = loadSchemaFile(join(__dirname, '..', 'schema.graphql'));

/**
 * `reporting`: deadlines and the look-back of missing reports (default: the 15th, 12 months);
 * `population`: residents per organization for the ranking per resident (none by default);
 * `now`: the clock deadlines are judged on (tests pin it).
 */
export interface WasteDeps extends SubgraphDeps {
  reporting?: ReportingSettings;
  population?: PopulationFigures | null;
  now?: () => Date;
}

/** Builds the waste-metrics subgraph without listening and without I/O of its own. */
export const createServer = defineSubgraph<Context, WasteDeps>({
  name: service.name,
  typeDefs,
  resolvers,
  context: (deps) => createContext(deps.dataSource, deps),
});

export { migrations } from './store/migrations';
export { entities } from './store/entities';
export { organizationProjection } from '@pcc/organization-projection';
export { agreementTargets } from './events/agreement-targets';
export { importCsv } from './providers/csv-import';
export { ReportManager } from './providers/report-manager';
export { flagMissingReports, missingReports } from './providers/missing-reports';
export { DEFAULT_REPORTING, deadlineOf, monthsDue, type ReportingSettings } from './domain/deadlines';
export { loadPopulationFigures, type PopulationFigures } from './domain/population';
export { seed } from './seed/seed';
