/** Entry point: read config and run the subgraph process, with the organization and case projections and the delay watch. */
import '@pcc/telemetry/register';
import { join } from 'node:path';
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { organizationProjection } from '@pcc/organization-projection';
import { main, periodicJob, runSubgraph } from '@pcc/subgraph-kit';
import { configSchema } from './config';
import { dataSourceFor } from './data-source';
import { caseProjection } from './events/case-projection';
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
    createServer,
    background: periodicJob({
      run: (dataSource) => reportDelays(dataSource),
      intervalMs: config.DELAY_CHECK_INTERVAL_MS,
      found: 'projects found delayed',
      what: 'delay watch',
    }),
  });
});
