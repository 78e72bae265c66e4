/** Entry point: read config and run the subgraph process, with the organization projection and the SLA watch. */
import '@pcc/telemetry/register';
import { join } from 'node:path';
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { organizationProjection } from '@pcc/organization-projection';
import { main, periodicJob, runSubgraph } from '@pcc/subgraph-kit';
import { configSchema, slaHoursOf } from './config';
import { dataSourceFor } from './data-source';
import { reportSlaBreaches } from './providers/sla-watch';
import { createServer } from './server';
import { service } from './service';

main(async () => {
  const config = loadConfigOrExit(configSchema);
  await runSubgraph({
    service,
    config,
    schemaFile: join(__dirname, '..', 'schema.graphql'),
    dataSource: dataSourceFor(config),
    subscriptions: [organizationProjection],
    createServer: (deps) => createServer({ ...deps, sla: slaHoursOf(config) }),
    background: periodicJob({
      run: (dataSource) => reportSlaBreaches(dataSource),
      intervalMs: config.SLA_CHECK_INTERVAL_MS,
      // As before: the first sweep one interval after start, not a few seconds in.
      firstAfterMs: config.SLA_CHECK_INTERVAL_MS,
      found: 'SLA breaches reported',
      what: 'SLA watch',
    }),
  });
});
