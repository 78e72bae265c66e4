/** Entry point: read config and run the subgraph process, with the organization and MOU-target projections. */
import '@pcc/telemetry/register';
import 'reflect-metadata';
import { loadConfigOrExit } from '@pcc/config';
import { TOPICS } from '@pcc/events';
import { organizationProjection } from '@pcc/organization-projection';
import { main, runSubgraph } from '@pcc/subgraph-kit';
import { configSchema } from './config';
import { dataSourceFor } from './data-source';
import { agreementTargets } from './events/agreement-targets';
import { createServer } from './server';

main(async () => {
  const config = loadConfigOrExit(configSchema);
  await runSubgraph({
    name: 'waste-metrics',
    config,
    dataSource: dataSourceFor(config),
    topics: [TOPICS.wasteReport, TOPICS.organization, TOPICS.agreement],
    subscriptions: [organizationProjection, agreementTargets],
    createServer,
  });
});
