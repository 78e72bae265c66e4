/** Entry point: read config and run the subgraph process, with the organization and case projections and the delay and lapse watches. */
import '@pcc/telemetry/register';
import { join } from 'node:path';
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { organizationProjection } from '@pcc/organization-projection';
import { main, periodicJobs, runSubgraph } from '@pcc/subgraph-kit';
import { accumulatedFundsRules, configSchema } from './config';
import { dataSourceFor } from './data-source';
import { caseProjection } from './events/case-projection';
import { reportLapses } from './providers/accumulated-funds';
import { reportDelays } from './providers/delays';
import { createServer } from './server';
import { service } from './service';

main(async () => {
  const config = loadConfigOrExit(configSchema);
  await runSubgraph({
    service,
    config,
    schemaFile: join(__dirname, '..', 'schema.graphql'),
    dataSource: dataSourceFor(config),
    subscriptions: [organizationProjection, caseProjection],
    createServer: (deps) => createServer({ ...deps, accumulatedFunds: accumulatedFundsRules(config) }),
    // Time alone gives these work: projects falling behind, and accumulated-funds approvals that lapse
    // without a contract.
    background: periodicJobs(
      {
        run: (dataSource) => reportDelays(dataSource),
        intervalMs: config.DELAY_CHECK_INTERVAL_MS,
        found: 'projects found delayed',
        what: 'delay watch',
      },
      {
        run: (dataSource) => reportLapses(dataSource),
        intervalMs: config.DELAY_CHECK_INTERVAL_MS,
        found: 'accumulated-funds approvals lapsed',
        what: 'lapse watch',
      },
    ),
  });
});
