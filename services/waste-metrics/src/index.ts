/** Entry point: read config and run the subgraph process, with the organization and MOU-target projections and the deadline watch. */
import '@pcc/telemetry/register';
import { join } from 'node:path';
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { organizationProjection } from '@pcc/organization-projection';
import { main, periodicJob, runSubgraph } from '@pcc/subgraph-kit';
import { configSchema } from './config';
import { dataSourceFor } from './data-source';
import { agreementTargets } from './events/agreement-targets';
import { DEFAULT_REPORTING } from './domain/deadlines';
import { loadPopulationFigures } from './domain/population';
import { flagMissingReports } from './providers/missing-reports';
import { createServer } from './server';
import { service } from './service';

main(async () => {
  const config = loadConfigOrExit(configSchema);
  const reporting = {
    ...DEFAULT_REPORTING,
    deadlineDay: config.WASTE_REPORT_DEADLINE_DAY,
    lookbackMonths: config.WASTE_MISSING_LOOKBACK_MONTHS,
  };
  const population = config.WASTE_POPULATION_FILE ? loadPopulationFigures(config.WASTE_POPULATION_FILE) : null;
  await runSubgraph({
    service,
    config,
    schemaFile: join(__dirname, '..', 'schema.graphql'),
    dataSource: dataSourceFor(config),
    subscriptions: [organizationProjection, agreementTargets],
    createServer: (deps) => createServer({ ...deps, reporting, population }),
    background: periodicJob({
      run: (dataSource) => flagMissingReports(dataSource, reporting),
      intervalMs: config.WASTE_DEADLINE_CHECK_INTERVAL_MS,
      found: 'waste reports flagged missing',
      what: 'deadline watch',
    }),
  });
});
